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
                  let why = item["why"]?.textValue,
                  let source = item["source"]?.textValue.flatMap(ArticleSection.init(rawValue:)) else { return nil }
            fired.append(FiredRule(rule: rule, effects: effects, why: why, source: source, because: strings(item["because"]) ?? []))
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
        return Evaluation(
            profileName: name, recommendation: recommendation, scores: scores,
            ranking: ranking.count == Topology.allCases.count ? ranking : rank(scores, winner: recommendation),
            confidence: confidence, trace: [], fired: fired, assumed: assumed, flips: flips, rulesDigest: digest,
            answers: Answers(values: values, assumed: assumed))
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
