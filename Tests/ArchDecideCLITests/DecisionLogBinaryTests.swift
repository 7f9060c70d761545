import DecisionLog
import DecisionModel
import Foundation
import Testing
import TestSupport

/// The decision log end to end, through the built binary: recording from `decide`, the log commands,
/// 20 processes at once, and every failure that must still print the decision.
@Suite(.enabled(if: DecisionLogBinary.url != nil, Comment(rawValue: DecisionLogBinary.skipReason)))
struct DecisionLogBinaryTests {
    @Test func twentyDecideProcessesOnOneNewDatabaseAllRecord() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("shared/log/decisions.sqlite")
        let running = try (0..<20).map { _ in
            try DecisionLogBinary.start(["decide", "--record", "deskpilot.yaml", "--format", "json"], in: scratch.folder,
                                        environment: scratch.env(["ARCHDECIDE_DB": db]))
        }
        let outcomes = running.map { $0.wait() }
        for (i, o) in outcomes.enumerated() {
            #expect(o.status == 0, "process \(i): \(o.err)")
            #expect(o.err.isEmpty, "process \(i): \(o.err)")
            #expect(JSONValue.parse(o.out)?["recommendation"] == .string("hybrid"), "process \(i)")
        }
        let history = try scratch.run(["history", "--limit", "0", "--format", "json", "--db", db])
        #expect(history.status == 0)
        guard case .array(let rows)? = JSONValue.parse(history.out) else {
            Issue.record("history is not a JSON array: \(history.out)")
            return
        }
        #expect(rows.count == 20)
        let ids = Set(rows.compactMap { row -> String? in if case .string(let s)? = row["id"] { s } else { nil } })
        #expect(ids == Set((1...20).map { String(format: "d-%06d", $0) }))
    }

    @Test func aFileThatIsNotSQLiteFailsTheRecordButNotTheDecision() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("notes.sqlite")
        try Data("these are notes, not a database\n".utf8).write(to: URL(fileURLWithPath: db))
        let run = try scratch.run(["decide", "--record", "deskpilot.yaml", "--db", db])
        try expectDecisionPrintedAndRecordFailed(run, path: db, code: "log-not-sqlite")
    }

    @Test func anUnwritablePathFailsTheRecordButNotTheDecision() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        // A folder that would have to be created inside a plain file: no user, root included, can write there.
        let db = scratch.path("deskpilot.yaml/archdecide/decisions.sqlite")
        let run = try scratch.run(["decide", "--record", "deskpilot.yaml"], ["ARCHDECIDE_DB": db])
        try expectDecisionPrintedAndRecordFailed(run, path: db, code: "log-unwritable")
    }

    @Test func aDatabaseLockedPastTheTimeoutFailsTheRecordButNotTheDecision() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("decisions.sqlite")
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml", "--db", db]).status == 0)
        let lock = try HeldWriteLock(path: db)
        let start = Date()
        let run = try scratch.run(["decide", "--record", "deskpilot.yaml", "--db", db], ["ARCHDECIDE_DB_TIMEOUT": "0.3"])
        let elapsed = Date().timeIntervalSince(start)
        lock.release()
        try expectDecisionPrintedAndRecordFailed(run, path: db, code: "log-locked")
        #expect(elapsed >= 0.3 && elapsed < 10, "took \(elapsed) s")
        // Reads go on while a writer holds the lock, and nothing was lost or half-written.
        let history = try scratch.run(["history", "--format", "json", "--db", db])
        if case .array(let rows)? = JSONValue.parse(history.out) { #expect(rows.count == 1) } else { Issue.record("\(history.out)") }
    }

    func expectDecisionPrintedAndRecordFailed(_ run: DecisionLogBinary.Outcome, path: String, code: String) throws {
        #expect(run.status == 1, "exit status says the record failed")
        #expect(run.out.contains("deskpilot → hybrid"), "the decision is still printed: \(run.out)")
        #expect(run.errLines.count == 1, "one line: \(run.err)")
        let line = try #require(run.errLines.first)
        #expect(line.hasPrefix(path + ": error: decision not recorded: "), "\(line)")
        #expect(line.hasSuffix("[\(code)]"), "\(line)")
    }

    @Test func noRecordWritesNothingAndReadCommandsCreateNothing() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("log/decisions.sqlite")
        let decide = try scratch.run(["decide", "deskpilot.yaml", "--no-record"], ["ARCHDECIDE_DB": db])
        #expect(decide.status == 0 && decide.err.isEmpty)
        let history = try scratch.run(["history"], ["ARCHDECIDE_DB": db])
        #expect(history.status == 0)
        #expect(history.out.contains("no decisions recorded yet"))
        let show = try scratch.run(["show", "d-1"], ["ARCHDECIDE_DB": db])
        #expect(show.status == 1)
        #expect(show.err.contains("[log-missing]"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func theDatabaseIsFoundByOptionThenEnvironmentThenXDGThenHome() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let option = scratch.path("option.sqlite"), env = scratch.path("env.sqlite"), xdg = scratch.path("xdg")
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml", "--db", option], ["ARCHDECIDE_DB": env, "XDG_DATA_HOME": xdg]).status == 0)
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml"], ["ARCHDECIDE_DB": env, "XDG_DATA_HOME": xdg]).status == 0)
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml"], ["XDG_DATA_HOME": xdg]).status == 0)
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml"]).status == 0)
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: option))
        #expect(fm.fileExists(atPath: env))
        #expect(fm.fileExists(atPath: xdg + "/archdecide/decisions.sqlite"))
        #expect(fm.fileExists(atPath: scratch.home.path + "/.local/share/archdecide/decisions.sqlite"))
    }

    @Test func historyShowDiffADRAndRecheckEndToEnd() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let env = ["ARCHDECIDE_DB": scratch.path("decisions.sqlite")]
        let first = try scratch.run(["decide", "--record", "deskpilot.yaml", "--format", "json"], env)
        #expect(first.status == 0)
        #expect(try scratch.run(["decide", "--record", "deskpilot-quiet.yaml"], env).status == 0)

        // history: newest first, both formats, filter and limit.
        let history = try scratch.run(["history"], env)
        let lines = history.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("d-000002") && lines[1].contains("monolith"))
        #expect(lines[2].hasPrefix("d-000001") && lines[2].contains("hybrid"))
        let limited = try scratch.run(["history", "--limit", "1", "--format", "json", "--profile", "deskpilot"], env)
        guard case .array(let rows)? = JSONValue.parse(limited.out) else { Issue.record("\(limited.out)"); return }
        #expect(rows.count == 1 && rows[0]["id"] == .string("d-000002"))
        #expect(rows[0]["profile_sha256"]?.compact.count == 66)

        // show: the stored decision document is exactly what decide printed.
        let show = try scratch.run(["show", "d-1", "--format", "json"], env)
        let shown = try #require(JSONValue.parse(show.out))
        let decided = try #require(JSONValue.parse(first.out))
        #expect(JSONValue.parse(show.out)?["decision"]?.pretty == first.out.trimmingCharacters(in: .newlines))
        #expect(shown["decision"] == decided)
        #expect(shown["profile_text"] == .string(LogScratch.deskpilot))
        let showText = try scratch.run(["show", "1"], env)
        #expect(showText.out.contains("decision d-000001"))
        #expect(showText.out.contains("  │ name: deskpilot"))
        #expect(try scratch.run(["show", "7"], env).err.contains("no decision d-000007"))

        // diff: answers, scores and rules.
        let diff = try #require(JSONValue.parse(try scratch.run(["diff", "d-1", "d-2", "--format", "json"], env).out))
        #expect(diff["recommendation"]?["before"] == .string("hybrid"))
        #expect(diff["recommendation"]?["after"] == .string("monolith"))
        guard case .array(let answers)? = diff["answers"], case .array(let stopped)? = diff["stopped"] else { Issue.record("\(diff)"); return }
        #expect(Set(answers.compactMap { $0["field"] }) == [.string("workloads"), .string("performance_critical"), .string("traffic.peak_rps"),
                                                             .string("traffic.ai_peak_rps")])
        #expect(stopped.contains { $0["rule"] == .string("hy-product-core-with-ai-at-volume") })
        #expect(diff["scores"]?["hybrid"]?["delta"] == .double(-12))
        let diffText = try scratch.run(["diff", "1", "2"], env).out
        #expect(diffText.contains("traffic.peak_rps") && diffText.contains("3000 → 50"))
        #expect(diffText.contains("- hy-product-core-with-ai-at-volume"))

        // adr: MADR 4 from the recorded decision; never overwrites silently.
        let adrPath = scratch.path("docs/adr/0002-architecture.md")
        let adr = try scratch.run(["adr", "d-2", "--output", adrPath], env)
        #expect(adr.status == 0, "\(adr.err)")
        let text = try String(contentsOfFile: adrPath, encoding: .utf8)
        #expect(text.hasPrefix("---\nstatus: accepted\n"))
        #expect(text.contains("# 0002. Architecture of deskpilot"))
        #expect(text.contains("## Considered Options"))
        #expect(text.contains("decision log id `d-000002`"))
        let again = try scratch.run(["adr", "d-2", "--output", adrPath], env)
        #expect(again.status == 1 && again.err.contains("--force"))
        #expect(try scratch.run(["adr", "d-1", "--output", adrPath, "--force"], env).status == 0)
        let replaced = try String(contentsOfFile: adrPath, encoding: .utf8)
        #expect(replaced.contains("# 0002.") && replaced.contains("decision log id `d-000001`"), "the number is the file's, not the decision's")

        // recheck: the same rules change nothing; edited rules change d-1 and name the rule.
        let same = try #require(JSONValue.parse(try scratch.run(["recheck", "--format", "json"], env).out))
        #expect(same["checked"] == .int(2) && same["changed"] == .array([]))
        let rules = try copyRules(into: scratch, replacing: "effects: {hybrid: 8, monolith: -2}", with: "effects: {hybrid: -4, monolith: -2}")
        let recheck = try scratch.run(["recheck", "--rules", rules, "--format", "json", "--exit-code"], env)
        #expect(recheck.status == 1, "--exit-code: a recommendation changed")
        let found = try #require(JSONValue.parse(recheck.out))
        guard case .array(let changed)? = found["changed"] else { Issue.record("\(recheck.out)"); return }
        #expect(changed.count == 1)
        #expect(changed.first?["id"] == .string("d-000001"))
        #expect(changed.first?["after"] == .string("monolith"))
        #expect(changed.first?["reweighted"]?.compact.contains("hy-product-core-with-ai-at-volume") == true)
        let latest = try #require(JSONValue.parse(try scratch.run(["recheck", "--rules", rules, "--latest", "--format", "json"], env).out))
        #expect(latest["checked"] == .int(1) && latest["changed"] == .array([]), "only d-2, the latest deskpilot decision, which still holds")
        let recheckText = try scratch.run(["recheck", "--rules", rules], env)
        #expect(recheckText.status == 0)
        #expect(recheckText.out.contains("1 would now be different"))
        #expect(recheckText.out.contains("hybrid → monolith"))
    }

    /// A copy of the repository's Rules/ with one edit in rules/hybrid.yaml.
    func copyRules(into scratch: LogScratch, replacing old: String, with new: String) throws -> String {
        let target = scratch.folder.appendingPathComponent("rules-edited")
        try FileManager.default.copyItem(at: DecisionLogBinary.packageRoot.appendingPathComponent("Rules"), to: target)
        let file = target.appendingPathComponent("rules/hybrid.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        return target.path
    }
}
