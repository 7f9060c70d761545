import DecisionLog
import DecisionModel
import Foundation

/// The log commands' text output, for people.
enum LogText {
    /// `2026-11-30T17:40:12.345Z`: UTC, to the millisecond, as stored.
    static func iso(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(t.tm_year) + 1900, Int(t.tm_mon) + 1, Int(t.tm_mday),
                      Int(t.tm_hour), Int(t.tm_min), Int(t.tm_sec), Int(((ms % 1000) + 1000) % 1000))
    }

    /// `2026-11-30 17:40` (UTC), for tables.
    static func short(_ date: Date) -> String {
        let s = iso(date)
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(5))
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + Report.points(x) }

    static func effects(_ e: [Topology: Double]) -> String {
        let text = Report.effects(e)
        return text.isEmpty ? "no points" : text
    }

    static func history(_ records: [DecisionRecord], total: Int, withdrawn: Int = 0, style: Style, path: String, profile: String?) -> String {
        let hidden = withdrawn > 0 ? style.dim("(\(withdrawn) withdrawn decision\(withdrawn == 1 ? "" : "s") not listed; --all lists them)") : nil
        if records.isEmpty {
            let none = profile.map { "no decisions recorded for \($0) in \(path)" } ?? "no decisions recorded yet in \(path)"
            return ([none] + [hidden].compactMap { $0 }).joined(separator: "\n")
        }
        let nameWidth = max(7, records.map(\.profileName.count).max() ?? 0)
        var lines = [style.bold(pad("ID", 10) + pad("RECORDED (UTC)", 18) + pad("PROFILE", nameWidth + 2) + pad("DECISION", 14) + pad("CONF", 6) + "RULES         NOTE")]
        for r in records {
            var notes: [String] = []
            if let w = r.withdrawal { notes.append("withdrawn" + (w.reason.isEmpty ? "" : ": \(w.reason)")) }
            if let chosen = r.topologyOverride, chosen != r.recommendation { notes.append("chose \(chosen.rawValue)") }
            if r.isUpdate {
                notes.append("updated \(r.generatedPath ?? "")" + (r.follows.map { " (after \($0))" } ?? ""))
            } else if let path = r.generatedPath { notes.append("generated \(path)") }
            lines.append(style.cyan(pad(r.id.description, 10)) + pad(short(r.recordedAt), 18) + pad(r.profileName, nameWidth + 2)
                + style.green(pad(r.recommendation.rawValue, 14)) + pad(String(format: "%.2f", r.confidence), 6)
                + (pad(String(r.rulesDigest.prefix(12)), 14) + notes.joined(separator: "; ")).trimmingCharacters(in: .whitespaces))
        }
        if total > records.count {
            lines.append(style.dim("(\(records.count) of \(total); --limit 0 lists all)"))
        }
        if let hidden { lines.append(hidden) }
        return lines.joined(separator: "\n")
    }

    static func show(_ r: DecisionRecord, current: RuleSet, style: Style) -> String {
        var lines: [String] = []
        lines.append(style.bold("decision \(r.id)") + "  recorded \(iso(r.recordedAt)) by archdecide \(r.toolVersion)")
        lines.append("  profile   \(r.profileName) (\(r.profileFile)), sha256 \(r.profileSHA256.prefix(12))")
        let same = r.rulesDigest == current.digest ? "the current built-in rules" : "not the current built-in rules"
        lines.append("  rules     \(r.rulesOrigin), sha256 \(r.rulesDigest.prefix(12)) (\(same))")
        if let chosen = r.topologyOverride, chosen != r.recommendation {
            lines.append("  override  the team chose \(chosen.rawValue) instead of \(r.recommendation.rawValue)")
        }
        if r.isUpdate {
            lines.append("  updated   \(r.generatedPath ?? "")" + (r.follows.map { ", carrying forward \($0)" } ?? ", the earlier decision is not in this log"))
        } else if let path = r.generatedPath { lines.append("  generated \(path)") }
        if let w = r.withdrawal {
            lines.append(style.yellow("  withdrawn \(iso(w.withdrawnAt)) by archdecide \(w.toolVersion)") + (w.reason.isEmpty ? "" : ": \(w.reason)"))
        }
        lines.append("")
        if let evaluation = r.evaluation {
            var rules = current
            rules.origin = r.rulesOrigin
            lines.append(Report(ruleSet: rules, style: style).text(evaluation, profile: nil))
        } else {
            lines.append("\(r.profileName) → \(r.recommendation.rawValue) (the stored explanation cannot be read by this version)")
        }
        lines.append("")
        lines.append(style.bold("Profile as given:"))
        let text = r.profileText.hasSuffix("\n") ? String(r.profileText.dropLast()) : r.profileText
        lines.append(text.isEmpty ? "  (no text was recorded)" : text.split(separator: "\n", omittingEmptySubsequences: false).map { "  │ " + $0 }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }

    static func diff(_ d: DecisionDiff, style: Style) -> String {
        var lines: [String] = []
        let names = d.from.profileName == d.to.profileName ? d.to.profileName : "\(d.from.profileName) → \(d.to.profileName)"
        lines.append(style.bold("\(d.from.id) → \(d.to.id)") + "  \(names), \(short(d.from.recordedAt)) → \(short(d.to.recordedAt)) UTC")
        let rec = d.recommendationChanged
            ? "\(d.from.recommendation.rawValue) → \(style.bold(d.to.recommendation.rawValue))"
            : "\(d.to.recommendation.rawValue) (unchanged)"
        lines.append("recommendation: \(rec)")
        if d.rulesDigestChanged {
            lines.append("rules: sha256 \(d.from.rulesDigest.prefix(12)) → \(d.to.rulesDigest.prefix(12)) (the rules changed too)")
        }
        lines.append("")
        lines.append(style.bold("Answers changed:"))
        if d.answers.isEmpty { lines.append("  none") }
        let width = max(0, d.answers.map(\.field.count).max() ?? 0)
        for a in d.answers {
            func show(_ v: AnswerValue?, _ assumed: Bool) -> String { v.map { "\($0)" + (assumed ? " (assumed)" : "") } ?? "(no such question)" }
            lines.append("  \(pad(a.field, width))  \(show(a.before, a.assumedBefore)) → \(show(a.after, a.assumedAfter))")
        }
        lines.append("")
        lines.append(style.bold("Scores:"))
        for m in d.scores {
            let delta = m.delta == 0 ? style.dim("(=)") : "(\(signed(m.delta)))"
            lines.append("  \(pad(m.topology.rawValue, 13)) \(pad(Report.points(m.before), 5)) → \(pad(Report.points(m.after), 5)) \(delta)")
        }
        lines.append("")
        lines += ruleLines(d.rules, style: style, empty: "no rule started or stopped firing")
        return lines.joined(separator: "\n")
    }

    static func ruleLines(_ changes: [RuleChange], style: Style, empty: String, indent: String = "") -> [String] {
        var lines: [String] = []
        let started = changes.filter { $0.kind == .started }, stopped = changes.filter { $0.kind == .stopped }
        let reweighted = changes.filter { $0.kind == .reweighted }
        if !started.isEmpty {
            lines.append(indent + style.bold("Rules that started firing:"))
            lines += started.map { indent + "  " + style.green("+ \($0.rule)") + "  \(effects($0.after))" }
        }
        if !stopped.isEmpty {
            lines.append(indent + style.bold("Rules that stopped firing:"))
            lines += stopped.map { indent + "  " + style.red("- \($0.rule)") + "  \(effects($0.before))" }
        }
        if !reweighted.isEmpty {
            lines.append(indent + style.bold("Rules that fire with other points:"))
            lines += reweighted.map { indent + "  " + style.yellow("~ \($0.rule)") + "  \(effects($0.before)) → \(effects($0.after))" }
        }
        if lines.isEmpty { lines.append(indent + empty) }
        return lines
    }

    static func recheck(_ results: [RecheckResult], ruleSet: RuleSet, style: Style) -> String {
        let changed = results.filter { $0.status == .changed }
        let unreadable = results.filter { if case .unreadable = $0.status { true } else { false } }
        var lines: [String] = []
        let profiles = Set(results.map(\.record.profileName)).count
        let head = "rechecked \(results.count) decision\(results.count == 1 ? "" : "s") (\(profiles) profile\(profiles == 1 ? "" : "s")) against \(ruleSet.origin == "built-in" ? "the built-in rules" : "the rules in \(ruleSet.origin)"), sha256 \(ruleSet.digest.prefix(12))"
        if results.isEmpty {
            return head + ": nothing recorded to recheck"
        }
        lines.append(head + ": " + (changed.isEmpty ? "every recommendation still holds" : style.bold("\(changed.count) would now be different")))
        for r in changed {
            lines.append("")
            let was = r.record.recommendation.rawValue, now = r.now?.rawValue ?? "?"
            lines.append(style.cyan(r.record.id.description) + "  \(short(r.record.recordedAt))  \(r.record.profileName)  \(was) → \(style.bold(now))"
                + style.dim("  (recorded with rules \(r.record.rulesDigest.prefix(12)))"))
            lines.append("    scores: " + r.scores.map { "\($0.topology.rawValue) \(Report.points($0.before)) → \(Report.points($0.after))" }.joined(separator: ", "))
            lines += ruleLines(r.rules, style: style, empty: "no rule changed; the tie-break order did", indent: "    ")
        }
        if !unreadable.isEmpty {
            lines.append("")
            lines.append(style.bold("Cannot be re-evaluated with these rules:"))
            for r in unreadable {
                if case .unreadable(let why) = r.status { lines.append("  \(r.record.id)  \(r.record.profileName): \(why)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
