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
    @Option(name: .customLong("db"), help: ArgumentHelp("The decision log database (default: $ARCHDECIDE_DB, else $XDG_DATA_HOME/archdecide/decisions.sqlite).", valueName: "PATH"))
    var database: String?

    var location: DecisionLogLocation { DecisionLogLocation(explicit: database, environment: ProcessInfo.processInfo.environment) }

    /// Opens the log or prints one line naming the path and exits 1.
    func open(console: Console) throws -> SQLiteDecisionStore {
        do {
            return try location.openExisting()
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
        abstract: "List recorded decisions, newest first.",
        discussion: "Exit status: 0 listed (an empty or missing log lists nothing), 1 the log cannot be read.")

    @Option(help: ArgumentHelp("Only this profile's decisions.", valueName: "NAME"))
    var profile: String?

    @Option(help: "At most this many decisions (0 for all).")
    var limit: Int = 20

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: LogFormat = .text

    @OptionGroup var db: LogDatabaseOption

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        let console = Console()
        let location = db.location
        guard FileManager.default.fileExists(atPath: location.path) else {
            console.out(format == .json ? "[]" : "no decisions recorded yet (no log at \(location.path))")
            return
        }
        let store = try db.open(console: console)
        let query = HistoryQuery(profile: profile, limit: limit == 0 ? nil : limit)
        let records = try db.query(console) { () throws(DecisionLogError) in try store.history(query) }
        switch format {
        case .json:
            console.out(JSONValue.array(records.map(LogJSON.summary)).pretty)
        case .text:
            let total = try db.query(console) { () throws(DecisionLogError) in try store.count(profile: profile) }
            console.out(LogText.history(records, total: total, style: Style(enabled: console.colorOut), path: store.path, profile: profile))
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
            console.out(LogText.show(record, current: ruleSet, style: Style(enabled: console.colorOut)))
        }
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
        case .text: console.out(LogText.diff(diff, style: Style(enabled: console.colorOut)))
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
        The scores, fired rules and flips are the recorded ones; option titles and consequences come from \
        the current rules (built-in, or --rules DIR).
        Exit status: 0 written, 1 no such decision, the log cannot be read, or FILE exists (without --force).
        """)

    @Argument(help: ArgumentHelp("The decision id (d-000042, d-42 or 42).", valueName: "ID"))
    var id: DecisionIDArgument

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the ADR to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var db: LogDatabaseOption

    func run() throws {
        let console = Console()
        let ruleSet = try rules.load(console: console)
        let store = try db.open(console: console)
        let record = try fetch(id.id, from: store, db: db, console: console)
        guard let evaluation = record.evaluation else {
            console.err(DecisionLogError(.unreadableRecord, path: store.path, "decision \(record.id) holds an evaluation this version cannot read").description)
            throw ExitStatus.failure
        }
        let loaded = ProfileLoader(catalog: ruleSet.catalog).load(text: record.profileText, file: record.profileFile)
        let profile = loaded.profile ?? Profile(name: record.profileName, answers: [:], file: record.profileFile, text: record.profileText)
        if record.rulesDigest != ruleSet.digest {
            console.err("note: \(record.id) was decided with rules sha256 \(record.rulesDigest.prefix(12)); option titles and consequences come from \(ruleSet.origin) rules sha256 \(ruleSet.digest.prefix(12))")
        }
        let text = try ADR.render(ADRInput(
            profile: profile, evaluation: evaluation, ruleSet: ruleSet, date: String(LogText.iso(record.recordedAt).prefix(10)),
            number: Int(record.id.sequence), decisionID: record.id.description, topologyOverride: record.topologyOverride))
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: output) && !force {
            console.err("\(output): error: the file exists; pass --force to replace it [adr-exists]")
            throw ExitStatus.failure
        }
        do {
            let folder = (output as NSString).deletingLastPathComponent
            if !folder.isEmpty { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            console.err("\(output): error: cannot write the ADR: \((error as NSError).localizedDescription) [io]")
            throw ExitStatus.failure
        }
        console.out("wrote \(output) (ADR \(String(format: "%04d", Int(record.id.sequence))) from \(record.id))")
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
        case .text: console.out(LogText.recheck(results, ruleSet: ruleSet, style: Style(enabled: console.colorOut)))
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
