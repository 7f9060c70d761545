import Foundation
import DecisionModel

/// Finds, for each answer, the nearest single change that would change the recommendation.
///
/// Candidates come from the rule set itself: the other choices of a choice (nearest in the list
/// first), the other truth value, one item added to or taken from a list. A whole number's flip is
/// found exactly rather than from a grid: the thresholds and grade ends the rules use cut its range
/// into segments where every condition holds or fails throughout and every grade is affine in the
/// number's logarithm, so each score is affine there too and the recommendation can change inside a
/// segment at most once, going away from the answer. The search walks the segments outward in both
/// directions, probing each breakpoint and each segment's far end, binary-searches the one segment
/// where the outcome changes, and keeps the nearer side (relatively). A defaulted answer that stands
/// in for another (`default_from`) moves with it.
struct FlipFinder: Sendable {
    let catalog: QuestionCatalog
    /// Per question index, the numbers the rules compare it with.
    let thresholds: [[Int]]
    /// Per question index, the names the rules look for in a `tags` list.
    let mentionedTags: [[String]]
    /// Per question index, where its number's segments end: each threshold and its neighbours, each
    /// grade end, the same for the questions that follow it, and 0 and 1 (a grade reads log10(max(v, 1))),
    /// within the question's range, ascending.
    let breakpoints: [[Int]]
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
        let limits = thresholds
        let followersOf = followers
        breakpoints = catalog.questions.enumerated().map { i, question in
            var set: Set<Int> = [0, 1]
            for q in [i] + followersOf[i] {
                for t in limits[q] { set.formUnion([t - 1, t, t + 1]) }
            }
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
            var found: (to: AnswerValue, target: Topology)?
            if question.kind == .int {
                found = probe.nearestNumberFlip(i, question: question, current: current)
            } else {
                for candidate in candidates(for: i, question: question, value: values[i]) {
                    if let outcome = probe.outcome(i, candidate), outcome != current {
                        found = (candidate, outcome)
                        break
                    }
                }
            }
            if let (to, target) = found {
                var summary = Self.summary(question, from: values[i], to: to)
                let moved = followers[i].map { catalog.questions[$0].id }.filter { answers.defaulted.contains($0) }
                if !moved.isEmpty { summary += " (\(moved.joined(separator: ", ")) with it, as the profile leaves \(moved.count == 1 ? "it" : "them") out)" }
                flips.append(Flip(field: question.id, from: values[i], to: to, recommendation: target, summary: summary))
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

        /// The whole number nearest to the answer (relatively, |log((n+1)/(v+1))|, ties to the smaller)
        /// whose recommendation is not `current`; else, for an optional question, unsetting it.
        mutating func nearestNumberFlip(_ i: Int, question: Question, current: Topology) -> (AnswerValue, Topology)? {
            let from = values[i].intValue
            let origin = from ?? question.minimum ?? 0
            let lowest = question.minimum ?? 0
            let highest = question.maximum ?? Int(Int32.max)
            // An unset answer has no value of its own to skip: its origin is a candidate too.
            let up = scan(i, from: from.map { $0 + 1 } ?? origin, to: highest, current: current)
            let down = from.flatMap { $0 - 1 >= lowest ? scan(i, from: $0 - 1, to: lowest, current: current) : nil }
            func distance(_ n: Int) -> Double { abs(log(Double(n + 1) / Double(origin + 1))) }
            let best = [down, up].compactMap { $0 }.min { (distance($0.0), $0.0) < (distance($1.0), $1.0) }
            if let (n, target) = best { return (.int(n), target) }
            if question.defaultValue == .null && values[i] != .null, let target = outcome(i, .null), target != current {
                return (.null, target)
            }
            return nil
        }

        /// The first whole number from `start` towards `end` (inclusive, either direction) whose
        /// recommendation is not `current`. Breakpoints are probed one by one; between two of them
        /// the outcome can change at most once (every score is affine in log10(v) there), so a
        /// segment whose far end keeps `current` is skipped, and the one whose far end does not is
        /// binary-searched.
        mutating func scan(_ i: Int, from start: Int, to end: Int, current: Topology) -> (Int, Topology)? {
            let step = end >= start ? 1 : -1
            func beyond(_ n: Int) -> Bool { step > 0 ? n > end : n < end }
            let stops = step > 0 ? finder.breakpoints[i].filter { $0 >= start && $0 <= end }
                                 : finder.breakpoints[i].reversed().filter { $0 <= start && $0 >= end }
            var near = start
            for stop in stops + [end + step] {
                // The open segment near ... stop - step: no breakpoint inside.
                let far = stop - step
                if step > 0 ? near <= far : near >= far {
                    if let found = segment(i, near: near, far: far, current: current) { return found }
                }
                if beyond(stop) { break }
                if let o = outcome(i, .int(stop)), o != current { return (stop, o) }
                near = stop + step
            }
            return nil
        }

        /// The first whole number from `near` to `far` (a segment without breakpoints) whose
        /// recommendation is not `current`.
        mutating func segment(_ i: Int, near: Int, far: Int, current: Topology) -> (Int, Topology)? {
            if let o = outcome(i, .int(near)), o != current { return (near, o) }
            guard near != far, var found = outcome(i, .int(far)), found != current else { return nil }
            var (keep, flip) = (near, far)
            while abs(flip - keep) > 1 {
                let mid = keep + (flip - keep) / 2
                if let o = outcome(i, .int(mid)), o != current { flip = mid; found = o } else { keep = mid }
            }
            return (flip, found)
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
            // Numbers are searched segment by segment (`Probe.nearestNumberFlip`), not listed.
            return []
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
