import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing
import TestSupport

/// The decision is faithful to the article and honest about its heuristics: no hybrid without AI,
/// no cliffs, monotone in the answers that should only push one way, conflicts owned up to.
@Suite("Decision honesty")
struct HonestyTests {
    static let numericFields = ["traffic.peak_rps", "traffic.ai_peak_rps", "traffic.latency_p99_ms", "team.size"]
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped examples' answers, read as `decide` reads them.
    static func examples() throws -> [(String, [String: AnswerValue])] {
        let folder = packageRoot.appendingPathComponent("Examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let loader = ProfileLoader(catalog: builtIn.catalog)
        return try names.map { name in
            let profile = try #require(loader.load(path: folder.appendingPathComponent(name).path).profile)
            return (name, profile.answers)
        }
    }

    @Test("no cliff: every number of every example and engine case moved by ±5% changes the answer only where confidence was ≤ 0.5")
    func noCliff() throws {
        var profiles = try Self.examples()
        profiles += builtIn.cases.map { ($0.note, $0.answers) }
        var moved = 0
        for (name, given) in profiles {
            let base = decide(given)
            let complete = base.answers
            for field in Self.numericFields {
                guard let value = complete[field].intValue, value > 0 else { continue }
                for factor in [0.95, 1.05] {
                    var changed = given
                    changed[field] = .int(Int((Double(value) * factor).rounded()))
                    let after = decide(changed)
                    moved += 1
                    if after.recommendation != base.recommendation {
                        #expect(base.confidence <= 0.5, "\(name): \(field) \(value)×\(factor) turns a \(base.confidence) \(base.recommendation) into \(after.recommendation)")
                    }
                }
            }
        }
        #expect(moved > 100)
    }

    @Test("999 and 1000 requests per second decide alike, with nearly the same confidence")
    func noThresholdAtAThousand() throws {
        let pair = builtIn.cases.filter { $0.note.hasPrefix("999 requests") || $0.note.hasPrefix("1000 requests") }
        #expect(pair.count == 2)
        let (a, b) = (decide(pair[0].answers), decide(pair[1].answers))
        #expect(a.recommendation == b.recommendation)
        #expect(abs(a.confidence - b.confidence) <= 0.02)
        for given in [EngineTests.deskpilot, ["workloads": .list(["inference_gateway"]), "scope": .string("narrow"), "data_model": .string("none")]] as [[String: AnswerValue]] {
            for (low, high) in [(99, 100), (999, 1000), (199, 200)] {
                var x = given, y = given
                x["traffic.peak_rps"] = .int(low)
                y["traffic.peak_rps"] = .int(high)
                let (dx, dy) = (decide(x), decide(y))
                #expect(dx.recommendation == dy.recommendation || max(dx.confidence, dy.confidence) <= 0.1, "\(low)/\(high)")
            }
        }
    }

    /// Every combination of the answers that matter, with the given workloads and volumes.
    static func grid(workloads: [[String]], peaks: [Int], ais: [Int?]) -> [[String: AnswerValue]] {
        var out: [[String: AnswerValue]] = []
        for data in ["none", "simple", "significant"] {
            for admin in [false, true] { for (auth, payments) in [(false, false), (true, true)] { do {
                for growth in ["unlikely", "likely"] { for scope in ["narrow", "broad"] { for critical in [false, true] {
                    for w in workloads { for peak in peaks { for ai in ais {
                        var p: [String: AnswerValue] = [
                            "data_model": .string(data), "admin_ui": .bool(admin), "auth": .bool(auth), "payments": .bool(payments),
                            "growth": .string(growth), "scope": .string(scope), "performance_critical": .bool(critical),
                            "workloads": .list(w), "traffic.peak_rps": .int(peak),
                        ]
                        if let ai { p["traffic.ai_peak_rps"] = .int(ai) }
                        out.append(p)
                    } } }
                } } }
            } } }
        }
        return out
    }

    @Test("monotone: raising the AI paths' volume never moves a product core from the hybrid back to the monolith")
    func aiVolumeIsMonotone() {
        let ladder = [10, 100, 300, 800, 2000, 20000]
        var checked = 0
        for base in Self.grid(workloads: [["crud", "embeddings"], ["content", "streaming_inference", "background_jobs"]],
                              peaks: [20000], ais: [nil]) {
            var wasHybrid = false
            for ai in ladder {
                var p = base
                p["traffic.ai_peak_rps"] = .int(ai)
                let r = decide(p).recommendation
                if wasHybrid { #expect(r != .monolith, "\(p): hybrid at a lower AI volume, monolith at \(ai)") }
                if r == .hybrid { wasHybrid = true }
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test("monotone: a deciding question turned to yes never lowers the monolith's score")
    func decidingYesNeverLowersTheMonolith() {
        let yeses: [(String, AnswerValue, [AnswerValue])] = [
            ("data_model", .string("significant"), [.string("none"), .string("simple")]),
            ("admin_ui", .bool(true), [.bool(false)]),
            ("growth", .string("likely"), [.string("unlikely"), .string("possible")]),
        ]
        var checked = 0
        for base in Self.grid(workloads: [["crud"], ["embeddings"], ["crud", "content", "embeddings", "background_jobs"]],
                              peaks: [20, 3000], ais: [nil]) {
            for (field, yes, nos) in yeses {
                for no in nos {
                    var before = base, after = base
                    before[field] = no
                    after[field] = yes
                    let (a, b) = (decide(before).scores[.monolith] ?? 0, decide(after).scores[.monolith] ?? 0)
                    #expect(b >= a, "\(field): \(no) → \(yes) lowers the monolith from \(a) to \(b) in \(base)")
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }

    @Test("the hybrid needs an AI workload and a product core; otherwise it is ruled out and says why")
    func hybridPrecondition() throws {
        let adminTool = try #require(builtIn.cases.first { $0.note.hasPrefix("an internal admin tool with no AI") })
        let e = decide(adminTool.answers)
        #expect(e.recommendation == .monolith)
        let out = try #require(e.excluded.first)
        #expect(out.topology == .hybrid && out.why.contains("AI workload"))
        #expect(e.ranking.last == .hybrid)
        #expect(e.warnings.map(\.code) == ["admin-without-data-model", "not-asked"])
        #expect(e.whyNot.first { $0.topology == .hybrid }?.excluded != nil)
        // An AI platform with no product core cannot be the hybrid either.
        let platform = decide(["data_model": .string("none"), "scope": .string("broad"), "growth": .string("likely"),
                               "workloads": .list(["embeddings", "streaming_inference"]), "traffic.peak_rps": .int(5000)])
        #expect(platform.recommendation != .hybrid && platform.excluded.map(\.topology) == [.hybrid])
    }

    @Test("cold AI next to hot CRUD is judged by ai_peak_rps, and the placement keeps cold AI in the monolith")
    func aiPeakRPS() throws {
        let cold = try #require(builtIn.cases.first { $0.note.hasPrefix("a catalogue with hot CRUD") })
        let e = decide(cold.answers)
        #expect(e.recommendation == .monolith && !e.assumed.contains("traffic.ai_peak_rps"))
        var hot = cold.answers
        hot["traffic.ai_peak_rps"] = .int(2000)
        let h = decide(hot)
        #expect(h.recommendation == .hybrid)
        #expect(h.placement.map(\.workload) == ["crud", "content", "embeddings"])
        #expect(h.placement.first { $0.workload == "embeddings" }?.side == .service)
        #expect(h.placement.filter { $0.side == .monolith }.map(\.workload) == ["crud", "content"])
        #expect(HybridPlacement.place(e.answers).first { $0.workload == "embeddings" }?.side == .monolith, "cold AI stays in the monolith")
        // Absent, it follows peak_rps and is assumed, but only when an AI workload makes it matter.
        var absent = cold.answers
        absent["traffic.ai_peak_rps"] = nil
        let a = decide(absent)
        #expect(a.answers["traffic.ai_peak_rps"] == .int(5000) && a.assumed.contains("traffic.ai_peak_rps"))
        #expect(!decide(["workloads": .list(["crud"])]).assumed.contains("traffic.ai_peak_rps"))
        var above = cold.answers
        above["traffic.ai_peak_rps"] = .int(9000)
        #expect(decide(above).warnings.map(\.code) == ["ai-above-peak"])
    }

    @Test("an outweighed deciding question is reported with what outweighed it, and caps the confidence")
    func overruled() throws {
        let embedder = try #require(builtIn.cases.first { $0.note.hasPrefix("a narrow embedding service likely to grow") })
        let e = decide(embedder.answers)
        #expect(e.recommendation == .microservice)
        let o = try #require(e.overruled.first)
        #expect(o.question == "growth" && !o.by.isEmpty && o.by.count <= 3)
        #expect(o.by.allSatisfy { id in e.fired.contains { $0.rule == id } })
        #expect(e.marginConfidence > 0.9 && e.confidence <= builtIn.overruledConfidenceCap)
        #expect(decide(EngineTests.deskpilot).overruled.isEmpty, "the hybrid keeps the monolith: no conflict")
    }

    @Test("close to a threshold: confidence falls when the nearest numeric flip is within 25%")
    func nearThreshold() {
        for ai in stride(from: 100, through: 1200, by: 20) {
            var p = EngineTests.deskpilot
            p["performance_critical"] = .bool(false)
            p["traffic.latency_p99_ms"] = .null
            p["traffic.ai_peak_rps"] = .int(ai)
            let e = decide(p)
            if let near = e.nearThreshold, near.distance <= 0.25 {
                #expect(e.confidence <= 0.5, "ai \(ai): \(near.summary) but confidence \(e.confidence)")
            }
        }
    }

    @Test("why not the others: two or three fired rules against each runner-up, strongest first")
    func whyNot() {
        let e = decide(EngineTests.deskpilot)
        #expect(e.whyNot.map(\.topology) == Array(e.ranking.dropFirst()))
        for w in e.whyNot {
            #expect((1...3).contains(w.rules.count))
            #expect(w.rules.map(\.points) == w.rules.map(\.points).sorted(by: >))
        }
    }

    @Test("the hybrid's precondition and its placement agree on what is hot: a hybrid always has an AI path in its service")
    func placementAgreesWithThePrecondition() {
        var checked = 0, hybrids = 0
        for p in Self.grid(workloads: [["crud", "embeddings"], ["content", "streaming_inference"],
                                       ["content", "embeddings", "inference_gateway", "background_jobs"]],
                           peaks: [5000], ais: [10, 99, 150, 299, 300, 999, 1000, 3000]) {
            let e = decide(p)
            let hot = HybridPlacement.hasHotAIPath(e.answers)
            let place = HybridPlacement.place(e.answers)
            // The same thresholds on both sides: a precondition ruling the hybrid out for its AI
            // paths is exactly a placement with nothing in the service.
            #expect(hot == place.contains { $0.side == .service }, "\(p)")
            if !hot { #expect(e.excluded.contains { $0.topology == .hybrid }, "every AI path cold, yet the hybrid may win: \(p)") }
            if e.recommendation == .hybrid {
                hybrids += 1
                #expect(e.placement.contains { $0.side == .service }, "a hybrid whose service serves nothing: \(p)")
                #expect(e.placement.map(\.workload) == (e.answers["workloads"].listValue ?? []))
            }
            checked += 1
        }
        #expect(checked > 1000 && hybrids > 50)
        // Per path: embeddings are hot by volume alone; LLM calls by volume or performance-critical.
        let critical: Answers = Answers.completing(["workloads": .list(["crud", "embeddings", "streaming_inference"]), "performance_critical": .bool(true),
                                                    "traffic.peak_rps": .int(3000), "traffic.ai_peak_rps": .int(150)], with: builtIn.catalog)
        #expect(HybridPlacement.place(critical).filter { $0.side == .service }.map(\.workload) == ["streaming_inference"])
        var volume = critical
        volume.values["performance_critical"] = .bool(false)
        volume.values["traffic.ai_peak_rps"] = .int(500)
        #expect(HybridPlacement.place(volume).filter { $0.side == .service }.map(\.workload) == ["embeddings"])
        // The question's help tells the person answering the same thresholds.
        let help = (builtIn.catalog["traffic.ai_peak_rps"]?.help ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (threshold, words) in [(HybridPlacement.hotEmbeddingsRPS, "embeddings from"), (HybridPlacement.hotLLMRPS, "gateway calls from"),
                                   (HybridPlacement.hotLLMRPSWhenCritical, "or from")] {
            #expect(help.contains("\(words) \(threshold)"), "the help of traffic.ai_peak_rps does not say '\(words) \(threshold)': \(help)")
        }
    }
}
