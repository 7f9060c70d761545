import ArgumentParser
import DecisionModel
import RuleEngine
import RuleSpec

/// `archdecide rules lint|test [DIR]`: check and test a rule set (the built-in one by default).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check and test a rule set.",
        subcommands: [Lint.self, Test.self]
    )

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report unknown fields, type mismatches, duplicate ids, unused questions and unreachable conditions.",
            discussion: "Exit status: 0 no errors (warnings may be printed), 65 errors found.")

        @Argument(help: ArgumentHelp("The rules folder (default: the built-in rules).", valueName: "DIR"))
        var folder: String?

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            let console = Console()
            let loaded = RuleSource.load(folder: folder, includeTests: true)
            var findings = loaded.diagnostics
            if let ruleSet = loaded.ruleSet { findings += RuleLinter.lint(ruleSet) }
            findings = findings.sortedByLocation()
            console.report(findings)
            let errors = findings.filter { $0.severity == .error || strict }.count
            let warnings = findings.count - findings.filter { $0.severity == .error }.count
            if let ruleSet = loaded.ruleSet {
                console.out("\(ruleSet.origin): \(counted(ruleSet.catalog.questions.count, "question")), \(counted(ruleSet.rules.count, "rule")), \(counted(ruleSet.cases.count, "case")); \(counted(findings.filter { $0.severity == .error }.count, "error")), \(counted(warnings, "warning"))")
            }
            if errors > 0 || loaded.ruleSet == nil { throw ExitStatus.invalidInput }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples and the case corpus (cases/*.yaml).",
            discussion: "Exit status: 0 all passed, 65 a failure or an invalid rule set.")

        @Argument(help: ArgumentHelp("The rules folder (default: the built-in rules).", valueName: "DIR"))
        var folder: String?

        @Flag(name: .shortAndLong, help: "List every example and case, not only failures.")
        var verbose = false

        func run() throws {
            let console = Console()
            let loaded = RuleSource.load(folder: folder, includeTests: true)
            console.report(loaded.diagnostics.filter { $0.severity == .error })
            guard let ruleSet = loaded.ruleSet else { throw ExitStatus.invalidInput }
            let outcomes = RuleTester.run(ruleSet)
            let style = Style(enabled: console.colorOut)
            if verbose {
                for o in outcomes { console.out("\(o.passed ? style.green("ok  ") : style.red("FAIL")) \(o.name)") }
            }
            console.report(outcomes.compactMap(\.failure))
            let failed = outcomes.filter { !$0.passed }.count
            console.out("rules test: \(outcomes.count - failed) passed, \(failed) failed")
            if failed > 0 { throw ExitStatus.invalidInput }
        }
    }
}
