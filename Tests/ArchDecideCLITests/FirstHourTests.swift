import DecisionModel
import Foundation
import Testing
import TestSupport

/// What a newcomer meets in the first hour, through the built binary: recording only on request,
/// withdrawing, where the log is, ADR numbers, width, plurals, suggestions, refusing early.
@Suite(.serialized) struct FirstHourTests {
    // MARK: recording

    @Test func decideRecordsOnlyWhenAskedAndAskRecordsByDefault() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("log.sqlite")
        let env = ["ARCHDECIDE_DB": db]
        let plain = try scratch.run(["decide", "deskpilot.yaml"], env)
        #expect(plain.status == 0 && plain.err.isEmpty, "\(plain.err)")
        #expect(!FileManager.default.fileExists(atPath: db), "decide without --record leaves the log alone")
        #expect(try scratch.run(["decide", "deskpilot.yaml", "--record"], env).status == 0)
        #expect(try scratch.run(["decide", "deskpilot-quiet.yaml"], env.merging(["ARCHDECIDE_RECORD": "1"]) { $1 }).status == 0)
        #expect(try scratch.run(["decide", "deskpilot.yaml", "--no-record"], env.merging(["ARCHDECIDE_RECORD": "1"]) { $1 }).status == 0)
        let both = try scratch.run(["decide", "deskpilot.yaml", "--record", "--no-record"], env)
        #expect(both.status == 64 && both.err.contains("contradict"))
        let ask = try scratch.run(["ask", "--defaults", "--name", "asked"], env)
        #expect(ask.status == 0, "\(ask.err)")
        #expect(try scratch.run(["ask", "--defaults", "--name", "not-asked"], env.merging(["ARCHDECIDE_RECORD": "0"]) { $1 }).status == 0)
        let history = try scratch.run(["history", "--format", "json"], env)
        guard case .array(let rows)? = JSONValue.parse(history.out) else { Issue.record("\(history.out)"); return }
        #expect(rows.compactMap { $0["profile"] } == [.string("asked"), .string("deskpilot"), .string("deskpilot")])
    }

    @Test func aWithdrawalHidesADecisionWithoutDeletingIt() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let db = scratch.path("log.sqlite")
        let env = ["ARCHDECIDE_DB": db]
        #expect(try scratch.run(["history", "--path"], env).out == db + "\n")
        #expect(try scratch.run(["history", "--path"], ["XDG_DATA_HOME": "/xdg"]).out == "/xdg/archdecide/decisions.sqlite\n")
        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml", "deskpilot-quiet.yaml"], env).status == 0)
        let withdrawn = try scratch.run(["withdraw", "d-1", "--reason", "an example run"], env)
        #expect(withdrawn.status == 0, "\(withdrawn.err)")
        #expect(withdrawn.out.contains("withdrew d-000001"))
        let history = try scratch.run(["history"], env).out
        #expect(!history.contains("d-000001") && history.contains("d-000002"), "\(history)")
        #expect(history.contains("(1 withdrawn decision not listed; --all lists them)"))
        let all = try scratch.run(["history", "--all"], env.merging(["COLUMNS": "200"]) { $1 }).out
        #expect(all.contains("d-000001") && all.contains("withdrawn: an example run"), "\(all)")
        let show = try scratch.run(["show", "d-1"], env).out
        #expect(show.contains("withdrawn ") && show.contains(": an example run"), "\(show)")
        let json = try #require(JSONValue.parse(try scratch.run(["show", "d-1", "--format", "json"], env).out))
        #expect(json["withdrawn"]?["reason"] == .string("an example run"))
        let again = try scratch.run(["withdraw", "1"], env)
        #expect(again.status == 1 && again.err.contains("[log-already-withdrawn]"), "\(again.err)")
        let missing = try scratch.run(["withdraw", "9"], env)
        #expect(missing.status == 1 && missing.err.contains("[log-no-such-decision]"))
        let recheck = try #require(JSONValue.parse(try scratch.run(["recheck", "--format", "json"], env).out))
        #expect(recheck["checked"] == .int(1), "a withdrawn decision is not rechecked")
    }

    // MARK: ADR numbers

    @Test func anADRsNumberIsItsOwnAndItsHeadingMatchesItsFileName() throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let env = ["ARCHDECIDE_DB": scratch.path("log.sqlite")]
        for _ in 0..<3 { #expect(try scratch.run(["decide", "--record", "deskpilot.yaml"], env).status == 0) }
        let named = try scratch.run(["adr", "d-3", "--output", "docs/adr/0005-x.md"], env)
        #expect(named.status == 0, "\(named.err)")
        #expect(try String(contentsOfFile: scratch.path("docs/adr/0005-x.md"), encoding: .utf8).contains("\n# 0005. Architecture of deskpilot"))
        // A folder: the next free number there, whatever the decision's id.
        let folder = try scratch.run(["adr", "d-1", "--output", "docs/adr"], env)
        #expect(folder.status == 0, "\(folder.err)")
        #expect(folder.out.contains("docs/adr/0006-architecture-of-deskpilot.md (ADR 0006 from d-000001)"), "\(folder.out)")
        #expect(try String(contentsOfFile: scratch.path("docs/adr/0006-architecture-of-deskpilot.md"), encoding: .utf8).contains("\n# 0006. "))
        // --force with a folder is not an error either (it used to print NSCocoaErrorDomain error 512).
        let forced = try scratch.run(["adr", "d-2", "--force", "--output", "docs/adr/"], env)
        #expect(forced.status == 0 && forced.out.contains("0007-architecture-of-deskpilot.md"), "\(forced.err)")
        let clash = try scratch.run(["adr", "d-2", "--output", "docs/adr/0005-x.md"], env)
        #expect(clash.status == 1 && clash.err == "docs/adr/0005-x.md: error: the file exists; choose another or pass --force to replace it [file-exists]\n")
        let mismatch = try scratch.run(["adr", "d-2", "--output", "docs/adr/0009-y.md", "--number", "3"], env)
        #expect(mismatch.status == 1 && mismatch.err.contains("[invalid-value]"))
        let stdout = try scratch.run(["adr", "d-3", "--number", "12"], env)
        #expect(stdout.out.contains("\n# 0012. "))
        // An unwritable folder: a located, coded error, no Foundation domain.
        try FileManager.default.createDirectory(atPath: scratch.path("locked"), withIntermediateDirectories: true)
        chmod(scratch.path("locked"), 0o555)
        defer { chmod(scratch.path("locked"), 0o755) }
        if getuid() != 0 {
            let locked = try scratch.run(["adr", "d-1", "--output", "locked/"], env)
            #expect(locked.status == 1 && locked.err.contains("[not-writable]") && !locked.err.contains("NSCocoaErrorDomain"), "\(locked.err)")
        }
    }

    // MARK: width

    /// Words of a text, in order, ignoring line breaks and indentation.
    static func words(_ s: String) -> [Substring] { s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }

    @Test(arguments: [nil, "60", "100"])
    func textOutputFitsTheWidthWithoutCuttingWords(_ columns: String?) throws {
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let width = columns.flatMap(Int.init) ?? 80
        let env = ["ARCHDECIDE_DB": scratch.path("log.sqlite")].merging(columns.map { ["COLUMNS": $0] } ?? [:]) { $1 }
        let wide = try scratch.run(["decide", "deskpilot.yaml"], ["COLUMNS": "1000"]).out
        #expect(wide.split(separator: "\n").contains { $0.count > 100 }, "the unfitted report has long lines")
        let fitted = try scratch.run(["decide", "deskpilot.yaml"], env).out
        for line in fitted.split(separator: "\n") { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        #expect(Self.words(fitted) == Self.words(wide), "wrapping moves words, never cuts or drops them")

        #expect(try scratch.run(["decide", "--record", "deskpilot.yaml", "deskpilot-quiet.yaml"], env).status == 0)
        let nameless = ["ARCHDECIDE_DB": scratch.path("log.sqlite"), "COLUMNS": "50"]
        let table = try scratch.run(["history"], nameless).out
        let rows = table.split(separator: "\n")
        #expect(rows.count == 3)
        for row in rows { #expect(row.count <= 50, "\(row)") }
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix("…") }, "a table row is cut with an ellipsis: \(table)")
        for command in [["recheck"], ["show", "d-1"], ["diff", "d-1", "d-2"]] {
            let out = try scratch.run(command, env).out
            for line in out.split(separator: "\n") where !line.contains("│") {
                #expect(line.count <= width, "\(command): \(line)")
            }
        }
    }

    // MARK: small things

    @Test func lintCountsInTheRightNumber() throws {
        let lint = try Binary.run(["rules", "lint"])
        #expect(lint.stdout.contains("questions, ") && lint.stdout.contains("0 errors, 0 warnings"), "\(lint.stdout)")
        let scratch = try LogScratch()
        defer { scratch.remove() }
        let rules = scratch.folder.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("Rules"), to: rules)
        let file = rules.appendingPathComponent("rules/hybrid.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        // One error: the first rule's `when` made impossible (team.size > 5 and < 6).
        let line = "        - {field: workloads, contains_any: [embeddings, streaming_inference, inference_gateway]}\n"
        #expect(text.contains(line))
        let broken = text.replacingOccurrences(of: line, with: line + "        - {field: team.size, gt: 5}\n        - {field: team.size, lt: 6}\n",
                                               range: text.range(of: line))
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let one = try Binary.run(["rules", "lint", rules.path])
        #expect(one.status == 65)
        #expect(one.stderr.contains("rule 'hy-product-core-with-ai-at-volume' can never fire"), "\(one.stderr)")
        #expect(one.stdout.contains("; 1 error, 0 warnings"), "\(one.stdout)")
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let top = try Binary.run(["decid", "Examples/deskpilot.yaml"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("error: 'decid' is not an archdecide command; did you mean 'decide'?"), "\(top.stderr)")
        let nested = try Binary.run(["rules", "lnt"])
        #expect(nested.status == 64 && nested.stderr.contains("did you mean 'lint'?"), "\(nested.stderr)")
        #expect(try Binary.run(["histroy"]).stderr.contains("did you mean 'history'?"))
        #expect(try Binary.run(["help", "decide"]).status == 0)
    }

    @Test func helpSaysWhereTheLogIsAndThatGenerateDoesHybrids() throws {
        #expect(try Binary.run(["decide", "--help"]).stdout.contains("~/.local/share/archdecide/decisions.sqlite"))
        #expect(try Binary.run(["history", "--help"]).stdout.contains("~/.local/share"))
        let generate = try Binary.run(["generate", "--help"]).stdout
        #expect(generate.contains("hybrid") && generate.contains("--no-git"))
        let ask = try Binary.run(["ask", "--help"]).stdout
        for option in ["--topology", "--dry-run", "--no-git", "--force"] { #expect(ask.contains(option), "ask --help lacks \(option)") }
    }

    @Test func askRefusesABadDestinationBeforeAskingAnything() throws {
        let folder = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("profiles"), withIntermediateDirectories: true)
        let run = try AskBinary.run(["ask", "--force", "--save-profile", "profiles", "--no-record"], input: "significant\n", in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("profiles: error: this is a folder; give a file name [not-writable]"), "\(run.stderr)")
        let missing = try AskBinary.run(["ask", "--save-profile", "nowhere/p.yaml", "--no-record"], input: "", in: folder)
        #expect(missing.status == 1 && missing.stderr.contains("nowhere: error: no such folder [not-writable]"), "\(missing.stderr)")
    }

    @Test func askGenerateTakesGeneratesOptions() throws {
        let folder = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try AskBinary.run(["ask", "--defaults", "--name", "weird-app", "--generate", "out", "--no-git", "--topology", "monolith"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Wrote "), "\(run.stdout)")
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: folder.appendingPathComponent("out/.git").path), "--no-git was honoured")
        #expect(fm.fileExists(atPath: folder.appendingPathComponent("out/Sources/WeirdApp").path), "module WeirdApp, not WeirdAppApp")
        let dry = try AskBinary.run(["ask", "--defaults", "--name", "svc", "--generate", "dry", "--dry-run", "--no-record"], in: folder)
        #expect(dry.status == 0 && dry.stdout.contains("Would write"), "\(dry.stderr)")
        #expect(!fm.fileExists(atPath: folder.appendingPathComponent("dry").path))
        let stray = try AskBinary.run(["ask", "--defaults", "--no-git", "--no-record"], in: folder)
        #expect(stray.status == 64 && stray.stderr.contains("--generate"))
    }
}
