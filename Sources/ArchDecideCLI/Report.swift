import DecisionModel
import Foundation
import Scaffold

/// Renders an evaluation for people (text, markdown) and for scripts (json, jsonl).
struct Report: Sendable {
    let ruleSet: RuleSet
    let style: Style
    var width: Int = 28

    func render(_ evaluation: Evaluation, profile: Profile?, format: ReportFormat) -> String {
        switch format {
        case .json: json(evaluation).pretty
        case .jsonl: json(evaluation).compact
        case .text: text(evaluation, profile: profile)
        case .markdown: markdown(evaluation, profile: profile)
        }
    }

    func json(_ evaluation: Evaluation) -> JSONValue {
        evaluation.json(catalog: ruleSet.catalog, layout: ruleSet.topologies[evaluation.recommendation]?.layout)
    }

    static func points(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    static func effects(_ effects: [Topology: Double]) -> String {
        Topology.allCases.compactMap { t in
            effects[t].flatMap { $0 == 0 ? nil : "\(t.rawValue) \($0 > 0 ? "+" : "")\(points($0))" }
        }.joined(separator: ", ")
    }

    func text(_ e: Evaluation, profile: Profile?) -> String {
        let info = ruleSet.topologies[e.recommendation]
        var lines: [String] = []
        lines.append("\(style.bold(e.profileName)) → \(style.bold(style.green(e.recommendation.rawValue)))  (confidence \(String(format: "%.2f", e.confidence)))")
        if let info { lines.append("  \(info.title): \(info.layoutSummary)") }
        lines.append("")
        let top = max(e.scores.values.max() ?? 1, 1)
        for topology in e.ranking {
            let score = e.scores[topology] ?? 0
            let filled = score <= 0 ? 0 : max(1, Int((score / top * Double(width)).rounded()))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let name = topology.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            let shown = topology == e.recommendation ? style.green(bar) : style.dim(bar)
            lines.append("  \(name) \(shown) \(Self.points(score))")
        }
        lines.append("")
        lines.append(style.bold("Why (the rules that fired, strongest for \(e.recommendation.rawValue) first):"))
        for rule in e.fired {
            lines.append("  • \(style.cyan(rule.rule))  \(Self.effects(rule.effects))  \(style.dim("[\(rule.source.rawValue)]"))")
            lines.append("    \(rule.why)")
            if !rule.because.isEmpty { lines.append("    \(style.dim("because " + rule.because.joined(separator: "; ")))") }
        }
        if e.fired.isEmpty { lines.append("  (no rule fired; the tie-break order decided)") }
        if !e.assumed.isEmpty {
            lines.append("")
            lines.append(style.bold("Assumed (not in the profile, the questionnaire's default was taken):"))
            for field in e.assumed { lines.append("  \(field) = \(e.answers[field])") }
        }
        lines.append("")
        lines.append(style.bold("What would change it (the nearest single change of each answer):"))
        if e.flips.isEmpty { lines.append("  no single answer change would change the recommendation") }
        for flip in e.flips { lines.append("  if \(flip.summary) → \(flip.recommendation.rawValue)") }
        lines.append("")
        lines.append(style.dim("rules: \(ruleSet.origin), sha256 \(e.rulesDigest.prefix(12))"))
        return lines.joined(separator: "\n")
    }

    func markdown(_ e: Evaluation, profile: Profile?) -> String {
        func cell(_ s: String) -> String { Escape.markdown(s) }
        let info = ruleSet.topologies[e.recommendation]
        var md = "## \(Escape.markdown(e.profileName)): \(e.recommendation.rawValue)\n\n"
        if let description = profile?.description { md += "> \(Escape.markdown(description))\n\n" }
        md += "Recommendation: **\(e.recommendation.rawValue)** (confidence \(String(format: "%.2f", e.confidence)))"
        if let info { md += ". \(Escape.markdown(info.title)): \(Escape.markdown(info.layoutSummary))" }
        md += "\n\n| topology | score |\n|---|---:|\n"
        for t in e.ranking { md += "| \(t.rawValue) | \(Self.points(e.scores[t] ?? 0)) |\n" }
        md += "\n### Rules that fired\n\n| rule | effects | why | source |\n|---|---|---|---|\n"
        for r in e.fired { md += "| `\(r.rule)` | \(cell(Self.effects(r.effects))) | \(cell(r.why)) | \(cell(r.source.rawValue)) |\n" }
        if !e.assumed.isEmpty {
            md += "\n### Assumed\n\n" + e.assumed.map { "- `\($0)` = `\(e.answers[$0])`\n" }.joined()
        }
        md += "\n### What would change it\n\n"
        md += e.flips.isEmpty ? "No single answer change would change the recommendation.\n"
            : e.flips.map { "- if \(Escape.markdown($0.summary)) → **\($0.recommendation.rawValue)**\n" }.joined()
        md += "\nRules digest: `\(e.rulesDigest)`\n"
        return md
    }
}

