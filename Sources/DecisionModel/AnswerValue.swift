/// The value of one answer in a profile, typed by its question.
public enum AnswerValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([String])
    /// An optional answer left unset (e.g. no latency target).
    case null

    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var intValue: Int? { if case .int(let i) = self { i } else { nil } }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var listValue: [String]? { if case .list(let l) = self { l } else { nil } }

    /// As YAML or a reader would write it: `true`, `3000`, `significant`, `[crud, content]`, `unset`.
    public var description: String {
        switch self {
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): s
        case .list(let l): "[" + l.joined(separator: ", ") + "]"
        case .null: "unset"
        }
    }
}
