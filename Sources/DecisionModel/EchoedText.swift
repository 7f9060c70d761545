/// User text made safe to echo in a message or a one-line field: no character can start a new
/// line, move the cursor, ring the bell, reorder the text (bidi controls) or hide itself.
/// Such characters are shown escaped (`\n`, `\u{1B}`, `\u{202E}`); everything else is kept.
/// Escaping is idempotent: the result holds no character it would escape again.
public enum EchoedText {
    /// Whether `scalar` must never reach a terminal or a line-oriented file raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        case .format:
            // Bidi embeddings, overrides, isolates and marks; the zero-width no-break space.
            switch scalar.value {
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
            default: return false
            }
        default: return false
        }
    }

    /// `text` with every unsafe scalar escaped; nothing is cut.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) { out += scalar.escaped(asASCII: true) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
