import Foundation

// Build-time tool for the EmbedRules plugin: writes every YAML/Markdown file under a Rules folder
// into one Swift file as raw string literals, sorted by relative path, so the digest is stable.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: RulesEmbedder RULES_DIR OUTPUT.swift\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])

var files: [(String, String)] = []
if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker where ["yaml", "yml", "md"].contains(url.pathExtension) {
        let path = url.standardizedFileURL.path
        let relative = String(path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            FileHandle.standardError.write(Data("RulesEmbedder: \(path) is not UTF-8 text\n".utf8))
            exit(65)
        }
        files.append((relative, text))
    }
}
files.sort { $0.0 < $1.0 }

/// A raw string literal that cannot be closed early by the text it holds.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    return hashes + "\"\"\"\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\"\"\"" + hashes
}

var source = """
// Generated at build time by RulesEmbedder from the package's Rules/ folder. Do not edit.

/// The default rule set, as the files of `Rules/` (relative path and text), sorted by path.
public enum BundledRules {
    public static let files: [(path: String, text: String)] = [

"""
for (path, text) in files {
    let quotedPath = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(quotedPath)\", \(literal(text))),\n"
}
source += "    ]\n}\n"
do {
    try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    let existing = try? String(contentsOf: output, encoding: .utf8)
    if existing != source { try source.write(to: output, atomically: true, encoding: .utf8) }
} catch {
    FileHandle.standardError.write(Data("RulesEmbedder: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
