import DecisionModel

/// Checks a loaded rule set for mistakes the loader cannot see one file at a time.
///
/// Duplicate rule ids, questions no rule reads, `when` conditions that can never hold (by trying
/// every value that could matter), questions whose `when` reads themselves or a later question,
/// and rules that carry no examples.
public enum RuleLinter {
    public static func lint(_ ruleSet: RuleSet) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let catalog = ruleSet.catalog
        var seen: [String: SourceLocation] = [:]
        for rule in ruleSet.rules {
            if let first = seen[rule.id] {
                findings.append(Diagnostic(.duplicateID, "rule id '\(rule.id)' is used twice (first at \(first))", at: rule.location, field: rule.id))
            } else {
                seen[rule.id] = rule.location
            }
            if !Satisfiability.canHold(rule.when, catalog: catalog, rules: ruleSet.rules) {
                findings.append(Diagnostic(.unreachableCondition, "rule '\(rule.id)' can never fire: no answers satisfy its 'when'",
                                           at: rule.when.location, field: rule.id))
            }
            if rule.fires.isEmpty {
                findings.append(Diagnostic(.missingExamples, "rule '\(rule.id)' has no 'examples.fires' profile", at: rule.location, field: rule.id))
            }
            if rule.doesNotFire.isEmpty {
                findings.append(Diagnostic(.missingExamples, "rule '\(rule.id)' has no 'examples.does_not_fire' profile", at: rule.location,
                                           field: rule.id, severity: .warning))
            }
        }
        for pre in ruleSet.preconditions where !Satisfiability.canHold(pre.when, catalog: catalog, rules: ruleSet.rules) {
            findings.append(Diagnostic(.unreachableCondition, "topology '\(pre.topology.rawValue)' can never win: no answers satisfy its 'requires'",
                                       at: pre.when.location, field: pre.topology.rawValue))
        }
        for pre in ruleSet.preconditions where pre.why.isEmpty {
            findings.append(Diagnostic(.missingField, "topology '\(pre.topology.rawValue)' has 'requires' but no 'requires_why' to tell a user why it cannot win",
                                       at: pre.when.location, field: pre.topology.rawValue))
        }
        for q in ruleSet.decidingQuestions where !Satisfiability.canHold(q.yes, catalog: catalog, rules: ruleSet.rules) {
            findings.append(Diagnostic(.unreachableCondition, "deciding question '\(q.question)' can never be a yes: no answers satisfy its 'yes'",
                                       at: q.yes.location, field: q.question))
        }
        let read = Set(ruleSet.rules.flatMap { $0.when.fields.union($0.grade.map { [$0.field] } ?? []) })
        for (index, question) in catalog.questions.enumerated() {
            if !read.contains(question.id) {
                findings.append(Diagnostic(.unusedQuestion, "question '\(question.id)' is read by no rule; its answer changes nothing",
                                           at: question.location, field: question.id, severity: .warning))
            }
            guard let when = question.when else { continue }
            let earlier = Set(catalog.questions[..<index].map(\.id))
            for test in when.tests where !earlier.contains(test.field) {
                findings.append(Diagnostic(.forwardReference, "question '\(question.id)' is asked only when '\(test.field)' holds, but that question is not asked before it",
                                           at: test.location, field: question.id))
            }
            if !Satisfiability.canHold(when, catalog: catalog, rules: ruleSet.rules) {
                findings.append(Diagnostic(.unreachableCondition, "question '\(question.id)' is never asked: no answers satisfy its 'when'",
                                           at: when.location, field: question.id))
            }
        }
        return findings.sortedByLocation()
    }
}

/// Decides whether a condition can hold by trying every value that could change its outcome.
enum Satisfiability {
    static func canHold(_ condition: Condition, catalog: QuestionCatalog, rules: [Rule]) -> Bool {
        let fields = condition.fields.sorted()
        let domains = fields.map { field -> [AnswerValue] in
            guard let question = catalog[field] else { return [.null] }
            return domain(question, tests: condition.tests.filter { $0.field == field })
        }
        let total = domains.reduce(1) { $0 * max($1.count, 1) }
        if total > 200_000 { return true }  // too many to try: give it the benefit of the doubt
        var values = Dictionary(uniqueKeysWithValues: catalog.questions.map { ($0.id, $0.defaultValue) })
        func search(_ i: Int) -> Bool {
            if i == fields.count { return condition.holds(Answers(values: values, assumed: [])) }
            for value in domains[i] {
                values[fields[i]] = value
                if search(i + 1) { return true }
            }
            return false
        }
        return search(0)
    }

    /// Values of one question that can matter to the tests on it.
    static func domain(_ question: Question, tests: [FieldTest]) -> [AnswerValue] {
        switch question.kind {
        case .bool: return [.bool(false), .bool(true)]
        case .choice: return question.choiceValues.map { .string($0) }
        case .int:
            var numbers = Set<Int>()
            for t in tests { if let n = t.operand.intValue { numbers.formUnion([n - 1, n, n + 1]) } }
            if let minimum = question.minimum { numbers.insert(minimum) }
            var result = numbers.filter { n in (question.minimum.map { n >= $0 } ?? true) && (question.maximum.map { n <= $0 } ?? true) }
                .sorted().map(AnswerValue.int)
            if question.defaultValue == .null { result.append(.null) }
            return result
        case .multi, .tags:
            var names = question.kind == .multi ? question.choiceValues : []
            for t in tests {
                for n in t.operand.listValue ?? t.operand.stringValue.map { [$0] } ?? [] where !names.contains(n) { names.append(n) }
            }
            if names.count > 12 { names = Array(names.prefix(12)) }
            var subsets: [[String]] = [[]]
            for name in names { subsets += subsets.map { $0 + [name] } }
            return subsets.map(AnswerValue.list)
        }
    }
}
