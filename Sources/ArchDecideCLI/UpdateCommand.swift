import ArgumentParser
import DecisionLog
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Scaffold

/// `archdecide update [DIR]`: carry a generated repo forward to a changed profile, rules or templates.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Carry a generated repo forward: decide again, render again, merge into your edits.",
        discussion: """
        Reads .archdecide/profile.yaml (or --profile), decides again with the current rules (a \
        recorded --topology override stays unless --topology says otherwise), renders with the \
        current templates, and merges three ways: the base is what archdecide last wrote \
        (.archdecide/base), ours is the working tree, theirs is the new render. Files you never \
        touched are replaced, new files added, files no longer generated removed only if untouched, \
        files both sides changed merged line by line; overlapping changes get conflict markers.
        Exit status: 0 updated (or nothing to do), 3 updated with conflicts (resolve the markers, \
        then commit), 65 the profile, rules or templates are invalid, 64 usage, 1 other failure \
        (no base, a dirty tree, an unsupported topology move; nothing is changed).
        """
    )

    @Argument(help: ArgumentHelp("The generated repo (default: the current folder).", valueName: "DIR"))
    var folder: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("The profile to decide (default: DIR/.archdecide/profile.yaml).", valueName: "FILE"))
    var profile: String?

    @Option(help: ArgumentHelp("Lay out this topology (default: the recorded override, else the recommendation).", valueName: "monolith|microservice|hybrid"))
    var topology: String?

    @Flag(help: "Print the plan (replace / add / remove / merge / conflict per file) and change nothing.")
    var dryRun = false

    @Flag(help: "Update even when the git tree has uncommitted changes (only the updated files are committed).")
    var allowDirty = false

    @Flag(name: .customLong("no-git"), help: "Do not commit the result.")
    var noGit = false

    @Option(help: .hidden)
    var date: String?

    @OptionGroup var templates: TemplatesOption
    @OptionGroup var rules: RulesOption
    @OptionGroup var record: RecordOptions

    /// The exit status of an update that wrote conflict markers.
    static let conflictStatus = ExitCode(3)

    func validate() throws {
        if let topology, Topology(rawValue: topology) == nil {
            throw ValidationError("--topology must be one of: \(Topology.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let date, date.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) == nil {
            throw ValidationError("--date must be YYYY-MM-DD")
        }
    }

    func run() throws {
        let console = Console()
        let style = Style(enabled: console.colorOut)
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            console.err("\(folder): error: no such folder [io]")
            throw ExitStatus.failure
        }
        // 1. The base: what archdecide last wrote. Without it there is nothing to merge from.
        let base: BaseSnapshot
        do {
            base = try BaseSnapshot.read(repo: root)
        } catch let error as BaseSnapshot.BaseError {
            console.err(error.description)
            throw ExitStatus.failure
        }
        // 2. Decide again.
        let ruleSet = try rules.load(console: console)
        let source = try templates.load(console: console)
        let profilePath = profile ?? root.appendingPathComponent(".archdecide/profile.yaml").path
        let loader = ProfileLoader(catalog: ruleSet.catalog)
        let loaded: ProfileLoader.Result
        if profile == nil, let ownText = try? String(contentsOfFile: profilePath, encoding: .utf8) {
            // The repo's own profile: answers archdecide wrote as assumed, and nobody changed, stay assumed.
            loaded = loader.load(text: AssumedAnswers.unmark(ownText, base: base.files[".archdecide/profile.yaml"] ?? ""), file: profilePath)
        } else {
            loaded = loader.load(path: profilePath)
        }
        console.report(loaded.diagnostics)
        guard let newProfile = loaded.profile else { throw ExitStatus.invalidInput }
        let engine = DecisionEngine(ruleSet: ruleSet)
        let evaluation = engine.decide(newProfile)
        let recorded = base.info.topologyOverride.flatMap(Topology.init(rawValue:))
        let chosen = topology.flatMap(Topology.init(rawValue:)) ?? recorded ?? evaluation.recommendation
        guard let from = Topology(rawValue: base.info.topology) else {
            console.err("\(root.appendingPathComponent(BaseSnapshot.indexPath).path): error: unknown topology '\(base.info.topology)' in the base [no-base]")
            throw ExitStatus.failure
        }
        if let refusal = TopologyMove.refusal(from: from, to: chosen) {
            console.err("error: \(refusal)")
            throw ExitStatus.failure
        }
        // 3. Render with the current templates.
        var request = GenerateRequest(profile: newProfile, evaluation: evaluation, ruleSet: ruleSet, topology: chosen,
                                      date: date ?? RepoGeneration.today(), toolVersion: ArchDecide.version)
        request.templates = source
        request.moduleOverrides = TopologyMove.moduleOverrides(from: base, to: chosen, name: newProfile.name, source: source, catalog: ruleSet.catalog)
        var render: Plan
        do {
            render = try Generator().plan(request)
        } catch let error as Generator.GenerateError where !error.diagnostics.isEmpty {
            console.report(error.diagnostics)
            throw ExitStatus.failure
        } catch let error as Generator.GenerateError {
            console.err("error: \(error.description)")
            throw ExitStatus.failure
        }
        let existingADRs = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs/adr").path)) ?? [])
            .map { "docs/adr/" + $0 }
        let moveNote = TopologyMove.arrangeADRs(&render, base: base, moved: from != chosen, existing: existingADRs)
        var baseInfo = BaseSnapshot.Info(
            toolVersion: ArchDecide.version, layout: render.layout, topology: chosen.rawValue,
            topologyOverride: chosen != evaluation.recommendation ? chosen.rawValue : nil,
            templatesOrigin: source.origin, templatesDigest: source.digest, rulesDigest: evaluation.rulesDigest,
            date: request.date, features: render.features)
        baseInfo.modules = request.moduleOverrides

        // 4. Merge three ways, in memory.
        let labels = ThreeWayMerge.Labels(ours: "yours (working tree)", base: "base (archdecide \(base.info.toolVersion), \(base.info.date))",
                                          theirs: "archdecide \(ArchDecide.version) update")
        let plan = UpdatePlan.make(base: base.files, render: render.files, current: UpdateWriter.current(root: root), labels: labels)
        let oldProfile = base.files[".archdecide/profile.yaml"].flatMap { loader.load(text: $0, file: ".archdecide/profile.yaml (base)").profile }
        let summary = UpdateSummary(base: base.info, new: baseInfo, oldAnswers: oldProfile.map { engine.decide($0).answers },
                                    newAnswers: evaluation.answers, recommendation: evaluation.recommendation,
                                    catalog: ruleSet.catalog, plan: plan, moveNote: moveNote)
        if dryRun {
            console.out(style.bold("Update plan for \(folder)") + " — " + summary.headline)
            for line in summary.details { console.out("  " + line) }
            console.out(plan.steps.isEmpty ? "  nothing to change" : plan.lines().map { "  " + $0 }.joined(separator: "\n"))
            console.out("  (\(plan.counts()); nothing was written)")
            return
        }
        if plan.steps.isEmpty && plan.newBase == base.files && baseInfo.topology == base.info.topology
            && baseInfo.templatesDigest == base.info.templatesDigest && baseInfo.rulesDigest == base.info.rulesDigest {
            console.out("\(folder) is already up to date — \(summary.headline) (\(plan.counts()))")
            return
        }
        // 5. Git: refuse a dirty tree, so the update is one reviewable commit.
        let git = !noGit && UpdateGit.isWorkTree(root)
        if git && !allowDirty {
            let dirty = (try? UpdateGit.dirtyPaths(root)) ?? []
            if !dirty.isEmpty {
                console.err("error: \(folder) has uncommitted changes (\(dirty.count): \(dirty.prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))\(dirty.count > 3 ? ", …" : "")); commit or stash them first, or use --allow-dirty; nothing was changed")
                throw ExitStatus.failure
            }
        }
        // 6. Write, commit, record.
        let changed: [String]
        do {
            changed = try UpdateWriter().apply(plan, root: root, baseInfo: baseInfo)
        } catch let error as Diagnostic {
            console.report([error])
            throw ExitStatus.failure
        }
        var lines = [style.green("Updated \(folder)") + " — " + summary.headline]
        lines += summary.details.map { "  " + $0 }
        lines += plan.lines().map { "  " + $0 }
        lines.append("  (\(plan.counts()))")
        let conflicts = plan.conflicts
        if git && !changed.isEmpty {
            if conflicts.isEmpty {
                do {
                    // The repo's own profile is what the update was decided from: it goes in the same commit.
                    let paths = changed + (profile == nil && !changed.contains(".archdecide/profile.yaml") ? [".archdecide/profile.yaml"] : [])
                    try UpdateGit.commit(paths, message: summary.commitMessage, in: root)
                    lines.append("  git: one commit")
                } catch {
                    console.out(lines.joined(separator: "\n"))
                    console.report([Diagnostic(error.code, "the files are updated but not committed: \(error.message)", at: error.location)])
                    throw ExitStatus.failure
                }
            } else {
                let messageURL = root.appendingPathComponent(".git/ARCHDECIDE_UPDATE_MSG")
                try? summary.commitMessage.write(to: messageURL, atomically: true, encoding: .utf8)
                lines.append("  git: not committed; resolve the conflicts, then: git add -A && git commit -F .git/ARCHDECIDE_UPDATE_MSG")
            }
        }
        if !conflicts.isEmpty {
            lines.append(style.yellow("  \(conflicts.count) file\(conflicts.count == 1 ? "" : "s") with conflict markers (<<<<<<< yours … >>>>>>> archdecide): \(conflicts.map(\.path).joined(separator: ", "))"))
        }
        console.out(lines.joined(separator: "\n"))
        if let recorder = record.recorder(console: console, byDefault: true), !recorder.record(DecisionContext(
            profile: newProfile, evaluation: evaluation, ruleSet: ruleSet, generatedPath: root.path,
            topologyOverride: chosen != evaluation.recommendation ? chosen : nil,
            update: UpdateLink(follows: earlierDecision(for: root.path)))) {
            throw ExitStatus.failure
        }
        if !conflicts.isEmpty { throw Self.conflictStatus }
    }
}

extension UpdateCommand {
    /// The newest decision in the log that generated or updated this folder: the one this update follows.
    func earlierDecision(for path: String) -> DecisionID? {
        let location = DecisionLogLocation(explicit: record.database, environment: ProcessInfo.processInfo.environment)
        guard FileManager.default.fileExists(atPath: location.path), let store = try? location.openExisting(),
              let all = try? store.all() else { return nil }
        return all.filter { $0.generatedPath == path }.map(\.id).max()
    }
}

/// What changed between the base and the update, for the report and the commit message.
struct UpdateSummary {
    var base: BaseSnapshot.Info
    var new: BaseSnapshot.Info
    var oldAnswers: Answers?
    var newAnswers: Answers
    var recommendation: Topology
    var catalog: QuestionCatalog
    var plan: UpdatePlan
    var moveNote: String?

    var headline: String {
        let topology = base.topology == new.topology ? new.topology : "\(base.topology) → \(new.topology)"
        let added = new.features.filter { !base.features.contains($0) }.map { "+" + $0 }
        let removed = base.features.filter { !new.features.contains($0) }.map { "-" + $0 }
        let features = added + removed
        return "\(topology) (\(new.layout))" + (features.isEmpty ? "" : ", features " + features.joined(separator: " "))
    }

    var answerChanges: [String] {
        guard let oldAnswers else { return ["answers: the base profile could not be read with the current rules"] }
        return catalog.questions.compactMap { q in
            let a = oldAnswers[q.id], b = newAnswers[q.id]
            return a == b ? nil : "\(q.id): \(a) → \(b)"
        }
    }

    var details: [String] {
        var lines: [String] = []
        let decided = new.topologyOverride != nil ? "\(new.topology) (kept with --topology; the rules recommend \(recommendation.rawValue))" : new.topology
        lines.append("decision: \(decided)" + (base.topology == new.topology ? ", as before" : ", was \(base.topology)"))
        let answers = answerChanges
        lines.append(answers.isEmpty ? "answers: unchanged" : "answers changed: " + answers.joined(separator: "; "))
        lines.append(base.rulesDigest == new.rulesDigest ? "rules: unchanged (\(new.rulesDigest.prefix(12)))"
                     : "rules: \(base.rulesDigest.prefix(12)) → \(new.rulesDigest.prefix(12))")
        lines.append(base.templatesDigest == new.templatesDigest
                     ? "templates: unchanged (archdecide \(new.toolVersion), \(new.templatesOrigin))"
                     : "templates: changed (archdecide \(base.toolVersion) \(base.templatesOrigin) \(base.templatesDigest.prefix(12)) → \(new.toolVersion) \(new.templatesOrigin) \(new.templatesDigest.prefix(12)))")
        if let moveNote { lines.append(moveNote) }
        return lines
    }

    var commitMessage: String {
        (["archdecide update: " + headline, ""] + details + ["", "Files: " + plan.counts()] + plan.lines().map { "  " + $0 })
            .joined(separator: "\n") + "\n"
    }
}

/// `.archdecide/profile.yaml` writes every answer, the assumed ones marked `# assumed`. Read back
/// as given, they would stop being assumed (and the next render would drop the marks): such a
/// line, still exactly as archdecide wrote it, is blanked before the profile is read (so line
/// numbers in diagnostics stay right), and a group left without children goes with it.
enum AssumedAnswers {
    static let mark = "  # assumed (the questionnaire's default)"

    static func unmark(_ text: String, base: String) -> String {
        let written = Set(base.split(separator: "\n", omittingEmptySubsequences: false))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].hasSuffix(mark) && written.contains(Substring(lines[index])) {
            lines[index] = ""
        }
        // A group header (`traffic:`) whose indented children were all blanked.
        for index in lines.indices where lines[index].range(of: "^[a-z_]+:[ ]*$", options: .regularExpression) != nil {
            var next = index + 1
            while next < lines.count, lines[next].isEmpty { next += 1 }
            if next == lines.count || !lines[next].hasPrefix(" ") { lines[index] = "" }
        }
        return lines.joined(separator: "\n")
    }
}
