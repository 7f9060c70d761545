import ArgumentParser

// Placeholder until its issue lands.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ask", abstract: "Answer the questionnaire interactively.")
    func run() throws { throw ValidationError("not built yet") }
}
