import ArgumentParser
import DecisionLog
import DecisionModel
import Foundation

/// What a recorder gets for one decision.
struct DecisionContext {
    var profile: Profile
    var evaluation: Evaluation
    var ruleSet: RuleSet
    var generatedPath: String?
    var topologyOverride: Topology?
    /// Set by `update`: the decision carried a repo forward, after this earlier one (when the log has it).
    var update: UpdateLink? = nil
}

/// Writes decisions to the decision log; false when the record failed (the decision is still printed).
protocol DecisionRecording {
    func record(_ decision: DecisionContext) -> Bool
}

/// The `--db` help, shared by the commands that write and those that read the log.
let databaseHelp = ArgumentHelp(
    "The decision log database (default: $ARCHDECIDE_DB, else $XDG_DATA_HOME/archdecide/decisions.sqlite, else ~/.local/share/archdecide/decisions.sqlite; `archdecide history --path` prints it).",
    valueName: "PATH")

/// `--record`, `--no-record` and `--db PATH`: where (and whether) a decision is logged.
///
/// A decision is recorded when a person makes one: `ask` and `generate` record by default, `decide`
/// only with `--record` or `ARCHDECIDE_RECORD=1` (so running the examples leaves the log alone).
/// `ARCHDECIDE_RECORD=0` turns the default off for every command; the flags beat the environment.
struct RecordOptions: ParsableArguments {
    @Flag(name: .customLong("record"), help: "Write this decision to the decision log (decide records only with this or ARCHDECIDE_RECORD=1; ask and generate record unless --no-record).")
    var forceRecord = false

    @Flag(name: .customLong("no-record"), help: "Do not write this decision to the decision log.")
    var noRecord = false

    @Option(name: .customLong("db"), help: databaseHelp)
    var database: String?

    func validate() throws {
        if forceRecord && noRecord { throw ValidationError("--record and --no-record contradict each other; give one") }
    }

    /// Whether this run records: the flags, else `ARCHDECIDE_RECORD` (1/true/yes or 0/false/no), else the command's default.
    func records(byDefault: Bool, environment: [String: String]) -> Bool {
        if noRecord { return false }
        if forceRecord { return true }
        switch environment["ARCHDECIDE_RECORD"]?.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: return byDefault
        }
    }

    /// The recorder to use, or nil when recording is off. The database is opened at the first record.
    func recorder(console: Console, byDefault: Bool) -> DecisionRecording? {
        recorder(console: console, byDefault: byDefault, environment: ProcessInfo.processInfo.environment)
    }

    func recorder(console: Console, byDefault: Bool, environment: [String: String], clock: any DecisionClock = SystemClock()) -> DecisionRecording? {
        guard records(byDefault: byDefault, environment: environment) else { return nil }
        let location = DecisionLogLocation(explicit: database, environment: environment)
        return LogRecorder(location: location, console: console, clock: clock,
                           announce: isatty(STDERR_FILENO) == 1)
    }
}

/// Where the decision log is and how long a write waits for another process: `--db`, then the environment.
struct DecisionLogLocation: Equatable {
    var path: String
    var busyTimeout: TimeInterval

    /// `--db PATH`, else `$ARCHDECIDE_DB`, else `$XDG_DATA_HOME/archdecide/decisions.sqlite` (an absolute
    /// XDG_DATA_HOME only, as the XDG spec says), else `~/.local/share/archdecide/decisions.sqlite`.
    /// `$ARCHDECIDE_DB_TIMEOUT` (seconds) overrides the 5-second busy timeout.
    init(explicit: String?, environment: [String: String]) {
        func nonEmpty(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let explicit, !explicit.isEmpty {
            path = explicit
        } else if let env = nonEmpty("ARCHDECIDE_DB") {
            path = env
        } else if let xdg = nonEmpty("XDG_DATA_HOME"), xdg.hasPrefix("/") {
            path = (xdg as NSString).appendingPathComponent("archdecide/decisions.sqlite")
        } else {
            let home = nonEmpty("HOME") ?? NSHomeDirectory()
            path = (home as NSString).appendingPathComponent(".local/share/archdecide/decisions.sqlite")
        }
        if let text = nonEmpty("ARCHDECIDE_DB_TIMEOUT"), let seconds = TimeInterval(text), seconds >= 0, seconds.isFinite {
            busyTimeout = seconds
        } else {
            busyTimeout = SQLiteDecisionStore.defaultBusyTimeout
        }
    }

    /// Opens the log for writing, creating it and its folders on first use.
    func openForWriting() throws(DecisionLogError) -> SQLiteDecisionStore {
        try SQLiteDecisionStore(path: path, create: true, busyTimeout: busyTimeout)
    }

    /// Opens an existing log for writing without creating one (`withdraw` appends to a log that exists).
    func openExistingForWriting() throws(DecisionLogError) -> SQLiteDecisionStore {
        try SQLiteDecisionStore(path: path, create: false, busyTimeout: busyTimeout)
    }

    /// Opens an existing log for the read commands; they never create one.
    func openExisting() throws(DecisionLogError) -> SQLiteDecisionStore {
        try SQLiteDecisionStore(path: path, create: false, readOnly: true, busyTimeout: busyTimeout)
    }
}

/// Records into the SQLite log; reports each distinct failure once on standard error, naming the path.
final class LogRecorder: DecisionRecording {
    let location: DecisionLogLocation
    let console: Console
    let clock: any DecisionClock
    /// Say the new id on standard error (only when that is a terminal: scripts get clean streams).
    let announce: Bool
    private var writer: DecisionWriter?
    private var failed = false

    init(location: DecisionLogLocation, console: Console, clock: any DecisionClock, announce: Bool, store: (any DecisionStore)? = nil) {
        self.location = location
        self.console = console
        self.clock = clock
        self.announce = announce
        writer = store.map { DecisionWriter(store: $0, clock: clock, toolVersion: ArchDecide.version) }
    }

    func record(_ decision: DecisionContext) -> Bool {
        // After one failure the rest of a batch fails fast: a locked or broken log would otherwise
        // cost the busy timeout once per profile.
        if failed { return false }
        do throws(DecisionLogError) {
            let writer: DecisionWriter
            if let existing = self.writer {
                writer = existing
            } else {
                writer = DecisionWriter(store: try location.openForWriting(), clock: clock, toolVersion: ArchDecide.version)
                self.writer = writer
            }
            let record = try writer.record(profile: decision.profile, evaluation: decision.evaluation, ruleSet: decision.ruleSet,
                                           generatedPath: decision.generatedPath, topologyOverride: decision.topologyOverride,
                                           update: decision.update)
            if announce {
                console.err(Style(enabled: console.colorErr).dim("recorded \(record.id) in \(location.path)"))
            }
            return true
        } catch {
            failed = true
            console.err("\(error.path): error: decision not recorded: \(error.message) [\(error.code.rawValue)]")
            return false
        }
    }
}
