/// The `decide --format json` document: the contract's fields first, in its order, then additions.
extension Evaluation {
    public func json(catalog: QuestionCatalog, layout: String? = nil) -> JSONValue {
        func effects(_ e: [Topology: Double]) -> JSONValue {
            .object(Topology.allCases.compactMap { t in e[t].flatMap { $0 == 0 ? nil : (t.rawValue, .double($0)) } })
        }
        var fields: [(String, JSONValue)] = [
            ("version", .int(1)),
            ("profile", .string(profileName)),
            ("recommendation", .string(recommendation.rawValue)),
            ("scores", .object(Topology.allCases.map { ($0.rawValue, .double(scores[$0] ?? 0)) })),
            ("confidence", .double(confidence)),
            ("fired", .array(fired.map { rule in
                .object([
                    ("rule", .string(rule.rule)),
                    ("effects", effects(rule.effects)),
                    ("why", .string(rule.why)),
                    ("source", .string(rule.source.rawValue)),
                    ("because", .array(rule.because.map { .string($0) })),
                ])
            })),
            ("assumed", .array(assumed.map { .string($0) })),
            ("flips", .array(flips.map { flip in
                .object([
                    ("change", .object([(flip.field, flip.to.json)])),
                    ("recommendation", .string(flip.recommendation.rawValue)),
                    ("from", flip.from.json),
                    ("summary", .string(flip.summary)),
                ])
            })),
            ("rules_digest", .string(rulesDigest)),
            ("ranking", .array(ranking.map { .string($0.rawValue) })),
        ]
        if let layout { fields.append(("layout", .string(layout))) }
        fields.append(("answers", .object(catalog.questions.map { ($0.id, answers[$0.id].json) })))
        return .object(fields)
    }
}
