import DecisionLog
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing

/// `diff` and `recheck` over real evaluations.
@Suite struct DecisionDiffTests {
    @Test func diffNamesTheChangedAnswersScoreMovesAndRules() throws {
        let store = MemoryDecisionStore()
        let a = try store.append(Fixtures.entry(Fixtures.deskpilot))
        let b = try store.append(Fixtures.entry(Fixtures.deskpilotQuiet))
        let diff = DecisionDiff(from: a, to: b)
        #expect(diff.recommendationChanged)
        #expect(!diff.rulesDigestChanged)
        // traffic.ai_peak_rps is not in the profile: it follows traffic.peak_rps, so it moves with it.
        #expect(Set(diff.answers.map(\.field)) == ["workloads", "performance_critical", "traffic.peak_rps", "traffic.ai_peak_rps"])
        let rps = try #require(diff.answers.first { $0.field == "traffic.peak_rps" })
        #expect(rps.before == .int(3000) && rps.after == .int(50))
        // Every topology is listed, and each move is exactly the difference of the recorded scores.
        #expect(diff.scores.map(\.topology) == Topology.allCases)
        for move in diff.scores {
            #expect(move.before == a.scores[move.topology])
            #expect(move.after == b.scores[move.topology])
        }
        // Started and stopped are the set differences of the fired rules, nothing else.
        let before = Set(a.firedRules), after = Set(b.firedRules)
        #expect(Set(diff.started.map(\.rule)) == after.subtracting(before))
        #expect(Set(diff.stopped.map(\.rule)) == before.subtracting(after))
        #expect(diff.stopped.map(\.rule).contains("hy-product-core-with-ai-at-volume"))
        #expect(diff.reweighted.isEmpty)
    }

    @Test func aDecisionComparedWithItselfHasNoChanges() throws {
        let store = MemoryDecisionStore()
        let a = try store.append(Fixtures.entry(Fixtures.deskpilot))
        let diff = DecisionDiff(from: a, to: a)
        #expect(diff.answers.isEmpty && diff.rules.isEmpty && !diff.recommendationChanged)
        #expect(diff.scores.allSatisfy { $0.delta == 0 })
    }

    @Test func recheckFindsTheDecisionsNewRulesChangeAndTheRuleThatDidIt() throws {
        let store = MemoryDecisionStore()
        for text in [Fixtures.deskpilot, Fixtures.deskpilotQuiet, Fixtures.gateway, Fixtures.deskpilot] {
            _ = try store.append(Fixtures.entry(text))
        }
        // New rules: the hybrid's own rule takes 4 points from it instead of giving 8.
        let rules = Fixtures.edited("rules/hybrid.yaml", replacing: "effects: {hybrid: 8, monolith: -2}", with: "effects: {hybrid: -4, monolith: -2}")
        #expect(rules.digest != Fixtures.builtIn.digest)
        let harness = RecheckHarness(rules: rules)
        let evaluated = Locked(0)
        let results = Recheck.run(try store.all(), rulesDigest: rules.digest) { record in
            evaluated.with { $0 += 1 }
            return harness.evaluate(record)
        }
        #expect(evaluated.with { $0 } == 3, "the two identical deskpilot decisions are evaluated once")
        #expect(results.map(\.status) == [.changed, .unchanged, .unchanged, .changed])
        let changed = results[0]
        #expect(changed.record.recommendation == .hybrid && changed.now == .monolith)
        #expect(changed.rules == [RuleChange(rule: "hy-product-core-with-ai-at-volume", kind: .reweighted,
                                             before: [.hybrid: 8, .monolith: -2], after: [.hybrid: -4, .monolith: -2])])
        #expect(changed.scores.first { $0.topology == .hybrid }?.delta == -12)
    }

    @Test func recheckWithTheSameRulesChangesNothingAndReportsUnreadableProfiles() throws {
        let store = MemoryDecisionStore()
        _ = try store.append(Fixtures.entry(Fixtures.deskpilot))
        _ = try store.append(Fixtures.entry(Fixtures.gateway))
        let harness = RecheckHarness(rules: Fixtures.builtIn)
        let results = Recheck.run(try store.all(), rulesDigest: Fixtures.builtIn.digest) { record in
            record.profileName == "gateway" ? .failure(.init("the current rules have no question 'x'")) : harness.evaluate(record)
        }
        #expect(results[0].status == .unchanged && results[0].rules.isEmpty)
        #expect(results[1].status == .unreadable("the current rules have no question 'x'"))
    }
}

/// Re-evaluates a record's profile text the way `archdecide recheck` does.
struct RecheckHarness {
    let rules: RuleSet
    func evaluate(_ record: DecisionRecord) -> Result<Evaluation, Recheck.RecheckFailure> {
        guard let profile = ProfileLoader(catalog: rules.catalog).load(text: record.profileText, file: record.profileFile).profile else {
            return .failure(.init("does not load"))
        }
        return .success(DecisionEngine(ruleSet: rules).decide(profile))
    }
}
