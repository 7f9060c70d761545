import ArgumentParser
import DecisionModel
import Foundation
import RuleSpec

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
            WithdrawCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line like `ParsableCommand.main()`, but ArgumentParser's own messages echo
    /// user text (an unknown option, a bad value), so they are printed with every control character
    /// escaped, as every diagnostic is: no forged line, no escape sequence reaches the terminal.
    public static func main() {
        // A mistyped subcommand (`archdecide decid`), which ArgumentParser would only call an
        // unexpected argument, gets the nearest command's name.
        if let message = mistypedSubcommand(Array(CommandLine.arguments.dropFirst())) {
            let safe = message.split(separator: "\n", omittingEmptySubsequences: false).map { EchoedText.escape(String($0)) }
            FileHandle.standardError.write(Data((safe.joined(separator: "\n") + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
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

    /// The error for an unknown subcommand where one is expected, naming the nearest one; nil when the
    /// arguments name commands that exist (or are options, or `help`).
    static func mistypedSubcommand(_ arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = ArchDecide.self
        var path = ["archdecide"]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty || argument.hasPrefix("-") || argument == "help" { return nil }
            let names = subcommands.map { $0.configuration.commandName ?? $0._commandName }
            guard let index = names.firstIndex(of: argument) else {
                let hint = Suggestion.nearest(to: argument, in: names).map { "; did you mean '\($0)'?" } ?? ""
                return "error: '\(argument)' is not an \(path.joined(separator: " ")) command\(hint)\n"
                    + "Commands: \(names.joined(separator: ", ")). See '\(path.joined(separator: " ")) --help'."
            }
            command = subcommands[index]
            path.append(names[index])
        }
        return nil
    }
}

/// Exit statuses: 0 success, 65 invalid profile or rules, 64 usage (ArgumentParser's own), 1 other.
public enum ExitStatus {
    public static let invalidInput = ExitCode(65)
    public static let failure = ExitCode(1)
    public static let interrupted = ExitCode(130)
}
