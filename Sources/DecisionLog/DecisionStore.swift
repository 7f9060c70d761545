import Foundation

/// Which decisions `history` lists: newest first, optionally one profile's, at most `limit`.
public struct HistoryQuery: Hashable, Sendable {
    public var profile: String?
    /// nil for no limit.
    public var limit: Int?
    /// Whether withdrawn decisions are listed too (they are left out by default).
    public var includeWithdrawn: Bool

    public init(profile: String? = nil, limit: Int? = nil, includeWithdrawn: Bool = false) {
        self.profile = profile
        self.limit = limit
        self.includeWithdrawn = includeWithdrawn
    }
}

/// The decision log's storage: append-only, read by id, by history or in full.
///
/// `SQLiteDecisionStore` is the real one (a file, or an in-memory SQLite database);
/// `MemoryDecisionStore` is its plain in-memory twin.
public protocol DecisionStore: Sendable {
    /// Where the log lives, for messages (`:memory:` for in-memory stores).
    var path: String { get }
    /// Appends a decision and returns it with its new id. Nothing is ever updated or deleted.
    func append(_ entry: DecisionEntry) throws(DecisionLogError) -> DecisionRecord
    /// The decision with this id, or nil when there is none.
    func record(_ id: DecisionID) throws(DecisionLogError) -> DecisionRecord?
    /// Newest first.
    func history(_ query: HistoryQuery) throws(DecisionLogError) -> [DecisionRecord]
    /// Every decision, oldest first.
    func all() throws(DecisionLogError) -> [DecisionRecord]
    /// How many decisions the log holds (of one profile, when given), withdrawn ones included.
    func count(profile: String?) throws(DecisionLogError) -> Int
    /// Appends a withdrawal of one decision: the decision stays in the log, marked, and `history` leaves
    /// it out. Fails with `log-no-such-decision` or `log-already-withdrawn`.
    func withdraw(_ id: DecisionID, reason: String, at time: Date, toolVersion: String) throws(DecisionLogError) -> Withdrawal
}

extension DecisionStore {
    /// How many decisions the log holds.
    public func count() throws(DecisionLogError) -> Int { try count(profile: nil) }
}
