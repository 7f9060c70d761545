/// ANSI styling for the questionnaire screens; plain text when colour is off.
public struct Palette: Sendable {
    public var enabled: Bool
    /// A palette that styles only when `enabled`.
    public init(enabled: Bool) { self.enabled = enabled }
    func sgr(_ code: String, _ text: String) -> String { enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    /// Bold text.
    public func bold(_ t: String) -> String { sgr("1", t) }
    /// Dimmed text: hints and help.
    public func dim(_ t: String) -> String { sgr("2", t) }
    /// Red text: problems.
    public func red(_ t: String) -> String { sgr("31", t) }
    /// Green text: the recommendation.
    public func green(_ t: String) -> String { sgr("32", t) }
    /// Cyan text: progress.
    public func cyan(_ t: String) -> String { sgr("36", t) }
    /// Bold cyan text: the highlighted row.
    public func selected(_ t: String) -> String { sgr("1;36", t) }
}
