import DecisionModel

/// What re-evaluating one recorded decision with the current rules found.
public struct RecheckResult: Hashable, Sendable {
    /// How the recorded recommendation compares with the current rules' one.
    public enum Status: Hashable, Sendable {
        case unchanged
        case changed
        /// The stored profile cannot be evaluated with the current rules (e.g. a question was removed); why.
        case unreadable(String)
    }

    public var record: DecisionRecord
    public var status: Status
    /// The current rules' recommendation (nil when unreadable).
    public var now: Topology?
    public var scores: [ScoreMove]
    /// The rules that make the difference: started or stopped firing, or fire with other points.
    public var rules: [RuleChange]
    /// The current rules' digest.
    public var rulesDigest: String

    public init(record: DecisionRecord, status: Status, now: Topology?, scores: [ScoreMove], rules: [RuleChange], rulesDigest: String) {
        self.record = record
        self.status = status
        self.now = now
        self.scores = scores
        self.rules = rules
        self.rulesDigest = rulesDigest
    }
}

/// Re-evaluates recorded decisions with the current rules and reports those that would now come out differently.
///
/// Loading a profile and running the engine live above this module; the caller passes them in
/// as `evaluate`, so this stays a pure comparison over stored records.
public enum Recheck {
    /// Outcome of re-evaluating one stored decision: the new evaluation, or why there is none.
    public typealias Evaluate = (DecisionRecord) -> Result<Evaluation, RecheckFailure>

    /// Why a stored decision could not be re-evaluated.
    public struct RecheckFailure: Error, Hashable, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// One result per record, in the order given. Identical (profile text, rules) pairs are evaluated once.
    public static func run(_ records: [DecisionRecord], rulesDigest: String, evaluate: Evaluate) -> [RecheckResult] {
        var cache: [String: Result<Evaluation, RecheckFailure>] = [:]
        return records.map { record in
            let key = record.profileSHA256 + "\u{0}" + record.givenAnswers.compact
            let outcome = cache[key] ?? evaluate(record)
            cache[key] = outcome
            switch outcome {
            case .failure(let failure):
                return RecheckResult(record: record, status: .unreadable(failure.message), now: nil, scores: [], rules: [], rulesDigest: rulesDigest)
            case .success(let now):
                return compare(record, now: now, rulesDigest: rulesDigest)
            }
        }
    }

    /// Compares a stored decision with a fresh evaluation of the same profile.
    public static func compare(_ record: DecisionRecord, now: Evaluation, rulesDigest: String) -> RecheckResult {
        let before = record.evaluation
        return RecheckResult(
            record: record,
            status: now.recommendation == record.recommendation ? .unchanged : .changed,
            now: now.recommendation,
            scores: ScoreMove.between(record.scores, now.scores),
            rules: RuleChange.between(before?.fired ?? [], now.fired),
            rulesDigest: rulesDigest)
    }
}
