import Foundation
@testable import RuleSpec
import Testing

@Suite("Rule text trimming")
struct TrimTests {
    /// The loader trims every text field without Foundation (a tenth of start-up went to the bridge);
    /// it must trim exactly what `trimmingCharacters(in: .whitespacesAndNewlines)` trims.
    @Test("trims the same characters as Foundation's whitespacesAndNewlines")
    func sameAsFoundation() {
        let edges: [String] = [
            "", " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2009}",
            "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
            // Not whitespace: must stay.
            "\u{200B}", "\u{FEFF}", "\u{180E}", "x", "é", "🙂", "\u{0}", "\u{1F}",
        ]
        var texts = ["", "plain", "two words", "  \t ", "\n\u{2028}\u{3000}"]
        for a in edges {
            for b in edges {
                texts.append(a + "text" + b)
                texts.append(a + b)
                texts.append(a + " mid \u{A0} dle " + b + a)
            }
        }
        for text in texts {
            #expect(MappingFields.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
