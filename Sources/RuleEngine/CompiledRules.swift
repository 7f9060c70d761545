import DecisionModel

/// A rule set with field names resolved to indices, so the many evaluations that flips need stay cheap.
struct CompiledRules: Sendable {
    indirect enum Node: Sendable {
        case all([Node])
        case any([Node])
        case not(Node)
        case test(Int, FieldTest)
    }

    let fieldIndex: [String: Int]
    let nodes: [Node]
    let effects: [[Double]]  // per rule, indexed like Topology.allCases
    /// Per question index, the rules whose condition reads it: only those can change when it does.
    let rulesReading: [[Int]]

    init(_ ruleSet: RuleSet) {
        var index: [String: Int] = [:]
        for (i, question) in ruleSet.catalog.questions.enumerated() { index[question.id] = i }
        fieldIndex = index
        func compile(_ condition: Condition) -> Node {
            switch condition {
            case .all(let cs, _): .all(cs.map(compile))
            case .any(let cs, _): .any(cs.map(compile))
            case .not(let c, _): .not(compile(c))
            // Unknown fields are a lint error; at run time they read as unset (-1).
            case .test(let t): .test(index[t.field] ?? -1, t)
            }
        }
        nodes = ruleSet.rules.map { compile($0.when) }
        effects = ruleSet.rules.map { rule in Topology.allCases.map { rule.effects[$0] ?? 0 } }
        rulesReading = ruleSet.catalog.questions.map { q in
            ruleSet.rules.indices.filter { ruleSet.rules[$0].when.fields.contains(q.id) }
        }
    }

    func values(_ answers: Answers, catalog: QuestionCatalog) -> [AnswerValue] {
        catalog.questions.map { answers[$0.id] }
    }

    static func holds(_ node: Node, _ values: [AnswerValue]) -> Bool {
        switch node {
        case .all(let children): children.allSatisfy { holds($0, values) }
        case .any(let children): children.contains { holds($0, values) }
        case .not(let child): !holds(child, values)
        case .test(let i, let test): test.holds(for: i >= 0 ? values[i] : .null)
        }
    }

    /// Evaluates one compiled condition keeping every step, as `Condition.trace` does, by index.
    static func trace(_ node: Node, _ values: [AnswerValue]) -> ConditionTrace {
        switch node {
        case .all(let children):
            let traces = children.map { trace($0, values) }
            return .all(traces, traces.allSatisfy(\.result))
        case .any(let children):
            let traces = children.map { trace($0, values) }
            return .any(traces, traces.contains(where: \.result))
        case .not(let child):
            let t = trace(child, values)
            return .not(t, !t.result)
        case .test(let i, let test):
            let actual = i >= 0 ? values[i] : .null
            return .test(TestTrace(test: test, actual: actual, result: test.holds(for: actual)))
        }
    }

    /// Which rules hold for the values, in rule order.
    func held(_ values: [AnswerValue]) -> [Bool] {
        nodes.map { Self.holds($0, values) }
    }

    /// Scores from which rules held, summed in rule order exactly as the full evaluation sums them.
    func scores(held: [Bool]) -> [Double] {
        var totals = [Double](repeating: 0, count: Topology.allCases.count)
        for r in held.indices where held[r] {
            for t in totals.indices { totals[t] += effects[r][t] }
        }
        return totals
    }
}

extension FieldTest {
    /// Whether the test holds for `actual`. A value of the wrong shape never satisfies a test.
    public func holds(for actual: AnswerValue) -> Bool {
        switch op {
        case .equals: return actual == operand
        case .notEquals: return actual != operand
        case .in:
            guard let list = operand.listValue else { return false }
            switch actual {
            case .string(let s): return list.contains(s)
            case .int(let i): return list.contains(String(i))
            default: return false
            }
        case .contains:
            guard let list = actual.listValue, let wanted = operand.stringValue else { return false }
            return list.contains(wanted)
        case .containsAny:
            guard let list = actual.listValue, let wanted = operand.listValue else { return false }
            return wanted.contains { list.contains($0) }
        case .containsAll:
            guard let list = actual.listValue, let wanted = operand.listValue else { return false }
            return wanted.allSatisfy { list.contains($0) }
        case .only:
            guard let list = actual.listValue, let allowed = operand.listValue else { return false }
            return !list.isEmpty && list.allSatisfy { allowed.contains($0) }
        case .lt, .lte, .gt, .gte:
            guard let a = actual.intValue, let b = operand.intValue else { return false }
            switch op {
            case .lt: return a < b
            case .lte: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        case .isSet:
            return (actual != .null) == (operand.boolValue ?? true)
        case .isEmpty:
            let empty = actual.listValue?.isEmpty ?? (actual == .null)
            return empty == (operand.boolValue ?? true)
        }
    }
}

extension Condition {
    /// Evaluates the condition over complete answers, keeping every step for the explanation.
    public func trace(_ answers: Answers) -> ConditionTrace {
        switch self {
        case .all(let children, _):
            let traces = children.map { $0.trace(answers) }
            return .all(traces, traces.allSatisfy(\.result))
        case .any(let children, _):
            let traces = children.map { $0.trace(answers) }
            return .any(traces, traces.contains(where: \.result))
        case .not(let child, _):
            let t = child.trace(answers)
            return .not(t, !t.result)
        case .test(let test):
            let actual = answers[test.field]
            return .test(TestTrace(test: test, actual: actual, result: test.holds(for: actual)))
        }
    }

    /// Whether the condition holds over complete answers.
    public func holds(_ answers: Answers) -> Bool { trace(answers).result }
}
