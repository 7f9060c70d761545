import DecisionModel

/// Answers that contradict each other or that the questionnaire would not have asked for: the
/// profile is still decided, but each gives a coded warning (`decide --strict` refuses them).
public enum AnswerChecks {
    public static func warnings(_ answers: Answers, catalog: QuestionCatalog) -> [AnswerWarning] {
        var warnings: [AnswerWarning] = []
        func given(_ id: String) -> Bool { !answers.defaulted.contains(id) && answers[id] != .null }
        if answers["admin_ui"] == .bool(true) && answers["data_model"] == .string("none") {
            warnings.append(AnswerWarning(
                code: "admin-without-data-model",
                message: "admin_ui is true but data_model is none: an admin portal edits records, and this service keeps none; one of the two answers is likely wrong",
                field: "admin_ui"))
        }
        if given("traffic.ai_peak_rps"), let ai = answers["traffic.ai_peak_rps"].intValue,
           let peak = answers["traffic.peak_rps"].intValue, ai > peak {
            warnings.append(AnswerWarning(
                code: "ai-above-peak",
                message: "traffic.ai_peak_rps (\(ai)) is above traffic.peak_rps (\(peak)), the peak over all paths, AI ones included; the AI paths are judged at \(ai)",
                field: "traffic.ai_peak_rps"))
        }
        if given("workloads"), answers["workloads"].listValue?.isEmpty == true {
            warnings.append(AnswerWarning(
                code: "no-workloads",
                message: "workloads is empty: no rule about the kind of work can fire; list what the service does (e.g. [crud])",
                field: "workloads"))
        }
        for question in catalog.questions where given(question.id) {
            guard let when = question.when, !when.holds(answers) else { continue }
            let reason = when.trace(answers).deciding.map(describe).joined(separator: "; ")
            warnings.append(AnswerWarning(
                code: "not-asked",
                message: "\(question.id) is given, but the questionnaire asks it only when \(reason); it still counts, check it is meant",
                field: question.id))
        }
        return warnings
    }

    /// A failed test of a question's `when`, as the condition it wanted.
    static func describe(_ step: TestTrace) -> String {
        "\(step.test.description) (it is \(step.actual))"
    }
}
