import BundledRules
import DecisionModel
import RuleEngine
import RuleSpec
import Testing
import TestSupport

var builtIn: RuleSet { BuiltInRules.ruleSet }

var engine: DecisionEngine { BuiltInRules.engine }

func decide(_ given: [String: AnswerValue]) -> Evaluation {
    engine.evaluate(name: "t", answers: Answers.completing(given, with: builtIn.catalog))
}

@Suite("Decision engine")
struct EngineTests {
    @Test("every rule's own examples and every case in the corpus pass")
    func examplesAndCases() {
        let outcomes = RuleTester.run(builtIn)
        for failed in outcomes.filter({ !$0.passed }) { Issue.record("\(failed.name): \(failed.failure?.description ?? "")") }
        #expect(outcomes.count >= builtIn.rules.count * 2 + builtIn.cases.count)
        #expect(builtIn.cases.count >= 20)
        #expect(Set(builtIn.cases.compactMap(\.want)) == Set(Topology.allCases))
    }

    static let deskpilot: [String: AnswerValue] = [
        "data_model": .string("significant"), "admin_ui": .bool(true), "auth": .bool(true), "payments": .bool(true),
        "growth": .string("likely"), "scope": .string("broad"),
        "workloads": .list(["crud", "content", "webhooks", "embeddings", "streaming_inference", "inference_gateway", "background_jobs"]),
        "traffic.peak_rps": .int(3000), "traffic.latency_p99_ms": .int(250), "performance_critical": .bool(true),
        "team.size": .int(8), "team.knows": .list(["django", "fastapi"]),
    ]

    @Test("the explanation is the trace: fired rules are the rules whose trace fired, and their effects sum to the scores")
    func explanationIsTrace() {
        for given in [Self.deskpilot, [:], ["data_model": .string("none"), "scope": .string("narrow")]] as [[String: AnswerValue]] {
            let e = decide(given)
            #expect(e.trace.count == builtIn.rules.count)
            #expect(Set(e.fired.map(\.rule)) == Set(e.trace.filter(\.fired).map(\.ruleID)))
            for t in Topology.allCases {
                let sum = e.fired.reduce(0) { $0 + ($1.effects[t] ?? 0) }
                #expect(abs(sum - (e.scores[t] ?? 0)) < 0.001)
            }
            #expect(e.ranking.first == e.recommendation)
            #expect(e.confidence >= 0 && e.confidence <= 1)
            #expect(e.fired.allSatisfy { !$0.because.isEmpty })
        }
    }

    @Test("the contract's example is the hybrid, and with cold AI paths it would be the monolith")
    func deskpilot() throws {
        var given = Self.deskpilot
        given["traffic.ai_peak_rps"] = .int(2500)
        let e = decide(given)
        #expect(e.recommendation == .hybrid)
        #expect(e.assumed.isEmpty)
        let flip = try #require(e.flips.first { $0.field == "traffic.ai_peak_rps" })
        #expect((flip.to.intValue ?? 10_000) < 300)
        #expect(flip.recommendation == .monolith)
        #expect(e.confidence > 0.8 && e.nearThreshold.map { $0.distance > 0.25 } ?? true)
    }

    @Test("every flip really flips, and is the nearest candidate that does")
    func flipsAreReal() {
        for given in [Self.deskpilot, [:], ["workloads": .list(["inference_gateway"]), "scope": .string("narrow"), "traffic.peak_rps": .int(2000)]] as [[String: AnswerValue]] {
            let e = decide(given)
            for flip in e.flips {
                // Changed in the profile, so an answer that follows it (ai_peak_rps after peak_rps) moves too.
                var changed = given
                changed[flip.field] = flip.to
                let after = decide(changed)
                #expect(after.recommendation == flip.recommendation && flip.recommendation != e.recommendation, "\(flip)")
                if case .int(let to) = flip.to, case .int(let from) = flip.from {
                    // Nothing strictly between the current value and the flip point changes the outcome.
                    let step = max(1, abs(to - from) / 200) * (to > from ? 1 : -1)
                    for probe in stride(from: from, to: to, by: step) where probe != from {
                        var p = given
                        p[flip.field] = .int(probe)
                        #expect(decide(p).recommendation == e.recommendation,
                                "\(flip.field)=\(probe) already flips")
                    }
                }
            }
        }
    }

    @Test("low-volume AI without a performance constraint stays in the monolith; at volume it is the hybrid")
    func aiVolume() {
        var product = Self.deskpilot
        product["performance_critical"] = .bool(false)
        product["traffic.peak_rps"] = .int(40)
        product["traffic.latency_p99_ms"] = .null
        #expect(decide(product).recommendation == .monolith)
        product["traffic.peak_rps"] = .int(5000)
        #expect(decide(product).recommendation == .hybrid)
    }

    @Test("a pure gateway at volume is a microservice even with a small table of keys")
    func gateway() {
        let e = decide(["data_model": .string("simple"), "auth": .bool(true), "scope": .string("narrow"),
                        "workloads": .list(["inference_gateway"]), "traffic.peak_rps": .int(3000)])
        #expect(e.recommendation == .microservice)
        #expect(e.fired.contains { $0.rule == "dq-pure-gateway-at-volume" })
    }

    @Test("ties go to the rule set's tie-break order, and confidence is 0 on a tie")
    func ties() {
        var set = builtIn
        set.rules = []
        let e = DecisionEngine(ruleSet: set).evaluate(name: "t", answers: Answers.completing([:], with: set.catalog))
        #expect(e.recommendation == set.tieBreak[0])
        #expect(e.confidence == 0)
        #expect(e.fired.isEmpty)
    }

    @Test("the same answers always give the same evaluation")
    func deterministic() {
        #expect(decide(Self.deskpilot) == decide(Self.deskpilot))
    }
}
