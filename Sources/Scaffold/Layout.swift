import BundledTemplates
import DecisionModel
import Foundation
import RuleSpec

/// A starter layout as data (`Templates/layouts/NAME.yaml`): its features, when each is chosen, and its files.
///
/// Manifests are read like rule files (RuleSpec's located YAML reader, unknown keys refused) and their
/// features' `when:` is the rules' condition language, typed against the questionnaire (plus the
/// hybrid's `placement.service` / `placement.monolith`, see `LayoutCatalog.catalog(for:)`).
public struct Layout: Sendable {
    /// One optional part of the layout, chosen from the profile's answers.
    public struct Feature: Sendable {
        public var id: String
        /// One line for the README and `--dry-run`.
        public var summary: String
        /// The condition that selects the feature (the rules' condition language); nil: only by `always`,
        /// `default_features` or another feature's `requires`.
        public var when: Condition?
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
        /// Features of that layout taken as it declares them (summary, `when`, `requires`): one
        /// declaration for both layouts. They come first, in this order, before the layout's own.
        public var features: [String] = []
        /// Where the include is written, for errors found once the other layout is read.
        public var location: SourceLocation
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
        for feature in features where feature.always || feature.when?.holds(answers) == true {
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
    /// Reads a manifest from its located YAML tree; every mistake is a located diagnostic (file, line, field).
    static func read(_ root: YAMLNode, catalog: QuestionCatalog, diagnostics: inout [Diagnostic]) -> Layout? {
        let before = diagnostics.count
        guard let top = MappingFields(root, allowed: ["layout", "title", "modules", "features", "default_features", "includes", "files"],
                                      context: "the layout", diagnostics: &diagnostics) else { return nil }
        let id = top.string("layout", &diagnostics) ?? ""
        let title = top.string("title", &diagnostics) ?? ""
        let modules = Dictionary(top.stringMap("modules", &diagnostics) ?? [], uniquingKeysWith: { a, _ in a })
        var conditions = ConditionParser(catalog: catalog)

        var features: [Feature] = []
        var featureLocations: [String: SourceLocation] = [:]
        for node in sequence(top["features"], "features", in: top, &diagnostics) {
            guard let f = MappingFields(node, allowed: ["id", "summary", "when", "requires", "always"],
                                        context: "a feature of the layout", diagnostics: &diagnostics),
                  let featureID = f.string("id", &diagnostics) else { continue }
            if let first = featureLocations[featureID] {
                diagnostics.append(Diagnostic(.duplicateID, "the feature '\(featureID)' is declared twice (first at line \(first.line))",
                                              at: node.location, field: featureID))
                continue
            }
            featureLocations[featureID] = node.location
            let when = f["when"].flatMap { conditions.read($0, context: "the 'when' of feature '\(featureID)'") }
            features.append(Feature(id: featureID, summary: f.string("summary", &diagnostics) ?? "", when: when,
                                    requires: f.strings("requires", &diagnostics), always: f.bool("always", &diagnostics) ?? false))
        }
        diagnostics += conditions.diagnostics
        var includes: [Include] = []
        for node in sequence(top["includes"], "includes", in: top, &diagnostics) {
            guard let i = MappingFields(node, allowed: ["layout", "with", "except", "features"], context: "an include of the layout", diagnostics: &diagnostics),
                  let other = i.string("layout", &diagnostics) else { continue }
            includes.append(Include(layout: other, with: Dictionary(i.stringMap("with", &diagnostics) ?? [], uniquingKeysWith: { a, _ in a }),
                                    except: Set(i.strings("except", &diagnostics) ?? []),
                                    features: i.strings("features", &diagnostics) ?? [], location: node.location))
        }
        let known = Set(features.map(\.id) + includes.flatMap(\.features))
        func checkFeatures(_ ids: [String], in node: YAMLNode?, context: String) {
            for id in ids where !known.contains(id.hasPrefix("!") ? String(id.dropFirst()) : id) {
                let bare = id.hasPrefix("!") ? String(id.dropFirst()) : id
                var message = "\(context) names the feature '\(bare)', which this layout does not declare"
                if let near = Suggestion.nearest(to: bare, in: Array(known)) { message += "; did you mean '\(near)'?" }
                diagnostics.append(Diagnostic(.unknownField, message, at: node?.location ?? root.location, field: bare))
            }
        }
        for feature in features { checkFeatures(feature.requires ?? [], in: featureLocations[feature.id].map { YAMLNode(.scalar("", plain: true), at: $0) }, context: "the 'requires' of feature '\(feature.id)'") }
        let defaults = top.strings("default_features", &diagnostics)
        checkFeatures(defaults ?? [], in: top["default_features"], context: "'default_features'")


        var files: [File] = []
        for node in sequence(top["files"], "files", in: top, &diagnostics) {
            guard let f = MappingFields(node, allowed: ["path", "template", "when", "executable", "with"],
                                        context: "a file of the layout", diagnostics: &diagnostics),
                  let path = f.string("path", &diagnostics) else { continue }
            let when = f.strings("when", &diagnostics)
            checkFeatures(when ?? [], in: f["when"], context: "the 'when' of '\(path)'")
            files.append(File(path: path, template: f.string("template", required: false, &diagnostics), when: when,
                              executable: f.bool("executable", &diagnostics),
                              with: f.stringMap("with", &diagnostics).map { Dictionary($0, uniquingKeysWith: { a, _ in a }) }))
        }
        guard diagnostics.count == before else { return nil }
        return Layout(layout: id, title: title, modules: modules, features: features, defaultFeatures: defaults,
                      files: files, includes: includes)
    }

    /// The items of a list-valued key (none when absent); anything but a list is a located `wrong-type`.
    private static func sequence(_ node: YAMLNode?, _ key: String, in top: MappingFields, _ diagnostics: inout [Diagnostic]) -> [YAMLNode] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(top.context) must be a list; found \(node.kindDescription)", at: node.location, field: key))
            return []
        }
        return items
    }
}

/// The layouts built into the binary (`Templates/layouts/*.yaml`), or in a `--templates` folder.
public enum LayoutCatalog {
    /// A layout that is unknown, or whose manifest has mistakes: located diagnostics.
    public struct LayoutError: Error, CustomStringConvertible {
        public var diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
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

    /// The fields a layout's `when:` may read: the questionnaire's, and where decide places each AI
    /// workload in the hybrid (`placement.service`, `placement.monolith`: lists of `workloads` choices;
    /// `placement.embeddings`: the side that runs the documents flow, `monolith` or `service`), all
    /// filled by `Generator.placedAnswers`.
    public static func catalog(for questions: QuestionCatalog) -> QuestionCatalog {
        guard let workloads = questions["workloads"] else { return questions }
        var placed = ["placement.service", "placement.monolith"].map { id in
            Question(id: id, prompt: "Workloads decide places in the hybrid's \(id.dropFirst("placement.".count))", help: "",
                     kind: .multi, choices: workloads.choices, defaultValue: .list([]), location: workloads.location)
        }
        placed.append(Question(id: "placement.embeddings", prompt: "The side of the hybrid that embeds the documents", help: "",
                               kind: .choice, choices: [.init(value: "monolith", label: "the monolith"), .init(value: "service", label: "the AI service")],
                               defaultValue: .string("service"), location: workloads.location))
        return QuestionCatalog(questions: questions.questions + placed)
    }

    public static func layout(named id: String, source: TemplateSource = .builtIn, catalog: QuestionCatalog) throws(LayoutError) -> Layout {
        try layout(named: id, depth: 0, source: source, catalog: Self.catalog(for: catalog), from: nil)
    }

    /// The file a manifest is named by in diagnostics.
    static func file(_ id: String, source: TemplateSource) -> String {
        source.isBuiltIn ? "Sources/BundledTemplates/Templates/layouts/\(id).yaml" : "\(source.origin)/layouts/\(id).yaml"
    }

    /// Reads a manifest and takes in the files of the layouts it includes.
    private static func layout(named id: String, depth: Int, source: TemplateSource, catalog: QuestionCatalog,
                               from include: SourceLocation?) throws(LayoutError) -> Layout {
        let at = include ?? .path(file(id, source: source))
        guard depth < 4 else { throw LayoutError(diagnostics: [Diagnostic(.invalidValue, "layouts include each other too deeply (a cycle?) at '\(id)'", at: at, field: "includes")]) }
        var layout = try manifest(named: id, source: source, catalog: catalog, at: at)
        var taken: [Layout.File] = []
        var takenFeatures: [Layout.Feature] = []
        var problems: [Diagnostic] = []
        // An `except` list may be shared between includes (a YAML anchor): each path it names must be
        // written by one of the included layouts, else it is a typo that leaves a file in.
        var includedPaths = Set<String>()
        for include in layout.includes {
            let other = try Self.layout(named: include.layout, depth: depth + 1, source: source, catalog: catalog, from: include.location)
            for id in include.features {
                if let feature = other.features.first(where: { $0.id == id }) {
                    if layout.features.contains(where: { $0.id == id }) || takenFeatures.contains(where: { $0.id == id }) {
                        problems.append(Diagnostic(.duplicateID, "the feature '\(id)' is taken from '\(include.layout)' and declared again", at: include.location, field: id))
                    }
                    takenFeatures.append(feature)
                } else {
                    problems.append(Diagnostic(.unknownField, "the include of '\(include.layout)' takes the feature '\(id)', which that layout does not declare",
                                               at: include.location, field: id))
                }
            }
            includedPaths.formUnion(other.files.map(\.path))
            let known = Set(layout.features.map(\.id) + layout.includes.flatMap(\.features))
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
        for include in layout.includes {
            for path in include.except.sorted() where !includedPaths.contains(path) {
                problems.append(Diagnostic(.invalidValue, "'except' of the include of '\(include.layout)' names '\(path)', which no included layout writes",
                                           at: include.location, field: "except"))
            }
        }
        guard problems.isEmpty else { throw LayoutError(diagnostics: problems) }
        layout.files = taken + layout.files
        layout.features = takenFeatures + layout.features
        return layout
    }

    private static func manifest(named id: String, source: TemplateSource, catalog: QuestionCatalog, at: SourceLocation) throws(LayoutError) -> Layout {
        guard let text = source.files["layouts/\(id).yaml"] else {
            let known = available(in: source).joined(separator: ", ")
            throw LayoutError(diagnostics: [Diagnostic(.invalidValue, "no starter layout '\(id)' is \(source.isBuiltIn ? "built in" : "in \(source.origin)") (available: \(known))",
                                                       at: at, field: "layout")])
        }
        let document = YAMLReader(limits: .rules).read(text, file: file(id, source: source))
        var diagnostics = document.diagnostics
        guard let root = document.root else {
            if diagnostics.isEmpty { diagnostics.append(Diagnostic(.emptyDocument, "the layout is empty", at: .path(file(id, source: source)))) }
            throw LayoutError(diagnostics: diagnostics)
        }
        guard let layout = Layout.read(root, catalog: catalog, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw LayoutError(diagnostics: diagnostics.sortedByLocation())
        }
        if layout.layout != id {
            throw LayoutError(diagnostics: [Diagnostic(.invalidValue, "the manifest layouts/\(id).yaml says 'layout: \(layout.layout)'; it must name its own file",
                                                       at: root.location, field: "layout")])
        }
        return layout
    }

    /// The template text for a path under `Templates/`.
    public static func template(_ path: String) -> String? {
        BundledTemplates.files.first { $0.path == path }?.text
    }
}
