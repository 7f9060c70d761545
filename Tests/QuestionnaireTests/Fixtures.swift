import BundledRules
import DecisionModel
import RuleEngine
import RuleSpec
import TestSupport

/// The built-in rule set, loaded once for all questionnaire tests.
enum Fixtures {
    static var ruleSet: RuleSet { BuiltInRules.ruleSet }
    static var catalog: QuestionCatalog { ruleSet.catalog }
    static var engine: DecisionEngine { BuiltInRules.engine }
}
