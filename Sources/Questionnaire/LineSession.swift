import Foundation
import DecisionModel
import RuleEngine

/// The questionnaire as plain line prompts: for `TERM=dumb` (interactive: bad input is asked again,
/// and a review lets the user change answers) and for piped input (one answer per line, empty for
/// the default; the first bad line stops with a clear error, the end of input takes the defaults).
public final class LineSession {
    /// A line that is not an answer to its question (piped input stops there).
    public struct Failure: Error, Sendable {
        public var line: Int
        public var question: Question
        public var text: String
        public var message: String
    }

    /// How the session ended.
    public enum Outcome: Sendable {
        case completed(Questionnaire)
        case interrupted
        case failed(Failure)
    }

    public private(set) var state: Questionnaire
    let io: LineIO
    let engine: DecisionEngine
    let name: String
    let interactive: Bool
    /// Question ids that took their value because the input ended before them.
    public private(set) var defaultedAtEnd: [String] = []
    /// Lines left after the last question (piped input only).
    public private(set) var extraLines = 0
    var lineNumber = 0
    /// How many lines were read (answers, commands and extra lines).
    public var lines: Int { lineNumber + extraLines }

    /// A session over `io`; `interactive` re-asks after a bad answer and offers a review.
    public init(questionnaire: Questionnaire, io: LineIO, engine: DecisionEngine, name: String, interactive: Bool) {
        state = questionnaire
        self.io = io
        self.engine = engine
        self.name = name
        self.interactive = interactive
    }

    func read() -> String? {
        guard let line = io.readLine() else { return nil }
        lineNumber += 1
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// Asks until every question that applies is answered (and, when interactive, the review is done).
    public func run() -> Outcome {
        while true {
            if let question = state.current {
                prompt(question)
                guard let line = read() else {
                    if interactive { return .interrupted }
                    while let rest = state.current {  // end of piped input: the rest take their defaults
                        defaultedAtEnd.append(rest.id)
                        state.acceptProposal()
                    }
                    return .completed(state)
                }
                let command = line.trimmingCharacters(in: .whitespaces)
                if command == "?" {
                    io.write(TextLayout.wrap(question.help, width: 78, indent: "  ").joined(separator: "\n") + "\n")
                    continue
                }
                if command == "<" {
                    if !state.back() { io.write("  (this is the first question)\n") }
                    continue
                }
                if let problem = state.submit(line) {
                    let failure = Failure(line: lineNumber, question: question, text: line, message: problem)
                    if !interactive { return .failed(failure) }
                    io.write("  ✗ \(problem)\n")
                }
            } else if interactive {
                io.write(review())
                guard let line = read() else { return .interrupted }
                let command = line.trimmingCharacters(in: .whitespaces)
                if command.isEmpty || command.lowercased() == "d" { return .completed(state) }
                if command == "<" { state.back(); continue }
                let rows = state.asked
                if let n = Int(command), n >= 1, n <= rows.count {
                    state.edit(rows[n - 1].id)
                } else {
                    io.write("  ✗ type a number from 1 to \(rows.count) to change that answer, or press Enter to decide\n")
                }
            } else {
                while io.readLine() != nil { extraLines += 1 }
                return .completed(state)
            }
        }
    }

    func prompt(_ question: Question) {
        let (number, total) = state.progress
        var text = "\n[\(number)/\(total)] \(question.prompt)\n"
        let current = state.value(for: question)
        let shown = ScreenSession.describe(current, for: question)
        switch question.kind {
        case .choice, .multi:
            for (i, choice) in question.choices.enumerated() {
                text += "  \(i + 1)) \(choice.value)\(choice.label == choice.value ? "" : "  \(choice.label)")\n"
            }
            text += question.kind == .multi
                ? "numbers or names, separated by commas; - for none (Enter keeps: \(shown)) > "
                : "number or name (Enter keeps: \(shown)) > "
        case .bool:
            text += "y or n (Enter keeps: \(shown)) > "
        case .int:
            text += "\(AnswerInput.range(question))\(question.defaultValue == .null ? ", - for none" : "") (Enter keeps: \(shown)) > "
        case .tags:
            if !question.choices.isEmpty { text += "  known: \(question.choiceValues.joined(separator: ", "))\n" }
            text += "names separated by commas; - for none (Enter keeps: \(shown)) > "
        }
        io.write(interactive ? text.replacingOccurrences(of: " > ", with: " (? help, < back) > ") : text)
    }

    func review() -> String {
        var text = "\nReview your answers:\n"
        for (i, question) in state.asked.enumerated() {
            text += "  \(i + 1)) \(question.id) = \(ScreenSession.describe(state.value(for: question), for: question))\n"
        }
        let evaluation = engine.evaluate(name: name, answers: state.completedAnswers)
        text += "Live recommendation: \(evaluation.recommendation.rawValue) (confidence \(ScreenSession.confidence(evaluation.confidence)))\n"
        text += "Enter to decide, a number to change that answer, < to go back > "
        return text
    }
}
