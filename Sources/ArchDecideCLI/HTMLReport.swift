import DecisionModel
import Foundation
import RuleEngine
import Scaffold

/// `decide --format html`: one self-contained page for people (no scripts, no network): the scores
/// as an inline SVG chart, the fired rules with their basis, the placement, the flips, the warnings.
struct HTMLReport: Sendable {
    let ruleSet: RuleSet

    func render(_ e: Evaluation, profile: Profile?) -> String {
        func h(_ s: String) -> String { Escape.html(s) }
        let info = ruleSet.topologies[e.recommendation]
        var body = ""
        body += "<header><h1>\(h(e.profileName)) → <span class=\"win\">\(e.recommendation.rawValue)</span></h1>\n"
        body += "<p class=\"conf\">confidence <strong>\(String(format: "%.2f", e.confidence))</strong>"
        if e.confidence < e.marginConfidence { body += " (\(String(format: "%.2f", e.marginConfidence)) from the margin alone, capped)" }
        body += "</p>\n"
        if let info { body += "<p>\(h(info.title)): \(h(info.layoutSummary))</p>\n" }
        if let description = profile?.description { body += "<p class=\"desc\">\(h(description))</p>\n" }
        body += "</header>\n"
        var notes: [String] = []
        if let near = e.nearThreshold, near.distance <= DecisionEngine.nearThresholdShare {
            notes.append("<strong>Close to a threshold:</strong> \(h(near.summary)).")
        }
        for o in e.overruled { notes.append("<strong>Outweighed:</strong> \(h(o.summary)).") }
        if !notes.isEmpty { body += "<section class=\"notes\">" + notes.map { "<p>\($0)</p>" }.joined() + "</section>\n" }

        body += "<section><h2>Scores</h2>\n" + chart(e) + "</section>\n"

        if !e.warnings.isEmpty {
            body += "<section><h2>Warnings</h2><ul class=\"warnings\">\n"
            for w in e.warnings { body += "<li><code>\(h(w.code))</code> <code>\(h(w.field))</code>: \(h(w.message))</li>\n" }
            body += "</ul></section>\n"
        }

        body += "<section><h2>Why: the rules that fired</h2>\n<table><thead><tr><th>rule</th><th>effects</th><th>why</th><th>basis</th></tr></thead><tbody>\n"
        for r in e.fired {
            let basisText = r.basis.text
            let basis = r.source.map { "<span class=\"article\">article: \(h($0.rawValue))</span>" } ?? "<span class=\"heuristic\">heuristic</span>"
            body += "<tr><td><code>\(h(r.rule))</code></td><td>\(h(Report.effects(r.effects)))</td><td>\(h(r.why))<br><small>because \(h(r.because.joined(separator: "; ")))</small></td><td>\(basis)<br><small>\(h(basisText))</small></td></tr>\n"
        }
        body += "</tbody></table></section>\n"

        if !e.placement.isEmpty {
            body += "<section><h2>Where each workload goes</h2>\n<table><thead><tr><th>workload</th><th>goes to</th><th>why</th></tr></thead><tbody>\n"
            for p in e.placement {
                body += "<tr><td><code>\(h(p.workload))</code></td><td class=\"\(p.side.rawValue)\">\(p.side.rawValue)</td><td>\(h(p.reason))</td></tr>\n"
            }
            body += "</tbody></table></section>\n"
        }

        if !e.whyNot.isEmpty {
            body += "<section><h2>Why not the others</h2><ul>\n"
            for w in e.whyNot { body += "<li><strong>\(w.topology.rawValue)</strong>: \(h(Report.whyNot(w)))</li>\n" }
            body += "</ul></section>\n"
        }

        body += "<section><h2>What would change it</h2><ul class=\"flips\">\n"
        if e.flips.isEmpty { body += "<li>no single answer change would change the recommendation</li>\n" }
        for f in e.flips { body += "<li>if \(h(f.summary)) → <strong>\(f.recommendation.rawValue)</strong></li>\n" }
        body += "</ul></section>\n"

        if !e.assumed.isEmpty {
            body += "<section><h2>Assumed</h2><p>Not in the profile; the questionnaire's default was taken: "
            body += e.assumed.map { "<code>\(h($0)) = \(h(e.answers[$0].description))</code>" }.joined(separator: ", ") + ".</p></section>\n"
        }
        body += "<footer>rules: \(h(ruleSet.origin)), sha256 <code>\(h(e.rulesDigest))</code></footer>\n"

        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(e.profileName)): \(e.recommendation.rawValue) (archdecide)</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        \(body)</body>
        </html>
        """
    }

    /// Horizontal bars, one per topology in ranking order; the winner green, a ruled-out one hatched grey.
    func chart(_ e: Evaluation) -> String {
        let (rowHeight, labelWidth, barWidth) = (34.0, 130.0, 420.0)
        let top = max(e.scores.values.max() ?? 1, 1)
        let height = rowHeight * Double(e.ranking.count) + 10
        var svg = "<svg id=\"scores\" role=\"img\" aria-label=\"scores\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelWidth + barWidth + 150))\" height=\"\(Int(height))\">\n"
        svg += "<title>Scores: " + e.ranking.map { "\($0.rawValue) \(Report.points(e.scores[$0] ?? 0))" }.joined(separator: ", ") + "</title>\n"
        for (i, t) in e.ranking.enumerated() {
            let score = e.scores[t] ?? 0
            let y = Double(i) * rowHeight + 6
            let width = score <= 0 ? 2 : max(2, score / top * barWidth)
            let out = e.excluded.contains { $0.topology == t }
            let fill = t == e.recommendation ? "#2e8540" : (out ? "#bbbbbb" : "#7a8ca3")
            svg += "<text x=\"0\" y=\"\(y + 19)\" class=\"label\">\(t.rawValue)</text>"
            svg += "<rect class=\"bar\" data-topology=\"\(t.rawValue)\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format: "%.1f", width))\" height=\"24\" rx=\"3\" fill=\"\(fill)\"/>"
            svg += "<text x=\"\(String(format: "%.1f", labelWidth + width + 8))\" y=\"\(y + 18)\" class=\"value\">\(Report.points(score))\(out ? " (ruled out)" : "")</text>\n"
        }
        return svg + "</svg>\n"
    }

    static let css = """
    body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;padding:0 16px;color:#1b1f24}
    h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
    .win{color:#2e8540}.conf{margin:0 0 6px}.desc{color:#555}
    .notes{background:#fff7e0;border-left:4px solid #e0a100;padding:4px 12px}
    table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
    th{background:#f4f6f8}small{color:#555}code{font-size:13px}
    .article{color:#1f5fa8;font-weight:600}.heuristic{color:#a0522d;font-weight:600}
    td.service{color:#1f5fa8;font-weight:600}td.monolith{color:#2e8540;font-weight:600}
    .warnings li{color:#8a5a00}svg text{font:14px system-ui,sans-serif}svg .label{font-weight:600}
    footer{margin-top:24px;color:#666;font-size:13px}
    """
}
