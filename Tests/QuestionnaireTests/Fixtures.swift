import BundledRules
import DecisionModel
import RuleEngine
import RuleSpec

/// The built-in rule set, loaded once for all questionnaire tests.
enum Fixtures {
    static let ruleSet: RuleSet = {
        let result = RuleSetLoader().load(RuleFiles(files: BundledRules.files, origin: "built-in"))
        guard let ruleSet = result.ruleSet else { fatalError("built-in rules do not load: \(result.diagnostics)") }
        return ruleSet
    }()
    static var catalog: QuestionCatalog { ruleSet.catalog }
    static let engine = DecisionEngine(ruleSet: ruleSet)
}
