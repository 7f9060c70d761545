/// One question of the questionnaire, which is also one field of the profile.
public struct Question: Hashable, Sendable {
    /// The kinds of answer a question takes; each maps to one YAML shape in the profile.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One of `choices` (a YAML string).
        case choice
        /// Any subset of `choices`, no repeats (a YAML list of strings).
        case multi
        /// `true` or `false`.
        case bool
        /// A whole number between `minimum` and `maximum`.
        case int
        /// Free names (a YAML list of strings); names in `choices` are suggestions, others are kept.
        case tags
    }

    /// One allowed value of a choice or multi question.
    public struct Choice: Hashable, Sendable {
        public var value: String
        public var label: String
        public var help: String?
        public init(value: String, label: String, help: String? = nil) {
            self.value = value
            self.label = label
            self.help = help
        }
    }

    /// The profile path, dotted for nested keys (`traffic.peak_rps`).
    public var id: String
    public var prompt: String
    /// Why the question matters, paraphrasing the framework.
    public var help: String
    public var kind: Kind
    public var choices: [Choice]
    /// The answer taken when the profile leaves the field out; `.null` for an optional field with none.
    public var defaultValue: AnswerValue
    public var minimum: Int?
    public var maximum: Int?
    /// Asked only when this holds over earlier answers.
    public var when: Condition?
    /// When the profile leaves it out, the answer to this (earlier) question stands in (`default_from`).
    public var defaultFrom: String?
    public var location: SourceLocation

    public init(id: String, prompt: String, help: String, kind: Kind, choices: [Choice] = [],
                defaultValue: AnswerValue, minimum: Int? = nil, maximum: Int? = nil,
                when: Condition? = nil, location: SourceLocation) {
        self.id = id
        self.prompt = prompt
        self.help = help
        self.kind = kind
        self.choices = choices
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.when = when
        self.location = location
    }

    public var choiceValues: [String] { choices.map(\.value) }

    /// The path split into keys: `traffic.peak_rps` -> `["traffic", "peak_rps"]`.
    public var path: [String] { id.split(separator: ".").map(String.init) }

    /// Whether `value` is a well-typed, in-range answer to this question (nil when it is), else why not.
    public func problem(with value: AnswerValue) -> String? {
        switch (kind, value) {
        case (.choice, .string(let s)):
            return choiceValues.contains(s) ? nil : "must be one of: \(choiceValues.joined(separator: ", "))"
        case (.multi, .list(let l)):
            if let bad = l.first(where: { !choiceValues.contains($0) }) {
                return "'\(bad)' is not one of: \(choiceValues.joined(separator: ", "))"
            }
            if Set(l).count != l.count { return "lists a value twice" }
            return nil
        case (.tags, .list(let l)):
            return Set(l).count != l.count ? "lists a value twice" : nil
        case (.bool, .bool):
            return nil
        case (.int, .int(let i)):
            if let minimum, i < minimum { return "must be at least \(minimum)" }
            if let maximum, i > maximum { return "must be at most \(maximum)" }
            return nil
        case (.int, .null):
            return defaultValue == .null ? nil : "must be a whole number"
        default:
            return "must be \(kind.expectation)"
        }
    }
}

extension Question.Kind {
    /// What a user must write, for messages: "true or false", "a whole number", ...
    public var expectation: String {
        switch self {
        case .choice: "one of the listed values"
        case .multi: "a list of the listed values"
        case .bool: "true or false"
        case .int: "a whole number"
        case .tags: "a list of names"
        }
    }
}

/// The ordered questions of the questionnaire; the profile schema is derived from it.
public struct QuestionCatalog: Hashable, Sendable {
    public var questions: [Question]

    public init(questions: [Question]) {
        self.questions = questions
    }

    public subscript(id: String) -> Question? { questions.first { $0.id == id } }

    public var ids: [String] { questions.map(\.id) }
}
