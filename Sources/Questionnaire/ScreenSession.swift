import DecisionModel
import RuleEngine

/// The full-screen questionnaire on a raw-mode `Terminal`: one question per screen, arrow keys,
/// j/k and numbers for choices, space for multi-select, y/n, typed numbers validated inline,
/// `?` for help, ← to go back, and a review screen with the live recommendation.
public final class ScreenSession {
    public private(set) var state: Questionnaire
    let terminal: Terminal
    let engine: DecisionEngine
    let name: String
    let palette: Palette

    // What the current screen shows besides the state.
    var cursor = 0
    var picked: [String] = []
    var text = ""
    var message: String?
    var showHelp = false

    /// A session drawing on `terminal`; `engine` gives the review's live recommendation for `name`.
    public init(questionnaire: Questionnaire, terminal: Terminal, engine: DecisionEngine, name: String) {
        state = questionnaire
        self.terminal = terminal
        self.engine = engine
        self.name = name
        palette = Palette(enabled: terminal.colors)
        prepareScreen()
    }

    /// Runs until the user decides or quits; the terminal is back to normal when it returns.
    public func run() -> QuestionnaireOutcome {
        terminal.begin()
        defer { terminal.end() }
        while true {
            terminal.draw(render())
            switch handle(terminal.readKey()) {
            case .stay: continue
            case .decide: return .completed(state)
            case .quit: return .interrupted
            }
        }
    }

    enum Reaction { case stay, decide, quit }

    // MARK: - Keys

    func handle(_ key: Key) -> Reaction {
        switch key {
        case .interrupt, .endOfInput: return .quit
        case .resize: return .stay
        case .character("?"):
            showHelp.toggle()
            return .stay
        default: break
        }
        guard let question = state.current else { return handleReview(key) }
        switch question.kind {
        case .choice, .bool: return handleChoice(key, question)
        case .multi: return handleMulti(key, question)
        case .int, .tags: return handleText(key, question)
        }
    }

    /// The rows of a single-choice screen: the choices, or Yes/No for a bool.
    func options(_ question: Question) -> [(value: AnswerValue, label: String, help: String?)] {
        if question.kind == .bool { return [(.bool(true), "Yes", nil), (.bool(false), "No", nil)] }
        return question.choices.map { (.string($0.value), $0.label, $0.help) }
    }

    func handleChoice(_ key: Key, _ question: Question) -> Reaction {
        let rows = options(question)
        switch key {
        case .up, .character("k"): cursor = (cursor + rows.count - 1) % rows.count
        case .down, .character("j"), .tab: cursor = (cursor + 1) % rows.count
        case .enter, .space, .right, .character("l"): commit(rows[cursor].value)
        case .left, .character("h"), .character("b"), .backspace: goBack()
        case .character("y") where question.kind == .bool, .character("Y") where question.kind == .bool: commit(.bool(true))
        case .character("n") where question.kind == .bool, .character("N") where question.kind == .bool: commit(.bool(false))
        case .character(let c):
            if let n = c.wholeNumberValue, n >= 1, n <= rows.count {
                cursor = n - 1
                commit(rows[n - 1].value)
            } else {
                message = hint(for: question)
            }
        default: break
        }
        return .stay
    }

    func handleMulti(_ key: Key, _ question: Question) -> Reaction {
        let values = question.choiceValues
        func toggle(_ value: String) {
            if let at = picked.firstIndex(of: value) { picked.remove(at: at) } else { picked.append(value) }
        }
        switch key {
        case .up, .character("k"): cursor = (cursor + values.count - 1) % values.count
        case .down, .character("j"), .tab: cursor = (cursor + 1) % values.count
        case .space, .character("x"): toggle(values[cursor])
        case .enter, .right, .character("l"): commit(.list(values.filter(picked.contains)))
        case .left, .character("h"), .character("b"), .backspace: goBack()
        case .character(let c):
            if let n = c.wholeNumberValue, n >= 1, n <= values.count {
                cursor = n - 1
                toggle(values[n - 1])
            } else {
                message = hint(for: question)
            }
        default: break
        }
        return .stay
    }

    func handleText(_ key: Key, _ question: Question) -> Reaction {
        switch key {
        case .enter:
            if let problem = state.submit(text) {
                message = problem  // inline, and the typed text stays for correcting
            } else {
                prepareScreen()
            }
        case .backspace:
            if text.isEmpty { goBack() } else { text.removeLast(); message = nil }
        case .left: goBack()
        case .space: if question.kind == .tags { text.append(" ") }
        case .character(let c):
            if text.count < 200 { text.append(c) }
            message = nil
        default: break
        }
        return .stay
    }

    func handleReview(_ key: Key) -> Reaction {
        let rows = state.asked
        // Rows: every answer, then "Decide".
        switch key {
        case .up, .character("k"): cursor = (cursor + rows.count) % (rows.count + 1)
        case .down, .character("j"), .tab: cursor = (cursor + 1) % (rows.count + 1)
        case .character("d"): return .decide
        case .enter, .right, .space, .character("l"):
            if cursor == rows.count { return .decide }
            state.edit(rows[cursor].id)
            prepareScreen()
        case .left, .character("h"), .character("b"), .backspace: goBack()
        default: message = "↑/↓ to choose an answer, Enter to change it, d to decide"
        }
        return .stay
    }

    func commit(_ value: AnswerValue) {
        if let problem = state.answer(value) {
            message = problem
        } else {
            prepareScreen()
        }
    }

    func goBack() {
        if state.back() { prepareScreen() } else { message = "this is the first question" }
    }

    /// Sets the cursor, selection and text for the step just entered.
    func prepareScreen() {
        message = nil
        showHelp = false
        text = ""
        guard let question = state.current else {
            cursor = state.asked.count  // on "Decide"
            return
        }
        let value = state.value(for: question)
        switch question.kind {
        case .choice, .bool:
            cursor = options(question).firstIndex { $0.value == value } ?? 0
        case .multi:
            picked = value.listValue ?? []
            cursor = 0
        case .int, .tags:
            cursor = 0
        }
    }

    // MARK: - Drawing

    func render() -> String {
        let width = max(terminal.width, 20)
        var lines: [String] = []
        let (number, total) = state.progress
        let counter = state.current == nil ? "review" : "\(number)/\(total)"
        let title = "archdecide ask · \(name)"
        let gap = max(1, width - TextLayout.columns(counter) - min(TextLayout.columns(title), width - counter.count - 1))
        lines.append(palette.bold(TextLayout.fit(title, width - counter.count - 1)) + String(repeating: " ", count: gap) + palette.cyan(counter))
        lines.append(palette.dim(String(repeating: "─", count: width)))
        if let question = state.current {
            renderQuestion(question, width: width, into: &lines)
        } else {
            renderReview(width: width, into: &lines)
        }
        // Never scroll the full-screen view; keep the last line, where the typing goes.
        let limit = max(terminal.height, 10)
        if lines.count > limit { lines = Array(lines.prefix(limit - 1)) + [lines[lines.count - 1]] }
        return lines.joined(separator: "\n")
    }

    func renderQuestion(_ question: Question, width: Int, into lines: inout [String]) {
        lines += TextLayout.wrap(question.prompt, width: width).map(palette.bold)
        if showHelp {
            lines += TextLayout.wrap(question.help, width: width, indent: "  ").map(palette.dim)
        }
        lines.append("")
        let current = state.value(for: question)
        switch question.kind {
        case .choice, .bool:
            for (i, row) in options(question).enumerated() {
                let mark = i == cursor ? "❯" : " "
                let tag = row.value == current ? " ·" + (state.isAnswered(question) ? " your answer" : " default") : ""
                let line = TextLayout.fit("\(mark) \(i + 1). \(row.label)", width - tag.count)
                lines.append((i == cursor ? palette.selected(line) : line) + palette.dim(tag))
                if showHelp, i == cursor, let help = row.help {
                    lines += TextLayout.wrap(help, width: width, indent: "       ").map(palette.dim)
                }
            }
        case .multi:
            for (i, choice) in question.choices.enumerated() {
                let mark = i == cursor ? "❯" : " "
                let box = picked.contains(choice.value) ? "[x]" : "[ ]"
                let line = TextLayout.fit("\(mark) \(box) \(i + 1). \(choice.label)", width)
                lines.append(i == cursor ? palette.selected(line) : line)
            }
        case .int, .tags:
            let shown = Self.describe(current, for: question)
            if question.kind == .int {
                lines.append(palette.dim(TextLayout.fit("  \(AnswerInput.range(question))\(question.defaultValue == .null ? ", or - for none" : "")", width)))
            } else {
                if !question.choices.isEmpty {
                    lines += TextLayout.wrap("known: " + question.choiceValues.joined(separator: ", "), width: width, indent: "  ").map(palette.dim)
                }
                lines.append(palette.dim(TextLayout.fit("  names separated by commas or spaces, - for none", width)))
            }
            lines.append(palette.dim(TextLayout.fit("  Enter keeps: \(shown)", width)))
        }
        lines.append("")
        if let message { lines += TextLayout.wrap("✗ " + message, width: width).map(palette.red) }
        let keys: String
        switch question.kind {
        case .choice: keys = "↑/↓ j/k move · 1-\(question.choices.count) pick · Enter choose · ← back · ? help · Ctrl-C quit"
        case .bool: keys = "y/n · ↑/↓ move · Enter choose · ← back · ? help · Ctrl-C quit"
        case .multi: keys = "↑/↓ j/k move · Space or 1-\(question.choices.count) toggle · Enter done · ← back · ? help · Ctrl-C quit"
        case .int, .tags: keys = "Enter accept · ← or Backspace on empty: back · ? help · Ctrl-C quit"
        }
        lines += TextLayout.wrap(keys, width: width).map(palette.dim)
        if question.kind == .int || question.kind == .tags {
            // Last, so the terminal's cursor stands where the typing goes.
            lines.append(palette.cyan("> ") + TextLayout.fit(text, width - 3))
        }
    }

    func renderReview(width: Int, into lines: inout [String]) {
        lines.append(palette.bold("Review your answers"))
        if showHelp {
            lines += TextLayout.wrap("Choose an answer and press Enter to change it; the live recommendation below follows every change. "
                + "Decide shows the full explanation: scores, the rules that fired and what would change it.", width: width, indent: "  ").map(palette.dim)
        }
        lines.append("")
        let rows = state.asked
        // Prompts get at most half the line; the answers, which are what is being reviewed, the rest.
        let longest = rows.map { TextLayout.columns($0.prompt) }.max() ?? 10
        let labelWidth = max(min(longest, (width - 5) / 2), 10)
        let valueWidth = max(width - labelWidth - 5, 8)
        for (i, question) in rows.enumerated() {
            let mark = i == cursor ? "❯" : " "
            let value = TextLayout.fit(Self.describe(state.value(for: question), for: question), valueWidth)
            let line = "\(mark) " + TextLayout.pad(question.prompt, labelWidth) + "  " + value
            lines.append(i == cursor ? palette.selected(line) : line)
        }
        let decideLine = (cursor == rows.count ? "❯ " : "  ") + "Decide with these answers"
        lines.append(cursor == rows.count ? palette.selected(decideLine) : decideLine)
        lines.append("")
        let evaluation = engine.evaluate(name: name, answers: state.completedAnswers)
        let scores = evaluation.ranking.map { "\($0.rawValue) \(Self.points(evaluation.scores[$0] ?? 0))" }.joined(separator: " · ")
        let live = "Live recommendation: \(evaluation.recommendation.rawValue) (confidence \(Self.confidence(evaluation.confidence)))"
        lines.append(palette.green(TextLayout.fit(live, width)))
        lines += TextLayout.wrap(scores, width: width, indent: "  ").map(palette.dim)
        lines.append("")
        if let message { lines += TextLayout.wrap("✗ " + message, width: width).map(palette.red) }
        lines += TextLayout.wrap("↑/↓ j/k move · Enter change the answer (or decide) · d decide · ← back · ? help · Ctrl-C quit", width: width).map(palette.dim)
    }

    /// An answer as the screens show it: `yes`, `3000`, `crud, content`, `none`.
    public static func describe(_ value: AnswerValue, for question: Question) -> String {
        switch value {
        case .bool(let b): b ? "yes" : "no"
        case .int(let i): String(i)
        case .string(let s): s
        case .list(let l): l.isEmpty ? "none" : l.joined(separator: ", ")
        case .null: "none"
        }
    }

    static func points(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10)
    }

    static func confidence(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    func hint(for question: Question) -> String {
        switch question.kind {
        case .bool: "type y or n, or choose with ↑/↓ and Enter"
        case .multi: "Space or a number toggles a choice; Enter when done"
        default: "type a number from 1 to \(question.choices.count), or choose with ↑/↓ and Enter"
        }
    }
}
