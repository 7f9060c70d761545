import BundledTemplates
import DecisionModel
import Foundation
import Yams

/// A starter layout as data (`Templates/layouts/NAME.yaml`): its features, when each is chosen, and its files.
public struct Layout: Sendable, Decodable {
    /// One optional part of the layout, chosen from the profile's answers.
    public struct Feature: Sendable, Decodable {
        public var id: String
        /// One line for the README and `--dry-run`.
        public var summary: String
        /// Answer tests, any of which selects the feature (see `AnswerTest`).
        public var when: [String]
        /// Features this one cannot work without; they are selected with it.
        public var requires: [String]?
    }

    /// One generated file: where it goes, which template renders it, and when it is included.
    public struct File: Sendable, Decodable {
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

    enum CodingKeys: String, CodingKey {
        case layout, title, modules, features, files
        case defaultFeatures = "default_features"
    }

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
        for feature in features where feature.when.contains(where: { AnswerTest($0)?.holds(answers) ?? false }) {
            chosen.insert(feature.id)
        }
        if chosen.isEmpty, let defaults = defaultFeatures { chosen.formUnion(defaults) }
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
            Feature(id: try string(f, "id"), summary: try string(f, "summary"), when: strings(f["when"]) ?? [], requires: strings(f["requires"]))
        }
        defaultFeatures = strings(node["default_features"])
        files = try (node["files"]?.sequence ?? []).map { f in
            var with: [String: String]?
            if let mapping = f["with"]?.mapping {
                with = [:]
                for (key, value) in mapping { if let k = key.string, let v = value.string { with?[k] = v } }
            }
            return File(path: try string(f, "path"), template: f["template"]?.string, when: strings(f["when"]),
                        executable: f["executable"]?.string.map { $0 == "true" }, with: with)
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
    public static var available: [String] {
        BundledTemplates.files.compactMap { file in
            file.path.hasPrefix("layouts/") && file.path.hasSuffix(".yaml")
                ? String(file.path.dropFirst("layouts/".count).dropLast(".yaml".count)) : nil
        }.sorted()
    }

    public static func layout(named id: String) throws -> Layout {
        guard let text = BundledTemplates.files.first(where: { $0.path == "layouts/\(id).yaml" })?.text else {
            let known = available.joined(separator: ", ")
            throw LayoutError(description: "no starter layout '\(id)' is built in (available: \(known))")
        }
        do {
            // The node API with the basic resolver (every scalar a string): several times faster
            // than YAMLDecoder, and a manifest needs nothing else.
            guard let root = try Yams.compose(yaml: text, .basic) else { throw LayoutError(description: "empty") }
            return try Layout(node: root)
        } catch {
            throw LayoutError(description: "the built-in layout 'layouts/\(id).yaml' does not parse: \(error)")
        }
    }

    /// The template text for a path under `Templates/`.
    public static func template(_ path: String) -> String? {
        BundledTemplates.files.first { $0.path == path }?.text
    }
}
