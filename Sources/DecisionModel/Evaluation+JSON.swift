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
                    ("source", rule.source.map { .string($0.rawValue) } ?? .null),
                    ("basis", .string(rule.basis.kind)),
                    (rule.source == nil ? "reasoning" : "article_says", .string(rule.basis.text)),
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
        fields.append(("warnings", .array(warnings.map {
            .object([("code", .string($0.code)), ("message", .string($0.message)), ("field", .string($0.field))])
        })))
        fields.append(("overruled", .array(overruled.map {
            .object([("question", .string($0.question)), ("by", .array($0.by.map { .string($0) })), ("summary", .string($0.summary))])
        })))
        if recommendation == .hybrid {
            fields.append(("placement", .object(placement.map { ($0.workload, .string($0.side.rawValue)) })))
            fields.append(("placement_reasons", .object(placement.map { ($0.workload, .string($0.reason)) })))
        }
        fields.append(("excluded", .array(excluded.map {
            .object([("topology", .string($0.topology.rawValue)), ("why", .string($0.why)), ("because", .array($0.because.map { .string($0) }))])
        })))
        fields.append(("why_not", .array(whyNot.map { w in
            .object([("topology", .string(w.topology.rawValue)),
                     ("rules", .array(w.rules.map { .object([("rule", .string($0.rule)), ("points", .double($0.points))]) })),
                     ("excluded", w.excluded.map { .string($0) } ?? .null)])
        })))
        fields.append(("near_threshold", nearThreshold.map { n in
            .object([("field", .string(n.field)), ("from", .int(n.from)), ("to", .int(n.to)),
                     ("recommendation", .string(n.recommendation.rawValue)), ("distance", .double((n.distance * 1000).rounded() / 1000)),
                     ("summary", .string(n.summary))])
        } ?? .null))
        fields.append(("confidence_from_margin", .double(marginConfidence)))
        return .object(fields)
    }
}
