import ArgumentParser

// Placeholders until the decision log lands.

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List recorded decisions.")
    func run() throws { throw ValidationError("not built yet") }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one recorded decision.")
    func run() throws { throw ValidationError("not built yet") }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare two recorded decisions.")
    func run() throws { throw ValidationError("not built yet") }
}

struct ADRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "adr", abstract: "Export a recorded decision as an ADR.")
    func run() throws { throw ValidationError("not built yet") }
}

struct RecheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recheck", abstract: "Re-evaluate recorded decisions against the current rules.")
    func run() throws { throw ValidationError("not built yet") }
}
