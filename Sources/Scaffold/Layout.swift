import BundledTemplates
import DecisionModel
import Foundation
import Yams

/// A starter layout as data (`Templates/layouts/NAME.yaml`): its features, when each is chosen, and its files.
public struct Layout: Sendable {
    /// One optional part of the layout, chosen from the profile's answers.
    public struct Feature: Sendable {
        public var id: String
        /// One line for the README and `--dry-run`.
        public var summary: String
        /// Answer tests, any of which selects the feature (see `AnswerTest`).
        public var when: [String]
        /// Features this one cannot work without; they are selected with it.
        public var requires: [String]?
        /// Selected whatever the answers (a part the layout cannot work without).
        public var always: Bool = false
    }

    /// Another layout's files, taken into this one (the hybrid takes the monolith's and the service's).
    public struct Include: Sendable {
        /// The layout whose file entries (and templates, and `when`s) are taken.
        public var layout: String
        /// Context values for every taken file (`module: "{{serviceModule}}"`), under the file's own `with`.
        public var with: [String: String]
        /// Output paths of that layout not taken (this layout writes its own).
        public var except: Set<String>
    }

    /// One generated file: where it goes, which template renders it, and when it is included.
    public struct File: Sendable {
        /// The output path, itself a Mustache template over the context (`Sources/{{module}}/App.swift`).
        public var path: String
        /// The template under `Templates/`; by default `LAYOUT/PATH.mustache` with `{{var}}` path parts spelt `_var_`.
        public var template: String?
        /// Feature ids, all of which must be selected (`!id` means the feature must not be selected).
        public var when: [String]?
        /// Whether the file is written executable (scripts).
        public var executable: Bool?
        /// Context values that replace the layout's for this file only (a hybrid reusing a monolith template).
        public var with: [String: String]?
    }

    /// The layout's id, as `Rules/topologies.yaml` names it (`vapor-monolith`).
    public var layout: String
    public var title: String
    /// Swift module names, as templates over `Name` (the profile name in UpperCamelCase).
    public var modules: [String: String]
    public var features: [Feature]
    /// Selected when the answers select none of the features.
    public var defaultFeatures: [String]?
    public var files: [File]
    /// Layouts whose files this one takes, before its own (resolved by `LayoutCatalog`).
    public var includes: [Include] = []

    /// The template a file entry renders with.
    public func templatePath(for file: File) -> String {
        if let template = file.template { return template }
        var path = file.path
        while let open = path.range(of: "{{"), let close = path.range(of: "}}", range: open.upperBound..<path.endIndex) {
            path.replaceSubrange(open.lowerBound..<close.upperBound, with: "_" + path[open.upperBound..<close.lowerBound] + "_")
        }
        return "\(layout)/\(path).mustache"
    }

    /// The features the answers select, with their requirements, in the layout's order.
    public func selectedFeatures(for answers: Answers) -> [String] {
        var chosen = Set<String>()
        for feature in features where feature.always || feature.when.contains(where: { AnswerTest($0)?.holds(answers) ?? false }) {
            chosen.insert(feature.id)
        }
        if chosen.allSatisfy({ id in features.contains { $0.id == id && $0.always } }), let defaults = defaultFeatures {
            chosen.formUnion(defaults)
        }
        // Close over `requires` (a few passes are enough for a small graph).
        var changed = true
        while changed {
            changed = false
            for feature in features where chosen.contains(feature.id) {
                for needed in feature.requires ?? [] where !chosen.contains(needed) {
                    chosen.insert(needed)
                    changed = true
                }
            }
        }
        return features.map(\.id).filter(chosen.contains)
    }

    /// Whether a file belongs in a repo with these features.
    public func includes(_ file: File, features selected: Set<String>) -> Bool {
        (file.when ?? []).allSatisfy { test in
            test.hasPrefix("!") ? !selected.contains(String(test.dropFirst())) : selected.contains(test)
        }
    }
}

extension Layout {
    /// Reads a manifest from its YAML node tree (see `Templates/layouts/*.yaml`).
    init(node: Node) throws {
        func string(_ node: Node?, _ key: String) throws -> String {
            guard let value = node?[key]?.string else { throw LayoutCatalog.LayoutError(description: "missing string '\(key)'") }
            return value
        }
        func strings(_ node: Node?) -> [String]? { node?.sequence?.compactMap(\.string) }
        layout = try string(node, "layout")
        title = try string(node, "title")
        var modules: [String: String] = [:]
        for (key, value) in node["modules"]?.mapping ?? [:] {
            if let k = key.string, let v = value.string { modules[k] = v }
        }
        self.modules = modules
        features = try (node["features"]?.sequence ?? []).map { f in
            Feature(id: try string(f, "id"), summary: try string(f, "summary"), when: strings(f["when"]) ?? [],
                    requires: strings(f["requires"]), always: f["always"]?.string == "true")
        }
        func mapping(_ node: Node?) -> [String: String]? {
            guard let pairs = node?.mapping else { return nil }
            var result: [String: String] = [:]
            for (key, value) in pairs { if let k = key.string, let v = value.string { result[k] = v } }
            return result
        }
        includes = try (node["includes"]?.sequence ?? []).map { i in
            Include(layout: try string(i, "layout"), with: mapping(i["with"]) ?? [:], except: Set(strings(i["except"]) ?? []))
        }
        defaultFeatures = strings(node["default_features"])
        files = try (node["files"]?.sequence ?? []).map { f in
            File(path: try string(f, "path"), template: f["template"]?.string, when: strings(f["when"]),
                 executable: f["executable"]?.string.map { $0 == "true" }, with: mapping(f["with"]))
        }
    }
}

/// One test over the answers, as layouts write it: `auth` (a true bool), `workloads has content`,
/// `data_model is significant`, `traffic.peak_rps >= 100`.
public struct AnswerTest: Sendable, Hashable {
    public enum Operation: Sendable, Hashable { case isTrue, has(String), equals(String), atLeast(Int) }
    public var field: String
    public var operation: Operation

    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch parts.count {
        case 1: field = parts[0]; operation = .isTrue
        case 3:
            field = parts[0]
            switch parts[1] {
            case "has": operation = .has(parts[2])
            case "is": operation = .equals(parts[2])
            case ">=": guard let n = Int(parts[2]) else { return nil }; operation = .atLeast(n)
            default: return nil
            }
        default: return nil
        }
    }

    public func holds(_ answers: Answers) -> Bool {
        let value = answers[field]
        switch operation {
        case .isTrue: return value.boolValue == true
        case .has(let item): return value.listValue?.contains(item) == true
        case .equals(let expected): return value.description == expected
        case .atLeast(let n): return (value.intValue ?? Int.min) >= n
        }
    }
}

/// The layouts built into the binary (`Templates/layouts/*.yaml`).
public enum LayoutCatalog {
    /// A layout that is unknown, or whose manifest does not parse (a build defect).
    public struct LayoutError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Layout ids that have a manifest, sorted.
    public static var available: [String] { available(in: .builtIn) }

    /// Layout ids that have a manifest in a template source, sorted.
    public static func available(in source: TemplateSource) -> [String] {
        source.files.keys.compactMap { path in
            path.hasPrefix("layouts/") && path.hasSuffix(".yaml")
                ? String(path.dropFirst("layouts/".count).dropLast(".yaml".count)) : nil
        }.sorted()
    }

    public static func layout(named id: String, source: TemplateSource = .builtIn) throws -> Layout {
        try layout(named: id, depth: 0, source: source)
    }

    /// Reads a manifest and takes in the files of the layouts it includes.
    private static func layout(named id: String, depth: Int, source: TemplateSource) throws -> Layout {
        guard depth < 4 else { throw LayoutError(description: "the built-in layout '\(id)' includes layouts too deeply (a cycle?)") }
        var layout = try manifest(named: id, source: source)
        var taken: [Layout.File] = []
        for include in layout.includes {
            let other = try Self.layout(named: include.layout, depth: depth + 1, source: source)
            let known = Set(layout.features.map(\.id))
            for file in other.files where !include.except.contains(file.path) {
                var file = file
                // A file for a feature this layout does not have can never be chosen: leave it out.
                // `!id` of such a feature always holds: drop the test.
                let tests = file.when ?? []
                guard tests.allSatisfy({ $0.hasPrefix("!") || known.contains($0) }) else { continue }
                file.when = tests.filter { !$0.hasPrefix("!") || known.contains(String($0.dropFirst())) }
                file.template = other.templatePath(for: file)
                file.with = include.with.merging(file.with ?? [:]) { _, own in own }
                taken.append(file)
            }
        }
        layout.files = taken + layout.files
        return layout
    }

    private static func manifest(named id: String, source: TemplateSource) throws -> Layout {
        guard let text = source.files["layouts/\(id).yaml"] else {
            let known = available(in: source).joined(separator: ", ")
            throw LayoutError(description: "no starter layout '\(id)' is \(source.isBuiltIn ? "built in" : "in \(source.origin)") (available: \(known))")
        }
        do {
            // The node API with the basic resolver (every scalar a string): several times faster
            // than YAMLDecoder, and a manifest needs nothing else.
            guard let root = try Yams.compose(yaml: text, .basic) else { throw LayoutError(description: "empty") }
            return try Layout(node: root)
        } catch {
            let place = source.isBuiltIn ? "the built-in layout 'layouts/\(id).yaml'" : "the layout '\(source.origin)/layouts/\(id).yaml'"
            throw LayoutError(description: "\(place) does not parse: \(error)")
        }
    }

    /// The template text for a path under `Templates/`.
    public static func template(_ path: String) -> String? {
        BundledTemplates.files.first { $0.path == path }?.text
    }
}
