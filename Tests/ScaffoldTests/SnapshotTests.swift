import Foundation
import Scaffold
import Testing

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
        let url = Self.snapshots.appendingPathComponent(example.replacingOccurrences(of: ".yaml", with: ".txt"))
        if ProcessInfo.processInfo.environment["ARCHDECIDE_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try #require(try? String(contentsOf: url, encoding: .utf8),
                                    "no snapshot at \(url.path); record it with ARCHDECIDE_RECORD_SNAPSHOTS=1")
        if expected != actual {
            let a = expected.components(separatedBy: "\n")
            let b = actual.components(separatedBy: "\n")
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                \(example) drifted from \(url.lastPathComponent) at line \(line + 1):
                  snapshot: \(line < a.count ? a[line] : "<end>")
                  now:      \(line < b.count ? b[line] : "<end>")
                Re-record with ARCHDECIDE_RECORD_SNAPSHOTS=1 if the change is intended.
                """)
        }
    }
}
