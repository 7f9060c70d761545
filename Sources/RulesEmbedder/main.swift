import Foundation

// Build-time tool for the EmbedRules plugin: writes every file under a folder into one Swift file as
// raw string literals, sorted by relative path so digests are stable. Dotfiles are taken (a template's
// path is its output path: `.github/`, `.env.example.mustache`); version-control folders and editor
// leftovers are not (`isEmbedded`, the same test as the plugin's and `TemplateSource.folder`'s).
let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: RulesEmbedder FOLDER OUTPUT.swift ENUM_NAME\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])
let enumName = arguments[3]

var files: [(String, String)] = []
/// Whether a file or folder of the tree is embedded: not a version-control folder, not an editor's
/// or the system's leftover.
func isEmbedded(_ name: String) -> Bool {
    ![".git", ".svn", ".hg", ".DS_Store"].contains(name) && !name.hasSuffix(".swp") && !name.hasSuffix("~")
}

if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let url as URL in walker {
        guard isEmbedded(url.lastPathComponent) else { walker.skipDescendants(); continue }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
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

/// A raw string literal that holds the text exactly: its delimiter has more `#` than any run the
/// text puts after a quote (which could close it early) or after a backslash (which would be an
/// escape, `\#n` in a `#"…"#` literal being a newline).
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    // A multi-line raw literal drops the final newline before its closing delimiter: add one back.
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

var source = """
// Generated at build time by RulesEmbedder. Do not edit.

/// The embedded files (relative path and text), sorted by path.
public enum \(enumName) {
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
