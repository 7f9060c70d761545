import DecisionModel
import Foundation
import RuleSpec

/// The one table of the packages generated repos depend on (`Templates/dependencies.yaml`): each
/// entry's URL, lowest version and traits. Templates write `{{{packages.NAME}}}` for the whole
/// `.package(...)` entry, so a version lives in one place for every layout.
public struct PackageTable: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var url: String
        public var from: String
        public var traits: [String]

        /// The entry as a Package.swift dependency.
        public var declaration: String {
            var text = ".package(url: \"\(url)\", from: \"\(from)\""
            if !traits.isEmpty { text += ", traits: [" + traits.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
            return text + ")"
        }
    }

    public static let path = "dependencies.yaml"

    public var entries: [Entry]

    /// Declarations by name, as templates read them (`packages.swift-nio`).
    public var context: [String: String] {
        Dictionary(entries.map { ($0.name, $0.declaration) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads the table of a template source; every mistake is a located diagnostic.
    public static func read(_ source: TemplateSource) throws(LayoutCatalog.LayoutError) -> PackageTable {
        let file = source.isBuiltIn ? "Sources/BundledTemplates/Templates/\(path)" : "\(source.origin)/\(path)"
        guard let text = source.files[path] else {
            throw LayoutCatalog.LayoutError(diagnostics: [Diagnostic(.missingField, "the templates have no \(path) (the packages generated repos depend on)", at: .path(file))])
        }
        let document = YAMLReader(limits: .rules).read(text, file: file)
        var diagnostics = document.diagnostics
        var entries: [Entry] = []
        if let root = document.root,
           let top = MappingFields(root, allowed: ["packages"], context: path, diagnostics: &diagnostics),
           let packages = top.required("packages", &diagnostics) {
            if case .mapping(let pairs) = packages.content {
                for (key, value) in pairs {
                    guard let name = key.scalar, name.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
                        diagnostics.append(Diagnostic(.invalidName, "a package's name in \(path) is lowercase letters, digits and '-'; found \(key.kindDescription)", at: key.location, field: "packages"))
                        continue
                    }
                    guard let f = MappingFields(value, allowed: ["url", "from", "traits"], context: "the package '\(name)'", diagnostics: &diagnostics),
                          let url = f.string("url", &diagnostics), let from = f.string("from", &diagnostics) else { continue }
                    if from.range(of: "^[0-9]+\\.[0-9]+\\.[0-9]+$", options: .regularExpression) == nil {
                        diagnostics.append(Diagnostic(.invalidValue, "'from' of the package '\(name)' must be a version like 1.2.3; found '\(from)'",
                                                      at: f["from"]?.location ?? value.location, field: "from"))
                    }
                    entries.append(Entry(name: name, url: url, from: from, traits: f.strings("traits", &diagnostics) ?? []))
                }
            } else {
                diagnostics.append(Diagnostic(.wrongType, "'packages' in \(path) must be a mapping of names to {url, from, traits}; found \(packages.kindDescription)",
                                              at: packages.location, field: "packages"))
            }
        } else if document.root == nil && diagnostics.isEmpty {
            diagnostics.append(Diagnostic(.emptyDocument, "\(path) is empty", at: .path(file)))
        }
        guard !diagnostics.hasErrors else { throw LayoutCatalog.LayoutError(diagnostics: diagnostics.sortedByLocation()) }
        return PackageTable(entries: entries)
    }

    /// The built-in table, read once.
    static let builtIn: Result<PackageTable, LayoutCatalog.LayoutError> = Result { () throws(LayoutCatalog.LayoutError) in try read(.builtIn) }
}
