import Foundation

/// The in-memory twin of the SQLite store: the same contract over an array, for tests of code that records.
public final class MemoryDecisionStore: DecisionStore, @unchecked Sendable {
    public let path = ":memory:"
    private let lock = NSLock()
    private var records: [DecisionRecord] = []
    /// When set, every call fails with it (to test how callers report a failing log).
    public var failure: DecisionLogError?

    public init(records: [DecisionRecord] = []) {
        self.records = records
    }

    private func locked<T>(_ body: () throws(DecisionLogError) -> T) throws(DecisionLogError) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return try body()
    }

    /// Appends with the next sequence number.
    public func append(_ entry: DecisionEntry) throws(DecisionLogError) -> DecisionRecord {
        try locked { () throws(DecisionLogError) -> DecisionRecord in
            let record = DecisionRecord(id: DecisionID((records.last?.id.sequence ?? 0) + 1), entry: entry)
            records.append(record)
            return record
        }
    }

    /// The decision with this id, if any.
    public func record(_ id: DecisionID) throws(DecisionLogError) -> DecisionRecord? {
        try locked { records.first { $0.id == id } }
    }

    /// Newest first, filtered and limited like the SQLite store.
    public func history(_ query: HistoryQuery) throws(DecisionLogError) -> [DecisionRecord] {
        try locked {
            let matching = records.reversed().filter {
                (query.profile == nil || $0.profileName == query.profile) && (query.includeWithdrawn || $0.withdrawal == nil)
            }
            return query.limit.map { Array(matching.prefix($0)) } ?? matching
        }
    }

    /// Every decision, oldest first.
    public func all() throws(DecisionLogError) -> [DecisionRecord] {
        try locked { records }
    }

    /// How many decisions (of one profile, when given).
    public func count(profile: String?) throws(DecisionLogError) -> Int {
        try locked { records.filter { profile == nil || $0.profileName == profile }.count }
    }

    /// Marks one decision withdrawn, as the SQLite store does.
    public func withdraw(_ id: DecisionID, reason: String, at time: Date, toolVersion: String) throws(DecisionLogError) -> Withdrawal {
        try locked { () throws(DecisionLogError) -> Withdrawal in
            guard let index = records.firstIndex(where: { $0.id == id }) else {
                throw DecisionLogError(.noSuchDecision, path: path, "no decision \(id) in the log")
            }
            if records[index].withdrawal != nil {
                throw DecisionLogError(.alreadyWithdrawn, path: path, "decision \(id) was already withdrawn")
            }
            let withdrawal = Withdrawal(decision: id, withdrawnAt: time, toolVersion: toolVersion, reason: reason)
            records[index].withdrawal = withdrawal
            return withdrawal
        }
    }
}
