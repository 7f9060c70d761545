import DecisionModel
import Foundation

/// Standard output and error, with colour only on a terminal and never when `NO_COLOR` is set.
///
/// Text for people goes through `text(_:)`, which fits it to `width` (see `TextFitting`); output for
/// scripts (JSON, Markdown, file contents) goes through `out(_:)` unchanged.
struct Console {
    var colorOut: Bool
    var colorErr: Bool
    /// Columns the text output is fitted to: `COLUMNS`, else the terminal's, else 80.
    var width: Int

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let allowed = environment["NO_COLOR"].map(\.isEmpty) ?? true
        let dumb = environment["TERM"] == "dumb"
        colorOut = allowed && !dumb && isatty(STDOUT_FILENO) == 1
        colorErr = allowed && !dumb && isatty(STDERR_FILENO) == 1
        width = TextFitting.width(environment: environment, terminalColumns: TextFitting.terminalColumns())
    }

    /// People's text on standard output, fitted to the width: prose wrapped, table rows cut with `…`.
    func text(mode: TextFitting.Mode = .wrap, _ text: String) {
        out(TextFitting.fit(text, width: width, mode: mode))
    }

    func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Diagnostics to standard error in compiler format, sorted by position.
    func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let style = Style(enabled: colorErr)
        err(diagnostics.sortedByLocation().map { d in
            let severity = d.severity == .error ? style.red("error") : style.yellow("warning")
            return "\(style.bold(d.location.description)): \(severity): \(d.message) [\(d.code.rawValue)]"
        }.joined(separator: "\n"))
    }
}

/// `1 error`, `2 errors`, `0 entries`: a count with its noun in the right number.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
}

/// ANSI styling (SGR codes). A dozen lines do not warrant a dependency.
struct Style {
    var enabled: Bool
    private func sgr(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ t: String) -> String { sgr("1", t) }
    func dim(_ t: String) -> String { sgr("2", t) }
    func red(_ t: String) -> String { sgr("31", t) }
    func green(_ t: String) -> String { sgr("32", t) }
    func yellow(_ t: String) -> String { sgr("33", t) }
    func cyan(_ t: String) -> String { sgr("36", t) }
}
