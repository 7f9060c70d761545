import Foundation
import Scaffold
import Testing
import TestSupport

/// The generated trees of the example profiles, pinned in Examples/generate/snapshots/NAME.txt.
/// Re-record after an intended change with `ARCHDECIDE_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`.
@Suite struct SnapshotTests {
    static let examples = Fixtures.root.appendingPathComponent("Examples/generate")
    static let snapshots = examples.appendingPathComponent("snapshots")

    static var exampleNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// One text for a whole tree: every file under a header with its path and mode, in path order.
    static func render(_ plan: Plan) -> String {
        var out = "layout: \(plan.layout)\ntopology: \(plan.topology)\nfeatures: \(plan.features.joined(separator: ", "))\n"
        for file in plan.files.sorted(by: { $0.path < $1.path }) {
            out += "\n=== \(file.path)\(file.executable ? " (executable)" : "") ===\n" + file.text
        }
        return out
    }

    @Test func thereAreExamples() {
        #expect(Self.exampleNames.count >= 2)
    }

    @Test(arguments: exampleNames)
    func exampleTreeMatchesItsSnapshot(example: String) throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent(example), encoding: .utf8)
        let actual = Self.render(try Fixtures.plan(text))
        Snapshot.check(actual, "Examples/generate/snapshots/" + example.replacingOccurrences(of: ".yaml", with: ".txt"))
    }

    /// A recording run writes the snapshot and fails; a checking run then passes, and fails on a drift.
    @Test func aRecordingRunAlwaysFails() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        withKnownIssue("a recording run must fail, even when nothing changed") {
            Snapshot.check("one\n", "pinned/one.txt", recording: true, root: folder)
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("pinned/one.txt"), encoding: .utf8) == "one\n")
        withKnownIssue("recording the same text again still fails") {
            Snapshot.check("one\n", "pinned/one.txt", recording: true, root: folder)
        }
        Snapshot.check("one\n", "pinned/one.txt", recording: false, root: folder)
        withKnownIssue("a drift fails") { Snapshot.check("two\n", "pinned/one.txt", recording: false, root: folder) }
        withKnownIssue("a missing snapshot fails") { Snapshot.check("one\n", "pinned/none.txt", recording: false, root: folder) }
    }

    /// Every snapshot goes through `Snapshot.check`: no test reads the record switch itself (the way a
    /// second helper that passes while recording would come back).
    @Test func onlyTheSharedHelperReadsTheRecordSwitch() throws {
        let tests = Fixtures.root.appendingPathComponent("Tests")
        let files = try #require(FileManager.default.enumerator(atPath: tests.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("TestSupport/") }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.components(separatedBy: "\n").enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                #expect(!code.contains(Snapshot.recordVariable) && !code.contains("Snapshot." + "isRecording"),
                        "Tests/\(file):\(n + 1) reads the record switch; use Snapshot.check")
            }
        }
    }
}
