import BundledRules
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec

/// The one loader of rule sets for every test target: the built-in rules, loaded once per process.
public enum BuiltInRules {
    public static let ruleSet: RuleSet = load(RuleFiles(files: BundledRules.files, origin: "built-in"))

    public static let engine = DecisionEngine(ruleSet: ruleSet)

    /// Loads a rule set that must load (a test's fixture): a failure stops the run naming the diagnostics.
    public static func load(_ files: RuleFiles) -> RuleSet {
        let loaded = RuleSetLoader().load(files)
        guard let set = loaded.ruleSet else { fatalError("rules do not load: \(loaded.diagnostics.map(\.description))") }
        return set
    }
}

/// The package root, found from this file's path (Tests/TestSupport/ is two levels down).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
