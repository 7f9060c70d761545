import BundledRules
import DecisionModel
import Foundation
import RuleSpec
import TestSupport

/// The built-in rule set, loaded once for all tests.
var builtIn: RuleSet { BuiltInRules.ruleSet }

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
