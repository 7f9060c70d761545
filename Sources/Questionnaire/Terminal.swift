/// The terminal the questionnaire UI draws on and reads keys from; `TTYTerminal` is the real one,
/// `ScriptedTerminal` its in-memory twin for tests.
public protocol Terminal: AnyObject {
    /// Columns available for output.
    var width: Int { get }
    /// Rows available for output.
    var height: Int { get }
    /// Whether ANSI colour may be used (decided by the caller: a colour terminal and no `NO_COLOR`).
    var colors: Bool { get }
    /// Enters raw mode and the full-screen view.
    func begin()
    /// Leaves raw mode and the full-screen view; safe to call twice.
    func end()
    /// Replaces the screen with `frame` (lines separated by "\n").
    func draw(_ frame: String)
    /// The next key; blocks until there is one.
    func readKey() -> Key
}
