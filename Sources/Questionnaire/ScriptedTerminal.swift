/// The in-memory twin of `TTYTerminal`: plays a script of keys and keeps every frame drawn.
public final class ScriptedTerminal: Terminal {
    public var width: Int
    public var height: Int
    public var colors: Bool
    /// Keys still to play; when they run out, `readKey` returns `.endOfInput`.
    public var keys: [Key]
    /// Every frame drawn, in order.
    public private(set) var frames: [String] = []
    public private(set) var began = 0
    public private(set) var ended = 0

    /// A terminal of the given size that plays `keys`.
    public init(keys: [Key], width: Int = 80, height: Int = 24, colors: Bool = false) {
        self.keys = keys
        self.width = width
        self.height = height
        self.colors = colors
    }

    /// Keys for typing `text` character by character.
    public static func typing(_ text: String) -> [Key] {
        text.map { $0 == " " ? .space : .character($0) }
    }

    /// The frame on screen now.
    public var lastFrame: String { frames.last ?? "" }

    /// Counts the calls, so tests can check the terminal is always ended.
    public func begin() { began += 1 }
    /// Counts the calls.
    public func end() { ended += 1 }
    /// Keeps the frame.
    public func draw(_ frame: String) { frames.append(frame) }
    /// The next scripted key; `.endOfInput` when the script is over.
    public func readKey() -> Key { keys.isEmpty ? .endOfInput : keys.removeFirst() }
}
