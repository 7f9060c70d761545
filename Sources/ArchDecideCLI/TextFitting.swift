import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Fits the text output of every command to a width, at the console's output boundary.
///
/// Prose lines are word-wrapped with a hanging indent (the line's own indent, plus its bullet:
/// `• `, `- `, `+ `, `~ `, `* `, or a repeated `│ ` gutter); a word longer than a line is never cut,
/// it overflows on a line of its own. Table rows are cut to the width and end in `…`. ANSI styling
/// takes no columns, and a cut line closes any style it opened.
enum TextFitting {
    /// How a block of output is fitted.
    enum Mode {
        case wrap
        /// Every line is a table row: cut with an ellipsis, never wrapped.
        case table
    }

    /// The width to fit to: `COLUMNS` when it is a positive number, else the terminal's when standard
    /// output is one, else 80. Never less than 20.
    static func width(environment: [String: String], terminalColumns: Int?) -> Int {
        if let text = environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return max(columns, 20)
        }
        if let terminalColumns, terminalColumns > 0 { return max(terminalColumns, 20) }
        return 80
    }

    /// Columns of standard output when it is a terminal.
    static func terminalColumns(_ descriptor: Int32 = STDOUT_FILENO) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard withUnsafeMutablePointer(to: &size, { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func fit(_ text: String, width: Int, mode: Mode = .wrap) -> String {
        // Split on line-feed bytes (not on Characters, which asks for grapheme breaks), and pass a
        // line through untouched when its bytes alone prove it fits: a scalar takes at most one
        // column and at least one byte. Most lines of every command take this path.
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var first = true
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if !first { out += "\n" }
            first = false
            let line = Substring(bytes)
            if bytes.count <= width || columns(line) <= width {
                out += line
                continue
            }
            switch mode {
            case .table: out += cut(String(line), width: width)
            case .wrap: out += wrap(String(line), width: width).joined(separator: "\n")
            }
        }
        return out
    }

    /// Walks `s` scalar by scalar, telling `body` whether each one belongs to an ANSI escape
    /// sequence (ESC up to its final byte); `body` returns false to stop. The one scanner that
    /// `columns`, `cut` and `stripped` share, so they agree on what an escape is.
    static func scan<S: StringProtocol>(_ s: S, _ body: (_ scalar: Unicode.Scalar, _ inEscape: Bool) -> Bool) {
        var escape = false
        for c in s.unicodeScalars {
            let inEscape: Bool
            if escape {
                inEscape = true
                if (0x40...0x7E).contains(c.value) && c != "[" { escape = false }
            } else if c == "\u{1B}" {
                inEscape = true
                escape = true
            } else {
                inEscape = false
            }
            if !body(c, inEscape) { return }
        }
    }

    /// Whether a scalar outside an escape takes a column: combining marks and the zero-width
    /// joiner take none.
    static func takesColumn(_ c: Unicode.Scalar) -> Bool {
        // Below U+0300 (the first combining mark) every scalar outside an escape takes a column;
        // the Unicode property lookup is only for the rest.
        if c.value < 0x300 { return true }
        let category = c.properties.generalCategory
        return category != .nonspacingMark && category != .enclosingMark && c != "\u{200D}"
    }

    /// Columns a string takes on screen: ANSI escape sequences take none.
    static func columns<S: StringProtocol>(_ s: S) -> Int {
        var count = 0
        scan(s) { c, inEscape in
            if !inEscape && takesColumn(c) { count += 1 }
            return true
        }
        return count
    }

    /// The line cut to `width` columns, the last one an ellipsis; styles are closed.
    static func cut(_ line: String, width: Int) -> String {
        var out = ""
        var used = 0
        var styled = false
        scan(line) { c, inEscape in
            if inEscape {
                styled = true
            } else if takesColumn(c) {
                if used == width - 1 { return false }
                used += 1
            }
            out.unicodeScalars.append(c)
            return true
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out + "…" + (styled ? "\u{1B}[0m" : "")
    }

    /// The leading part of a line that continuation lines repeat (as spaces, or as the `│` gutter).
    static func hangingIndent(_ line: String) -> (first: String, rest: String) {
        let plain = stripped(line)
        let spaces = plain.prefix { $0 == " " }
        let after = plain.dropFirst(spaces.count)
        for bullet in ["│ ", "• ", "- ", "+ ", "~ ", "* ", "→ "] where after.hasPrefix(bullet) {
            let rest = bullet == "│ " ? String(spaces) + bullet : String(repeating: " ", count: spaces.count + bullet.count)
            return (String(spaces), rest)
        }
        return (String(spaces), String(spaces))
    }

    /// Word-wraps one line; continuation lines take the hanging indent.
    static func wrap(_ line: String, width: Int) -> [String] {
        let indent = hangingIndent(line)
        // The body after the leading spaces (styles kept), split at single spaces so runs of
        // spaces inside (column alignment) survive on the line they are on.
        let body = String(line.dropFirst(indent.first.count))
        let words = body.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        var current = indent.first
        var currentColumns = columns(current)
        var atStart = true  // nothing after the indent yet
        let restColumns = columns(indent.rest)
        for word in words {
            let w = columns(word)
            if atStart {
                if word.isEmpty { continue }
                current += word
                currentColumns += w
                atStart = false
            } else if currentColumns + 1 + w <= width || w == 0 {
                current += " " + word
                currentColumns += 1 + w
            } else {
                lines.append(trimmedEnd(current))
                current = indent.rest + word
                currentColumns = restColumns + w
            }
        }
        lines.append(trimmedEnd(current))
        return lines
    }

    static func trimmedEnd(_ s: String) -> String {
        var s = s
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    static func stripped(_ s: String) -> String {
        var out = ""
        scan(s) { c, inEscape in
            if !inEscape { out.unicodeScalars.append(c) }
            return true
        }
        return out
    }
}
