import DecisionModel
import Foundation

/// Scores a profile's answers with a rule set and explains the result from the evaluation trace.
public struct DecisionEngine: Sendable {
    public let ruleSet: RuleSet
    let compiled: CompiledRules
    let flipFinder: FlipFinder
    /// Indices into `Topology.allCases`, in tie-break order.
    let tieOrder: [Int]

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
        compiled = CompiledRules(ruleSet)
        flipFinder = FlipFinder(ruleSet: ruleSet)
        let order = ruleSet.tieBreak + Topology.allCases.filter { !ruleSet.tieBreak.contains($0) }
        tieOrder = order.map { Topology.allCases.firstIndex(of: $0)! }
    }

    /// Decides for a loaded profile: completes its answers with defaults, then evaluates.
    public func decide(_ profile: Profile) -> Evaluation {
        evaluate(name: profile.name, answers: Answers.completing(profile.answers, with: ruleSet.catalog))
    }

    /// Evaluates complete answers: every rule is traced, the explanation and flips come from the trace.
    public func evaluate(name: String, answers: Answers) -> Evaluation {
        var totals = Dictionary(uniqueKeysWithValues: Topology.allCases.map { ($0, 0.0) })
        var trace: [RuleTrace] = []
        trace.reserveCapacity(ruleSet.rules.count)
        let values = compiled.values(answers, catalog: ruleSet.catalog)
        for (index, rule) in ruleSet.rules.enumerated() {
            // The compiled form of `rule.when`: the same tests, read by index instead of by name.
            let condition = CompiledRules.trace(compiled.nodes[index], values)
            let applied = condition.result ? rule.effects : [:]
            for (topology, points) in applied { totals[topology, default: 0] += points }
            trace.append(RuleTrace(ruleID: rule.id, fired: condition.result, condition: condition, applied: applied))
        }
        let scores = totals.mapValues(Self.rounded)
        let ranking = rank(scores)
        let winner = ranking[0]
        let margin = (scores[winner] ?? 0) - (scores[ranking[1]] ?? 0)
        let confidence = ((1 - exp(-margin / max(ruleSet.confidenceScale, 0.0001))) * 100).rounded() / 100
        return Evaluation(
            profileName: name,
            recommendation: winner,
            scores: scores,
            ranking: ranking,
            confidence: max(0, min(1, confidence)),
            trace: trace,
            fired: Explanation.firedRules(trace: trace, rules: ruleSet.rules, winner: winner),
            assumed: answers.assumed,
            flips: flipFinder.flips(values: values, current: winner, engine: self),
            rulesDigest: ruleSet.digest,
            answers: answers
        )
    }

    /// The recommendation alone for answer values in catalog order: the inner loop of flip search,
    /// so an argmax over an array rather than a ranked dictionary (same order as `rank`).
    func recommendation(held: [Bool]) -> Topology {
        let raw = compiled.scores(held: held)
        var best = -1
        var bestScore = -Double.infinity
        for i in tieOrder {
            let score = Self.rounded(raw[i])
            if score > bestScore { best = i; bestScore = score }
        }
        return Topology.allCases[best]
    }

    /// Highest score first; ties go to the topology listed first in the rule set's `tie_break`.
    func rank(_ scores: [Topology: Double]) -> [Topology] {
        let order = ruleSet.tieBreak + Topology.allCases.filter { !ruleSet.tieBreak.contains($0) }
        return order.enumerated().sorted { a, b in
            let (sa, sb) = (scores[a.element] ?? 0, scores[b.element] ?? 0)
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
