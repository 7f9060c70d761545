import ArgumentParser
import DecisionModel
import Foundation

/// The `archdecide` command: choose monolith, microservice or hybrid for an AI backend, and start it.
public struct ArchDecide: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "archdecide",
        abstract: "Decide between a monolith, a microservice and a hybrid for an AI backend, explain why, and start the repo.",
        version: version,
        subcommands: [
            DecideCommand.self, AskCommand.self, GenerateCommand.self, QuestionsCommand.self, RulesCommand.self,
            HistoryCommand.self, ShowCommand.self, DiffCommand.self, ADRCommand.self, RecheckCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line like `ParsableCommand.main()`, but ArgumentParser's own messages echo
    /// user text (an unknown option, a bad value), so they are printed with every control character
    /// escaped, as every diagnostic is: no forged line, no escape sequence reaches the terminal.
    public static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // The message may quote an argument, line breaks included: the same parse over the
            // arguments escaped gives the same message with them escaped.
            let escaped = CommandLine.arguments.dropFirst().map(EchoedText.escape)
            do {
                _ = try parseAsRoot(Array(escaped))
                exit(error)
            } catch let shown {
                exit(exitCode(for: error) == exitCode(for: shown) ? shown : error)
            }
        }
        do {
            try command.run()
        } catch {
            exit(error)
        }
    }

    /// Prints what ArgumentParser would for `error` (help on standard output, the rest on standard
    /// error, each line escaped) and exits with its code.
    private static func exit(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            let safe = message.split(separator: "\n", omittingEmptySubsequences: false).map { EchoedText.escape(String($0)) }
            FileHandle.standardError.write(Data((safe.joined(separator: "\n") + "\n").utf8))
        }
        Foundation.exit(code.rawValue)
    }
}

/// Exit statuses: 0 success, 65 invalid profile or rules, 64 usage (ArgumentParser's own), 1 other.
public enum ExitStatus {
    public static let invalidInput = ExitCode(65)
    public static let failure = ExitCode(1)
    public static let interrupted = ExitCode(130)
}
