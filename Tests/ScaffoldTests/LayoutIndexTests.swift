import DecisionModel
import Foundation
import Scaffold
import Testing
import TestSupport

/// One view of which file goes into which repo under which feature: for every layout, each output
/// path with its template and the features it needs, pinned in Examples/generate/index/LAYOUT.txt.
/// A change to a layout's `when:`, `includes`/`except` or template paths shows up here as a diff.
/// Re-record with `ARCHDECIDE_RECORD_SNAPSHOTS=1 swift test --filter LayoutIndexTests` (it then fails once: run again).
@Suite struct LayoutIndexTests {
    static let folder = Fixtures.root.appendingPathComponent("Examples/generate/index")
    static let layouts = ["vapor-monolith", "hummingbird-service", "hybrid"]

    static func index(_ layout: Layout) -> String {
        var out = "layout: \(layout.layout)\ntitle: \(layout.title)\n\nfeatures (chosen when the condition holds):\n"
        for feature in layout.features {
            let when = feature.always ? "always" : feature.when.map(Self.text) ?? "never (default or required only)"
            let requires = feature.requires.map { "; requires \($0.joined(separator: ", "))" } ?? ""
            out += "  \(feature.id): \(when)\(requires)\n"
        }
        if let defaults = layout.defaultFeatures { out += "  (none chosen: \(defaults.joined(separator: ", ")))\n" }
        out += "\nfiles (output path <- template [features: all needed, !id none]):\n"
        let rows = layout.files.map { file -> (String, String) in
            let when = (file.when ?? []).isEmpty ? "always" : file.when!.joined(separator: ", ")
            let flags = file.executable == true ? " (executable)" : ""
            return (file.path, "<- \(layout.templatePath(for: file)) [\(when)]\(flags)")
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (path, rest) in rows.sorted(by: { $0.0 < $1.0 }) {
            out += "  " + path.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + rest + "\n"
        }
        return out
    }

    /// A condition as one line: tests as the rules' explanations word them, `|` for any, `&` for all.
    static func text(_ condition: Condition) -> String {
        switch condition {
        case .any(let cs, _): cs.map(text).joined(separator: " | ")
        case .all(let cs, _): "(" + cs.map(text).joined(separator: " & ") + ")"
        case .not(let c, _): "not (" + text(c) + ")"
        case .test(let t): t.description
        }
    }

    @Test(arguments: layouts)
    func theIndexOfEachLayoutIsPinned(_ id: String) throws {
        let actual = Self.index(try LayoutCatalog.layout(named: id, catalog: Fixtures.ruleSet.catalog))
        Snapshot.check(actual, "Examples/generate/index/\(id).txt")
    }
}
