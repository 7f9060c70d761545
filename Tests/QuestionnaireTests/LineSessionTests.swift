import DecisionModel
import Questionnaire
import Testing

/// Plain line prompts (TERM=dumb) and piped answers, with the scripted lines twin.
@Suite struct LineSessionTests {
    func session(_ lines: [String], interactive: Bool) -> (LineSession, ScriptedLines) {
        let io = ScriptedLines(lines)
        let s = LineSession(questionnaire: Questionnaire(catalog: Fixtures.catalog), io: io, engine: Fixtures.engine,
                            name: "deskpilot", interactive: interactive)
        return (s, io)
    }

    @Test func pipedAnswersOneALineEmptyForDefault() throws {
        let (s, _) = session(["significant", "y", "", "yes", "3", "", "crud, embeddings", "n", "3000", "", "", "8", "django"], interactive: false)
        guard case .completed(let q) = s.run() else { Issue.record("not completed"); return }
        #expect(q.answers["data_model"] == .string("significant"))
        #expect(q.answers["auth"] == .bool(false))
        #expect(q.answers["traffic.latency_p99_ms"] == nil)
        #expect(q.answers["traffic.ai_peak_rps"] == nil, "left empty: the peak over all paths stands in")
        #expect(q.answers["team.knows"] == .list(["django"]))
        #expect(s.extraLines == 0)
    }

    @Test func pipedBadLineStopsWithItsLineNumber() {
        let (s, _) = session(["", "", "", "", "", "", "", "", "lots"], interactive: false)
        guard case .failed(let failure) = s.run() else { Issue.record("expected failure"); return }
        #expect(failure.line == 9)
        #expect(failure.question.id == "traffic.peak_rps")
        #expect(failure.message.contains("not a whole number"))
    }

    @Test func pipedEndOfInputTakesTheDefaults() {
        let (s, _) = session(["none"], interactive: false)
        guard case .completed(let q) = s.run() else { Issue.record("not completed"); return }
        #expect(q.answers["data_model"] == .string("none"))
        #expect(s.defaultedAtEnd.count == 10)
    }

    @Test func dumbTerminalAsksAgainGoesBackAndReviews() {
        let lines = ["?", "simple", "<", "none", "maybe", "y"] + Array(repeating: "", count: 9) + ["1", "3", ""]
        let (s, io) = session(lines, interactive: true)
        guard case .completed(let q) = s.run() else { Issue.record("not completed: \(io.output)"); return }
        #expect(q.answers["data_model"] == .string("significant"))
        #expect(q.answers["admin_ui"] == .bool(true))
        #expect(io.output.contains("✗ 'maybe' is not an answer here"))
        #expect(io.output.contains("[1/11]"))
        #expect(io.output.contains("Review your answers"))
        #expect(io.output.contains("Live recommendation:"))
        #expect(io.output.contains("The first of the framework's deciding questions"))
    }
}
