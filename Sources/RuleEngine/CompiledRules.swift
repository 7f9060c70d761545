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
    /// `effects` in one array, rule after rule (`topologyCount` each), for the flip search's inner loop.
    let flatEffects: [Double]
    let topologyCount = Topology.allCases.count
    /// Per rule, its grade with the question index it reads (nil for full effects).
    let grades: [(index: Int, grade: Grade)?]
    /// Per topology index (Topology.allCases), its precondition, if any.
    let preconditions: [Node?]
    /// Per question index, the rules whose condition or grade reads it: only those can change when it does.
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
        flatEffects = effects.flatMap { $0 }
        grades = ruleSet.rules.map { rule in rule.grade.map { (index[$0.field] ?? -1, $0) } }
        preconditions = Topology.allCases.map { t in
            let all = ruleSet.preconditions.filter { $0.topology == t }.map(\.when)
            return all.isEmpty ? nil : compile(.all(all, all[0].location))
        }
        rulesReading = ruleSet.catalog.questions.map { q in
            ruleSet.rules.indices.filter { ruleSet.rules[$0].when.fields.contains(q.id) || ruleSet.rules[$0].grade?.field == q.id }
        }
    }

    /// The weight rule `r` applies with: 0 when its condition fails, its grade's weight (or 1) when it holds.
    func weight(_ r: Int, _ values: [AnswerValue]) -> Double {
        guard Self.holds(nodes[r], values) else { return 0 }
        guard let (i, grade) = grades[r] else { return 1 }
        return grade.weight(i >= 0 ? values[i] : .null)
    }

    /// Which topologies may win: those without a precondition or whose precondition holds.
    func eligible(_ values: [AnswerValue]) -> [Bool] {
        preconditions.map { node in node.map { Self.holds($0, values) } ?? true }
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

    /// Each rule's weight for the values, in rule order (0 for a rule that does not fire).
    func weights(_ values: [AnswerValue]) -> [Double] {
        nodes.indices.map { weight($0, values) }
    }

    /// Scores from the rules' weights into a buffer of `topologyCount`, summed in rule order exactly
    /// as the full evaluation sums them (no allocation: the flip search's inner loop).
    func scores(weights: [Double], into totals: UnsafeMutableBufferPointer<Double>) {
        let n = topologyCount
        for t in 0..<n { totals[t] = 0 }
        flatEffects.withUnsafeBufferPointer { effects in
            for r in weights.indices where weights[r] > 0 {
                let w = weights[r]
                for t in 0..<n { totals[t] += DecisionEngine.rounded(effects[r * n + t] * w) }
            }
        }
    }
}

