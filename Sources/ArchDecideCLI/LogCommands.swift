import ArgumentParser
import DecisionLog
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Scaffold

/// Output formats of the log commands.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `--db PATH` for the commands that read the decision log (they never create one).
struct LogDatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: databaseHelp)
    var database: String?

    var location: DecisionLogLocation { DecisionLogLocation(explicit: database, environment: ProcessInfo.processInfo.environment) }

    /// Opens the log (read-only unless `forWriting`) or prints one line naming the path and exits 1.
    func open(console: Console, forWriting: Bool = false) throws -> SQLiteDecisionStore {
        do {
            return try forWriting ? location.openExistingForWriting() : location.openExisting()
        } catch {
            console.err(error.description)
            throw ExitStatus.failure
        }
    }

    /// Runs a query, printing a failure as one line naming the path.
    func query<T>(_ console: Console, _ body: () throws(DecisionLogError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            console.err(error.description)
            throw ExitStatus.failure
        }
    }
}

/// Reads a decision id argument (`d-000042`, `d-42` or `42`).
struct DecisionIDArgument: ExpressibleByArgument {
    var id: DecisionID
    init?(argument: String) {
        guard let id = DecisionID(parsing: argument) else { return nil }
        self.id = id
    }
}

/// Finds one record or says which id is missing from which log, and exits 1.
private func fetch(_ id: DecisionID, from store: SQLiteDecisionStore, db: LogDatabaseOption, console: Console) throws -> DecisionRecord {
    guard let record = try db.query(console, { () throws(DecisionLogError) in try store.record(id) }) else {
        console.err(DecisionLogError(.noSuchDecision, path: store.path, "no decision \(id) in the log (see `archdecide history`)").description)
        throw ExitStatus.failure
    }
    return record
}

// MARK: - history

/// `archdecide history`: the recorded decisions, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded decisions, newest first (withdrawn ones only with --all).",
        discussion: """
        `archdecide history --path` prints where the decision log is (from --db, $ARCHDECIDE_DB, \
        $XDG_DATA_HOME or ~/.local/share), whether or not it exists yet.
        Exit status: 0 listed (an empty or missing log lists nothing), 1 the log cannot be read.
        """)

    @Option(help: ArgumentHelp("Only this profile's decisions.", valueName: "NAME"))
    var profile: String?

    @Option(help: "At most this many decisions (0 for all).")
    var limit: Int = 20

    @Flag(help: "List withdrawn decisions too, marked as such.")
    var all = false

    @Flag(help: "Print the decision log's path and nothing else.")
    var path = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: LogFormat = .text

    @OptionGroup var db: LogDatabaseOption

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let console = Console()
        let location = db.location
        if path {
            console.out(location.path)
            return
        }
        guard FileManager.default.fileExists(atPath: location.path) else {
            if format == .json { console.out("[]") } else { console.text("no decisions recorded yet (no log at \(location.path))") }
            return
        }
        let store = try db.open(console: console)
        let query = HistoryQuery(profile: profile, limit: limit == 0 ? nil : limit, includeWithdrawn: all)
        let records = try db.query(console) { () throws(DecisionLogError) in try store.history(query) }
        switch format {
        case .json:
            console.out(JSONValue.array(records.map(LogJSON.summary)).pretty)
        case .text:
            let everything = try db.query(console) { () throws(DecisionLogError) in try store.count(profile: profile) }
            let listed = all ? everything : try db.query(console) { () throws(DecisionLogError) in
                try store.history(HistoryQuery(profile: profile, includeWithdrawn: false)).count
            }
            console.text(mode: .table, LogText.history(records, total: listed, withdrawn: everything - listed, style: Style(enabled: console.colorOut),
                                        path: store.path, profile: profile))
        }
    }
}

// MARK: - show

/// `archdecide show ID`: one recorded decision in full, with the profile as it was given.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recorded decision: answers, scores, rules that fired, flips, and the profile as given.",
        discussion: "Exit status: 0 shown, 1 no such decision or the log cannot be read.")

    @Argument(help: ArgumentHelp("The decision id (d-000042, d-42 or 42).", valueName: "ID"))
    var id: DecisionIDArgument

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: LogFormat = .text

    @OptionGroup var db: LogDatabaseOption

    func run() throws {
        let console = Console()
        let store = try db.open(console: console)
        let record = try fetch(id.id, from: store, db: db, console: console)
        switch format {
        case .json:
            console.out(LogJSON.full(record).pretty)
        case .text:
            guard let ruleSet = RuleSource.load(folder: nil).ruleSet else { throw ExitStatus.failure }
            console.text(LogText.show(record, current: ruleSet, style: Style(enabled: console.colorOut)))
        }
    }
}

// MARK: - withdraw

/// `archdecide withdraw ID`: marks a decision withdrawn by appending a withdrawal; nothing is deleted.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Withdraw a recorded decision (e.g. one made on an example): history leaves it out; nothing is deleted.",
        discussion: """
        The log stays append-only: the withdrawal is recorded beside the decision, with its time and reason. \
        `history --all` and `show ID` still show the decision, marked withdrawn; `recheck` skips it.
        Exit status: 0 withdrawn, 1 no such decision, already withdrawn, or the log cannot be written.
        """)

    @Argument(help: ArgumentHelp("The decision ids (d-000042, d-42 or 42).", valueName: "ID"))
    var ids: [DecisionIDArgument]

    @Option(help: ArgumentHelp("Why it is withdrawn (shown by history and show).", valueName: "TEXT"))
    var reason: String = ""

    @OptionGroup var db: LogDatabaseOption

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the id of the decision to withdraw (see `archdecide history`)") }
        if reason.count > 500 { throw ValidationError("--reason may be at most 500 characters") }
        if reason.contains(where: \.isNewline) { throw ValidationError("--reason must be one line") }
    }

    func run() throws {
        let console = Console()
        let store = try db.open(console: console, forWriting: true)
        var failed = false
        for id in ids {
            do {
                _ = try store.withdraw(id.id, reason: reason, at: Date(), toolVersion: ArchDecide.version)
                console.text("withdrew \(id.id) (history no longer lists it; `archdecide show \(id.id)` still does)")
            } catch {
                console.err(error.description)
                failed = true
            }
        }
        if failed { throw ExitStatus.failure }
    }
}

// MARK: - diff

/// `archdecide diff ID1 ID2`: what changed between two decisions.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two recorded decisions: changed answers, score moves, rules that started or stopped firing.",
        discussion: "Exit status: 0 compared, 1 no such decision or the log cannot be read.")

    @Argument(help: ArgumentHelp("The earlier decision.", valueName: "ID1"))
    var first: DecisionIDArgument

    @Argument(help: ArgumentHelp("The later decision.", valueName: "ID2"))
    var second: DecisionIDArgument

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: LogFormat = .text

    @OptionGroup var db: LogDatabaseOption

    func run() throws {
        let console = Console()
        let store = try db.open(console: console)
        let diff = DecisionDiff(from: try fetch(first.id, from: store, db: db, console: console),
                                to: try fetch(second.id, from: store, db: db, console: console))
        switch format {
        case .json: console.out(LogJSON.diff(diff).pretty)
        case .text: console.text(LogText.diff(diff, style: Style(enabled: console.colorOut)))
        }
    }
}

// MARK: - adr

/// `archdecide adr ID`: the decision as an architecture decision record (MADR 4).
struct ADRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adr",
        abstract: "Export a recorded decision as an ADR in MADR 4 form.",
        discussion: """
        The number is the ADR's, not the decision's. With --output FOLDER (an existing folder, or a path \
        ending in /) the ADR takes the next free number there and is written as NNNN-architecture-of-NAME.md; \
        with --output FILE its number is the one FILE's name starts with (0005-x.md is ADR 0005), else \
        --number, else the next free number in FILE's folder. On standard output it is --number (default 1).
        The scores, fired rules and flips are the recorded ones; option titles and consequences come from \
        the current rules (built-in, or --rules DIR).
        Exit status: 0 written, 1 no such decision, the log cannot be read, FILE exists (without --force) \
        or cannot be written.
        """)

    @Argument(help: ArgumentHelp("The decision id (d-000042, d-42 or 42).", valueName: "ID"))
    var id: DecisionIDArgument

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the ADR into FOLDER (next free number) or to FILE, instead of standard output.", valueName: "FOLDER|FILE"))
    var output: String?

    @Option(help: ArgumentHelp("The ADR's number, when neither the folder nor the file name gives it.", valueName: "N"))
    var number: Int?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var db: LogDatabaseOption

    func validate() throws {
        if let number, !(1...999_999).contains(number) { throw ValidationError("--number must be between 1 and 999999") }
    }

    /// Where the ADR goes and which number it takes.
    enum Target: Equatable {
        case standardOutput(number: Int)
        case file(path: String, number: Int)
    }

    /// Resolves `--output` and `--number`: a folder takes its next free number; a file's name gives its number.
    static func target(output: String?, number: Int?, profile: String) -> Result<Target, Diagnostic> {
        guard let output else { return .success(.standardOutput(number: number ?? 1)) }
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        let exists = fm.fileExists(atPath: output, isDirectory: &isFolder)
        let names: (String) -> [String] = { (try? fm.contentsOfDirectory(atPath: $0)) ?? [] }
        if (exists && isFolder.boolValue) || output.hasSuffix("/") {
            if number != nil {
                return .failure(Diagnostic(.invalidValue, "--number cannot be given with a folder: the ADR takes the folder's next free number",
                                           at: SourceLocation(file: output)))
            }
            let next = ADR.nextNumber(among: names(output))
            return .success(.file(path: (output as NSString).appendingPathComponent(ADR.fileName(number: next, profile: profile)), number: next))
        }
        let name = (output as NSString).lastPathComponent
        if let own = ADR.number(inFileName: name) {
            if let number, number != own {
                return .failure(Diagnostic(.invalidValue, "the file name says ADR \(String(format: "%04d", own)) but --number says \(number); the heading must match the file name",
                                           at: SourceLocation(file: output)))
            }
            return .success(.file(path: output, number: own))
        }
        let folder = (output as NSString).deletingLastPathComponent
        return .success(.file(path: output, number: number ?? ADR.nextNumber(among: names(folder.isEmpty ? "." : folder))))
    }

    func run() throws {
        let console = Console()
        let ruleSet = try rules.load(console: console)
        let store = try db.open(console: console)
        let record = try fetch(id.id, from: store, db: db, console: console)
        guard let evaluation = record.evaluation else {
            console.err(DecisionLogError(.unreadableRecord, path: store.path, "decision \(record.id) holds an evaluation this version cannot read").description)
            throw ExitStatus.failure
        }
        let target: Target
        switch Self.target(output: output, number: number, profile: record.profileName) {
        case .success(let t): target = t
        case .failure(let problem):
            console.report([problem])
            throw ExitStatus.failure
        }
        if case .file(let path, _) = target {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    console.report([Diagnostic(.notWritable, "cannot create the folder: \(Self.reason(error))", at: SourceLocation(file: folder))])
                    throw ExitStatus.failure
                }
            }
            if let problem = AtomicFile.check(path, overwrite: force) {
                console.report([problem])
                throw ExitStatus.failure
            }
        }
        let loaded = ProfileLoader(catalog: ruleSet.catalog).load(text: record.profileText, file: record.profileFile)
        let profile = loaded.profile ?? Profile(name: record.profileName, answers: [:], file: record.profileFile, text: record.profileText)
        if record.rulesDigest != ruleSet.digest {
            console.err("note: \(record.id) was decided with rules sha256 \(record.rulesDigest.prefix(12)); option titles and consequences come from \(ruleSet.origin) rules sha256 \(ruleSet.digest.prefix(12))")
        }
        let adrNumber: Int
        switch target {
        case .standardOutput(let n), .file(_, let n): adrNumber = n
        }
        let text = try ADR.render(ADRInput(
            profile: profile, evaluation: evaluation, ruleSet: ruleSet, date: String(LogText.iso(record.recordedAt).prefix(10)),
            number: adrNumber, decisionID: record.id.description, topologyOverride: record.topologyOverride))
        guard case .file(let path, _) = target else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try AtomicFile.write(text, to: path, overwrite: force)
        } catch {
            console.report([error])
            throw ExitStatus.failure
        }
        console.text("wrote \(path) (ADR \(String(format: "%04d", adrNumber)) from \(record.id))")
    }

    /// The system's reason for a Foundation file error, without Foundation's domain and code.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
        return ns.localizedFailureReason ?? "the file system refused it"
    }
}

// MARK: - recheck

/// `archdecide recheck`: which recorded decisions the current rules would now decide differently, and why.
struct RecheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recheck",
        abstract: "Re-evaluate recorded decisions against the current rules and list those that would now differ.",
        discussion: """
        Each decision's profile is re-read from the text recorded with it and evaluated with the current \
        rules (built-in, or --rules DIR). The rules that started or stopped firing, or now give other \
        points, are the ones that made the difference.
        Exit status: 0 checked (1 with --exit-code when a recommendation changed), 1 the log cannot be read, \
        65 the rules are invalid.
        """)

    @Option(help: ArgumentHelp("Only this profile's decisions.", valueName: "NAME"))
    var profile: String?

    @Flag(help: "Only the latest decision of each profile.")
    var latest = false

    @Flag(name: .customLong("exit-code"), help: "Exit 1 when any recommendation would now be different (for CI).")
    var exitCode = false

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: LogFormat = .text

    @OptionGroup var rules: RulesOption
    @OptionGroup var db: LogDatabaseOption

    func run() throws {
        let console = Console()
        let ruleSet = try rules.load(console: console)
        let location = db.location
        var records: [DecisionRecord] = []
        if FileManager.default.fileExists(atPath: location.path) {
            let store = try db.open(console: console)
            records = try db.query(console) { () throws(DecisionLogError) in try store.all() }
        }
        records = records.filter { $0.withdrawal == nil }
        if let profile { records = records.filter { $0.profileName == profile } }
        if latest {
            var newest: [String: DecisionRecord] = [:]
            for r in records { newest[r.profileName] = r }
            records = records.filter { newest[$0.profileName]?.id == $0.id }
        }
        let engine = DecisionEngine(ruleSet: ruleSet)
        let loader = ProfileLoader(catalog: ruleSet.catalog)
        let results = Recheck.run(records, rulesDigest: ruleSet.digest) { record in
            Self.reevaluate(record, engine: engine, loader: loader)
        }
        switch format {
        case .json: console.out(LogJSON.recheck(results, ruleSet: ruleSet).pretty)
        case .text: console.text(LogText.recheck(results, ruleSet: ruleSet, style: Style(enabled: console.colorOut)))
        }
        if exitCode && results.contains(where: { $0.status == .changed }) { throw ExitStatus.failure }
    }

    /// The stored profile text read again and decided with the current rules; the stored given answers
    /// when no text was kept.
    static func reevaluate(_ record: DecisionRecord, engine: DecisionEngine, loader: ProfileLoader) -> Result<Evaluation, Recheck.RecheckFailure> {
        if !record.profileText.isEmpty {
            let loaded = loader.load(text: record.profileText, file: record.profileFile)
            if let profile = loaded.profile { return .success(engine.decide(profile)) }
            let first = loaded.diagnostics.sortedByLocation().first { $0.severity == .error }
            return .failure(.init(first.map { "the current rules reject its profile: \($0.message) [\($0.code.rawValue)]" } ?? "the profile no longer loads"))
        }
        guard case .object(let pairs) = record.givenAnswers else { return .failure(.init("no profile text or answers were recorded")) }
        var given: [String: AnswerValue] = [:]
        for (field, json) in pairs {
            guard let question = engine.ruleSet.catalog[field] else { return .failure(.init("the current rules have no question '\(field)'")) }
            guard let value = StoredEvaluation.answer(json) else { return .failure(.init("the recorded answer for '\(field)' cannot be read")) }
            if let problem = question.problem(with: value) { return .failure(.init("\(field) \(problem)")) }
            given[field] = value
        }
        return .success(engine.evaluate(name: record.profileName, answers: Answers.completing(given, with: engine.ruleSet.catalog)))
    }
}
