/// Where plain line prompts read and write: standard input and error in the tool, `ScriptedLines` in tests.
public protocol LineIO: AnyObject {
    /// The next line without its newline, nil at the end of input.
    func readLine() -> String?
    /// Prompts, help and messages for the person answering.
    func write(_ text: String)
}
