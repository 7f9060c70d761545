import DecisionModel
import Questionnaire
import Testing

/// The full-screen UI driven by the scripted terminal twin.
@Suite struct ScreenSessionTests {
    func run(_ keys: [Key], width: Int = 80, starting: [String: AnswerValue] = [:]) -> (QuestionnaireOutcome, ScriptedTerminal) {
        let terminal = ScriptedTerminal(keys: keys, width: width)
        let session = ScreenSession(questionnaire: Questionnaire(catalog: Fixtures.catalog, starting: starting),
                                    terminal: terminal, engine: Fixtures.engine, name: "deskpilot")
        return (session.run(), terminal)
    }

    func completed(_ outcome: QuestionnaireOutcome) -> Questionnaire? {
        if case .completed(let q) = outcome { return q }
        return nil
    }

    @Test func enterEverywhereTakesTheDefaults() throws {
        let (outcome, terminal) = run(Array(repeating: .enter, count: 11) + [.enter])
        let q = try #require(completed(outcome))
        #expect(q.answers["data_model"] == .string("simple"))
        #expect(q.answers["team.size"] == .int(4))
        #expect(terminal.began == 1 && terminal.ended == 1)
        #expect(terminal.frames[0].contains("1/11"))
        #expect(terminal.frames[0].contains("Does this service have a data model of its own?"))
    }

    @Test func arrowsNumbersSpaceYesNoAndTypedNumbers() throws {
        var keys: [Key] = [.down, .enter]             // data_model: simple -> significant
        keys += [.character("y")]                     // admin_ui
        keys += [.character("j"), .character("k"), .up, .enter]  // auth: Yes (wraps from No up)
        keys += [.character("n")]                     // payments
        keys += [.character("3")]                     // growth: likely
        keys += [.enter]                              // scope: broad (default)
        keys += [.down, .down, .down, .space, .character("5"), .enter]  // workloads: crud + embeddings + streaming
        keys += [.character("n")]                     // performance_critical
        keys += ScriptedTerminal.typing("3000") + [.enter]  // peak_rps
        keys += ScriptedTerminal.typing("2500") + [.enter]  // ai_peak_rps appears (AI workloads chosen)
        keys += ScriptedTerminal.typing("250") + [.enter]   // latency appears
        keys += ScriptedTerminal.typing("8") + [.enter]     // team.size
        keys += ScriptedTerminal.typing("django fastapi") + [.enter]
        keys += [.character("d")]
        let (outcome, terminal) = run(keys)
        let q = try #require(completed(outcome))
        #expect(q.answers["data_model"] == .string("significant"))
        #expect(q.answers["admin_ui"] == .bool(true))
        #expect(q.answers["auth"] == .bool(true))
        #expect(q.answers["payments"] == .bool(false))
        #expect(q.answers["growth"] == .string("likely"))
        #expect(q.answers["workloads"] == .list(["crud", "embeddings", "streaming_inference"]))
        #expect(q.answers["traffic.ai_peak_rps"] == .int(2500))
        #expect(q.answers["traffic.peak_rps"] == .int(3000))
        #expect(q.answers["traffic.latency_p99_ms"] == .int(250))
        #expect(q.answers["team.knows"] == .list(["django", "fastapi"]))
        #expect(terminal.frames.contains { $0.contains("11/13") })
        #expect(terminal.lastFrame.contains("Live recommendation: hybrid"))
    }

    @Test func badNumberShowsAnInlineMessageAndAsksAgain() throws {
        var keys: [Key] = Array(repeating: .enter, count: 9)  // up to team.size
        keys += ScriptedTerminal.typing("x") + [.enter]
        keys += [.backspace] + ScriptedTerminal.typing("0") + [.enter]
        keys += [.backspace] + ScriptedTerminal.typing("12") + [.enter, .enter, .enter]  // size, knows, decide
        let (outcome, terminal) = run(keys)
        let q = try #require(completed(outcome))
        #expect(q.answers["team.size"] == .int(12))
        #expect(terminal.frames.contains { $0.contains("✗ 'x' is not a whole number") && $0.contains("> x") })
        #expect(terminal.frames.contains { $0.contains("✗ must be at least 1") })
    }

    @Test func goingBackAndChangingAnAnswer() throws {
        var keys: [Key] = [.enter, .character("y"), .left, .left]   // back to data_model
        keys += [.character("1")]                                   // data_model: none
        keys += [.enter]                                            // admin_ui keeps yes (answered)
        keys += Array(repeating: .enter, count: 9) + [.enter]
        let (outcome, terminal) = run(keys)
        let q = try #require(completed(outcome))
        #expect(q.answers["data_model"] == .string("none"))
        #expect(q.answers["admin_ui"] == .bool(true))
        #expect(terminal.frames.contains { $0.contains("your answer") })
    }

    @Test func reviewEditsAnAnswerAndShowsTheNewRecommendation() throws {
        var keys: [Key] = Array(repeating: .enter, count: 11)
        // At the review the cursor is on "Decide"; go up to the first answer and change it.
        keys += Array(repeating: Key.up, count: 11) + [.enter, .character("3")]
        keys += [.enter]
        let (outcome, terminal) = run(keys)
        let q = try #require(completed(outcome))
        #expect(q.answers["data_model"] == .string("significant"))
        let reviews = terminal.frames.filter { $0.contains("Review your answers") }
        #expect(reviews.count >= 2)
        #expect(reviews.last!.contains("significant"))
    }

    @Test func helpShowsWhyTheQuestionMatters() {
        let (_, terminal) = run([.character("?"), .interrupt])
        #expect(terminal.lastFrame.contains("deciding questions"))
        #expect(terminal.lastFrame.contains("A pure proxy or compute service") == false)  // choice help is for the highlighted one
        #expect(terminal.lastFrame.contains("A handful of tables"))
    }

    @Test func ctrlCQuitsAndEndsTheTerminal() {
        let (outcome, terminal) = run([.enter, .interrupt])
        if case .interrupted = outcome {} else { Issue.record("expected interrupted") }
        #expect(terminal.ended == 1)
    }

    @Test func narrowTerminalKeepsEveryLineWithinItsWidth() {
        let (_, terminal) = run([.character("?"), .down, .enter, .interrupt], width: 40)
        for frame in terminal.frames {
            for line in frame.split(separator: "\n") { #expect(line.count <= 40, "\(line)") }
        }
    }

    @Test func coloursOnlyWhenTheTerminalSaysSo() {
        let plain = ScriptedTerminal(keys: [.interrupt], colors: false)
        _ = ScreenSession(questionnaire: Questionnaire(catalog: Fixtures.catalog), terminal: plain, engine: Fixtures.engine, name: "x").run()
        #expect(!plain.lastFrame.contains("\u{1B}["))
        let coloured = ScriptedTerminal(keys: [.interrupt], colors: true)
        _ = ScreenSession(questionnaire: Questionnaire(catalog: Fixtures.catalog), terminal: coloured, engine: Fixtures.engine, name: "x").run()
        #expect(coloured.lastFrame.contains("\u{1B}["))
    }

    @Test func startingProfileAnswersAreWhatEnterKeeps() throws {
        let (outcome, _) = run(Array(repeating: .enter, count: 13), starting: ["traffic.peak_rps": .int(900), "growth": .string("likely")])
        let q = try #require(completed(outcome))
        #expect(q.answers["traffic.peak_rps"] == .int(900))
        #expect(q.answers["growth"] == .string("likely"))
    }

    @Test func keyDecoderReadsArrowsTextAndSplitSequences() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[A\u{1B}[Bj 1\r".utf8)) == [.up, .down, .character("j"), .space, .character("1"), .enter])
        #expect(decoder.feed([0x1B, UInt8(ascii: "[")]) == [])
        #expect(decoder.feed([UInt8(ascii: "D"), 0x7F, 0x03]) == [.left, .backspace, .interrupt])
        #expect(decoder.feed(Array("é".utf8).prefix(1).map { $0 }) == [])
        #expect(decoder.feed(Array("é".utf8).suffix(1).map { $0 }) == [.character("é")])
    }
}
