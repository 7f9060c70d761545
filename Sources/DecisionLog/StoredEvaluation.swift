import DecisionModel

/// Reads an evaluation back from the `decide --format json` document the log stores.
///
/// The document is the public contract, so an old record stays readable as long as the contract
/// holds. The trace is not part of it; a rebuilt evaluation has an empty trace.
public enum StoredEvaluation {
    /// The evaluation, or nil when the document lacks a field the contract requires.
    public static func decode(_ json: JSONValue) -> Evaluation? {
        guard let name = json["profile"]?.textValue,
              let recommendation = json["recommendation"]?.textValue.flatMap(Topology.init(rawValue:)),
              let scores = json["scores"].flatMap(topologyNumbers),
              let confidence = json["confidence"]?.numberValue,
              case .array(let firedItems)? = json["fired"],
              let digest = json["rules_digest"]?.textValue else { return nil }
        var fired: [FiredRule] = []
        for item in firedItems {
            guard let rule = item["rule"]?.textValue, let effects = item["effects"].flatMap(topologyNumbers),
                  let why = item["why"]?.textValue else { return nil }
            // Records before 2026-12 carry no `basis`: every rule then cited an article section.
            let basis: RuleBasis
            if item["basis"]?.textValue == "heuristic" {
                basis = .heuristic(reasoning: item["reasoning"]?.textValue ?? "")
            } else if let source = item["source"]?.textValue.flatMap(ArticleSection.init(rawValue:)) {
                basis = .article(section: source, says: item["article_says"]?.textValue ?? "")
            } else {
                return nil
            }
            fired.append(FiredRule(rule: rule, effects: effects, why: why, basis: basis, because: strings(item["because"]) ?? []))
        }
        var flips: [Flip] = []
        if case .array(let items)? = json["flips"] {
            for item in items {
                guard case .object(let change)? = item["change"], let (field, to) = change.first,
                      let toValue = answer(to),
                      let target = item["recommendation"]?.textValue.flatMap(Topology.init(rawValue:)) else { return nil }
                let from = item["from"].flatMap(answer) ?? .null
                flips.append(Flip(field: field, from: from, to: toValue, recommendation: target,
                                  summary: item["summary"]?.textValue ?? "\(field) = \(toValue)"))
            }
        }
        let assumed = strings(json["assumed"]) ?? []
        var values: [String: AnswerValue] = [:]
        if case .object(let pairs)? = json["answers"] {
            for (field, value) in pairs { values[field] = answer(value) ?? .null }
        }
        let ranking = (strings(json["ranking"]) ?? []).compactMap(Topology.init(rawValue:))
        var evaluation = Evaluation(
            profileName: name, recommendation: recommendation, scores: scores,
            ranking: ranking.count == Topology.allCases.count ? ranking : rank(scores, winner: recommendation),
            confidence: confidence, trace: [], fired: fired, assumed: assumed, flips: flips, rulesDigest: digest,
            answers: Answers(values: values, assumed: assumed))
        decodeAdditions(json, into: &evaluation)
        return evaluation
    }

    /// The 2026-12 additions (warnings, overruled, placement, excluded, why_not, near_threshold);
    /// an older record has none of them and reads as before.
    static func decodeAdditions(_ json: JSONValue, into e: inout Evaluation) {
        e.marginConfidence = json["confidence_from_margin"]?.numberValue ?? e.confidence
        if case .array(let items)? = json["warnings"] {
            e.warnings = items.compactMap { w in
                guard let code = w["code"]?.textValue, let message = w["message"]?.textValue, let field = w["field"]?.textValue else { return nil }
                return AnswerWarning(code: code, message: message, field: field)
            }
        }
        if case .array(let items)? = json["overruled"] {
            e.overruled = items.compactMap { o in
                guard let q = o["question"]?.textValue, let summary = o["summary"]?.textValue else { return nil }
                return Overruled(question: q, by: strings(o["by"]) ?? [], summary: summary)
            }
        }
        if case .object(let pairs)? = json["placement"] {
            let reasons: [(String, JSONValue)] = { if case .object(let r)? = json["placement_reasons"] { return r }; return [] }()
            e.placement = pairs.compactMap { workload, side in
                guard let s = side.textValue.flatMap(Placement.Side.init(rawValue:)) else { return nil }
                return Placement(workload: workload, side: s, reason: reasons.first { $0.0 == workload }?.1.textValue ?? "")
            }
        }
        if case .array(let items)? = json["excluded"] {
            e.excluded = items.compactMap { x in
                guard let t = x["topology"]?.textValue.flatMap(Topology.init(rawValue:)), let why = x["why"]?.textValue else { return nil }
                return Exclusion(topology: t, why: why, because: strings(x["because"]) ?? [])
            }
        }
        if case .array(let items)? = json["why_not"] {
            e.whyNot = items.compactMap { w in
                guard let t = w["topology"]?.textValue.flatMap(Topology.init(rawValue:)) else { return nil }
                var costs: [WhyNot.Cost] = []
                if case .array(let rules)? = w["rules"] {
                    costs = rules.compactMap { r in
                        guard let id = r["rule"]?.textValue, let points = r["points"]?.numberValue else { return nil }
                        return WhyNot.Cost(rule: id, points: points)
                    }
                }
                return WhyNot(topology: t, rules: costs, excluded: w["excluded"]?.textValue)
            }
        }
        if let n = json["near_threshold"], let field = n["field"]?.textValue, let from = n["from"].flatMap(answer)?.intValue,
           let to = n["to"].flatMap(answer)?.intValue, let target = n["recommendation"]?.textValue.flatMap(Topology.init(rawValue:)) {
            e.nearThreshold = NearThreshold(field: field, from: from, to: to, recommendation: target,
                                            distance: Double(abs(to - from)) / Double(max(from, 1)))
        }
    }

    /// An answer as the document writes it: bool, whole number, string, list of strings or null.
    public static func answer(_ json: JSONValue) -> AnswerValue? {
        switch json {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d) where d == d.rounded() && abs(d) < 1e15: .int(Int(d))
        case .string(let s): .string(s)
        case .array: strings(json).map(AnswerValue.list)
        default: nil
        }
    }

    static func strings(_ json: JSONValue?) -> [String]? {
        guard case .array(let items)? = json else { return nil }
        let out = items.compactMap(\.textValue)
        return out.count == items.count ? out : nil
    }

    static func topologyNumbers(_ json: JSONValue) -> [Topology: Double]? {
        guard case .object(let pairs) = json else { return nil }
        var out: [Topology: Double] = [:]
        for (key, value) in pairs {
            guard let t = Topology(rawValue: key), let n = value.numberValue else { return nil }
            out[t] = n
        }
        return out
    }

    static func rank(_ scores: [Topology: Double], winner: Topology) -> [Topology] {
        [winner] + Topology.allCases.filter { $0 != winner }.sorted { (scores[$0] ?? 0) > (scores[$1] ?? 0) }
    }
}

extension JSONValue {
    var textValue: String? { if case .string(let s) = self { s } else { nil } }

    var numberValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}
