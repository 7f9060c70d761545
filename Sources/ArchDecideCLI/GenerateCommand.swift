import ArgumentParser
import DecisionModel
import Dispatch
import Foundation
import RuleEngine
import RuleSpec
import Scaffold

/// `archdecide generate --profile P.yaml --output DIR`: a starter repository for the chosen layout.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a starter repository for the chosen layout.",
        discussion: """
        Decides the profile, then writes the starter repo of the recommended topology (or of \
        --topology), shaped by the answers: a Vapor + Fluent + Leaf monolith, a Hummingbird 2 \
        service, or the hybrid of both (the monolith and an AI service in one repo, sharing a \
        PostgreSQL job queue). The repo is rendered in memory and moved into place in one step; a non-empty \
        folder is refused unless --force, and even then no existing file is removed or replaced, \
        and nothing is written through a symbolic link. An interrupted --force run is completed \
        by running the same command again.
        The decision is recorded in the decision log unless --no-record.
        Exit status: 0 written, 65 the profile or the rules are invalid, 64 usage, 1 other failure.
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The profile YAML file, or - for standard input.", valueName: "PROFILE"))
    var profile: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to create (default: ./NAME, the profile's name).", valueName: "DIR"))
    var output: String?

    @OptionGroup var repo: RepoOptions
    @OptionGroup var rules: RulesOption
    @OptionGroup var record: RecordOptions

    func run() throws {
        let console = Console()
        let clock = PhaseClock()
        let ruleSet = try rules.load(console: console)
        clock.mark("rules")
        let loaded = ProfileSource.load(profile, ProfileLoader(catalog: ruleSet.catalog))
        console.report(loaded.diagnostics)
        guard let profile = loaded.profile else { throw ExitStatus.invalidInput }
        let evaluation = DecisionEngine(ruleSet: ruleSet).decide(profile)
        clock.mark("decide")
        let request = try repo.request(profile: profile, evaluation: evaluation, ruleSet: ruleSet, output: output ?? profile.name, console: console)
        try RepoGeneration.run(request, console: console, recorder: repo.dryRun ? nil : record.recorder(console: console, byDefault: true), clock: clock)
    }
}

/// The options that shape a generated repo, shared by `generate` and `ask --generate`.
struct RepoOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Lay out this topology instead of the recommendation (recorded as an override).", valueName: "monolith|microservice|hybrid"))
    var topology: String?

    @Flag(help: "Print the files that would be written, and write nothing.")
    var dryRun = false

    @Flag(help: "Write into a non-empty folder (your files are kept, and the generated version of one goes in .archdecide/proposed/); with ask, also replace the --save-profile file.")
    var force = false

    @Flag(name: .customLong("no-git"), help: "Do not run git init and the first commit.")
    var noGit = false

    @Option(help: .hidden)
    var date: String?

    @OptionGroup var templates: TemplatesOption

    func validate() throws {
        if let topology, Topology(rawValue: topology) == nil {
            throw ValidationError("--topology must be one of: \(Topology.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let date, date.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) == nil {
            throw ValidationError("--date must be YYYY-MM-DD")
        }
    }

    /// Whether any option that only makes sense when a repo is generated was given.
    var anyRepoOption: Bool { topology != nil || dryRun || noGit || date != nil || templates.folder != nil }

    func request(profile: Profile, evaluation: Evaluation, ruleSet: RuleSet, output: String, console: Console) throws -> RepoGeneration.Request {
        RepoGeneration.Request(profile: profile, evaluation: evaluation, ruleSet: ruleSet,
                               topology: topology.flatMap(Topology.init(rawValue:)),
                               output: output, dryRun: dryRun, force: force, git: !noGit, date: date,
                               templates: try templates.load(console: console))
    }
}

/// `ARCHDECIDE_TIMING=1`: how long each phase of a command took, on standard error.
final class PhaseClock {
    private let enabled = ProcessInfo.processInfo.environment["ARCHDECIDE_TIMING"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data(String(format: "timing: %-8@ %7.2f ms\n", phase as NSString, Double(now - last) / 1e6).utf8))
        last = now
    }
}

/// The one path from a decided profile to a written repo; `generate` and `ask --generate` share it.
enum RepoGeneration {
    struct Request {
        var profile: Profile
        var evaluation: Evaluation
        var ruleSet: RuleSet
        var topology: Topology?
        var output: String
        var dryRun = false
        var force = false
        var git = true
        var date: String?
        var templates: TemplateSource = .builtIn
    }

    static func run(_ r: Request, console: Console, recorder: DecisionRecording?, clock: PhaseClock = PhaseClock()) throws {
        let style = Style(enabled: console.colorOut)
        var generation = GenerateRequest(profile: r.profile, evaluation: r.evaluation, ruleSet: r.ruleSet,
                                         topology: r.topology, date: r.date ?? today(), toolVersion: ArchDecide.version)
        generation.templates = r.templates
        var plan: Plan
        do {
            plan = try Generator().plan(generation)
        } catch let error as Generator.GenerateError where !error.diagnostics.isEmpty {
            console.report(error.diagnostics)
            throw ExitStatus.failure
        } catch {
            console.report([Diagnostic(.generateFailed, "\(error)", at: .path(r.output))])
            throw ExitStatus.failure
        }
        plan = plan.withBase(.init(
            toolVersion: ArchDecide.version, layout: plan.layout, topology: generation.topology.rawValue,
            topologyOverride: generation.isOverride ? generation.topology.rawValue : nil,
            templatesOrigin: r.templates.origin, templatesDigest: r.templates.digest,
            rulesDigest: r.evaluation.rulesDigest, date: generation.date, features: plan.features))
        clock.mark("plan")
        console.report(ruledOutWarnings(generation, profile: r.profile))
        let overrideNote = generation.isOverride ? " (override; recommended: \(r.evaluation.recommendation.rawValue))" : ""
        let summary = "\(plan.layout) for \(r.profile.name): \(generation.topology.rawValue)\(overrideNote); features: \(plan.features.isEmpty ? "none" : plan.features.joined(separator: ", "))"
        if r.dryRun {
            console.text(style.bold("Would write \(counted(plan.files.count + 1, "file"))") + " — " + summary)
            console.text(plan.tree(root: r.output) + "\n  (and \(PlanWriter.manifestPath), the list of generated files)")
            return
        }
        let outcome: PlanWriter.Outcome
        do throws(Diagnostic) {
            var options = PlanWriter.Options(
                force: r.force, git: r.git,
                commitMessage: "Starter repository from archdecide \(ArchDecide.version) (\(plan.layout), \(generation.topology.rawValue))")
            // Interruption tests through the binary: a kill at a known point of the writing.
            options.killAfterMoves = ProcessInfo.processInfo.environment["ARCHDECIDE_TEST_KILL_AFTER_MOVES"].flatMap { Int($0) }
            outcome = try PlanWriter().write(plan, to: r.output, options: options)
        } catch {
            console.report([error])
            throw ExitStatus.failure
        }
        clock.mark("write")
        var lines = [style.green("Wrote \(counted(outcome.written.count, "file"))") + " to \(EchoedText.escape(r.output)) — " + summary]
        if !outcome.unchanged.isEmpty { lines.append("  \(counted(outcome.unchanged.count, "file")) already up to date") }
        for path in outcome.kept { lines.append(style.yellow("  kept your \(EchoedText.escape(path)); the generated version is \(PlanWriter.proposed(path))")) }
        for note in outcome.notes { lines.append("  note: \(note)") }
        if outcome.committed { lines.append("  git: initialised with one commit") }
        lines.append("Next: cd \(EchoedText.escape(r.output)) && swift build && swift test   (see README.md)")
        console.text(lines.joined(separator: "\n"))
        let absolute = URL(fileURLWithPath: r.output).standardizedFileURL.path
        if let recorder, !recorder.record(DecisionContext(
            profile: r.profile, evaluation: r.evaluation, ruleSet: r.ruleSet, generatedPath: absolute,
            topologyOverride: generation.isOverride ? generation.topology : nil)) {
            throw ExitStatus.failure
        }
    }

    /// A forced topology whose precondition failed is laid out, with a warning naming the failed tests
    /// (the ADR records the override; the reader of the terminal should not have to open it to learn).
    static func ruledOutWarnings(_ generation: GenerateRequest, profile: Profile) -> [Diagnostic] {
        guard generation.isOverride,
              let out = generation.evaluation.excluded.first(where: { $0.topology == generation.topology }) else { return [] }
        let because = out.because.isEmpty ? "" : " (" + out.because.joined(separator: "; ") + ")"
        return [Diagnostic(.ruledOutTopology,
                           "--topology \(generation.topology.rawValue): the answers rule it out: \(out.why)\(because); laid out as asked",
                           at: SourceLocation(file: profile.file, line: 1, column: 1), severity: .warning)]
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
