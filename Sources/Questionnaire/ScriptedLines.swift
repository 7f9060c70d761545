/// The in-memory twin of the standard streams for line prompts.
public final class ScriptedLines: LineIO {
    public var lines: [String]
    public private(set) var output = ""
    /// Lines to play as standard input.
    public init(_ lines: [String]) { self.lines = lines }
    /// The next scripted line, nil when they run out.
    public func readLine() -> String? { lines.isEmpty ? nil : lines.removeFirst() }
    /// Keeps what was written in `output`.
    public func write(_ text: String) { output += text }
}
