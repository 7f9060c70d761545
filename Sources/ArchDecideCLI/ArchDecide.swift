import ArgumentParser

/// The `archdecide` command: choose monolith, microservice or hybrid for an AI backend, and start it.
public struct ArchDecide: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "archdecide",
        abstract: "Decide between a monolith, a microservice and a hybrid for an AI backend, explain why, and start the repo.",
        version: version,
        subcommands: [
            DecideCommand.self, AskCommand.self, GenerateCommand.self, UpdateCommand.self, QuestionsCommand.self, RulesCommand.self,
            HistoryCommand.self, ShowCommand.self, DiffCommand.self, ADRCommand.self, RecheckCommand.self,
        ]
    )

    public init() {}
}

/// Exit statuses: 0 success, 65 invalid profile or rules, 64 usage (ArgumentParser's own), 1 other.
public enum ExitStatus {
    public static let invalidInput = ExitCode(65)
    public static let failure = ExitCode(1)
    public static let interrupted = ExitCode(130)
}
