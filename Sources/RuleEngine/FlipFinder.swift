import DecisionModel

/// Finds, for each answer, the nearest single change that would change the recommendation.
///
/// Candidates come from the rule set itself: the other choices of a choice (nearest in the list
/// first), the other truth value, one item added to or taken from a list, and for whole numbers the
/// values on either side of every threshold the rules compare that field with (nearest first).
struct FlipFinder: Sendable {
    let catalog: QuestionCatalog
    /// Per question index, the numbers the rules compare it with.
    let thresholds: [[Int]]
    /// Per question index, the names the rules look for in a `tags` list.
    let mentionedTags: [[String]]
    /// Per question index, the numbers on either side of each threshold, within the question's range.
    let numbers: [[Int]]

    init(ruleSet: RuleSet) {
        catalog = ruleSet.catalog
        let tests = ruleSet.rules.flatMap(\.when.tests)
        thresholds = catalog.questions.map { q in
            Array(Set(tests.filter { $0.field == q.id }.compactMap(\.operand.intValue))).sorted()
        }
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

    func flips(values: [AnswerValue], current: Topology, engine: DecisionEngine) -> [Flip] {
        var flips: [Flip] = []
        let compiled = engine.compiled
        let base = compiled.held(values)
        var changed = values
        for (i, question) in catalog.questions.enumerated() {
            // Only the rules that read this answer can change; the others keep their result.
            let affected = compiled.rulesReading[i]
            if affected.isEmpty { continue }
            defer { changed[i] = values[i] }
            for candidate in candidates(for: i, question: question, value: values[i]) {
                changed[i] = candidate
                var held = base
                for r in affected { held[r] = CompiledRules.holds(compiled.nodes[r], changed) }
                let outcome = engine.recommendation(held: held)
                if outcome != current {
                    flips.append(Flip(field: question.id, from: values[i], to: candidate, recommendation: outcome,
                                      summary: Self.summary(question, from: values[i], to: candidate)))
                    break
                }
            }
        }
        return flips
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
            let valid = numbers[index].filter { $0 != value.intValue }
            let origin = value.intValue ?? question.minimum ?? 0
            var result: [AnswerValue] = valid.sorted { (abs($0 - origin), $0) < (abs($1 - origin), $1) }.map { .int($0) }
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
