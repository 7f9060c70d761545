import ArgumentParser
import DecisionModel
import Foundation
import Questionnaire
import RuleEngine
import RuleSpec

/// `archdecide ask`: the questionnaire in the terminal, then the recommendation as `decide` shows it.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer the questionnaire interactively, then get the recommendation (and save the profile).",
        discussion: """
        On a terminal: one question per screen; ↑/↓ or j/k and numbers choose, Space toggles in a list, \
        y/n answers yes/no, Enter takes the value shown, ? shows why the question matters, ← goes back. \
        A review screen shows every answer and the live recommendation; pick an answer to change it, or d to decide.
        With TERM=dumb: plain line prompts (< goes back, ? shows help).
        From a pipe: one answer per line (an empty line takes the default; choices by name or number; lists \
        separated by commas, - for none); the first bad line stops with an error; the end of input takes the defaults.
        Exit status: 0 decided, 65 a bad answer, profile or rules, 64 usage, 130 interrupted, 1 other failure \
        (nothing is saved unless the questionnaire was completed).
        """
    )

    @Option(name: .customLong("save-profile"), help: ArgumentHelp("Write the answers as a profile to FILE (atomically; an existing file needs --force).", valueName: "FILE"))
    var saveProfile: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp("Start from this profile's answers as the defaults (to revisit a decision).", valueName: "FILE"))
    var startingProfile: String?

    @Flag(help: "Answer every question with its default (or the --profile's answer) without asking.")
    var defaults = false

    @Option(help: ArgumentHelp("The profile's name (default: --profile's name, else from the --save-profile file or the current folder).", valueName: "NAME"))
    var name: String?

    @Option(name: .customLong("description"), help: ArgumentHelp("A one-line description to store in the profile.", valueName: "TEXT"))
    var summary: String?

    @Option(help: ArgumentHelp("Then write the starter repository for the recommendation into DIR (as `generate --output DIR` would; takes generate's options).", valueName: "DIR"))
    var generate: String?

    @OptionGroup(title: "Options for --generate") var repo: RepoOptions

    @Option(name: .shortAndLong, help: "How to show the recommendation: text (default), json, jsonl or markdown.")
    var format: ReportFormat = .text

    @OptionGroup var rules: RulesOption
    @OptionGroup var record: RecordOptions

    func validate() throws {
        if let name, !Profile.isValidName(name) {
            throw ValidationError("--name must match ^[a-z][a-z0-9-]{0,62}$ (lower-case letters, digits and '-', starting with a letter)")
        }
        if let summary, summary.count > 2000 { throw ValidationError("--description may be at most 2000 characters") }
        if let summary, let bad = Profile.unsafeDescriptionScalar(summary) {
            throw ValidationError("--description holds the control character \(bad.escaped(asASCII: true)); a description is plain text (line breaks and tabs allowed)")
        }
        if repo.force && saveProfile == nil && generate == nil { throw ValidationError("--force only applies to --save-profile and --generate") }
        if repo.anyRepoOption && generate == nil {
            throw ValidationError("--topology, --dry-run and --no-git apply to --generate DIR; give --generate")
        }
    }

    func run() throws {
        let console = Console()
        let environment = ProcessInfo.processInfo.environment
        let ruleSet = try rules.load(console: console)
        let catalog = ruleSet.catalog

        // Refuse before asking anything, so no one answers eleven questions for nothing.
        if let path = saveProfile, let problem = AtomicFile.check(path, overwrite: repo.force) {
            console.report([problem])
            throw ExitStatus.failure
        }

        var starting: Profile?
        if let path = startingProfile {
            let loaded = ProfileSource.load(path, ProfileLoader(catalog: catalog))
            console.report(loaded.diagnostics)
            guard let profile = loaded.profile else { throw ExitStatus.invalidInput }
            starting = profile
        }
        let profileName = name ?? starting?.name ?? AskNaming.name(saveProfile: saveProfile, folder: FileManager.default.currentDirectoryPath)
        let engine = DecisionEngine(ruleSet: ruleSet)
        let questionnaire = Questionnaire(catalog: catalog, starting: starting?.answers ?? [:])

        let finished: Questionnaire
        switch AskMode.choose(defaults: defaults, environment: environment) {
        case .defaults:
            var state = questionnaire
            while state.current != nil { state.acceptProposal() }
            finished = state
        case .screen:
            guard let terminal = TTYTerminal(input: STDIN_FILENO, output: STDERR_FILENO, colors: console.colorErr) else {
                console.report([Diagnostic(.noTerminal, "cannot set up the terminal for the questionnaire (\(String(cString: strerror(errno)).lowercased())); answer from a pipe, with TERM=dumb, or use --defaults",
                                           at: SourceLocation(file: "/dev/stdin"))])
                throw ExitStatus.failure
            }
            switch ScreenSession(questionnaire: questionnaire, terminal: terminal, engine: engine, name: profileName).run() {
            case .completed(let state): finished = state
            case .interrupted:
                console.err("archdecide ask: interrupted; nothing was saved")
                throw ExitStatus.interrupted
            }
        case .lines(let interactive):
            let io = StandardLines(echo: interactive)
            let session = LineSession(questionnaire: questionnaire, io: io, engine: engine, name: profileName, interactive: interactive)
            let outcome = session.run()
            if io.overLimit || io.readFailure != nil {
                let why = io.readFailure.map { "cannot read standard input: \($0)" }
                    ?? "standard input holds more than \(StandardLines.limit) bytes, the limit for the answers; nothing was saved"
                console.report([Diagnostic(io.overLimit ? .tooLarge : .io, why, at: SourceLocation(file: "<stdin>", line: session.lines + 1, column: 1))])
                throw ExitStatus.invalidInput
            }
            switch outcome {
            case .completed(let state):
                finished = state
                if !session.defaultedAtEnd.isEmpty {
                    console.err("archdecide ask: the input ended; took the defaults for \(session.defaultedAtEnd.joined(separator: ", "))")
                }
                if session.extraLines > 0 {
                    console.err("archdecide ask: ignored \(counted(session.extraLines, "line")) after the last question")
                }
            case .interrupted:
                console.err("archdecide ask: the input ended before the decision; nothing was saved")
                throw ExitStatus.interrupted
            case .failed(let failure):
                console.report([Diagnostic(
                    .invalidValue,
                    "answer to '\(failure.question.id)' (\(failure.question.prompt)): \(failure.message)",
                    at: SourceLocation(file: "<stdin>", line: failure.line, column: 1), field: failure.question.id)])
                throw ExitStatus.invalidInput
            }
        }

        if let starting {
            let applies = Set(finished.asked.map(\.id))
            let dropped = catalog.ids.filter { starting.answers[$0] != nil && !applies.contains($0) }
            if !dropped.isEmpty {
                console.err("archdecide ask: left out \(dropped.joined(separator: ", ")) from \(starting.file): the question does not apply to these answers")
            }
        }

        // The profile goes through the same text and loader as `decide`, so the two cannot disagree.
        let draft = Profile(name: profileName, description: summary ?? starting?.description, answers: finished.answers)
        let file = saveProfile ?? "<ask>"
        let text = ProfileWriter(catalog: catalog).yaml(draft, header: [
            "archdecide profile (profile-v1), written by `archdecide ask`.",
            "Decide again with: archdecide decide \(saveProfile.map { ($0 as NSString).lastPathComponent } ?? "PROFILE.yaml")",
        ])
        let loaded = ProfileLoader(catalog: catalog).load(text: text, file: file)
        guard let profile = loaded.profile else {
            console.report(loaded.diagnostics)
            console.err("archdecide ask: internal error: the written profile does not load; please report this")
            throw ExitStatus.failure
        }
        let evaluation = engine.decide(profile)

        if let path = saveProfile {
            do {
                try AtomicFile.write(text, to: path, overwrite: repo.force)
            } catch {
                console.report([error])
                throw ExitStatus.failure
            }
        }
        let report = Report(ruleSet: ruleSet, style: Style(enabled: console.colorOut))
        let rendered = report.render(evaluation, profile: profile, format: format)
        if format == .text { console.text(rendered + "\n") } else { console.out(rendered) }
        if let path = saveProfile { console.err("Saved the profile to \(path).") }

        var generatedPath: String?
        var generateFailed = false
        if let folder = generate {
            do {
                generatedPath = try Self.handOverToGenerate(repo.request(profile: profile, evaluation: evaluation, ruleSet: ruleSet, output: folder, console: console),
                                                            console: console)
            } catch {
                generateFailed = true
            }
        }
        if let recorder = record.recorder(console: console, byDefault: true),
           !recorder.record(DecisionContext(profile: profile, evaluation: evaluation, ruleSet: ruleSet,
                                            generatedPath: generatedPath,
                                            topologyOverride: repo.topology.flatMap(Topology.init(rawValue:)).flatMap { $0 == evaluation.recommendation ? nil : $0 })) {
            throw ExitStatus.failure
        }
        if generateFailed { throw ExitStatus.failure }
    }

    /// The hand-over from `ask --generate DIR`: the one place the two meet.
    ///
    /// Generates exactly as `archdecide generate --profile SAVED --output DIR` with the same repo
    /// options would, and returns the folder written (nil for --dry-run), which `ask` records in the
    /// decision log itself. Throws after printing why, when generation fails.
    static func handOverToGenerate(_ request: RepoGeneration.Request, console: Console) throws -> String? {
        try RepoGeneration.run(request, console: console, recorder: nil)
        return request.dryRun ? nil : URL(fileURLWithPath: request.output).standardizedFileURL.path
    }
}

/// Which front end `ask` uses, from the flags and the environment.
enum AskMode: Equatable {
    case defaults
    /// The full-screen raw-mode UI (standard input and error are a terminal that is not `dumb`).
    case screen
    /// Plain line prompts: interactive on a dumb terminal, else piped answers.
    case lines(interactive: Bool)

    static func choose(defaults: Bool, environment: [String: String],
                       inputIsTerminal: Bool = isatty(STDIN_FILENO) == 1,
                       errorIsTerminal: Bool = isatty(STDERR_FILENO) == 1) -> AskMode {
        if defaults { return .defaults }
        guard inputIsTerminal else { return .lines(interactive: false) }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || !errorIsTerminal { return .lines(interactive: true) }
        return .screen
    }
}

/// Standard input and error as `LineIO`; prompts are shown only to a person (not for piped answers).
/// Input is read a chunk at a time and bounded like a profile: past `limit` bytes in all, the
/// input counts as ended and `overLimit` is set, so endless input (`yes`, `/dev/zero`) stops.
final class StandardLines: LineIO {
    static let limit = YAMLReader.Limits.profile.maxBytes
    let echo: Bool
    let fd: Int32
    private(set) var overLimit = false
    private(set) var readFailure: String?
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var ended = false

    init(echo: Bool, fd: Int32 = STDIN_FILENO) {
        self.echo = echo
        self.fd = fd
    }

    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if ended || overLimit {
                guard !overLimit, !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { readFailure = String(cString: strerror(errno)) }
            if n <= 0 { ended = true; continue }
            consumed += n
            if consumed > Self.limit {
                overLimit = true
                buffer.removeAll()
                return nil
            }
            buffer += chunk[0..<n]
        }
    }
    func write(_ text: String) {
        guard echo else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The profile name `ask` proposes when none is given: from the file it saves to, else the folder it runs in.
enum AskNaming {
    static func name(saveProfile: String?, folder: String) -> String {
        if let path = saveProfile {
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            if let name = sanitized(stem) { return name }
        }
        return sanitized((folder as NSString).lastPathComponent) ?? "my-service"
    }

    /// `My Service_2` -> `my-service-2`; nil when nothing usable is left.
    static func sanitized(_ text: String) -> String? {
        var out = ""
        for c in text.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(c) || ("0"..."9").contains(c)
            if keep { out.unicodeScalars.append(c) } else if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
        }
        while let first = out.unicodeScalars.first, !("a"..."z").contains(first) { out.removeFirst() }
        out = String(out.prefix(63))
        while out.hasSuffix("-") { out.removeLast() }
        return Profile.isValidName(out) ? out : nil
    }
}

/// Writing a file the user asked for (a profile, an ADR): whole or not at all, and never over an
/// existing file unless asked. Failures are located diagnostics naming the path.
enum AtomicFile {
    /// Writes a temporary file beside `path`, then renames it over (`overwrite`) or links it in,
    /// which fails if `path` appeared meanwhile. The temporary file is removed on every failure.
    static func write(_ text: String, to path: String, overwrite: Bool) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        func failure(_ code: DiagnosticCode, _ message: String, _ at: String = path) -> Diagnostic {
            Diagnostic(code, message, at: SourceLocation(file: at))
        }
        func reason() -> String { String(cString: strerror(errno)).lowercased() }
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(.notWritable, "cannot write into this folder: \(reason())", folder) }
        var bytes = Array(text.utf8)
        var offset = 0
        var problem: String?
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { problem = reason(); break }
            offset += n
        }
        if problem == nil && fsync(fd) != 0 { problem = reason() }
        close(fd)
        defer { unlink(temporary) }
        if let problem { throw failure(.io, "cannot write the file: \(problem)") }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let why = errno == EISDIR ? "it is a folder" : reason()
                throw failure(.notWritable, "cannot replace the file: \(why)")
            }
        } else {
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw failure(.fileExists, "the file exists; choose another or pass --force to replace it") }
                throw failure(.notWritable, "cannot create the file: \(reason())")
            }
        }
    }

    /// Refuses early, before any work: the destination must be a writable folder, or a file that may be
    /// replaced (`overwrite`) in one.
    static func check(_ path: String, overwrite: Bool) -> Diagnostic? {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return Diagnostic(.notWritable, "this is a folder; give a file name", at: SourceLocation(file: path)) }
            if !overwrite { return Diagnostic(.fileExists, "the file exists; choose another or pass --force to replace it", at: SourceLocation(file: path)) }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard fm.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return Diagnostic(.notWritable, "no such folder", at: SourceLocation(file: folder))
        }
        if !fm.isWritableFile(atPath: folder) {
            return Diagnostic(.notWritable, "this folder is not writable by this user", at: SourceLocation(file: folder))
        }
        return nil
    }
}
