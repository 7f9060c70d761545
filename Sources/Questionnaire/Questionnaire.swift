import DecisionModel
import RuleEngine

/// The questionnaire as a pure state machine over a `QuestionCatalog`: which question is current,
/// the answers so far, going back, skipping by `when`, validation and the review step.
///
/// It does no I/O; the terminal UI and the line prompts drive it, and tests drive it directly.
public struct Questionnaire: Sendable {
    /// Where the questionnaire stands: at a question (its index in the catalog) or at the review.
    public enum Step: Hashable, Sendable {
        case question(Int)
        case review
    }

    public let catalog: QuestionCatalog
    /// The values proposed when a question is first shown: a starting profile's answers, else the catalog's defaults.
    public let proposals: [String: AnswerValue]
    /// The answers given so far, by question id (kept for hidden questions, in case they come back).
    public private(set) var given: [String: AnswerValue] = [:]
    public private(set) var step: Step

    /// Starts at the first question that applies; `starting` (e.g. a loaded profile's answers) replaces defaults.
    public init(catalog: QuestionCatalog, starting: [String: AnswerValue] = [:]) {
        self.catalog = catalog
        self.proposals = starting.filter { catalog[$0.key] != nil }
        step = .review
        step = next(after: -1, onlyUnanswered: false)
    }

    // MARK: - Reading the state

    /// The question being asked, nil at the review.
    public var current: Question? {
        if case .question(let i) = step { return catalog.questions[i] }
        return nil
    }

    /// The value a question shows and takes on Enter: the answer given, else the proposal, else the default.
    public func value(for question: Question) -> AnswerValue {
        given[question.id] ?? proposals[question.id] ?? question.defaultValue
    }

    /// Which questions apply, in catalog order: a question whose `when` is false over the answers before it is skipped.
    public var applicable: [Bool] {
        var values: [String: AnswerValue] = [:]
        for question in catalog.questions { values[question.id] = value(for: question) }
        var result: [Bool] = []
        for question in catalog.questions {
            let applies = question.when?.holds(Answers(values: values, assumed: [])) ?? true
            // A skipped question is left out of the profile, so later conditions see its default.
            if !applies { values[question.id] = question.defaultValue }
            result.append(applies)
        }
        return result
    }

    /// The questions that apply now, in order.
    public var asked: [Question] {
        zip(catalog.questions, applicable).compactMap { $1 ? $0 : nil }
    }

    /// `3/11`: the current question's place among the questions that apply (at the review, the total both ways).
    public var progress: (number: Int, total: Int) {
        let flags = applicable
        let total = flags.filter { $0 }.count
        guard case .question(let i) = step else { return (total, total) }
        return (flags[...i].filter { $0 }.count, total)
    }

    /// The answers as the profile will hold them: every applicable question, unset optional ones left out.
    public var answers: [String: AnswerValue] {
        var result: [String: AnswerValue] = [:]
        for question in asked {
            let value = value(for: question)
            if value != .null { result[question.id] = value }
        }
        return result
    }

    /// The answers completed as the engine sees them (what `decide` would evaluate for the saved profile).
    public var completedAnswers: Answers { Answers.completing(answers, with: catalog) }

    /// Whether a question was answered in this session (not only proposed).
    public func isAnswered(_ question: Question) -> Bool { given[question.id] != nil }

    // MARK: - Moving

    /// Answers the current question; returns why the value is refused (nothing changes then), or nil.
    @discardableResult
    public mutating func answer(_ value: AnswerValue) -> String? {
        guard case .question(let i) = step else { return "there is no question to answer at the review" }
        let question = catalog.questions[i]
        if let problem = AnswerInput.problem(with: value, for: question) { return problem }
        let editing = isEditing
        given[question.id] = value
        step = next(after: i, onlyUnanswered: editing)
        if step == .review { editingFromReview = false }
        return nil
    }

    /// Takes the value shown (the earlier answer, the starting profile's, or the default).
    public mutating func acceptProposal() {
        guard let question = current else { return }
        answer(value(for: question))
    }

    /// Parses typed text (empty = the value shown) and answers with it; returns the problem, or nil.
    @discardableResult
    public mutating func submit(_ text: String) -> String? {
        guard let question = current else { return "there is no question to answer at the review" }
        switch AnswerInput.parse(text, for: question, current: value(for: question)) {
        case .failure(let problem): return problem.message
        case .success(let value): return answer(value)
        }
    }

    /// Goes to the applicable question before the current one (from the review, the last one); false at the first.
    @discardableResult
    public mutating func back() -> Bool {
        let flags = applicable
        let from: Int
        switch step {
        case .question(let i): from = i
        case .review: from = catalog.questions.count
        }
        guard let previous = (0..<from).last(where: { flags[$0] }) else { return false }
        step = .question(previous)
        editingFromReview = false
        return true
    }

    /// From the review: asks one question again, then returns to the review (by way of any question the change brings in).
    public mutating func edit(_ id: String) {
        guard let i = catalog.questions.firstIndex(where: { $0.id == id }), applicable[i] else { return }
        step = .question(i)
        editingFromReview = true
    }

    /// Jumps to the review (used by `--defaults` and at the end).
    public mutating func review() {
        step = .review
        editingFromReview = false
    }

    var editingFromReview = false
    var isEditing: Bool { editingFromReview }

    /// The next applicable question after `index` (when editing, the next one never answered), else the review.
    func next(after index: Int, onlyUnanswered: Bool) -> Step {
        let flags = applicable
        for j in (index + 1)..<catalog.questions.count {
            if flags[j] && (!onlyUnanswered || given[catalog.questions[j].id] == nil) { return .question(j) }
        }
        return .review
    }
}
