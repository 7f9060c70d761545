import Crypto
import DecisionModel
import Foundation

/// The files of a rule set, by path relative to its root, sorted: a folder on disk or the built-in copy.
public struct RuleFiles: Sendable {
    public var files: [(path: String, text: String)]
    /// Where they came from: a folder path, or `built-in`.
    public var origin: String

    public init(files: [(path: String, text: String)], origin: String) {
        self.files = files.filter { $0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") }.sorted { $0.path < $1.path }
        self.origin = origin
    }

    /// Reads every `*.yaml` under `folder`; nil with a diagnostic when the folder cannot be read.
    public static func folder(_ folder: String) -> Result<RuleFiles, Diagnostic> {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(Diagnostic(.io, "no rules folder here", at: SourceLocation(file: folder, line: 1, column: 1)))
        }
        var files: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard let data = try? Data(contentsOf: url) else {
                return .failure(Diagnostic(.io, "cannot read the file", at: SourceLocation(file: url.path, line: 1, column: 1)))
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                return .failure(Diagnostic(.notUTF8, "the file is not valid UTF-8 text", at: SourceLocation(file: url.path, line: 1, column: 1)))
            }
            files.append((relative, text))
        }
        return .success(RuleFiles(files: files, origin: folder))
    }

    /// sha256 over each file's relative path and text, in path order.
    public var digest: String {
        var hasher = SHA256()
        for (path, text) in files {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: Data(text.utf8))
            hasher.update(data: Data([0]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The name a diagnostic gives a file: the folder path joined with the relative path.
    func displayPath(_ relative: String) -> String {
        origin == "built-in" ? "Rules/\(relative)" : URL(fileURLWithPath: origin).appendingPathComponent(relative).path
    }
}
