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
                let candidates = finder.candidates(for: i, question: question, value: values[i])
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
        #expect(checked > 2000)
    }

    @Test("number candidates are distinct, in range, nearest first (relatively), ties to the smaller")
    func numberCandidatesOrdered() {
        for (i, q) in builtIn.catalog.questions.enumerated() where q.kind == .int {
            for value in [AnswerValue.null, .int(0), .int(1), .int(37), .int(250), .int(4999), .int(120_000)] {
                let ints = engine.flipFinder.candidates(for: i, question: q, value: value).compactMap(\.intValue)
                #expect(Set(ints).count == ints.count, "\(q.id): duplicates")
                #expect(!ints.contains { $0 == value.intValue }, "\(q.id): the answer itself is a candidate")
                #expect(ints.allSatisfy { n in (q.minimum.map { n >= $0 } ?? true) && (q.maximum.map { n <= $0 } ?? true) })
                let origin = Double((value.intValue ?? q.minimum ?? 0) + 1)
                let keys = ints.map { n in (abs(log(Double(n + 1) / origin)), n) }
                #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(q.id) around \(value): not nearest first")
            }
        }
    }
}
