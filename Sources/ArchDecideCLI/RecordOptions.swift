import ArgumentParser
import DecisionModel

/// What a recorder gets for one decision.
struct DecisionContext {
    var profile: Profile
    var evaluation: Evaluation
    var ruleSet: RuleSet
    var generatedPath: String?
    var topologyOverride: Topology?
}

/// Writes decisions to the decision log; false when the record failed (the decision is still printed).
protocol DecisionRecording {
    func record(_ decision: DecisionContext) -> Bool
}

/// `--no-record` and `--db PATH`: where (and whether) a decision is logged.
struct RecordOptions: ParsableArguments {
    @Flag(name: .customLong("no-record"), help: "Do not write this decision to the decision log.")
    var noRecord = false

    @Option(name: .customLong("db"), help: ArgumentHelp("The decision log database (default: $ARCHDECIDE_DB, else $XDG_DATA_HOME/archdecide/decisions.sqlite).", valueName: "PATH"))
    var database: String?

    /// The recorder to use, or nil when recording is off. (Filled in by the decision log.)
    func recorder(console: Console) -> DecisionRecording? {
        nil
    }
}
