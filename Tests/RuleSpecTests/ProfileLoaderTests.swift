import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing
import TestSupport

@Suite("Profile loading")
struct ProfileLoaderTests {
    @Test("a full profile loads with typed answers and their positions")
    func fullProfile() throws {
        let result = loadProfile("""
        version: 1
        name: deskpilot
        description: Help-desk product
        data_model: significant
        admin_ui: true
        workloads: [crud, embeddings]
        traffic:
          peak_rps: 3000
          latency_p99_ms: 250
        team:
          knows: [django, cobol]
        """)
        #expect(result.diagnostics.isEmpty)
        let profile = try #require(result.profile)
        #expect(profile.name == "deskpilot")
        #expect(profile.description == "Help-desk product")
        #expect(profile.answers["data_model"] == .string("significant"))
        #expect(profile.answers["admin_ui"] == .bool(true))
        #expect(profile.answers["workloads"] == .list(["crud", "embeddings"]))
        #expect(profile.answers["traffic.peak_rps"] == .int(3000))
        #expect(profile.answers["traffic.latency_p99_ms"] == .int(250))
        #expect(profile.answers["team.knows"] == .list(["django", "cobol"]), "unknown framework names are kept")
        #expect(profile.answers["auth"] == nil, "missing answers stay missing until completed")
        #expect(profile.locations["traffic.peak_rps"] == SourceLocation(file: "p.yaml", line: 8, column: 13))
    }

    @Test("missing answers take the questionnaire's defaults and are listed as assumed")
    func assumed() throws {
        let profile = try #require(loadProfile("version: 1\nname: x\ndata_model: none\n").profile)
        let answers = Answers.completing(profile.answers, with: builtIn.catalog)
        #expect(answers["admin_ui"] == .bool(false))
        #expect(answers["traffic.peak_rps"] == .int(50))
        #expect(answers["traffic.latency_p99_ms"] == .null)
        #expect(answers.assumed.contains("team.size"))
        #expect(!answers.assumed.contains("data_model"))
        #expect(!answers.assumed.contains("traffic.latency_p99_ms"), "an optional answer with no default is not a guess")
    }

    /// An optional question answered empty is the same profile as one that leaves it out: same
    /// answers, same decision, same `assumed`; so a written profile (which leaves it out) decides
    /// as the file it came from. The fuzzer found the gap: `latency_p99_ms:` loaded as an explicit
    /// null that no writer could keep, and `ai_peak_rps: null` stopped `peak_rps` standing in.
    @Test("an optional answer left empty is the same as leaving it out", arguments: ["", " null", " ~", " Null"])
    func emptyOptionalAnswerIsLeftOut(_ empty: String) throws {
        let base = "version: 1\nname: x\ndata_model: significant\nworkloads: [crud, embeddings]\n"
        let engine = DecisionEngine(ruleSet: builtIn)
        let optional = builtIn.catalog.questions.filter { $0.defaultValue == .null }
        #expect(!optional.isEmpty)
        for question in optional {
            let path = question.path
            var nested = ""
            for (depth, key) in path.enumerated() {
                nested += String(repeating: "  ", count: depth) + key + ":" + (depth == path.count - 1 ? empty : "") + "\n"
            }
            let left = try #require(loadProfile(base + "traffic:\n  peak_rps: 2000\n").profile)
            let given = try #require(loadProfile(base + (path.first == "traffic"
                ? "traffic:\n  peak_rps: 2000\n  \(path[1]):\(empty)\n" : "traffic:\n  peak_rps: 2000\n" + nested)).profile)
            #expect(given.answers == left.answers, "\(question.id)")
            #expect(engine.decide(given) == engine.decide(left), "\(question.id)")
        }
    }

    /// (YAML, expected code, line, column, a phrase the message must hold)
    static let single: [(String, DiagnosticCode, Int, Int, String)] = [
        ("version: 1\nname: x\ngrwoth: likely\n", .unknownKey, 3, 1, "did you mean 'growth'"),
        ("version: 1\nname: x\npeak_rps: 5\n", .unknownKey, 3, 1, "traffic.peak_rps"),
        ("version: 1\nname: x\ntraffic:\n  peak: 5\n", .unknownKey, 4, 3, "traffic.peak_rps"),
        ("version: 1\nname: x\ndata_model: big\n", .invalidValue, 3, 13, "none, simple, significant"),
        ("version: 1\nname: x\nadmin_ui: yes\n", .wrongType, 3, 11, "write true"),
        ("version: 1\nname: x\nadmin_ui: \"true\"\n", .wrongType, 3, 11, "true or false"),
        ("version: 1\nname: x\ntraffic:\n  peak_rps: lots\n", .wrongType, 4, 13, "whole number"),
        ("version: 1\nname: x\ntraffic:\n  peak_rps: \"300\"\n", .wrongType, 4, 13, "without quotes"),
        ("version: 1\nname: x\ntraffic:\n  peak_rps: 2.5\n", .wrongType, 4, 13, "whole number"),
        ("version: 1\nname: x\ntraffic:\n  peak_rps: -1\n", .outOfRange, 4, 13, "at least 0"),
        ("version: 1\nname: x\ntraffic:\n  peak_rps: 99999999999999999999999\n", .outOfRange, 4, 13, "too large"),
        ("version: 1\nname: x\ntraffic: 300\n", .wrongType, 3, 10, "must be a mapping"),
        ("version: 1\nname: x\nworkloads: crud\n", .wrongType, 3, 12, "must be a list"),
        ("version: 1\nname: x\nworkloads: [crud, crud]\n", .duplicateItem, 3, 19, "twice"),
        ("version: 1\nname: x\nworkloads: [crud, chat]\n", .invalidValue, 3, 19, "not one of"),
        ("version: 1\nname: x\nscope: narrow\nscope: broad\n", .duplicateKey, 4, 1, "first given at line 3"),
        ("version: 1\nname: Deck_Pilot\n", .invalidName, 2, 7, "^[a-z]"),
        ("version: 1\nname: ../../etc\n", .invalidName, 2, 7, "^[a-z]"),
        ("version: 1\nname: \(String(repeating: "a", count: 64))\n", .invalidName, 2, 7, "at most 63"),
        ("version: 2\nname: x\n", .unsupportedVersion, 1, 10, "reads version 1"),
        ("version: one\nname: x\n", .wrongType, 1, 10, "the number 1"),
        ("name: x\n", .missingField, 1, 1, "'version' is required"),
        ("version: 1\n", .missingField, 1, 1, "'name' is required"),
        ("version: 1\nname: x\ndata_model: [simple\n", .yamlSyntax, 4, 1, "','"),
        ("", .emptyDocument, 1, 1, "empty"),
        ("- a\n", .wrongType, 1, 1, "mapping of answers"),
        ("version: 1\nname: x\n---\nversion: 1\n", .multipleDocuments, 3, 1, "one YAML document"),
        ("version: 1\nname: x\nauth:\n", .wrongType, 3, 6, "leave the key out"),
        ("version: 1\nname: x\nteam:\n  size: 0\n", .outOfRange, 4, 9, "at least 1"),
        ("version: 1\nname: x\nb: *nothing\n", .yamlSyntax, 3, 4, "no anchor"),
    ]

    @Test("each kind of mistake has its code, position and a helpful message", arguments: single.indices)
    func located(_ index: Int) throws {
        let (yaml, code, line, column, phrase) = Self.single[index]
        let result = loadProfile(yaml)
        #expect(result.profile == nil)
        let first = try #require(result.diagnostics.first, "no diagnostic for: \(yaml)")
        #expect(first.code == code, "\(yaml) -> \(first)")
        #expect(first.location.line == line && first.location.column == column, "\(yaml) -> \(first)")
        #expect(first.message.contains(phrase), "\(first.message) should mention \(phrase)")
        #expect(first.description.hasPrefix("p.yaml:\(line):\(column): error: "))
    }

    @Test("every problem in a file is reported, sorted by position")
    func collectsAll() throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Examples/invalid/many-mistakes.yaml"), encoding: .utf8)
        let diagnostics = loadProfile(text).diagnostics
        #expect(diagnostics.count == 14)
        #expect(diagnostics == diagnostics.sortedByLocation())
        #expect(Set(diagnostics.map(\.code)) == [.unsupportedVersion, .invalidName, .unknownKey, .invalidValue, .wrongType,
                                                  .outOfRange, .duplicateItem, .duplicateKey])
    }

    @Test("hostile input is refused quickly: alias bombs, deep nesting, huge files, binary data")
    func bounded() {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { bomb += "l\(level): &l\(level) [" + Array(repeating: "*\(level == 1 ? "a" : "l\(level - 1)")", count: 10).joined(separator: ", ") + "]\n" }
        #expect(loadProfile(bomb).diagnostics.first?.code == .aliasLimit)

        let flowDeep = "version: 1\nname: x\nteam: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(loadProfile(flowDeep).diagnostics.first?.code == .tooDeep)

        var blockDeep = "version: 1\nname: x\nteam:\n"
        for i in 1...40 { blockDeep += String(repeating: "  ", count: i) + "k\(i):\n" }
        #expect(loadProfile(blockDeep).diagnostics.first?.code == .tooDeep)

        let huge = "version: 1\nname: x\ndescription: \"" + String(repeating: "x", count: 70_000) + "\"\n"
        #expect(loadProfile(huge).diagnostics.first?.code == .tooLarge)

        let binary = Data([0x76, 0x3A, 0x20, 0xFF, 0xFE, 0x00, 0x01])
        #expect(ProfileLoader(catalog: builtIn.catalog).load(data: binary, file: "b.yaml").diagnostics.first?.code == .notUTF8)
    }

    @Test("a missing file is an io error naming it")
    func missingFile() {
        let result = ProfileLoader(catalog: builtIn.catalog).load(path: "/nonexistent/profile.yaml")
        #expect(result.diagnostics.first?.code == .io)
        #expect(result.diagnostics.first?.location.file == "/nonexistent/profile.yaml")
    }
}
