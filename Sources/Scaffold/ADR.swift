import BundledTemplates
import DecisionModel
import Foundation
import Mustache

/// What an architecture decision record is made from.
public struct ADRInput: Sendable {
    public var profile: Profile
    public var evaluation: Evaluation
    public var ruleSet: RuleSet
    /// The day of the decision, `YYYY-MM-DD`.
    public var date: String
    public var number: Int
    public var decisionID: String?
    /// Set when the user chose another topology than the recommendation (`generate --topology`).
    public var topologyOverride: Topology?

    public init(profile: Profile, evaluation: Evaluation, ruleSet: RuleSet, date: String, number: Int = 1,
                decisionID: String? = nil, topologyOverride: Topology? = nil) {
        self.profile = profile
        self.evaluation = evaluation
        self.ruleSet = ruleSet
        self.date = date
        self.number = number
        self.decisionID = decisionID
        self.topologyOverride = topologyOverride
    }
}

/// Renders an ADR in MADR 4 form from a decision, with the embedded `adr/architecture.md.mustache`.
public enum ADR {
    /// A template that cannot be found or parsed is a build defect, reported as an error.
    public struct TemplateError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func render(_ input: ADRInput) throws -> String {
        guard let text = BundledTemplates.files.first(where: { $0.path == "adr/architecture.md.mustache" })?.text else {
            throw TemplateError(description: "the ADR template is missing from the build")
        }
        let template = try MustacheTemplate(string: text)
        return template.render(context(input))
    }

    static func context(_ input: ADRInput) -> [String: Any] {
        let e = input.evaluation
        let chosen = input.topologyOverride ?? e.recommendation
        let info = input.ruleSet.topologies
        func md(_ s: String) -> String { Escape.markdown(s) }
        func points(_ x: Double) -> String { (x > 0 ? "+" : "") + (x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)) }
        func effects(_ map: [Topology: Double]) -> String {
            Topology.allCases.compactMap { t in map[t].flatMap { $0 == 0 ? nil : "\(t.rawValue) \(points($0))" } }.joined(separator: ", ")
        }
        let options: [[String: Any]] = e.ranking.map { t in
            [
                "topology": t.rawValue,
                "title": md(info[t]?.title ?? t.rawValue),
                "summary": md(info[t]?.summary ?? ""),
                "score": points(e.scores[t] ?? 0).replacingOccurrences(of: "+", with: ""),
                "good": e.fired.filter { ($0.effects[t] ?? 0) > 0 }.map { ["why": midSentence(md($0.why)), "rule": $0.rule, "points": points($0.effects[t]!), "basis": md($0.basis.label)] },
                "bad": e.fired.filter { ($0.effects[t] ?? 0) < 0 }.map { ["why": midSentence(md($0.why)), "rule": $0.rule, "points": points($0.effects[t]!), "basis": md($0.basis.label)] },
            ]
        }
        let answers: [[String: Any]] = input.ruleSet.catalog.questions.map { q in
            ["id": q.id, "prompt": md(q.prompt), "value": e.answers[q.id].description.replacingOccurrences(of: "|", with: "/"),
             "assumed": e.assumed.contains(q.id)]
        }
        // One sentence, ended by the template: the summary's own final period is dropped.
        var layoutSummary = (info[chosen]?.layoutSummary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        while layoutSummary.hasSuffix(".") { layoutSummary.removeLast() }
        var context: [String: Any] = [
            "name": input.profile.name,
            "number": String(format: "%04d", input.number),
            "date": input.date,
            "answers": answers,
            "drivers": e.fired.prefix(6).map { ["why": md($0.why), "rule": $0.rule, "effects": effects($0.effects), "basis": md($0.basis.label)] },
            "placement": (chosen == .hybrid ? (e.placement.isEmpty ? HybridPlacement.place(e.answers) : e.placement) : []).map {
                ["workload": $0.workload, "side": $0.side.rawValue, "reason": md($0.reason)]
            },
            "overruled": e.overruled.map { ["summary": md($0.summary)] },
            "warnings": e.warnings.map { ["code": $0.code, "field": $0.field, "message": md($0.message)] },
            "hasWarnings": !e.warnings.isEmpty,
            "whyNot": e.whyNot.filter { $0.topology != chosen }.map { w in
                var parts = w.excluded.map { ["ruled out: " + md($0)] } ?? []
                if !w.rules.isEmpty {
                    parts.append(w.rules.map { "`\($0.rule)` (\(points($0.points).replacingOccurrences(of: "+", with: "")) behind)" }.joined(separator: ", "))
                }
                return ["topology": w.topology.rawValue, "text": parts.isEmpty ? "level on points; the tie-break order decided" : parts.joined(separator: "; ")]
            },
            "options": options,
            "chosen": chosen.rawValue,
            "chosenTitle": md(info[chosen]?.title ?? chosen.rawValue),
            "chosenLayout": md(layoutSummary),
            "chosenScore": points(e.scores[chosen] ?? 0).replacingOccurrences(of: "+", with: ""),
            "recommended": e.recommendation.rawValue,
            "confidence": String(format: "%.2f", e.confidence),
            "consequences": (info[chosen]?.consequences ?? []).map(md),
            "flips": e.flips.map { ["summary": md($0.summary), "recommendation": $0.recommendation.rawValue] },
            "hasAssumed": !e.assumed.isEmpty,
            "assumedList": e.assumed.map { "`\($0)` = `\(e.answers[$0])`" }.joined(separator: ", "),
            "digest": e.rulesDigest,
            "digestShort": String(e.rulesDigest.prefix(12)),
        ]
        if let near = e.nearThreshold, near.distance <= 0.25 { context["nearThreshold"] = md(near.summary) }
        context["hasPlacement"] = !((context["placement"] as? [[String: String]]) ?? []).isEmpty
        context["hasWhyNot"] = !((context["whyNot"] as? [[String: String]]) ?? []).isEmpty
        if let description = input.profile.description { context["description"] = md(description) }
        if let id = input.decisionID { context["decisionID"] = id }
        if input.topologyOverride != nil && input.topologyOverride != e.recommendation { context["override"] = true }
        return context
    }

    /// A sentence made to continue another ("…, because a thousand requests…"): the first word is
    /// lower-cased only when it is an ordinary capitalised word. Acronyms and words with capitals
    /// inside (`AI`, `CRUD`, `SSE`, `FastAPI`, `p99`) are left as written.
    public static func midSentence(_ s: String) -> String {
        let word = s.prefix { $0.isLetter || $0.isNumber }
        guard let first = word.first, first.isUppercase else { return s }
        if word.dropFirst().contains(where: { $0.isUppercase || $0.isNumber }) { return s }
        return first.lowercased() + s.dropFirst()
    }

    /// The number an ADR file name starts with (`0005-x.md` → 5), if any.
    public static func number(inFileName name: String) -> Int? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        let rest = name.dropFirst(digits.count)
        guard rest.isEmpty || rest.first == "-" || rest.first == "_" || rest.first == "." else { return nil }
        return Int(digits)
    }

    /// The next free ADR number among the names in a folder: one more than the highest numbered file.
    public static func nextNumber(among names: [String]) -> Int {
        (names.compactMap { number(inFileName: $0) }.max() ?? 0) + 1
    }

    /// The file name of ADR `number` for a profile: `0005-architecture-of-NAME.md`.
    public static func fileName(number: Int, profile: String) -> String {
        String(format: "%04d", number) + "-architecture-of-\(profile).md"
    }
}
