import DecisionModel

/// The explanation is a view of the evaluation trace, never a second computation.
public enum Explanation {
    /// The rules that fired, those that helped the winner most first, then in rule-set order.
    /// `trace` holds one step per rule, in the order of `rules`.
    public static func firedRules(trace: [RuleTrace], rules: [Rule], weights: [Double] = [], winner: Topology) -> [FiredRule] {
        let fired = trace.indices.filter { trace[$0].fired && rules.indices.contains($0) && rules[$0].id == trace[$0].ruleID }
        return fired.sorted { a, b in
            let (wa, wb) = (trace[a].applied[winner] ?? 0, trace[b].applied[winner] ?? 0)
            return wa != wb ? wa > wb : a < b
        }.map { index in
            let (rule, step) = (rules[index], trace[index])
            var because = step.condition.deciding.filter { $0.test.field != rule.grade?.field }.map(describe)
            if let grade = rule.grade, weights.indices.contains(index) {
                because.append(describe(grade, weight: weights[index], trace: step))
            }
            return FiredRule(rule: rule.id, effects: step.applied, why: rule.why, basis: rule.basis, because: because)
        }
    }

    /// `traffic.ai_peak_rps is 500: 70% of the effect (graded 100 → 1000, our scale)`.
    static func describe(_ grade: Grade, weight: Double, trace: RuleTrace) -> String {
        let share = weight >= 1 ? "full effect" : "\(Int((weight * 100).rounded()))% of the effect"
        return "\(grade.field) is \(trace.gradeValue ?? .null): \(share) (graded \(Grade.number(grade.from)) → \(Grade.number(grade.to)), our scale)"
    }

    /// The deciding questions answered yes that the winner goes against, each with the fired rules
    /// that did most for the winner over the side the question points to.
    public static func overruled(_ questions: [DecidingQuestion], answers: Answers, winner: Topology, fired: [FiredRule],
                                 catalog: QuestionCatalog) -> [Overruled] {
        questions.compactMap { q in
            guard !q.followedBy.contains(winner), q.yes.holds(answers), let side = q.followedBy.first else { return nil }
            let by = fired.map { ($0.rule, ($0.effects[winner] ?? 0) - ($0.effects[side] ?? 0)) }
                .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3).map(\.0)
            let prompt = catalog[q.question]?.prompt ?? q.question
            return Overruled(question: q.question, by: by,
                             summary: "\(q.question) = \(answers[q.question]) is a yes to \"\(prompt)\", which points to \(side.rawValue); \(winner.rawValue) wins anyway, by \(by.joined(separator: ", "))")
        }
    }

    /// For each runner-up, the two or three fired rules that put the most points between it and the winner.
    public static func whyNot(ranking: [Topology], winner: Topology, fired: [FiredRule], excluded: [Exclusion]) -> [WhyNot] {
        ranking.filter { $0 != winner }.map { t in
            let costs = fired.map { WhyNot.Cost(rule: $0.rule, points: DecisionEngine.rounded(($0.effects[winner] ?? 0) - ($0.effects[t] ?? 0))) }
                .filter { $0.points > 0 }.sorted { $0.points > $1.points }.prefix(3)
            let exclusion = excluded.first { $0.topology == t }
            return WhyNot(topology: t, rules: Array(costs),
                          excluded: exclusion.map { $0.why + ($0.because.isEmpty ? "" : " (" + $0.because.joined(separator: "; ") + ")") })
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
