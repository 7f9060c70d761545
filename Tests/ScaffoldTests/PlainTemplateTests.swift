import BundledTemplates
import Mustache
@testable import Scaffold
import Testing

/// Templates without a Mustache tag skip the parser and render as they are; this holds that
/// shortcut to what the parser would give, for every built-in file and the edge cases.
@Suite struct PlainTemplateTests {
    static func rendered(_ source: String) throws -> String {
        try MustacheTemplate(string: Generator.textPragma(source)).render([String: Any]())
    }

    @Test("every built-in template the shortcut takes renders exactly as Mustache renders it")
    func builtInPlainTemplates() throws {
        var plain = 0
        for (path, text) in BundledTemplates.files {
            guard let shortcut = Generator.plainText(text) else { continue }
            plain += 1
            #expect(try shortcut == Self.rendered(text), "\(path)")
        }
        #expect(plain > 20, "the built-in templates have many plain files; found \(plain)")
    }

    @Test("text with a tag, a leading line break or a trailing brace goes through the parser")
    func edges() throws {
        for text in ["{{name}}", "a {{! comment }} b", "x{{", "\nstarts with a newline", "\r\nCRLF first", "{{=<% %>=}}<% name %>", "ends with {"] {
            #expect(Generator.plainText(text) == nil, "\(text.debugDescription)")
        }
        for text in ["", "plain", "a } b { c", "tail\n", "{ {not a tag} }", "line\n\nline\r\n", "  indented\n"] {
            #expect(try Generator.plainText(text) == Self.rendered(text), "\(text.debugDescription)")
        }
    }
}
