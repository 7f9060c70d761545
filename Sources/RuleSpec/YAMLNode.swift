import DecisionModel

/// A YAML node with the position it starts at, as the reader composed it.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// Text and whether it was written plain (unquoted), which decides how it may be typed.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public var content: Content
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The text of a scalar, else nil.
    public var scalar: String? {
        if case .scalar(let s, _) = content { s } else { nil }
    }

    /// True for `~`, `null`, `Null`, `NULL` and an empty plain scalar.
    public var isNull: Bool {
        if case .scalar(let s, plain: true) = content { ["", "~", "null", "Null", "NULL"].contains(s) } else { false }
    }

    /// What the node is, for messages: "a mapping", "a list", "the text 'abc'".
    public var kindDescription: String {
        switch content {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s, let plain):
            if plain && isNull { "no value" } else if plain { "'\(s)'" } else { "the quoted text \"\(s)\"" }
        }
    }
}
