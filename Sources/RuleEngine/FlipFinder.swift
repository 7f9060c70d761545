import Foundation
import DecisionModel

/// Finds, for each answer, the nearest single change that would change the recommendation.
///
/// Candidates come from the rule set itself: the other choices of a choice (nearest in the list
/// first), the other truth value, one item added to or taken from a list, and for whole numbers the
/// values on either side of every threshold and grade end the rules use, and a geometric grid around
/// the answer (nearest first, relatively); a number's flip is then narrowed to the nearest whole
/// number that still flips. A defaulted answer that stands in for another (`default_from`) moves with it.
struct FlipFinder: Sendable {
    let catalog: QuestionCatalog
    /// Per question index, the numbers the rules compare it with.
    let thresholds: [[Int]]
    /// Per question index, the names the rules look for in a `tags` list.
    let mentionedTags: [[String]]
    /// Per question index, the numbers on either side of each threshold, within the question's range.
    let numbers: [[Int]]
    /// Per question index, the questions that take their default from it.
    let followers: [[Int]]
    /// Per question index, whether a topology's precondition reads it.
    let readByPrecondition: [Bool]

    init(ruleSet: RuleSet) {
        catalog = ruleSet.catalog
        let tests = ruleSet.rules.flatMap(\.when.tests) + ruleSet.preconditions.flatMap(\.when.tests)
        let grades = ruleSet.rules.compactMap(\.grade)
        thresholds = catalog.questions.map { q in
            let ends = grades.filter { $0.field == q.id }.flatMap { [Int($0.from.rounded()), Int($0.to.rounded())] }
            return Array(Set(tests.filter { $0.field == q.id }.compactMap(\.operand.intValue) + ends)).sorted()
        }
        let questions = ruleSet.catalog.questions
        followers = questions.map { q in questions.indices.filter { questions[$0].defaultFrom == q.id } }
        readByPrecondition = questions.map { q in ruleSet.preconditions.contains { $0.when.fields.contains(q.id) } }
        mentionedTags = catalog.questions.map { q in
            var names: [String] = []
            for t in tests where t.field == q.id {
                for name in (t.operand.listValue ?? t.operand.stringValue.map { [$0] } ?? []) where !names.contains(name) {
                    names.append(name)
                }
            }
            return names
        }
        numbers = zip(catalog.questions, thresholds).map { question, limits in
            var set = Set<Int>()
            for t in limits { set.formUnion([t - 1, t, t + 1]) }
            return set.filter { n in
                (question.minimum.map { n >= $0 } ?? true) && (question.maximum.map { n <= $0 } ?? true)
            }.sorted()
        }
    }

    func flips(values: [AnswerValue], answers: Answers, current: Topology, engine: DecisionEngine) -> [Flip] {
        var flips: [Flip] = []
        var probe = Probe(values: values, answers: answers, finder: self, engine: engine)
        for (i, question) in catalog.questions.enumerated() {
            if engine.compiled.rulesReading[i].isEmpty && !readByPrecondition[i] && followers[i].isEmpty { continue }
            for candidate in candidates(for: i, question: question, value: values[i]) {
                guard let outcome = probe.outcome(i, candidate), outcome != current else { continue }
                var to = candidate
                var target = outcome
                if case .int(let far) = candidate, let from = values[i].intValue {
                    (to, target) = probe.narrow(i, from: from, to: far, current: current) ?? (candidate, outcome)
                }
                var summary = Self.summary(question, from: values[i], to: to)
                let moved = followers[i].map { catalog.questions[$0].id }.filter { answers.defaulted.contains($0) }
                if !moved.isEmpty { summary += " (\(moved.joined(separator: ", ")) with it, as the profile leaves \(moved.count == 1 ? "it" : "them") out)" }
                flips.append(Flip(field: question.id, from: values[i], to: to, recommendation: target, summary: summary))
                break
            }
        }
        return flips
    }

    /// The numeric flip nearest to its answer, relatively.
    static func nearest(_ flips: [Flip]) -> NearThreshold? {
        var best: NearThreshold?
        for flip in flips {
            guard case .int(let from) = flip.from, case .int(let to) = flip.to else { continue }
            let distance = Double(abs(to - from)) / Double(max(from, 1))
            if best == nil || distance < best!.distance {
                best = NearThreshold(field: flip.field, from: from, to: to, recommendation: flip.recommendation, distance: distance)
            }
        }
        return best
    }

    /// Re-evaluates the recommendation with one answer changed, touching only the rules that read it.
    ///
    /// The inner loop of flip search (about a hundred candidates per number): it changes the answer
    /// and the weights of the rules that read it in place and puts them back afterwards, so a probe
    /// copies no array, and it re-checks preconditions only when one reads the changed answer.
    struct Probe {
        /// The profile's values; one answer (and its defaulted followers) changed during a probe.
        var values: [AnswerValue]
        let answers: Answers
        let finder: FlipFinder
        let engine: DecisionEngine
        /// Each rule's weight for `values`; the touched rules' changed during a probe.
        var weights: [Double]
        /// Which topologies may win with the profile's own values.
        let eligible: [Bool]
        /// Scratch: the touched rules and their weights before the probe.
        var saved: [(rule: Int, weight: Double)] = []
        /// Scratch: the changed answers' values before the probe.
        var savedValues: [(question: Int, value: AnswerValue)] = []

        init(values: [AnswerValue], answers: Answers, finder: FlipFinder, engine: DecisionEngine) {
            self.values = values
            self.answers = answers
            self.finder = finder
            self.engine = engine
            weights = engine.compiled.weights(values)
            eligible = engine.compiled.eligible(values)
        }

        /// The recommendation with answer `i` set to `candidate` (and its defaulted followers with it).
        mutating func outcome(_ i: Int, _ candidate: AnswerValue) -> Topology? {
            let compiled = engine.compiled
            savedValues.removeAll(keepingCapacity: true)
            savedValues.append((i, values[i]))
            values[i] = candidate
            saved.removeAll(keepingCapacity: true)
            var preconditionRead = finder.readByPrecondition[i]
            for r in compiled.rulesReading[i] { saved.append((r, weights[r])) }
            for f in finder.followers[i] where answers.defaulted.contains(finder.catalog.questions[f].id) {
                savedValues.append((f, values[f]))
                values[f] = candidate
                preconditionRead = preconditionRead || finder.readByPrecondition[f]
                for r in compiled.rulesReading[f] { saved.append((r, weights[r])) }
            }
            for (r, _) in saved { weights[r] = compiled.weight(r, values) }
            let result = engine.recommendation(weights: weights, eligible: preconditionRead ? compiled.eligible(values) : eligible)
            // Put everything back, last saved first (a rule read by two changed answers was saved twice).
            for (r, w) in saved.reversed() { weights[r] = w }
            for (q, v) in savedValues.reversed() { values[q] = v }
            return result
        }

        /// The whole number nearest to `from`, on the way to `to`, that still changes the recommendation.
        mutating func narrow(_ i: Int, from: Int, to: Int, current: Topology) -> (AnswerValue, Topology)? {
            var (near, far) = (from, to)
            guard var found = outcome(i, .int(far)), found != current else { return nil }
            while abs(far - near) > 1 {
                let mid = near + (far - near) / 2
                if let o = outcome(i, .int(mid)), o != current { far = mid; found = o } else { near = mid }
            }
            return (.int(far), found)
        }
    }

    /// Candidate values for one answer, nearest first.
    func candidates(for index: Int, question: Question, value: AnswerValue) -> [AnswerValue] {
        switch question.kind {
        case .bool:
            return [.bool(!(value.boolValue ?? false))]
        case .choice:
            let all = question.choiceValues
            let here = value.stringValue.flatMap { all.firstIndex(of: $0) } ?? 0
            return all.indices.filter { $0 != here }
                .sorted { (abs($0 - here), $0) < (abs($1 - here), $1) }
                .map { .string(all[$0]) }
        case .multi, .tags:
            let list = value.listValue ?? []
            let names = question.kind == .multi ? question.choiceValues : mentionedTags[index]
            return names.map { name in
                list.contains(name) ? .list(list.filter { $0 != name }) : .list(list + [name])
            }
        case .int:
            let origin = value.intValue ?? question.minimum ?? 0
            var pool = numbers[index]
            pool.reserveCapacity(pool.count + 97)
            // A geometric grid: graded rules change continuously, so their flips lie between thresholds.
            var up = Double(max(origin, 1)), down = Double(origin)
            for _ in 0..<48 {
                up *= 1.12
                down /= 1.12
                pool.append(Int(up.rounded()))
                pool.append(Int(down.rounded()))
            }
            pool.append(0)
            pool.sort()
            // Each distance once (the sort compares each value many times), nearest first, ties by value.
            var keyed: [(distance: Double, n: Int)] = []
            keyed.reserveCapacity(pool.count)
            var last: Int?
            for n in pool where n != last {
                last = n
                guard n != value.intValue, question.minimum.map({ n >= $0 }) ?? true, question.maximum.map({ n <= $0 }) ?? true else { continue }
                keyed.append((abs(log(Double(n + 1) / Double(origin + 1))), n))
            }
            keyed.sort { ($0.distance, $0.n) < ($1.distance, $1.n) }
            var result: [AnswerValue] = keyed.map { .int($0.n) }
            if question.defaultValue == .null && value != .null { result.append(.null) }
            return result
        }
    }

    static func summary(_ question: Question, from: AnswerValue, to: AnswerValue) -> String {
        switch (question.kind, from, to) {
        case (.multi, .list(let old), .list(let new)), (.tags, .list(let old), .list(let new)):
            if let added = new.first(where: { !old.contains($0) }) { return "\(question.id) also included \(added)" }
            if let removed = old.first(where: { !new.contains($0) }) { return "\(question.id) did not include \(removed)" }
            return "\(question.id) were \(to)"
        case (_, _, .null):
            return "\(question.id) were unset (instead of \(from))"
        case (_, .null, _):
            return "\(question.id) were \(to) (now unset)"
        default:
            return "\(question.id) were \(to) instead of \(from)"
        }
    }
}
