import ArgumentParser
import DecisionModel
import Dispatch
import Foundation
import RuleEngine
import RuleSpec

/// Output formats of `decide`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, markdown, html
}

/// `archdecide decide PROFILE...`: the recommendation for each profile, non-interactively.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Recommend monolith, microservice or hybrid for one or more profiles, and say why.",
        discussion: """
        PROFILE is a profile YAML file (see `archdecide questions`), a folder (its *.yaml and *.yml \
        files, in name order), or - for standard input.
        Nothing is written to the decision log unless --record is given (or ARCHDECIDE_RECORD=1 is set); \
        `ask` and `generate` record by default.
        Exit status: 0 decided, 65 a profile or the rules are invalid, 64 usage, 1 other failure.
        """
    )

    @Argument(help: ArgumentHelp("Profile files, folders of *.yaml, or - for standard input.", valueName: "PROFILE"))
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "text (default), json, jsonl (one line per profile), markdown or html (one self-contained page).")
    var format: ReportFormat = .text

    @Flag(help: "Treat warnings about the answers (contradictory or not asked for) as errors: exit 65, nothing printed for that profile.")
    var strict = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var record: RecordOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one profile (a file, a folder, or - for standard input)") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read only once") }
    }

    func run() throws {
        let console = Console()
        let ruleSet = try rules.load(console: console)
        let paths: [String]
        switch ProfileInputs.expand(inputs) {
        case .success(let list): paths = list
        case .failure(let diagnostic):
            console.report([diagnostic])
            throw ExitStatus.invalidInput
        }
        let engine = DecisionEngine(ruleSet: ruleSet)
        let loader = ProfileLoader(catalog: ruleSet.catalog)
        let renderer = Report(ruleSet: ruleSet, style: Style(enabled: console.colorOut))

        // Load, evaluate and render in parallel; print in input order.
        let stdin: ProfileLoader.Result? = paths.contains("-") ? ProfileSource.standardInput(loader) : nil
        let recorder = record.recorder(console: console, byDefault: false)
        let keep = recorder != nil  // a batch without the log keeps only the rendered text in memory
        let results = ParallelMap.map(paths) { path -> DecideOutcome in
            let loaded = path == "-" ? stdin! : loader.load(path: path)
            guard let profile = loaded.profile else { return DecideOutcome(path: path, diagnostics: loaded.diagnostics) }
            let evaluation = engine.decide(profile)
            let warnings = AnswerWarnings.diagnostics(evaluation.warnings, profile: profile, strict: strict)
            if strict && !warnings.isEmpty { return DecideOutcome(path: path, diagnostics: loaded.diagnostics + warnings) }
            return DecideOutcome(path: path, profile: keep ? profile : nil, evaluation: keep ? evaluation : nil,
                                 diagnostics: loaded.diagnostics + warnings, rendered: renderer.render(evaluation, profile: profile, format: format))
        }

        var failedInput = false
        var recordFailed = false
        var buffer = ""
        let decided = results.compactMap(\.rendered)
        if format == .json && decided.count > 1 { buffer += "[\n" }
        var first = true
        for outcome in results {
            console.report(outcome.diagnostics)
            guard let rendered = outcome.rendered else {
                failedInput = true
                continue
            }
            switch format {
            case .json where decided.count > 1:
                buffer += (first ? "" : ",\n") + rendered
            case .text:
                buffer += (first ? "" : "\n") + TextFitting.fit(rendered, width: console.width) + "\n"
            case .markdown, .html:
                buffer += (first ? "" : "\n") + rendered + "\n"
            default:
                buffer += rendered + "\n"
            }
            first = false
            if let recorder, let profile = outcome.profile, let evaluation = outcome.evaluation,
               !recorder.record(DecisionContext(profile: profile, evaluation: evaluation, ruleSet: ruleSet)) {
                recordFailed = true
            }
            if buffer.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        if format == .json && decided.count > 1 { buffer += "\n]\n" }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        if failedInput { throw ExitStatus.invalidInput }
        if recordFailed { throw ExitStatus.failure }
    }
}

/// The evaluation's answer warnings as located diagnostics (at the answer's line in the profile).
enum AnswerWarnings {
    static func diagnostics(_ warnings: [AnswerWarning], profile: Profile, strict: Bool) -> [Diagnostic] {
        warnings.map { w in
            let location = profile.locations[w.field] ?? SourceLocation(file: profile.file, line: 1, column: 1)
            return Diagnostic(DiagnosticCode(rawValue: w.code) ?? .invalidValue, w.message, at: location, field: w.field,
                              severity: strict ? .error : .warning)
        }
    }
}

/// What `decide` found for one input.
struct DecideOutcome: Sendable {
    var path: String
    var profile: Profile?
    var evaluation: Evaluation?
    var diagnostics: [Diagnostic]
    var rendered: String?
}

/// Order-keeping parallel map over both cores, for batches of profiles.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 8 { return items.map(transform) }
        let slots = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let chunk = 64
        let chunks = (items.count + chunk - 1) / chunk
        nonisolated(unsafe) let shared = slots
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) { shared[i] = transform(items[i]) }
        }
        return slots.map { $0! }
    }
}

/// Where the CLI reads a profile: a file by its path, or standard input for `-`, both bounded by
/// the profile limit; the loader itself never touches standard input.
enum ProfileSource {
    static func load(_ path: String, _ loader: ProfileLoader) -> ProfileLoader.Result {
        path == "-" ? standardInput(loader) : loader.load(path: path)
    }

    static func standardInput(_ loader: ProfileLoader) -> ProfileLoader.Result {
        switch BoundedInput.standardInput(limit: YAMLReader.Limits.profile.maxBytes, what: "a profile") {
        case .success(let data): return loader.load(data: data, file: "-")
        case .failure(let diagnostic): return ProfileLoader.Result(profile: nil, diagnostics: [diagnostic])
        }
    }
}

/// Expands the `decide` inputs: files as given, folders to their YAML files in name order.
enum ProfileInputs {
    static func expand(_ inputs: [String]) -> Result<[String], Diagnostic> {
        var paths: [String] = []
        for input in inputs {
            if input == "-" { paths.append(input); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                return .failure(Diagnostic(.io, "no such file or folder", at: SourceLocation(file: input, line: 1, column: 1)))
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                if yaml.isEmpty {
                    return .failure(Diagnostic(.io, "the folder holds no *.yaml profiles", at: SourceLocation(file: input, line: 1, column: 1)))
                }
                paths += yaml.map { (input as NSString).appendingPathComponent($0) }
            } else {
                paths.append(input)
            }
        }
        return .success(paths)
    }
}
