import Foundation
import Testing
import TestSupport

/// A mistake in a layout manifest of `generate --templates DIR` is a located error through the
/// binary (file, line, column, field's code), like a mistake in a rule file; nothing is written.
@Suite struct LayoutManifestTests {
    /// A copy of the built-in templates with `edits` applied to one layout's text.
    static func templates(in parent: URL, layout: String, _ edits: [(old: String, new: String)]) throws -> URL {
        try templates(in: parent, file: "layouts/\(layout).yaml", edits)
    }

    static func templates(in parent: URL, file relative: String, _ edits: [(old: String, new: String)]) throws -> URL {
        let folder = parent.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("Sources/BundledTemplates/Templates"), to: folder)
        let file = folder.appendingPathComponent(relative)
        var text = try String(contentsOf: file, encoding: .utf8)
        for edit in edits {
            try #require(text.contains(edit.old), "\(relative) no longer holds \(edit.old)")
            text = text.replacingOccurrences(of: edit.old, with: edit.new)
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    /// The 1-based line of `needle` in `text`.
    static func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func anUnknownKeyAnUnknownFieldAndABadTypeAreEachLocated() throws {
        let parent = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let templates = try Self.templates(in: parent, layout: "vapor-monolith", [
            ("  - id: jobs\n", "  - id: jobs\n    colour: blue\n"),
            ("{field: workloads, contains: content}", "{field: workload, contains: content}"),
            ("  - path: deploy/k8s/rollout.sh\n    executable: true", "  - path: deploy/k8s/rollout.sh\n    executable: yes-please"),
        ])
        let output = parent.appendingPathComponent("repo")
        let run = try Binary.run(["generate", "--profile", "Examples/internal-admin-tool.yaml", "--topology", "monolith",
                                  "--templates", templates.path, "--output", output.path, "--no-git"])
        #expect(run.status != 0)
        let manifest = templates.appendingPathComponent("layouts/vapor-monolith.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let expected: [(needle: String, column: Int, message: String, code: String)] = [
            ("colour: blue", 5, "unknown key 'colour' in a feature of the layout", "unknown-key"),
            ("field: workload,", 11, "the 'when' of feature 'content' reads 'workload', which no question defines; did you mean 'workloads'?", "unknown-field"),
            ("executable: yes-please", 17, "'executable' in a file of the layout must be true or false; found 'yes-please'", "wrong-type"),
        ]
        for e in expected {
            let line = try #require(Self.line(of: e.needle, in: text))
            let want = "\(manifest.path):\(line):"
            let printed = run.stderr.components(separatedBy: "\n").first { $0.hasPrefix(want) && $0.hasSuffix("[\(e.code)]") }
            #expect(printed?.contains("error: \(e.message)") == true, "no '\(want)… [\(e.code)]' in:\n\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path), "a repo was written from a broken layout")
    }

    @Test func aDryRunReadsTheLayoutTheSameWay() throws {
        let parent = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let templates = try Self.templates(in: parent, layout: "hybrid", [("  - id: chat\n", "  - id: chat\n    always: [yes]\n")])
        let run = try Binary.run(["generate", "--profile", "Examples/deskpilot.yaml", "--topology", "hybrid", "--templates", templates.path,
                                  "--output", parent.appendingPathComponent("repo").path, "--dry-run"])
        #expect(run.status != 0)
        let manifest = templates.appendingPathComponent("layouts/hybrid.yaml")
        let line = try #require(Self.line(of: "always: [yes]", in: try String(contentsOf: manifest, encoding: .utf8)))
        #expect(run.stderr.contains("\(manifest.path):\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains("'always' in a feature of the layout must be true or false; found a list [wrong-type]"), "\(run.stderr)")
    }

    @Test func aMistakeInTheDependencyTableIsLocated() throws {
        let parent = try AskBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let templates = try Self.templates(in: parent, file: "dependencies.yaml", [("from: 2.28.1}", "from: latest}")])
        let run = try Binary.run(["generate", "--profile", "Examples/embedding-service.yaml", "--topology", "microservice",
                                  "--templates", templates.path, "--output", parent.appendingPathComponent("repo").path, "--dry-run"])
        #expect(run.status != 0)
        let table = templates.appendingPathComponent("dependencies.yaml")
        let line = try #require(Self.line(of: "from: latest}", in: try String(contentsOf: table, encoding: .utf8)))
        #expect(run.stderr.contains("\(table.path):\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains("'from' of the package 'hummingbird' must be a version like 1.2.3; found 'latest' [invalid-value]"), "\(run.stderr)")
    }
}
