import DecisionModel
import Questionnaire
import Testing

@Suite struct QuestionnaireTests {
    let catalog = Fixtures.catalog

    @Test func startsAtTheFirstQuestionWithProgress() {
        let q = Questionnaire(catalog: catalog)
        #expect(q.current?.id == catalog.questions[0].id)
        // latency and the AI volume are conditional and false on the defaults: 11 of 13 apply.
        #expect(q.progress.number == 1)
        #expect(q.progress.total == catalog.questions.count - 2)
    }

    @Test func answersMoveForwardAndSkipQuestionsWhoseWhenIsFalse() {
        var q = Questionnaire(catalog: catalog)
        while let question = q.current, question.id != "traffic.peak_rps" { q.acceptProposal() }
        do { let r = q.submit("20"); #expect(r == nil) }
        // peak_rps 20 and not performance-critical: the latency question is skipped.
        #expect(q.current?.id == "team.size")
        q.back()
        #expect(q.current?.id == "traffic.peak_rps")
        do { let r = q.submit("3000"); #expect(r == nil) }
        #expect(q.current?.id == "traffic.latency_p99_ms")
        #expect(q.progress.total == catalog.questions.count - 1, "no AI workload: the AI volume is not asked")
    }

    @Test func backGoesToThePreviousAnswerAndKeepsIt() {
        var q = Questionnaire(catalog: catalog)
        do { let r = q.submit("significant"); #expect(r == nil) }
        #expect(q.current?.id == "admin_ui")
        do { let r = q.back(); #expect(r) }
        #expect(q.current?.id == "data_model")
        #expect(q.value(for: q.current!) == .string("significant"))
        do { let r = q.back(); #expect(!r, "no question before the first") }
        do { let r = q.submit("none"); #expect(r == nil) }
        #expect(q.answers["data_model"] == .string("none"))
    }

    @Test func badIntegerIsRefusedAndTheQuestionStays() {
        var q = Questionnaire(catalog: catalog, starting: [:])
        while let question = q.current, question.id != "team.size" { q.acceptProposal() }
        do { let r = q.submit("lots"); #expect(r?.contains("not a whole number") == true) }
        do { let r = q.submit("0"); #expect(r?.contains("at least 1") == true) }
        #expect(q.current?.id == "team.size")
        do { let r = q.submit("8"); #expect(r == nil) }
        #expect(q.answers["team.size"] == .int(8))
    }

    @Test func enterTakesTheDefaultOrTheStartingProfilesAnswer() {
        var plain = Questionnaire(catalog: catalog)
        while plain.current != nil { plain.acceptProposal() }
        #expect(plain.step == .review)
        for question in plain.asked where question.defaultValue != .null {
            #expect(plain.answers[question.id] == question.defaultValue)
        }
        #expect(plain.answers["traffic.latency_p99_ms"] == nil)

        var revisit = Questionnaire(catalog: catalog, starting: ["traffic.peak_rps": .int(5000), "payments": .bool(true)])
        while revisit.current != nil { let r = revisit.submit(""); #expect(r == nil) }
        #expect(revisit.answers["traffic.peak_rps"] == .int(5000))
        #expect(revisit.answers["payments"] == .bool(true))
        #expect(revisit.asked.contains { $0.id == "traffic.latency_p99_ms" }, "peak 5000 brings in the latency question")
    }

    @Test func reviewEditReturnsToReviewByWayOfNewQuestions() {
        var q = Questionnaire(catalog: catalog)
        while q.current != nil { q.acceptProposal() }
        q.edit("auth")
        #expect(q.current?.id == "auth")
        do { let r = q.submit("y"); #expect(r == nil) }
        #expect(q.step == .review)
        #expect(q.answers["auth"] == .bool(true))

        q.edit("traffic.peak_rps")
        do { let r = q.submit("2000"); #expect(r == nil) }
        #expect(q.current?.id == "traffic.latency_p99_ms", "the change brings in a question never answered")
        do { let r = q.submit("150"); #expect(r == nil) }
        #expect(q.step == .review)
        #expect(q.answers["traffic.latency_p99_ms"] == .int(150))

        // Lowering the traffic again hides latency, and its answer leaves the profile.
        q.edit("traffic.peak_rps")
        do { let r = q.submit("10"); #expect(r == nil) }
        #expect(q.step == .review)
        #expect(q.answers["traffic.latency_p99_ms"] == nil)
    }

    @Test func backFromReviewGoesToTheLastQuestion() {
        var q = Questionnaire(catalog: catalog)
        while q.current != nil { q.acceptProposal() }
        q.back()
        #expect(q.current?.id == catalog.questions.last?.id)
    }

    @Test func parsesEachKindOfTypedAnswer() throws {
        func parse(_ id: String, _ text: String) -> Result<AnswerValue, InputProblem> {
            let question = catalog[id]!
            return AnswerInput.parse(text, for: question, current: question.defaultValue)
        }
        #expect(try parse("data_model", "3").get() == .string("significant"))
        #expect(try parse("data_model", "sig").get() == .string("significant"))
        #expect(try parse("data_model", "NONE").get() == .string("none"))
        #expect(throws: InputProblem.self) { try parse("data_model", "9").get() }
        #expect(throws: InputProblem.self) { try parse("data_model", "huge").get() }
        #expect(try parse("admin_ui", "yes").get() == .bool(true))
        #expect(try parse("admin_ui", "N").get() == .bool(false))
        #expect(throws: InputProblem.self) { try parse("admin_ui", "maybe").get() }
        #expect(try parse("workloads", "crud, 4 streaming_inference").get() == .list(["crud", "embeddings", "streaming_inference"]))
        #expect(try parse("workloads", "-").get() == .list([]))
        #expect(throws: InputProblem.self) { try parse("workloads", "crud, gpu").get() }
        #expect(try parse("traffic.peak_rps", "3,000").get() == .int(3000))
        #expect(throws: InputProblem.self) { try parse("traffic.peak_rps", "-5").get() }
        #expect(throws: InputProblem.self) { try parse("traffic.peak_rps", "99999999999999999999999").get() }
        #expect(try parse("traffic.latency_p99_ms", "none").get() == .null)
        #expect(throws: InputProblem.self) { try parse("team.size", "none").get() }
        #expect(try parse("team.knows", "django, Phoenix django").get() == .list(["django", "Phoenix"]))
        #expect(try parse("team.knows", "").get() == .list([]))
        #expect(throws: InputProblem.self) { try parse("team.knows", String(repeating: "x", count: 65)).get() }
    }
}
