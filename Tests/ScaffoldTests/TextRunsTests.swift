import BundledTemplates
import Mustache
@testable import Scaffold
import Testing

/// Tagless line runs are taken out of a template before parsing (`TextRuns`); this holds the
/// compacted template to the template as written: the same text, for every built-in template and
/// for the edge cases of standalone tags, sections, whitespace and line breaks.
@Suite struct TextRunsTests {
    /// Names, a list, a true and a false flag: sections render once, twice or not at all.
    static var context: [String: Any] { [
        "name": "notes", "Name": "Notes", "items": [["name": "a"], ["name": "b"]], "flag": true, "off": false,
        "list": ["x", "y"], "description_md": "A {brace} and }} text", "empty": [Any](),
    ] }

    static func both(_ source: String, _ context: [String: Any] = context) throws -> (written: String, compacted: String) {
        let text = Generator.textPragma(source)
        let written = try MustacheTemplate(string: text).render(context)
        guard let (template, runs) = TextRuns.compact(text) else { return (written, written) }
        let compacted = try MustacheTemplate(string: template).render(context.merging(runs) { _, run in run })
        return (written, compacted)
    }

    @Test("every built-in template renders the same compacted, with sections on and off")
    func builtInTemplates() throws {
        var compacted = 0
        for (path, text) in BundledTemplates.files where path.hasSuffix(".mustache") && Generator.plainText(text) == nil {
            for context in [Self.context, [:]] {
                let (written, fast) = try Self.both(text, context)
                #expect(written == fast, "\(path)")
            }
            if TextRuns.compact(Generator.textPragma(text)) != nil { compacted += 1 }
        }
        #expect(compacted > 40, "most templates have tagless lines; compacted \(compacted)")
    }

    @Test("standalone tags, sections, indentation, braces, CRLF and a last line without a break")
    func edges() throws {
        let cases = [
            "first line\n{{#items}}\n  - {{name}}\n  plain { brace }\n{{/items}}\nlast",
            "{{^empty}}\nnone\n{{/empty}}\n\n\n  indented\n\ttabbed\n",
            "a\r\nb\r\n{{#flag}}\r\nc\r\n{{/flag}}\r\nd",
            "{{! a comment }}\ntext\n{{#off}}\nhidden\n{{/off}}\n",
            "code {\n    {{{description_md}}}\n}\n",
            "a multi-line tag {{#flag\n}}\ninside\n{{/flag}}\nafter",
            "{{#list}}\nitem: {{.}}\nfixed\n{{/list}}",
            "no tags in the last lines\n{{name}}\none\ntwo\n",
            "\n\nstarts blank\n{{name}}",
        ]
        for source in cases {
            let (written, fast) = try Self.both(source)
            #expect(written == fast, "\(source.debugDescription)")
        }
        #expect(TextRuns.compact("{{=<% %>=}}\nplain\n<% name %>\n") == nil, "a template that sets delimiters is parsed as written")
        #expect(TextRuns.compact("{{name}}") == nil, "nothing to take out")
    }
}
