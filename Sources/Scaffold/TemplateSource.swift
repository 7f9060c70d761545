import DecisionModel
import BundledTemplates
import Foundation

/// Where the layouts and templates come from: the copy built into the binary, or a folder laid out
/// like `Sources/BundledTemplates/Templates` (`generate --templates DIR`, `update --templates DIR`).
public struct TemplateSource: Sendable {
    /// Text by path under the templates root (`layouts/hybrid.yaml`, `vapor-monolith/Package.swift.mustache`).
    public var files: [String: String]
    /// `built-in`, or the folder's path as given.
    public var origin: String

    public init(files: [String: String], origin: String) {
        self.files = files
        self.origin = origin
    }

    /// The templates compiled into the binary.
    public static let builtIn = TemplateSource(
        files: Dictionary(BundledTemplates.files.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a }),
        origin: "built-in")

    public var isBuiltIn: Bool { origin == "built-in" }

    /// Why a templates folder cannot be used, located at the file (or the folder) at fault.
    public struct SourceError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message) [templates]" }
    }

    /// Reads every regular file below `folder`, dotfiles included (a template's path is its output
    /// path: `.github/`, `.env.example.mustache`), version-control folders and editor leftovers
    /// skipped (`isTemplateFile`). A templates folder must have `layouts/`; files must be UTF-8 and
    /// under 1 MiB each.
    public static func folder(_ folder: String) throws -> TemplateSource {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SourceError(path: folder, message: "no templates folder here")
        }
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                         options: []) else {
            throw SourceError(path: folder, message: "cannot list the folder")
        }
        var files: [String: String] = [:]
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in walker {
            guard Self.isTemplateFile(url.lastPathComponent) else { walker.skipDescendants(); continue }
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(prefix) else { continue }
            let relative = String(full.dropFirst(prefix.count))
            guard (values?.fileSize ?? 0) <= 1 << 20 else {
                throw SourceError(path: full, message: "larger than 1 MiB; a template is text")
            }
            guard let data = fm.contents(atPath: full) else {
                throw SourceError(path: full, message: "cannot be read")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SourceError(path: full, message: "not UTF-8 text")
            }
            files[relative] = text
        }
        guard files.keys.contains(where: { $0.hasPrefix("layouts/") && $0.hasSuffix(".yaml") }) else {
            throw SourceError(path: folder, message: "no layouts/*.yaml in this folder; a templates folder is laid out like Sources/BundledTemplates/Templates")
        }
        return TemplateSource(files: files, origin: folder)
    }

    /// Whether a file or folder of a templates tree is read: everything but version-control folders
    /// (`.git`, a templates folder may be a checkout) and editor or system leftovers. The embedder
    /// applies the same test to the built-in tree.
    static func isTemplateFile(_ name: String) -> Bool {
        ![".git", ".svn", ".hg", ".DS_Store"].contains(name) && !name.hasSuffix(".swp") && !name.hasSuffix("~")
    }

    /// sha256 over every path and text, sorted by path: two sources with one digest render alike.
    public var digest: String {
        var hash = SHA256()
        for path in files.keys.sorted() {
            hash.update(data: Data(path.utf8))
            hash.update(data: Data([0]))
            hash.update(data: Data(files[path]!.utf8))
            hash.update(data: Data([0]))
        }
        return Hex.lowercase(hash.finalize())
    }
}
