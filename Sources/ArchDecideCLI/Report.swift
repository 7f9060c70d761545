import DecisionModel
import Foundation
import RuleEngine
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
        case .html: HTMLReport(ruleSet: ruleSet).render(evaluation, profile: profile)
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
        if let near = e.nearThreshold, near.distance <= DecisionEngine.nearThresholdShare {
            lines.append("  \(style.yellow("close to a threshold:")) \(near.summary); confidence capped")
        }
        for o in e.overruled { lines.append("  \(style.yellow("outweighed:")) \(o.summary); confidence capped") }
        lines.append("")
        let top = max(e.scores.values.max() ?? 1, 1)
        for topology in e.ranking {
            let score = e.scores[topology] ?? 0
            let filled = score <= 0 ? 0 : max(1, Int((score / top * Double(width)).rounded()))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let name = topology.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            let shown = topology == e.recommendation ? style.green(bar) : style.dim(bar)
            let out = e.excluded.contains { $0.topology == topology } ? "  (ruled out)" : ""
            lines.append("  \(name) \(shown) \(Self.points(score))\(out)")
        }
        lines.append("")
        lines.append(style.bold("Why (the rules that fired, strongest for \(e.recommendation.rawValue) first):"))
        for rule in e.fired {
            lines.append("  • \(style.cyan(rule.rule))  \(Self.effects(rule.effects))  \(style.dim("[\(rule.basis.label)]"))")
            lines.append("    \(rule.why)")
            lines.append("    \(style.dim((rule.source == nil ? "ours, not the article's: " : "the article: ") + rule.basis.text))")
            if !rule.because.isEmpty { lines.append("    \(style.dim("because " + rule.because.joined(separator: "; ")))") }
        }
        if e.fired.isEmpty { lines.append("  (no rule fired; the tie-break order decided)") }
        if !e.placement.isEmpty {
            lines.append("")
            lines.append(style.bold("Where each workload goes:"))
            // Bullets, so a reason wrapped at the terminal's width continues under its own text.
            for p in e.placement { lines.append("  • \(p.workload) → \(p.side.rawValue) — \(p.reason)") }
        }
        if !e.whyNot.isEmpty {
            lines.append("")
            lines.append(style.bold("Why not the others:"))
            for w in e.whyNot { lines.append("  • \(w.topology.rawValue): \(Self.whyNot(w))") }
        }
        if !e.assumed.isEmpty {
            lines.append("")
            lines.append(style.bold("Assumed (not in the profile, the questionnaire's default was taken):"))
            for field in e.assumed { lines.append("  \(field) = \(e.answers[field])") }
        }
        lines.append("")
        lines.append(style.bold("What would change it (the nearest single change of each answer):"))
        if e.flips.isEmpty { lines.append("  no single answer change would change the recommendation") }
        for flip in e.flips { lines.append("  • if \(flip.summary) → \(flip.recommendation.rawValue)") }
        lines.append("")
        lines.append(style.dim("rules: \(ruleSet.origin), sha256 \(e.rulesDigest.prefix(12))"))
        return lines.joined(separator: "\n")
    }

    /// `ruled out: ...; hy-product-core-with-ai-at-volume (10 points behind), ...`.
    static func whyNot(_ w: WhyNot) -> String {
        var parts: [String] = []
        if let out = w.excluded { parts.append("ruled out: " + out) }
        if !w.rules.isEmpty {
            parts.append(w.rules.map { "\($0.rule) (\(points($0.points)) behind)" }.joined(separator: ", "))
        }
        return parts.isEmpty ? "level on points; the tie-break order decided" : parts.joined(separator: "; ")
    }

    func markdown(_ e: Evaluation, profile: Profile?) -> String {
        func cell(_ s: String) -> String { Escape.markdown(s) }
        let info = ruleSet.topologies[e.recommendation]
        var md = "## \(Escape.markdown(e.profileName)): \(e.recommendation.rawValue)\n\n"
        if let description = profile?.description { md += "> \(Escape.markdown(description))\n\n" }
        md += "Recommendation: **\(e.recommendation.rawValue)** (confidence \(String(format: "%.2f", e.confidence)))"
        if let info { md += ". \(Escape.markdown(info.title)): \(Escape.markdown(info.layoutSummary))" }
        md += "\n\n"
        if let near = e.nearThreshold, near.distance <= DecisionEngine.nearThresholdShare {
            md += "**Close to a threshold:** \(cell(near.summary)); confidence capped.\n\n"
        }
        for o in e.overruled { md += "**Outweighed:** \(cell(o.summary)); confidence capped.\n\n" }
        if !e.warnings.isEmpty {
            md += "**Warnings about the answers** (decided anyway; `--strict` refuses them):\n\n"
            md += e.warnings.map { "- `\($0.code)` on `\($0.field)`: \(cell($0.message))\n" }.joined() + "\n"
        }
        md += "| topology | score |\n|---|---:|\n"
        for t in e.ranking {
            let out = e.excluded.contains { $0.topology == t } ? " (ruled out)" : ""
            md += "| \(t.rawValue)\(out) | \(Self.points(e.scores[t] ?? 0)) |\n"
        }
        md += "\n### Rules that fired\n\n| rule | effects | why | basis |\n|---|---|---|---|\n"
        for r in e.fired {
            md += "| `\(r.rule)` | \(cell(Self.effects(r.effects))) | \(cell(r.why)) | \(cell(r.basis.label)): \(cell(r.basis.text)) |\n"
        }
        if !e.placement.isEmpty {
            md += "\n### Where each workload goes\n\n| workload | goes to | why |\n|---|---|---|\n"
            for p in e.placement { md += "| `\(p.workload)` | \(p.side.rawValue) | \(cell(p.reason)) |\n" }
        }
        if !e.whyNot.isEmpty {
            md += "\n### Why not the others\n\n" + e.whyNot.map { "- **\($0.topology.rawValue)**: \(cell(Self.whyNot($0)))\n" }.joined()
        }
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

