import Foundation
import Testing
import TestSupport

/// The shipped examples, decided through the built binary and compared with their expected output.
@Suite("decide, end to end")
struct DecideTests {
    static let examples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Binary.packageRoot.appendingPathComponent("Examples").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static let invalid: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Binary.packageRoot.appendingPathComponent("Examples/invalid").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test("there are at least eight examples, spanning all three outcomes")
    func coverage() throws {
        #expect(Self.examples.count >= 8)
        var seen = Set<String>()
        for name in Self.examples {
            let out = try Binary.run(["decide", "--no-record", "--format", "jsonl", "Examples/\(name).yaml"])
            if let line = out.stdout.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
               let r = json["recommendation"] as? String { seen.insert(r) }
        }
        #expect(seen == ["monolith", "microservice", "hybrid"])
    }

    @Test("each example decides as its expected JSON and text say", arguments: examples)
    func example(_ name: String) throws {
        let json = try Binary.run(["decide", "--no-record", "--format", "json", "Examples/\(name).yaml"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr.isEmpty)
        Snapshot.check(json.stdout, "Examples/expected/\(name).json")
        let text = try Binary.run(["decide", "--no-record", "Examples/\(name).yaml"])
        #expect(text.status == 0)
        #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        Snapshot.check(text.stdout, "Examples/expected/\(name).txt")
    }

    @Test("each malformed example is refused with located errors and exit 65", arguments: invalid)
    func malformed(_ name: String) throws {
        let out = try Binary.run(["decide", "--no-record", "Examples/invalid/\(name).yaml"])
        #expect(out.status == 65)
        #expect(out.stdout.isEmpty, "nothing is decided from a broken profile")
        #expect(out.stderr.hasPrefix("Examples/invalid/\(name).yaml:"), "\(out.stderr)")
        Snapshot.check(out.stderr, "Examples/invalid/\(name).expected")
    }

    @Test("a folder decides as a batch: one JSON line per profile, same answers as one at a time")
    func batch() throws {
        let out = try Binary.run(["decide", "--no-record", "--format", "jsonl", "Examples"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == Self.examples.count)
        for (line, name) in zip(lines, Self.examples) {
            let single = try Binary.run(["decide", "--no-record", "--format", "jsonl", "Examples/\(name).yaml"])
            #expect(String(line) + "\n" == single.stdout)
        }
    }

    @Test("several profiles as json make one array; a bad one among good ones still prints the good ones, exit 65")
    func mixed() throws {
        let out = try Binary.run(["decide", "--no-record", "--format", "json", "Examples/minimal.yaml", "Examples/invalid/path-in-name.yaml", "Examples/deskpilot.yaml"])
        #expect(out.status == 65)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["profile"] as? String } == ["first-try", "deskpilot"])
        #expect(out.stderr.contains("path-in-name.yaml:2:7: error:"))
    }

    @Test("standard input is read with -")
    func stdin() throws {
        let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("Examples/llm-gateway.yaml"), encoding: .utf8)
        let out = try Binary.run(["decide", "--no-record", "--format", "jsonl", "-"], stdin: text)
        #expect(out.status == 0)
        #expect(out.stdout.contains("\"recommendation\":\"microservice\""))
        let bad = try Binary.run(["decide", "--no-record", "-"], stdin: "version: 1\nname: x\nscope: wide\n")
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("-:3:8: error: 'scope' must be one of: narrow, broad"))
    }

    @Test("markdown output has the score table and the fired rules")
    func markdown() throws {
        let out = try Binary.run(["decide", "--no-record", "--format", "markdown", "Examples/deskpilot.yaml"])
        #expect(out.status == 0)
        #expect(out.stdout.hasPrefix("## deskpilot: hybrid"))
        #expect(out.stdout.contains("| hybrid | 33.8 |"))
        #expect(out.stdout.contains("`hy-product-core-with-ai-at-volume`"))
        #expect(out.stdout.contains("| rule | effects | why | basis |"))
        #expect(out.stdout.contains("article: The Hybrid Architecture"))
        #expect(out.stdout.contains("### Where each workload goes"))
        #expect(out.stdout.contains("| `embeddings` | service |"))
        #expect(out.stdout.contains("### Why not the others"))
    }

    @Test("usage mistakes exit 64, a missing file or broken rules exit 65")
    func exitCodes() throws {
        #expect(try Binary.run(["decide"]).status == 64)
        #expect(try Binary.run(["decide", "--format", "yaml", "Examples/minimal.yaml"]).status == 64)
        #expect(try Binary.run(["frobnicate"]).status == 64)
        let missing = try Binary.run(["decide", "--no-record", "nope.yaml"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("nope.yaml:1:1: error: no such file"))
        let rules = try Binary.run(["decide", "--no-record", "--rules", "/nonexistent", "Examples/minimal.yaml"])
        #expect(rules.status == 65)
        #expect(rules.stderr.contains("/nonexistent:1:1: error: no rules folder here"))
    }

    @Test("--rules evaluates with another rule set, and the digest says which")
    func otherRules() throws {
        let builtIn = try Binary.run(["decide", "--no-record", "--format", "jsonl", "Examples/minimal.yaml"])
        let folder = try Binary.run(["decide", "--no-record", "--format", "jsonl", "--rules", "Rules", "Examples/minimal.yaml"])
        #expect(builtIn.stdout == folder.stdout, "the embedded rules are the Rules/ folder")
    }

    @Test("a copied binary finds its rules with no .build and no Rules/ around it")
    func copiedBinary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("archdecide")
        try FileManager.default.copyItem(at: try #require(Binary.url), to: copy)
        let profile = folder.appendingPathComponent("p.yaml")
        try "version: 1\nname: copied\n".write(to: profile, atomically: true, encoding: .utf8)
        let out = try Binary.run(["decide", "--no-record", "--format", "jsonl", "p.yaml"], executable: copy, directory: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("\"recommendation\":\"monolith\""))
    }

    @Test("rules lint and rules test pass on the built-in rules; questions prints the questionnaire and a schema")
    func ruleCommands() throws {
        let lint = try Binary.run(["rules", "lint"])
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stdout.contains("0 errors, 0 warnings"))
        let test = try Binary.run(["rules", "test", "Rules"])
        #expect(test.status == 0)
        #expect(test.stdout.contains(" passed, 0 failed"))
        let md = try Binary.run(["questions"])
        #expect(md.stdout.contains("## 1. Does this service have a data model of its own?"))
        let schema = try Binary.run(["questions", "--format", "json-schema"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any])
        let properties = try #require(json["properties"] as? [String: Any])
        #expect(Set(properties.keys).isSuperset(of: ["version", "name", "data_model", "traffic", "team", "workloads"]))
        #expect(json["required"] as? [String] == ["version", "name"])
    }
}
