/// How a run of the questionnaire ended.
public enum QuestionnaireOutcome: Sendable {
    /// The user reviewed the answers and asked for the decision.
    case completed(Questionnaire)
    /// Ctrl-C (or the input ended): nothing is to be saved.
    case interrupted
}
