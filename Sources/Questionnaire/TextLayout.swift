import Foundation

/// Fitting text to the terminal's width: word wrapping and cutting with an ellipsis.
public enum TextLayout {
    /// Columns a string takes (one per character; the questionnaire's text is plain).
    public static func columns(_ text: String) -> Int { text.count }

    /// Word-wraps `text` to lines of at most `width` columns, each prefixed by `indent`.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        let room = max(width - indent.count, 10)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while word.count > room {  // a word longer than the line is cut hard
                    if !line.isEmpty { lines.append(indent + line); line = "" }
                    lines.append(indent + String(word.prefix(room)))
                    word = String(word.dropFirst(room))
                }
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= room {
                    line += " " + word
                } else {
                    lines.append(indent + line)
                    line = word
                }
            }
            lines.append(indent + line)
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true && lines.count > 1 { lines.removeLast() }
        return lines
    }

    /// `text` cut to `width` columns, ending in `…` when cut.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        return text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return fitted + String(repeating: " ", count: max(0, width - fitted.count))
    }
}

