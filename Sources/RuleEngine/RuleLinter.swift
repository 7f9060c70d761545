import DecisionModel

/// Checks a loaded rule set for mistakes the loader cannot see one file at a time.
///
/// Duplicate rule ids, questions no rule reads, `when` conditions that can never hold (reasoned
/// one field at a time, see `Satisfiability`), questions whose `when` reads themselves or a later question,
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
            findings += reachability(rule.when, catalog: catalog, field: rule.id,
                                     never: "rule '\(rule.id)' can never fire: no answers satisfy its 'when'")
            if rule.fires.isEmpty {
                findings.append(Diagnostic(.missingExamples, "rule '\(rule.id)' has no 'examples.fires' profile", at: rule.location, field: rule.id))
            }
            if rule.doesNotFire.isEmpty {
                findings.append(Diagnostic(.missingExamples, "rule '\(rule.id)' has no 'examples.does_not_fire' profile", at: rule.location,
                                           field: rule.id, severity: .warning))
            }
        }
        for pre in ruleSet.preconditions {
            findings += reachability(pre.when, catalog: catalog, field: pre.topology.rawValue,
                                     never: "topology '\(pre.topology.rawValue)' can never win: no answers satisfy its 'requires'")
        }
        for pre in ruleSet.preconditions where pre.why.isEmpty {
            findings.append(Diagnostic(.missingField, "topology '\(pre.topology.rawValue)' has 'requires' but no 'requires_why' to tell a user why it cannot win",
                                       at: pre.when.location, field: pre.topology.rawValue))
        }
        for q in ruleSet.decidingQuestions {
            findings += reachability(q.yes, catalog: catalog, field: q.question,
                                     never: "deciding question '\(q.question)' can never be a yes: no answers satisfy its 'yes'")
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
            findings += reachability(when, catalog: catalog, field: question.id,
                                     never: "question '\(question.id)' is never asked: no answers satisfy its 'when'")
        }
        return findings.sortedByLocation()
    }

    /// Whether a condition can hold, as lint findings: an error (`never`) when no answers satisfy it,
    /// a warning when the search gave up (so nothing is skipped in silence). For every `when` in a
    /// rule set: rules', questions', and any other condition a rule set carries.
    public static func reachability(_ condition: Condition, catalog: QuestionCatalog, field: String, never: String,
                                    budget: Int = Satisfiability.defaultBudget) -> [Diagnostic] {
        switch Satisfiability.check(condition, catalog: catalog, budget: budget) {
        case .satisfiable: return []
        case .unsatisfiable: return [Diagnostic(.unreachableCondition, never, at: condition.location, field: field)]
        case .undecided:
            return [Diagnostic(.undecidedCondition, "'\(field)': lint could not decide whether this condition can hold within \(budget) steps; it was not checked",
                               at: condition.location, field: field, severity: .warning)]
        }
    }
}

/// Decides whether a condition can hold, reasoning one field at a time.
///
/// The condition is searched as a tableau: `all` adds its parts, `any` tries them one by one,
/// `not` flips the sense, and every field test becomes a literal on its field. A branch closes as
/// soon as the literals on one field admit no value: for a number, the boundary points of the
/// intervals the tests draw; for a choice, its values; for a list, the subsets of the names the
/// tests mention plus one other. Fields never constrain each other, so no product over fields is
/// ever enumerated. The search has a step budget; a condition that exhausts it is `undecided`.
public enum Satisfiability {
    public enum Verdict: Equatable, Sendable {
        case satisfiable, unsatisfiable
        /// The budget ran out before an answer (reported as a warning, never silently passed).
        case undecided
    }

    public static let defaultBudget = 1_000_000

    public static func check(_ condition: Condition, catalog: QuestionCatalog, budget: Int = defaultBudget) -> Verdict {
        var search = Search(catalog: catalog, tests: condition.tests, budget: budget)
        do {
            return try search.satisfiable([(condition, true)], [:]) ? .satisfiable : .unsatisfiable
        } catch {
            return .undecided
        }
    }

    /// A field test taken as holding (`positive`) or as failing.
    struct Literal: Hashable {
        var test: FieldTest
        var positive: Bool
    }

    struct BudgetExhausted: Error {}

    struct Search {
        let catalog: QuestionCatalog
        let budget: Int
        var steps = 0
        var domains: [String: [AnswerValue]] = [:]
        var fieldCache: [[Literal]: Bool] = [:]

        init(catalog: QuestionCatalog, tests: [FieldTest], budget: Int) {
            self.catalog = catalog
            self.budget = budget
            for (field, fieldTests) in Dictionary(grouping: tests, by: \.field) {
                domains[field] = catalog[field].map { Satisfiability.domain($0, tests: fieldTests) } ?? [.null]
            }
        }

        mutating func spend(_ n: Int) throws {
            steps += n
            if steps > budget { throw BudgetExhausted() }
        }

        mutating func satisfiable(_ pending: [(Condition, Bool)], _ literals: [String: [Literal]]) throws -> Bool {
            try spend(1)
            guard let (condition, positive) = pending.first else { return true }
            let rest = Array(pending.dropFirst())
            switch condition {
            case .test(let test):
                var literals = literals
                literals[test.field, default: []].append(Literal(test: test, positive: positive))
                guard try fieldAdmits(test.field, literals[test.field]!) else { return false }
                return try satisfiable(rest, literals)
            case .not(let child, _):
                return try satisfiable([(child, !positive)] + rest, literals)
            case .all(let children, _) where positive, .any(let children, _) where !positive:
                return try satisfiable(children.map { ($0, positive) } + rest, literals)
            case .all(let children, _), .any(let children, _):
                for child in children {
                    if try satisfiable([(child, positive)] + rest, literals) { return true }
                }
                return false
            }
        }

        /// Whether some value of the field meets every literal on it.
        mutating func fieldAdmits(_ field: String, _ literals: [Literal]) throws -> Bool {
            let key = literals.sorted { "\($0.test)\($0.positive)" < "\($1.test)\($1.positive)" }
            if let known = fieldCache[key] { return known }
            let domain = domains[field] ?? [.null]
            try spend(domain.count)
            let result = domain.contains { value in literals.allSatisfy { $0.test.holds(for: value) == $0.positive } }
            fieldCache[key] = result
            return result
        }
    }

    /// Values of one question that can change the outcome of the tests on it: one per region the
    /// tests cut its range into.
    static func domain(_ question: Question, tests: [FieldTest]) -> [AnswerValue] {
        switch question.kind {
        case .bool: return [.bool(false), .bool(true)]
        case .choice:
            var values = question.choiceValues.map { AnswerValue.string($0) }
            if question.defaultValue == .null { values.append(.null) }
            return values
        case .int:
            var numbers = Set<Int>()
            for t in tests {
                let operands = t.operand.intValue.map { [$0] } ?? (t.operand.listValue ?? []).compactMap { Int($0) }
                for n in operands { numbers.formUnion([n - 1, n, n + 1]) }
            }
            if let minimum = question.minimum { numbers.insert(minimum) }
            if let maximum = question.maximum { numbers.insert(maximum) }
            if numbers.isEmpty { numbers.insert(0) }
            var result = numbers.filter { n in (question.minimum.map { n >= $0 } ?? true) && (question.maximum.map { n <= $0 } ?? true) }
                .sorted().map(AnswerValue.int)
            if question.defaultValue == .null { result.append(.null) }
            return result
        case .multi, .tags:
            // Only membership of the names the tests mention matters, and whether anything else is there.
            var mentioned: [String] = []
            for t in tests {
                for n in t.operand.listValue ?? t.operand.stringValue.map({ [$0] }) ?? [] where !mentioned.contains(n) {
                    if question.kind == .tags || question.choiceValues.contains(n) { mentioned.append(n) }
                }
            }
            let others = question.kind == .multi ? question.choiceValues.filter { !mentioned.contains($0) } : ["\u{0}another"]
            let names = mentioned + others.prefix(1)
            var subsets: [[String]] = [[]]
            for name in names { subsets += subsets.map { $0 + [name] } }
            return subsets.map(AnswerValue.list)
        }
    }
}
