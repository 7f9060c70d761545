import BundledTemplates
import Foundation
import DecisionModel
import Mustache
import Scaffold
import Testing

/// The built-in layouts are data; these tests keep the data consistent with the templates.
@Suite struct LayoutTests {
    @Test func theMonolithAndTheServiceAreBuiltIn() {
        #expect(LayoutCatalog.available.contains("vapor-monolith"))
        #expect(LayoutCatalog.available.contains("hummingbird-service"))
    }

    @Test(arguments: LayoutCatalog.available)
    func everyFileNamesATemplateThatExistsAndParses(layoutID: String) throws {
        let layout = try LayoutCatalog.layout(named: layoutID, catalog: Fixtures.ruleSet.catalog)
        let featureIDs = Set(layout.features.map(\.id))
        for file in layout.files {
            let path = layout.templatePath(for: file)
            let text = try #require(LayoutCatalog.template(path), "\(layoutID): \(file.path) names a missing template \(path)")
            _ = try MustacheTemplate(string: text)
            for test in file.when ?? [] {
                let id = test.hasPrefix("!") ? String(test.dropFirst()) : test
                #expect(featureIDs.contains(id), "\(layoutID): \(file.path) depends on unknown feature \(id)")
            }
        }
        for feature in layout.features {
            for needed in feature.requires ?? [] { #expect(featureIDs.contains(needed)) }
            // Summaries go into Leaf pages and Markdown; they must not look like Leaf tags.
            #expect(!feature.summary.contains("#"))
        }
    }

    @Test(arguments: LayoutCatalog.available)
    func everyTemplateOfTheLayoutIsUsed(layoutID: String) throws {
        let layout = try LayoutCatalog.layout(named: layoutID, catalog: Fixtures.ruleSet.catalog)
        let used = Set(layout.files.map { layout.templatePath(for: $0) })
        let own = BundledTemplates.files.map(\.path).filter { $0.hasPrefix(layoutID + "/") }
        for path in own { #expect(used.contains(path), "\(path) is not used by layouts/\(layoutID).yaml") }
    }

    @Test func featuresAreChosenByTheRulesConditions() throws {
        let profile = try Fixtures.profile(Fixtures.profileText(["auth: true", "workloads: [content]", "traffic:", "  peak_rps: 200"]))
        let answers = Fixtures.engine.decide(profile).answers
        let layout = try LayoutCatalog.layout(named: "vapor-monolith", catalog: Fixtures.ruleSet.catalog)
        #expect(layout.selectedFeatures(for: answers) == ["auth", "content"])
        // The hybrid takes the monolith's product features as the monolith declares them.
        let hybrid = try LayoutCatalog.layout(named: "hybrid", catalog: Fixtures.ruleSet.catalog)
        for id in ["items", "auth", "content", "payments", "webhooks", "admin"] {
            let mine = try #require(hybrid.features.first { $0.id == id }), theirs = try #require(layout.features.first { $0.id == id })
            #expect(mine.when == theirs.when && mine.summary == theirs.summary && mine.requires == theirs.requires)
        }
    }

    /// The built-in templates with one layout's text edited.
    static func source(_ layout: String, _ edit: (String) -> String) -> TemplateSource {
        var files = TemplateSource.builtIn.files
        files["layouts/\(layout).yaml"] = edit(files["layouts/\(layout).yaml"]!)
        return TemplateSource(files: files, origin: "/t")
    }

    static func diagnostics(_ source: TemplateSource, _ layout: String) -> [Diagnostic] {
        do {
            _ = try LayoutCatalog.layout(named: layout, source: source, catalog: Fixtures.ruleSet.catalog)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// Each kind of mistake a layout can hold: the edit, then the code, field and text of the line its error names.
    static let mistakes: [(layout: String, from: String, to: String, code: DiagnosticCode, field: String, line: String)] = [
        ("vapor-monolith", "  - id: jobs\n", "  - id: jobs\n    colour: blue\n", .unknownKey, "colour", "colour: blue"),
        ("vapor-monolith", "{field: workloads, contains: background_jobs}", "{field: workload, contains: background_jobs}", .unknownField, "workload", "field: workload,"),
        ("vapor-monolith", "{field: workloads, contains: background_jobs}", "{field: workloads, contains: backgroundjobs}", .typeMismatch, "workloads", "backgroundjobs"),
        ("vapor-monolith", "{field: auth, equals: true}", "{field: auth, gte: 3}", .typeMismatch, "auth", "gte: 3"),
        ("vapor-monolith", "  - path: deploy/k8s/rollout.sh\n    executable: true", "  - path: deploy/k8s/rollout.sh\n    executable: yes-please", .wrongType, "executable", "yes-please"),
        ("vapor-monolith", "    when: [jobs]\n", "    when: [jbos]\n", .unknownField, "jbos", "jbos"),
        ("vapor-monolith", "default_features: [items]", "default_features: items", .wrongType, "default_features", "default_features: items"),
        ("hybrid", "  - id: chat\n", "  - id: chat\n    always: 1\n", .wrongType, "always", "always: 1"),
        ("hybrid", "features: [items, auth,", "features: [itemz, auth,", .unknownField, "itemz", "layout: vapor-monolith"),
        ("hybrid", "      - .dockerignore\n", "      - .dockerignor\n", .invalidValue, "except", "layout: vapor-monolith"),
        ("hummingbird-service", "title:", "titel:", .unknownKey, "titel", "titel:"),
    ]

    @Test(arguments: mistakes.indices)
    func aMistakeInALayoutIsALocatedError(_ index: Int) throws {
        let m = Self.mistakes[index]
        let builtIn = try #require(TemplateSource.builtIn.files["layouts/\(m.layout).yaml"])
        try #require(builtIn.contains(m.from), "the layout no longer holds \(m.from)")
        let source = Self.source(m.layout) { $0.replacingOccurrences(of: m.from, with: m.to) }
        let found = Self.diagnostics(source, m.layout)
        let hit = try #require(found.first { $0.code == m.code }, "expected [\(m.code.rawValue)], got \(found.map(\.description))")
        #expect(hit.location.file == "/t/layouts/\(m.layout).yaml")
        #expect(hit.field == m.field)
        let lines = source.files["layouts/\(m.layout).yaml"]!.components(separatedBy: "\n")
        try #require(hit.location.line >= 1 && hit.location.line <= lines.count)
        #expect(lines[hit.location.line - 1].contains(m.line), "line \(hit.location.line) is '\(lines[hit.location.line - 1])'")
    }

    @Test func everyBuiltInLayoutReadsWithoutFindings() throws {
        for id in LayoutCatalog.available { #expect(Self.diagnostics(.builtIn, id).isEmpty, "\(id)") }
    }

    /// Versions live in one table: templates name its entries, never write a `.package(url:` of their
    /// own, and every entry is used.
    @Test func dependencyVersionsLiveInOneTable() throws {
        let table = try PackageTable.read(.builtIn)
        let names = Set(table.entries.map(\.name))
        var used = Set<String>()
        for (path, text) in TemplateSource.builtIn.files where path.hasSuffix(".mustache") {
            #expect(!text.contains(".package(url:"), "\(path) declares a package itself; name it from dependencies.yaml as {{{packages.NAME}}}")
            var rest = Substring(text)
            while let open = rest.range(of: "{{{packages.") {
                let after = rest[open.upperBound...]
                let name = String(after.prefix { $0 != "}" })
                #expect(names.contains(name), "\(path) names the package '\(name)', which dependencies.yaml does not list")
                used.insert(name)
                rest = after
            }
        }
        #expect(used == names, "dependencies.yaml lists packages no template uses: \(names.subtracting(used).sorted())")
    }

    @Test func aMistakeInTheDependencyTableIsALocatedError() throws {
        var files = TemplateSource.builtIn.files
        files[PackageTable.path] = try #require(files[PackageTable.path])
            .replacingOccurrences(of: "  leaf: {url: \"https://github.com/vapor/leaf\", from: 4.5.2}", with: "  leaf: {url: \"https://github.com/vapor/leaf\", from: 4.5, branch: main}")
        do {
            _ = try PackageTable.read(TemplateSource(files: files, origin: "/t"))
            Issue.record("a bad table was read")
        } catch {
            let line = try #require(files[PackageTable.path]!.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  leaf:") }) + 1
            #expect(error.diagnostics.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.invalidValue, .unknownKey])
            #expect(error.diagnostics.allSatisfy { $0.location.file == "/t/dependencies.yaml" && $0.location.line == line })
            #expect(Set(error.diagnostics.compactMap(\.field)) == ["from", "branch"])
        }
    }
}
