import DecisionModel
import Foundation
import RuleSpec
import Scaffold
import Testing

/// User text can never break the generated Swift, YAML, Markdown or HTML, nor leave the folder.
@Suite struct EscapingTests {
    static let hostile = #"Evil "\(exit(1))" \"""# + "\n" + #"}} {{name}} #(secret) #extend("x") </script><script>x</script> --- # Heading [link](javascript:1) | cell | ../../etc ' é 😀 \u{2028}"#

    @Test(arguments: [Topology.monolith, Topology.microservice, Topology.hybrid])
    func aHostileDescriptionStaysText(topology: Topology) throws {
        let text = Fixtures.profileText(description: Self.hostile, ["auth: true", "admin_ui: true", "payments: true",
            "workloads: [crud, content, webhooks, embeddings, streaming_inference, inference_gateway, background_jobs]"])
        let plan = try Fixtures.plan(text, topology: topology)
        for file in plan.files { #expect(PlanPath.isSafe(file.path)) }

        // Swift still parses.
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var urls: [URL] = []
        for (index, file) in plan.files.enumerated() where file.path.hasSuffix(".swift") {
            let url = folder.appendingPathComponent("\(index).swift")
            try Data(file.text.utf8).write(to: url)
            urls.append(url)
        }
        #expect(try Fixtures.swiftParse(urls) == "")

        // The profile snapshot reads back with the same description and answers.
        let snapshot = try #require(plan.files.first { $0.path == ".archdecide/profile.yaml" })
        let loaded = try Fixtures.profile(snapshot.text, file: ".archdecide/profile.yaml")
        #expect(loaded.description == Self.hostile)
        let original = try Fixtures.profile(text)
        #expect(Fixtures.engine.decide(loaded).answers.values == Fixtures.engine.decide(original).answers.values)

        // Markdown: no line of the README is turned into a heading or a raw tag by the description.
        let readme = try #require(plan.files.first { $0.path == "README.md" }).text
        #expect(!readme.contains("<script>"))
        #expect(!readme.contains("\n# Heading"))
        #expect(!readme.contains("[link](javascript"))

        // Leaf/HTML: no tag, no Leaf directive from the description.
        for file in plan.files where file.path.hasSuffix(".leaf") {
            #expect(!file.text.contains("#(secret)"))
            #expect(!file.text.contains("<script>"))
        }
    }

    @Test func invalidNamesAreRefused() throws {
        var profile = try Fixtures.profile(Fixtures.profileText(["auth: true"]))
        for name in ["../escape", "Acme", "a b", "", "-x", String(repeating: "a", count: 64)] {
            profile.name = name
            #expect(throws: Generator.GenerateError.self) { try Generator().plan(Fixtures.request(profile)) }
        }
    }

    @Test func escapersHandleTheEdges() {
        #expect(Escape.swiftString(#"a"b\c"#) == #"a\"b\\c"#)
        #expect(Escape.swiftString("é\n") == #"\u{e9}\n"#)
        #expect(Escape.yamlScalar("plain") == "plain")
        #expect(Escape.yamlScalar("yes") == #""yes""#)
        #expect(Escape.yamlScalar("a: b") == #""a: b""#)
        #expect(Escape.html("<a href='x'>#(y)</a>") == "&lt;a href=&#39;x&#39;&gt;&#35;(y)&lt;/a&gt;")
        #expect(Escape.markdown("# [x](y)") == ##"\# \[x\](y)"##)
        #expect(Escape.upperCamel("help-desk-2") == "HelpDesk2")
    }

    /// One rule for descriptions in every writer: one line, breaks as spaces, controls escaped;
    /// `"\r\n"` (one `Character`) and a combining mark on `<` cannot slip past an escaper.
    @Test func everyOneLineWriterFoldsBreaksAndEscapesControls() {
        let hostile = "a\r\n# h\r\n- i\u{2028}b\u{1B}[31m\u{07}\u{0}<\u{0301}x"
        for out in [Escape.markdown(hostile), Escape.html(hostile), Escape.commentLine(hostile), Profile.oneLine(hostile)] {
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" }, "\(out.debugDescription)")
        }
        #expect(Profile.oneLine("a\r\n\r\n\tb") == "a b")
        #expect(Escape.markdown("x\r\n# heading") == ##"x \# heading"##)
        #expect(Escape.html("<\u{0301}b>") == "&lt;\u{0301}b&gt;")
        #expect(Profile.unsafeDescriptionScalar("line one\nline two\ttab") == nil)
        #expect(Profile.unsafeDescriptionScalar("crlf\r\n") == "\r")
        #expect(Profile.unsafeDescriptionScalar("\u{202E}evil") == "\u{202E}")
    }
}
