import DecisionModel
import Foundation

/// Standard output and error, with colour only on a terminal and never when `NO_COLOR` is set.
struct Console {
    var colorOut: Bool
    var colorErr: Bool

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let allowed = environment["NO_COLOR"].map(\.isEmpty) ?? true
        let dumb = environment["TERM"] == "dumb"
        colorOut = allowed && !dumb && isatty(STDOUT_FILENO) == 1
        colorErr = allowed && !dumb && isatty(STDERR_FILENO) == 1
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
