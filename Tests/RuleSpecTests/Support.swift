import BundledRules
import DecisionModel
import Foundation
import RuleSpec

/// The built-in rule set, loaded once for all tests.
let builtIn: RuleSet = {
    let result = RuleSetLoader().load(RuleFiles(files: BundledRules.files, origin: "built-in"))
    guard let set = result.ruleSet else { fatalError("built-in rules do not load: \(result.diagnostics)") }
    return set
}()

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func loadProfile(_ text: String, file: String = "p.yaml") -> ProfileLoader.Result {
    ProfileLoader(catalog: builtIn.catalog).load(text: text, file: file)
}

/// A copy of Rules/ in a temporary folder, with `edit` applied to one file's text.
func editedRules(_ path: String, _ edit: (String) -> String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
    for (relative, text) in BundledRules.files {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (relative == path ? edit(text) : text).write(to: url, atomically: true, encoding: .utf8)
    }
    return folder.path
}
