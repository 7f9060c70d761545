@testable import ArchDecideCLI
import Testing

/// The console's one fitting mechanism: widths, wrapping with hanging indents, table cuts, styles.
@Suite struct TextFittingTests {
    @Test func theWidthIsColumnsThenTheTerminalThen80() {
        #expect(TextFitting.width(environment: ["COLUMNS": "100"], terminalColumns: 132) == 100)
        #expect(TextFitting.width(environment: [:], terminalColumns: 132) == 132)
        #expect(TextFitting.width(environment: [:], terminalColumns: nil) == 80)
        #expect(TextFitting.width(environment: ["COLUMNS": "wide"], terminalColumns: nil) == 80)
        #expect(TextFitting.width(environment: ["COLUMNS": "5"], terminalColumns: nil) == 20, "never narrower than 20")
    }

    @Test func proseWrapsAtWordsWithAHangingIndent() {
        let line = "  • rule-id  monolith +4, hybrid +3  [The Deciding Questions]"
        let fitted = TextFitting.fit(line, width: 40)
        #expect(fitted == "  • rule-id  monolith +4, hybrid +3\n    [The Deciding Questions]")
        let gutter = TextFitting.fit("  │ description: a long profile description that goes on", width: 30)
        #expect(gutter.split(separator: "\n").allSatisfy { $0.hasPrefix("  │ ") }, "\(gutter)")
        let long = TextFitting.fit("see https://example.com/a/very/long/path/that/cannot/break here", width: 20)
        #expect(long.split(separator: "\n").contains("https://example.com/a/very/long/path/that/cannot/break"), "a long word is never cut")
        #expect(TextFitting.fit("short\n\nlines", width: 20) == "short\n\nlines")
    }

    @Test func stylesTakeNoColumnsAndCutsCloseThem() {
        let style = Style(enabled: true)
        let styled = style.bold("name") + " " + style.green("monolith")
        #expect(TextFitting.columns(styled) == 13)
        #expect(TextFitting.fit(styled, width: 13) == styled)
        let row = style.cyan("d-000001") + "  2026-11-30 17:57  deskpilot  hybrid  0.71  01e7ba7f80ff"
        let cut = TextFitting.fit(row, width: 30, mode: .table)
        #expect(TextFitting.columns(cut) == 30)
        #expect(cut.hasSuffix("…\u{1B}[0m"))
        #expect(TextFitting.fit("ID  RECORDED", width: 30, mode: .table) == "ID  RECORDED")
    }

    /// `columns`, `cut` and `stripped` share one scanner: a cut row is exactly the width by
    /// `columns`' count, whatever zero-width scalars (combining and enclosing marks, the zero-width
    /// joiner) or styles it holds, and a mark stays with the letter it belongs to.
    @Test func cutsAndColumnsAgreeOnZeroWidthScalars() {
        let style = Style(enabled: true)
        let samples = [
            "cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e, a long row of text",
            "1\u{20E3} 2\u{20E3} keycaps, then a\u{200D}b joined and more words",
            style.bold("re\u{301}sume\u{301}") + "  " + style.green("hybrid") + "  0.71  a row that is long",
        ]
        for sample in samples {
            for width in 8...30 where TextFitting.columns(sample) > width {
                let cut = TextFitting.cut(sample, width: width)
                #expect(TextFitting.columns(cut) <= width, "\(sample) at \(width): \(cut)")
                let kept = String(TextFitting.stripped(cut).dropLast())  // without the ellipsis
                #expect(TextFitting.stripped(sample).hasPrefix(kept), "\(cut)")
                let dropped = TextFitting.stripped(sample).dropFirst(kept.count).prefix { $0 == " " }.count
                #expect(TextFitting.columns(cut) + dropped >= width, "only trailing spaces are dropped: \(cut)")
                #expect(!TextFitting.stripped(cut).unicodeScalars.contains("\u{1B}"))
            }
        }
        #expect(TextFitting.cut("e\u{301}e\u{301}e\u{301}e\u{301}", width: 3) == "e\u{301}e\u{301}…")
    }

    @Test func countsHaveTheRightNumber() {
        #expect(counted(1, "error") == "1 error")
        #expect(counted(0, "error") == "0 errors")
        #expect(counted(2, "entry", "entries") == "2 entries")
    }

    @Test func aMistypedSubcommandIsFoundAtAnyDepth() {
        #expect(ArchDecide.mistypedSubcommand(["decid", "x.yaml"])?.contains("did you mean 'decide'?") == true)
        #expect(ArchDecide.mistypedSubcommand(["rules", "tset"])?.contains("not an archdecide rules command; did you mean 'test'?") == true)
        #expect(ArchDecide.mistypedSubcommand(["decide", "decid.yaml"]) == nil, "a command's own arguments are not commands")
        #expect(ArchDecide.mistypedSubcommand(["--version"]) == nil)
        #expect(ArchDecide.mistypedSubcommand(["help", "decide"]) == nil)
        #expect(ArchDecide.mistypedSubcommand(["zzzzzz"])?.contains("did you mean") == false)
    }
}
