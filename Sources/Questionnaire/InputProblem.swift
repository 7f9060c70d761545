/// Why typed text is not an answer to a question, said so a user can fix it.
public struct InputProblem: Error, Hashable, Sendable {
    public var message: String
    /// A problem with its message.
    public init(_ message: String) { self.message = message }
}
