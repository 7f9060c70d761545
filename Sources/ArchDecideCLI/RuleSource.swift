import ArgumentParser
import BundledRules
import DecisionModel
import Foundation
import RuleSpec

/// `--rules DIR`: evaluate with another rule set than the one built into the binary.
struct RulesOption: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rules folder to use instead of the built-in rules.", valueName: "DIR"))
    var folder: String?

    /// Loads the rule set or prints its diagnostics and exits 65.
    func load(console: Console) throws -> RuleSet {
        let result = RuleSource.load(folder: folder)
        console.report(result.diagnostics.filter { $0.severity == .error })
        guard let ruleSet = result.ruleSet else { throw ExitStatus.invalidInput }
        return ruleSet
    }
}

/// Where rule sets come from: the copy built into the binary, or a folder.
enum RuleSource {
    static func files(folder: String?) -> Result<RuleFiles, Diagnostic> {
        if let folder { return RuleFiles.folder(folder) }
        return .success(RuleFiles(files: BundledRules.files, origin: "built-in"))
    }

    /// Loads a rule set; `includeTests` also reads the case corpus and the rules' examples.
    static func load(folder: String?, includeTests: Bool = false) -> RuleSetLoader.Result {
        switch files(folder: folder) {
        case .failure(let diagnostic): return RuleSetLoader.Result(ruleSet: nil, diagnostics: [diagnostic])
        case .success(let files): return RuleSetLoader(includeTests: includeTests).load(files)
        }
    }
}
