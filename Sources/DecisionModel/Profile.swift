/// A project profile as read from YAML (contract: profile-v1): the envelope and the answers given.
public struct Profile: Hashable, Sendable {
    public static let supportedVersion = 1
    /// What a description may hold: plain text, with line feeds and tabs (every writer shows them
    /// as spaces). The first scalar it may not hold (CR, NUL, BEL, ESC, other controls, line
    /// separators, bidi controls), or nil.
    public static func unsafeDescriptionScalar(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && $0 != "\t" && EchoedText.isUnsafe($0) }
    }

    /// A description as one line of plain text, for every writer: each run of line breaks and tabs
    /// becomes one space, and any other unsafe scalar (from a log written before the loader
    /// refused them) is shown escaped. Iterates scalars, so `"\r\n"` (one `Character`) is two breaks.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                space = true
            default:
                if space && !out.isEmpty { out += " " }
                space = false
                if EchoedText.isUnsafe(scalar) { out += scalar.escaped(asASCII: true) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// `^[a-z][a-z0-9-]{0,62}$`: it names the starter repo and its Swift targets.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-")
        }
    }

    public var version: Int
    public var name: String
    public var description: String?
    /// The answers the file gives, by question id; missing ones are completed from the questionnaire.
    public var answers: [String: AnswerValue]
    /// Where each given answer stands in the file, by question id.
    public var locations: [String: SourceLocation]
    /// The file it came from (`-` for standard input).
    public var file: String
    /// The text as given, kept for the decision log.
    public var text: String

    public init(version: Int = Profile.supportedVersion, name: String, description: String? = nil,
                answers: [String: AnswerValue], locations: [String: SourceLocation] = [:],
                file: String = "-", text: String = "") {
        self.version = version
        self.name = name
        self.description = description
        self.answers = answers
        self.locations = locations
        self.file = file
        self.text = text
    }
}

/// A profile's answers completed with the questionnaire's defaults.
public struct Answers: Hashable, Sendable {
    public var values: [String: AnswerValue]
    /// The fields that took a default because the profile left them out, in questionnaire order.
    public var assumed: [String]
    /// Every field the profile left out (assumed or not), so checks can tell a given answer from a default.
    public var defaulted: Set<String> = []

    public init(values: [String: AnswerValue], assumed: [String], defaulted: Set<String> = []) {
        self.values = values
        self.assumed = assumed
        self.defaulted = defaulted
    }

    public subscript(field: String) -> AnswerValue { values[field] ?? .null }

    /// Two sets of answers are equal when their values and assumed fields are; `defaulted` is a
    /// reading aid derived from the profile, not part of what was decided.
    public static func == (a: Answers, b: Answers) -> Bool { a.values == b.values && a.assumed == b.assumed }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
        hasher.combine(assumed)
    }

    /// Fills every question the answers lack with its default.
    public static func completing(_ given: [String: AnswerValue], with catalog: QuestionCatalog) -> Answers {
        var values = given
        var assumed: [String] = []
        for question in catalog.questions where given[question.id] == nil {
            let value = question.defaultFrom.flatMap { values[$0] } ?? question.defaultValue
            values[question.id] = value
            // A question the questionnaire would not ask (its `when` fails) is not a guess worth listing.
            let asked = question.when.map { $0.holds(Answers(values: values, assumed: [])) } ?? true
            if value != .null && asked { assumed.append(question.id) }
        }
        return Answers(values: values, assumed: assumed, defaulted: Set(catalog.questions.map(\.id).filter { given[$0] == nil }))
    }
}
