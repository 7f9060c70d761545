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

    /// How much of a rules folder is looked at: a rules folder is a few small files, so a walk
    /// that meets more (`--rules /`, a home folder) stops with an error instead of reading it all.
    public static let maxEntries = 2_000
    public static let maxDepth = 8
    public static let maxTotalBytes = 8 * 1024 * 1024

    /// Reads every `*.yaml` under `folder` (symbolic links are not followed, each file's size is
    /// checked before it is read); a failure with a diagnostic when the folder cannot be read or is too big.
    public static func folder(_ folder: String) -> Result<RuleFiles, Diagnostic> {
        let root = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(Diagnostic(.io, "no rules folder here", at: SourceLocation(file: folder, line: 1, column: 1)))
        }
        var files: [(String, String)] = []
        var entries = 0
        var total = 0
        let limit = YAMLReader.Limits.rules.maxBytes
        func tooBig(_ what: String) -> Diagnostic {
            Diagnostic(.tooLarge, "the rules folder \(what); is it the right folder? (a rules folder holds a few *.yaml files)",
                       at: SourceLocation(file: folder, line: 1, column: 1))
        }
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        while let (relative, depth) = pending.popLast() {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                return .failure(Diagnostic(.io, "cannot list the folder: \(ProfileLoader.reason(error))", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            entries += names.count
            if entries > maxEntries { return .failure(tooBig("holds more than \(maxEntries) entries")) }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                let full = root.path + "/" + child
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    if name.hasPrefix(".") { continue }
                    if depth + 1 > maxDepth { return .failure(tooBig("nests folders more than \(maxDepth) deep")) }
                    pending.append((child, depth + 1))
                case S_IFREG, S_IFLNK:
                    guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
                    switch BoundedInput.file(full, limit: limit, what: "a rule file") {
                    case .failure(let diagnostic): return .failure(diagnostic)
                    case .success(let data):
                        total += data.count
                        if total > maxTotalBytes { return .failure(tooBig("holds more than \(maxTotalBytes) bytes of YAML")) }
                        guard let text = String(validating: data, as: UTF8.self) else {
                            return .failure(Diagnostic(.notUTF8, "the file is not valid UTF-8 text", at: SourceLocation(file: full, line: 1, column: 1)))
                        }
                        files.append((child, text))
                    }
                default:
                    // A FIFO, socket or device named *.yaml is refused, not opened.
                    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                        return .failure(Diagnostic(.notRegularFile, "\(BoundedInput.kind(info.st_mode)) is not a rule file; only regular files are read",
                                                   at: SourceLocation(file: full, line: 1, column: 1)))
                    }
                }
            }
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
        return Hex.lowercase(hasher.finalize())
    }

    /// The name a diagnostic gives a file: the folder path joined with the relative path.
    func displayPath(_ relative: String) -> String {
        origin == "built-in" ? "Rules/\(relative)" : URL(fileURLWithPath: origin).appendingPathComponent(relative).path
    }
}
