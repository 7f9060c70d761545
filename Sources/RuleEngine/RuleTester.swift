import DecisionModel

/// Runs every rule's own examples and the case corpus: the rule set's tests, as data.
public enum RuleTester {
    /// The outcome of one example or case.
    public struct Outcome: Sendable, Hashable {
        public var name: String
        public var passed: Bool
        /// Why it failed, as a located diagnostic; nil when it passed.
        public var failure: Diagnostic?
    }

    public static func run(_ ruleSet: RuleSet) -> [Outcome] {
        var outcomes: [Outcome] = []
        let catalog = ruleSet.catalog
        for rule in ruleSet.rules {
            for (expected, examples) in [(true, rule.fires), (false, rule.doesNotFire)] {
                for (i, example) in examples.enumerated() {
                    let answers = Answers.completing(example.answers, with: catalog)
                    let trace = rule.when.trace(answers)
                    let name = "\(rule.id) \(expected ? "fires" : "does_not_fire")[\(i)]"
                    // A graded rule fires only where its grade gives it some weight.
                    let weight = rule.grade.map { $0.weight(answers[$0.field]) } ?? 1
                    if (trace.result && weight > 0) == expected {
                        outcomes.append(Outcome(name: name, passed: true))
                    } else {
                        var why = trace.deciding.map(Explanation.describe).joined(separator: "; ")
                        if trace.result, let grade = rule.grade { why += "; \(grade.field) is \(answers[grade.field]), weight \(weight)" }
                        outcomes.append(Outcome(name: name, passed: false, failure: Diagnostic(
                            .exampleFailed, "rule '\(rule.id)' should \(expected ? "fire" : "not fire") on this example but \(expected ? "does not" : "does") (\(why))",
                            at: example.location, field: rule.id)))
                    }
                }
            }
        }
        let engine = DecisionEngine(ruleSet: ruleSet)
        for (i, item) in ruleSet.cases.enumerated() {
            let name = "case \(i + 1): \(item.note)"
            guard let want = item.want else {
                outcomes.append(Outcome(name: name, passed: false, failure: Diagnostic(
                    .caseWithoutExpectation, "case '\(item.note)' has no 'want'; every case must say which recommendation it expects",
                    at: item.location)))
                continue
            }
            let evaluation = engine.evaluate(name: "case", answers: Answers.completing(item.answers, with: catalog))
            if evaluation.recommendation == want {
                outcomes.append(Outcome(name: name, passed: true))
            } else {
                let scores = evaluation.ranking.map { "\($0.rawValue) \(evaluation.scores[$0] ?? 0)" }.joined(separator: ", ")
                outcomes.append(Outcome(name: name, passed: false, failure: Diagnostic(
                    .caseFailed, "case '\(item.note)' wants \(want.rawValue) but the rules give \(evaluation.recommendation.rawValue) (\(scores))",
                    at: item.location)))
            }
        }
        return outcomes
    }
}
