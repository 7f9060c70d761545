import Foundation
import DecisionModel
@testable import RuleEngine
import Testing

/// The flip search changes one answer and the weights of the rules that read it in place, and puts
/// them back after each candidate. These tests hold that fast path to the slow definition: the
/// recommendation a full evaluation gives with the answer changed.
@Suite("Flip search probe")
struct FlipProbeTests {
    /// Deterministic answers over the whole questionnaire, as a batch of real profiles would vary.
    static func profiles(_ count: Int) -> [Answers] {
        var seed: UInt64 = 0x5EED
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        return (0..<count).map { _ in
            var given: [String: AnswerValue] = [:]
            for q in builtIn.catalog.questions where next() % 4 != 0 {
                switch q.kind {
                case .bool: given[q.id] = .bool(next() % 2 == 0)
                case .choice: given[q.id] = .string(q.choiceValues[Int(next() % UInt64(q.choiceValues.count))])
                case .int: given[q.id] = .int(Int(next() % 5000) + (q.minimum ?? 0))
                case .multi, .tags: given[q.id] = .list(q.choiceValues.filter { _ in next() % 3 == 0 })
                }
            }
            return Answers.completing(given, with: builtIn.catalog)
        }
    }

    @Test("every candidate's probed recommendation is a full evaluation's, and the probe restores the profile")
    func probeMatchesFullEvaluation() {
        let finder = engine.flipFinder
        let questions = builtIn.catalog.questions
        var checked = 0
        for answers in Self.profiles(24) {
            let values = engine.compiled.values(answers, catalog: builtIn.catalog)
            var probe = FlipFinder.Probe(values: values, answers: answers, finder: finder, engine: engine)
            let weights = probe.weights
            for (i, question) in questions.enumerated() {
                let candidates = question.kind == .int
                    ? finder.breakpoints[i].map(AnswerValue.int) + [.int(7), .int(777), .int(7_777), .null]
                    : finder.candidates(for: i, question: question, value: values[i])
                // The nearest dozen and a spread of the rest: the full evaluation is the slow part.
                for (k, candidate) in candidates.enumerated() where k < 12 || k % 9 == 0 {
                    var changed = answers
                    changed.values[question.id] = candidate
                    for f in finder.followers[i] where answers.defaulted.contains(questions[f].id) {
                        changed.values[questions[f].id] = candidate
                    }
                    let full = engine.evaluate(name: "t", answers: changed).recommendation
                    #expect(probe.outcome(i, candidate) == full, "\(question.id) = \(candidate)")
                    checked += 1
                }
                #expect(probe.values == values && probe.weights == weights, "the probe left \(question.id) changed")
            }
        }
        #expect(checked > 1000)
    }

    /// The segment search against brute force: every whole number from 0 to 12,000, probed one by
    /// one. The search's flip must be the nearest of them that flips (relatively, ties to the smaller),
    /// or lie beyond them no nearer than the nearest one found.
    @Test("a number's flip is the nearest whole number that flips, by brute force")
    func numberFlipIsNearest() {
        let finder = engine.flipFinder
        let questions = builtIn.catalog.questions
        var compared = 0
        for answers in Self.profiles(8) {
            let values = engine.compiled.values(answers, catalog: builtIn.catalog)
            let current = engine.evaluate(name: "t", answers: answers).recommendation
            var probe = FlipFinder.Probe(values: values, answers: answers, finder: finder, engine: engine)
            for (i, question) in questions.enumerated() where question.kind == .int {
                let origin = values[i].intValue ?? question.minimum ?? 0
                func distance(_ n: Int) -> Double { abs(log(Double(n + 1) / Double(origin + 1))) }
                var brute: Int?
                for n in (question.minimum ?? 0)...12_000 where n != values[i].intValue {
                    if let o = probe.outcome(i, .int(n)), o != current,
                       brute.map({ (distance(n), n) < (distance($0), $0) }) ?? true {
                        brute = n
                    }
                }
                let found = probe.nearestNumberFlip(i, question: question, current: current)
                if let brute {
                    if case .int(let n)? = found?.0 {
                        if n <= 12_000 {
                            #expect(n == brute, "\(question.id) from \(values[i]): search \(n), brute force \(brute)")
                        } else {
                            #expect(distance(n) < distance(brute), "\(question.id) from \(values[i]): search \(n), brute force \(brute)")
                        }
                    } else {
                        Issue.record("\(question.id) from \(values[i]): brute force flips at \(brute), search gave \(String(describing: found))")
                    }
                    compared += 1
                } else if case .int(let n)? = found?.0 {
                    #expect(n > 12_000, "\(question.id) from \(values[i]): \(n) does not flip by brute force")
                }
                #expect(probe.values == values, "the search left \(question.id) changed")
            }
        }
        #expect(compared >= 5, "too few numbers flip within 0...12,000 to compare")
    }
}
