import ArgumentParser

// Placeholder until its issue lands.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a starter repository for the chosen layout.")
    func run() throws { throw ValidationError("not built yet") }
}
