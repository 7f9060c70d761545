import DecisionModel
import Foundation
import Questionnaire
import RuleSpec
import Testing

/// The profile writer's output loads back with ProfileLoader to the same answers and decision.
@Suite struct ProfileWriterTests {
    let catalog = Fixtures.catalog

    @Test func writesNestedMappingsInQuestionnaireOrder() {
        let profile = Profile(name: "deskpilot", answers: [
            "team.size": .int(8), "data_model": .string("significant"), "traffic.peak_rps": .int(3000),
            "workloads": .list(["crud", "embeddings"]), "team.knows": .list([]), "traffic.latency_p99_ms": .null,
        ])
        let yaml = ProfileWriter(catalog: catalog).yaml(profile)
        #expect(yaml == """
        version: 1
        name: deskpilot
        data_model: significant
        workloads: [crud, embeddings]
        traffic:
          peak_rps: 3000
        team:
          size: 8
          knows: []

        """)
    }

    @Test func roundTripsAwkwardStringsAndDecidesTheSame() throws {
        let description = "Help-desk: \"quotes\", back\\slash, # not a comment\nnew line\ttab, ünïcode, yes"
        let knows = ["django", "yes", "no", "on", "null", "1.5", "C++", "node.js", "a: b", "- dash", "#hash", "[x]", "O'Brien", "ß"]
        var answers: [String: AnswerValue] = [:]
        var q = Questionnaire(catalog: catalog)
        while q.current != nil { q.acceptProposal() }
        answers = q.answers
        answers["team.knows"] = .list(knows)
        answers["auth"] = .bool(true)
        let profile = Profile(name: "desk-pilot-2", description: description, answers: answers)
        let yaml = ProfileWriter(catalog: catalog).yaml(profile, header: ["a header\nwith a newline"])
        let loaded = ProfileLoader(catalog: catalog).load(text: yaml, file: "t.yaml")
        let back = try #require(loaded.profile, "\(loaded.diagnostics)\n\(yaml)")
        #expect(loaded.diagnostics.isEmpty)
        #expect(back.name == "desk-pilot-2")
        #expect(back.description == description)
        #expect(back.answers == answers)
        let direct = Fixtures.engine.evaluate(name: profile.name, answers: Answers.completing(answers, with: catalog))
        #expect(Fixtures.engine.decide(back) == direct)
        // A description holds plain text: a control character other than a line break or tab is
        // refused at its position (and echoed escaped), whoever wrote the file.
        let bell = ProfileWriter(catalog: catalog).yaml(Profile(name: "x", description: "ring \u{7} bell", answers: answers))
        let refused = ProfileLoader(catalog: catalog).load(text: bell, file: "b.yaml")
        #expect(refused.profile == nil)
        #expect(refused.diagnostics.map(\.description).contains { $0.contains("'description' holds the control character \\u{07}") && $0.hasSuffix("[invalid-value]") })
    }

    /// Every Unicode scalar, written by the one YAML quoting rule, loads back as itself: as a tag
    /// (tags hold any text) and, where a description may hold it, in the description. The fuzzer
    /// found `"\uFFFE"`: the loader took the escape, the writer put the scalar back raw, and libyaml
    /// refuses a non-printable character anywhere in a file.
    @Test func everyUnicodeScalarRoundTrips() throws {
        let scalars = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }
        var answers: [String: AnswerValue] = [:]
        var q = Questionnaire(catalog: catalog)
        while q.current != nil { q.acceptProposal() }
        answers = q.answers
        let loader = ProfileLoader(catalog: catalog)
        let writer = ProfileWriter(catalog: catalog)
        var failures: [String] = []
        // 48 tags of 24 scalars per profile keeps every file under the 64 KiB profile limit.
        let chunks = stride(from: 0, to: scalars.count, by: 24).map { start in
            String(String.UnicodeScalarView(scalars[start..<min(start + 24, scalars.count)]))
        }
        for profileStart in stride(from: 0, to: chunks.count, by: 48) {
            let tags = Array(chunks[profileStart..<min(profileStart + 48, chunks.count)])
            let description = String(String.UnicodeScalarView(tags.joined().unicodeScalars.filter {
                Profile.unsafeDescriptionScalar(String($0)) == nil
            }).prefix(1500))
            answers["team.knows"] = .list(tags)
            let profile = Profile(name: "x", description: description, answers: answers)
            let text = writer.yaml(profile)
            let loaded = loader.load(text: text, file: "p.yaml")
            guard let back = loaded.profile else {
                failures.append("chunk \(profileStart): \(loaded.diagnostics.map(\.description).joined(separator: "; "))")
                continue
            }
            if back.answers["team.knows"] != .list(tags) || back.description != description {
                failures.append("chunk \(profileStart): read back differently")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(ProfileWriter.quoted("x\u{FFFE}\u{FFFF}\u{FEFF}y") == #""x\uFFFE\uFFFF\uFEFFy""#)
    }

    /// Inputs the fuzzer once found a crash with (`Fuzz/regressions/`): each loads without a trap,
    /// and what it accepts writes and reads back the same, as the fuzzer's harness checks.
    @Test(arguments: FuzzRegressions.files)
    func aFuzzRegressionStaysFixed(_ file: String) throws {
        let loader = ProfileLoader(catalog: catalog)
        let data = try #require(FileManager.default.contents(atPath: file))
        let result = loader.load(data: data, file: file)
        for d in result.diagnostics {
            #expect(!d.description.unicodeScalars.contains(where: EchoedText.isUnsafe))
        }
        if let profile = result.profile {
            let text = ProfileWriter(catalog: catalog).yaml(profile)
            let again = try #require(loader.load(text: text, file: "rewritten.yaml").profile, "\(text)")
            #expect(again.answers == profile.answers && again.name == profile.name && again.description == profile.description)
        }
    }

    @Test func everyDefaultAnswerRoundTrips() throws {
        var q = Questionnaire(catalog: catalog, starting: ["traffic.peak_rps": .int(5000)])
        while q.current != nil { q.acceptProposal() }
        let yaml = ProfileWriter(catalog: catalog).yaml(Profile(name: "x", answers: q.answers))
        let back = try #require(ProfileLoader(catalog: catalog).load(text: yaml, file: "t.yaml").profile)
        #expect(back.answers == q.answers)
        #expect(Fixtures.engine.decide(back).assumed.isEmpty, "ask writes every applicable answer")
    }
}

/// The files of `Fuzz/regressions/` (found from this test file's place in the repo).
enum FuzzRegressions {
    static let files: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/regressions").standardizedFileURL.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }()
}
