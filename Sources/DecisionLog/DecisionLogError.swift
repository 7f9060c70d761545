import DecisionModel

/// Why the decision log could not be opened, read or written: a stable code, the database path and a reason.
public struct DecisionLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable identifiers; scripts may match on them.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The folder or the file cannot be created or written (permissions, read-only file system, not a folder).
        case unwritable = "log-unwritable"
        /// Another process held the database past the busy timeout.
        case locked = "log-locked"
        /// The file exists but is not a SQLite database.
        case notSQLite = "log-not-sqlite"
        /// A SQLite database, but another program's, not a decision log.
        case foreignDatabase = "log-foreign-database"
        /// Written by a newer archdecide whose schema this version does not know.
        case newerSchema = "log-newer-schema"
        /// SQLite reports the file damaged.
        case corrupt = "log-corrupt"
        /// No database at the path (read commands never create one).
        case missing = "log-missing"
        /// No decision with the asked id in the log.
        case noSuchDecision = "log-no-such-decision"
        /// The decision was withdrawn before (a decision is withdrawn once).
        case alreadyWithdrawn = "log-already-withdrawn"
        /// A stored record this version cannot read back.
        case unreadableRecord = "log-unreadable-record"
        /// Any other SQLite failure, with SQLite's own message.
        case sqlite = "log-sqlite"
    }

    public var code: Code
    /// The database file the problem is about.
    public var path: String
    public var message: String

    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = EchoedText.escape(path)
        self.message = EchoedText.escape(message)
    }

    /// One line, compiler style without a line number: `PATH: error: message [code]`.
    public var description: String { "\(path): error: \(message) [\(code.rawValue)]" }
}
