import DecisionModel

/// The explanation is a view of the evaluation trace, never a second computation.
public enum Explanation {
    /// The rules that fired, those that helped the winner most first, then in rule-set order.
    /// `trace` holds one step per rule, in the order of `rules`.
    public static func firedRules(trace: [RuleTrace], rules: [Rule], winner: Topology) -> [FiredRule] {
        let fired = trace.indices.filter { trace[$0].fired && rules.indices.contains($0) && rules[$0].id == trace[$0].ruleID }
        return fired.sorted { a, b in
            let (wa, wb) = (trace[a].applied[winner] ?? 0, trace[b].applied[winner] ?? 0)
            return wa != wb ? wa > wb : a < b
        }.map { index in
            let (rule, step) = (rules[index], trace[index])
            return FiredRule(rule: rule.id, effects: step.applied, why: rule.why, source: rule.source,
                             because: step.condition.deciding.map(describe))
        }
    }

    /// `traffic.peak_rps ≥ 1000 (is 3000)`, `workloads includes embeddings`: what a reader needs to see.
    public static func describe(_ step: TestTrace) -> String {
        let test = step.test
        if step.result {
            switch test.op {
            case .equals, .in:
                return "\(test.field) = \(step.actual)"
            case .contains:
                return test.description
            case .containsAny, .containsAll:
                let matched = (test.operand.listValue ?? []).filter { step.actual.listValue?.contains($0) ?? false }
                return "\(test.field) includes \(matched.joined(separator: ", "))"
            case .isSet, .isEmpty:
                return test.description
            default:
                return "\(test.description) (is \(step.actual))"
            }
        }
        switch test.op {
        case .isSet, .isEmpty: return "not (\(test.description))"
        default: return "not (\(test.description)) (is \(step.actual))"
        }
    }
}
