import DecisionModel
import Foundation

/// Scores a profile's answers with a rule set and explains the result from the evaluation trace.
public struct DecisionEngine: Sendable {
    public let ruleSet: RuleSet
    let compiled: CompiledRules
    let flipFinder: FlipFinder
    /// Indices into `Topology.allCases`, in tie-break order.
    let tieOrder: [Int]

    /// A number whose nearest flip lies within this share of its value makes the answer "close to a threshold".
    public static let nearThresholdShare = 0.25

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
        var weights: [Double] = []
        for (index, rule) in ruleSet.rules.enumerated() {
            // The compiled form of `rule.when`: the same tests, read by index instead of by name.
            let condition = CompiledRules.trace(compiled.nodes[index], values)
            let weight = condition.result ? compiled.weight(index, values) : 0
            weights.append(weight)
            let applied = weight > 0 ? rule.effects.mapValues { Self.rounded($0 * weight) } : [:]
            for (topology, points) in applied { totals[topology, default: 0] += points }
            var step = RuleTrace(ruleID: rule.id, fired: weight > 0, condition: condition, applied: applied)
            if let grade = rule.grade { step.gradeValue = answers[grade.field] }
            trace.append(step)
        }
        let scores = totals.mapValues(Self.rounded)
        var excluded: [Exclusion] = []
        for pre in ruleSet.preconditions where !excluded.contains(where: { $0.topology == pre.topology }) {
            let t = pre.when.trace(answers)
            if !t.result { excluded.append(Exclusion(topology: pre.topology, why: pre.why, because: t.deciding.map(Explanation.describe))) }
        }
        let ranking = rank(scores, excluded: Set(excluded.map(\.topology)))
        let winner = ranking[0]
        let runnerUp = ranking.dropFirst().first { t in !excluded.contains { $0.topology == t } }
        let margin = runnerUp.map { (scores[winner] ?? 0) - (scores[$0] ?? 0) } ?? 100
        let marginConfidence = max(0, min(1, ((1 - exp(-margin / max(ruleSet.confidenceScale, 0.0001))) * 100).rounded() / 100))
        let fired = Explanation.firedRules(trace: trace, rules: ruleSet.rules, weights: weights, winner: winner)
        let flips = flipFinder.flips(values: values, answers: answers, current: winner, engine: self)
        var evaluation = Evaluation(
            profileName: name, recommendation: winner, scores: scores, ranking: ranking,
            confidence: marginConfidence, trace: trace, fired: fired, assumed: answers.assumed, flips: flips,
            rulesDigest: ruleSet.digest, answers: answers)
        evaluation.marginConfidence = marginConfidence
        evaluation.excluded = excluded
        evaluation.warnings = AnswerChecks.warnings(answers, catalog: ruleSet.catalog)
        evaluation.overruled = Explanation.overruled(ruleSet.decidingQuestions, answers: answers, winner: winner,
                                                     fired: fired, catalog: ruleSet.catalog)
        evaluation.whyNot = Explanation.whyNot(ranking: ranking, winner: winner, fired: fired, excluded: excluded)
        if winner == .hybrid { evaluation.placement = HybridPlacement.place(answers) }
        evaluation.nearThreshold = FlipFinder.nearest(flips)

        // Confidence owns up to conflicts: an outweighed deciding question and a close number cap it.
        var confidence = marginConfidence
        if !evaluation.overruled.isEmpty { confidence = min(confidence, ruleSet.overruledConfidenceCap) }
        if let near = evaluation.nearThreshold, near.distance <= Self.nearThresholdShare {
            confidence = min(confidence, ((near.distance * 2) * 100).rounded(.down) / 100)
        }
        evaluation.confidence = confidence
        return evaluation
    }

    /// The recommendation alone for answer values in catalog order: the inner loop of flip search,
    /// so an argmax over an array rather than a ranked dictionary (same order as `rank`).
    func recommendation(weights: [Double], eligible: [Bool]) -> Topology {
        // The scores on the stack: this runs for every flip candidate.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: compiled.topologyCount) { raw in
            compiled.scores(weights: weights, into: raw)
            var best = -1
            var bestScore = -Double.infinity
            for i in tieOrder where eligible[i] {
                let score = Self.rounded(raw[i])
                if score > bestScore { best = i; bestScore = score }
            }
            return Topology.allCases[best < 0 ? tieOrder[0] : best]
        }
    }

    /// Highest score first; ties go to the topology listed first in the rule set's `tie_break`.
    /// A topology whose precondition failed goes after every eligible one.
    func rank(_ scores: [Topology: Double], excluded: Set<Topology> = []) -> [Topology] {
        let order = ruleSet.tieBreak + Topology.allCases.filter { !ruleSet.tieBreak.contains($0) }
        return order.enumerated().sorted { a, b in
            let (xa, xb) = (excluded.contains(a.element), excluded.contains(b.element))
            if xa != xb { return !xa }
            let (sa, sb) = (scores[a.element] ?? 0, scores[b.element] ?? 0)
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
