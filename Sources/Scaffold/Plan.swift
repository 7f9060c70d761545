import Foundation

/// One file of a starter repo, rendered in memory.
public struct PlannedFile: Sendable, Hashable {
    /// Relative, `/`-separated, validated: no `..`, no absolute path, no empty or hidden-trick parts.
    public var path: String
    public var text: String
    public var executable: Bool

    public init(path: String, text: String, executable: Bool = false) {
        self.path = path
        self.text = text
        self.executable = executable
    }
}

/// A whole starter repo, rendered in memory before anything is written.
public struct Plan: Sendable {
    public var layout: String
    public var topology: String
    public var features: [String]
    public var files: [PlannedFile]

    public init(layout: String, topology: String, features: [String], files: [PlannedFile]) {
        self.layout = layout
        self.topology = topology
        self.features = features
        self.files = files
    }

    /// The files as an indented tree with sizes, for `--dry-run`.
    public func tree(root: String) -> String {
        var lines = [root.hasSuffix("/") ? root : root + "/"]
        var printed = Set<String>()
        for file in files.sorted(by: { $0.path < $1.path }) {
            let parts = file.path.split(separator: "/").map(String.init)
            for depth in 0..<(parts.count - 1) {
                let folder = parts[0...depth].joined(separator: "/")
                if printed.insert(folder).inserted {
                    lines.append(String(repeating: "  ", count: depth + 1) + parts[depth] + "/")
                }
            }
            let size = file.text.utf8.count
            lines.append(String(repeating: "  ", count: parts.count) + parts.last! + "  (\(size) bytes\(file.executable ? ", executable" : ""))")
        }
        return lines.joined(separator: "\n")
    }
}

/// Checks a generated path: the generator only ever writes below its output folder.
public enum PlanPath {
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.hasSuffix("/"), path.utf8.count < 1024 else { return false }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty || part == "." || part == ".." || part == ".git" { return false }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0 == ":" || $0.value == 0x7F }) { return false }
        }
        return true
    }
}
