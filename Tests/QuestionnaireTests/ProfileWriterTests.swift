import DecisionModel
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

    @Test func everyDefaultAnswerRoundTrips() throws {
        var q = Questionnaire(catalog: catalog, starting: ["traffic.peak_rps": .int(5000)])
        while q.current != nil { q.acceptProposal() }
        let yaml = ProfileWriter(catalog: catalog).yaml(Profile(name: "x", answers: q.answers))
        let back = try #require(ProfileLoader(catalog: catalog).load(text: yaml, file: "t.yaml").profile)
        #expect(back.answers == q.answers)
        #expect(Fixtures.engine.decide(back).assumed.isEmpty, "ask writes every applicable answer")
    }
}
