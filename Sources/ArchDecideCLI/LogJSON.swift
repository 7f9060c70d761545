import DecisionLog
import DecisionModel

/// The log commands' JSON output, for scripts. Keys keep their names and meanings; more may be added.
enum LogJSON {
    static func scores(_ s: [Topology: Double]) -> JSONValue {
        .object(Topology.allCases.map { ($0.rawValue, .double(s[$0] ?? 0)) })
    }

    static func effects(_ e: [Topology: Double]) -> JSONValue {
        .object(Topology.allCases.compactMap { t in e[t].flatMap { $0 == 0 ? nil : (t.rawValue, .double($0)) } })
    }

    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// One line of `history`.
    static func summary(_ r: DecisionRecord) -> JSONValue {
        .object([
            ("id", .string(r.id.description)),
            ("recorded_at", .string(LogText.iso(r.recordedAt))),
            ("tool_version", .string(r.toolVersion)),
            ("profile", .string(r.profileName)),
            ("profile_file", .string(r.profileFile)),
            ("profile_sha256", .string(r.profileSHA256)),
            ("rules_digest", .string(r.rulesDigest)),
            ("rules_origin", .string(r.rulesOrigin)),
            ("recommendation", .string(r.recommendation.rawValue)),
            ("scores", scores(r.scores)),
            ("confidence", .double(r.confidence)),
            ("fired", .array(r.firedRules.map(JSONValue.string))),
            ("assumed", .array(r.assumed.map(JSONValue.string))),
            ("topology_override", optional(r.topologyOverride?.rawValue)),
            ("generated_path", optional(r.generatedPath)),
            ("withdrawn", r.withdrawal.map { w in
                .object([("at", .string(LogText.iso(w.withdrawnAt))), ("reason", .string(w.reason)), ("tool_version", .string(w.toolVersion))])
            } ?? .null),
            ("action", optional(r.isUpdate ? "update" : nil)),
            ("follows", optional(r.follows?.description)),
        ])
    }

    /// `show --format json`: the summary, the decision document as `decide --format json` wrote it, and the profile.
    static func full(_ r: DecisionRecord) -> JSONValue {
        guard case .object(var fields) = summary(r) else { return .null }
        fields.append(("flips", r.flips))
        fields.append(("given_answers", r.givenAnswers))
        fields.append(("decision", r.evaluationJSON))
        fields.append(("profile_text", .string(r.profileText)))
        return .object(fields)
    }

    static func rules(_ changes: [RuleChange], _ kind: RuleChange.Kind) -> JSONValue {
        .array(changes.filter { $0.kind == kind }.map { c in
            switch kind {
            case .started: .object([("rule", .string(c.rule)), ("effects", effects(c.after))])
            case .stopped: .object([("rule", .string(c.rule)), ("effects", effects(c.before))])
            case .reweighted: .object([("rule", .string(c.rule)), ("before", effects(c.before)), ("after", effects(c.after))])
            }
        })
    }

    static func moves(_ m: [ScoreMove]) -> JSONValue {
        .object(m.map { ($0.topology.rawValue, .object([("before", .double($0.before)), ("after", .double($0.after)), ("delta", .double($0.delta))])) })
    }

    static func diff(_ d: DecisionDiff) -> JSONValue {
        .object([
            ("from", .string(d.from.id.description)),
            ("to", .string(d.to.id.description)),
            ("recommendation", .object([("before", .string(d.from.recommendation.rawValue)), ("after", .string(d.to.recommendation.rawValue))])),
            ("rules_digest", .object([("before", .string(d.from.rulesDigest)), ("after", .string(d.to.rulesDigest))])),
            ("answers", .array(d.answers.map { a in
                .object([("field", .string(a.field)), ("before", a.before?.json ?? .null), ("after", a.after?.json ?? .null),
                         ("assumed_before", .bool(a.assumedBefore)), ("assumed_after", .bool(a.assumedAfter))])
            })),
            ("scores", moves(d.scores)),
            ("started", rules(d.rules, .started)),
            ("stopped", rules(d.rules, .stopped)),
            ("reweighted", rules(d.rules, .reweighted)),
        ])
    }

    static func recheck(_ results: [RecheckResult], ruleSet: RuleSet) -> JSONValue {
        .object([
            ("rules_digest", .string(ruleSet.digest)),
            ("rules_origin", .string(ruleSet.origin)),
            ("checked", .int(results.count)),
            ("changed", .array(results.filter { $0.status == .changed }.map { r in
                .object([
                    ("id", .string(r.record.id.description)),
                    ("profile", .string(r.record.profileName)),
                    ("recorded_at", .string(LogText.iso(r.record.recordedAt))),
                    ("recorded_rules_digest", .string(r.record.rulesDigest)),
                    ("before", .string(r.record.recommendation.rawValue)),
                    ("after", .string(r.now?.rawValue ?? "")),
                    ("scores", moves(r.scores)),
                    ("started", rules(r.rules, .started)),
                    ("stopped", rules(r.rules, .stopped)),
                    ("reweighted", rules(r.rules, .reweighted)),
                ])
            })),
            ("unreadable", .array(results.compactMap { r in
                guard case .unreadable(let why) = r.status else { return nil }
                return .object([("id", .string(r.record.id.description)), ("profile", .string(r.record.profileName)), ("reason", .string(why))])
            })),
        ])
    }
}
