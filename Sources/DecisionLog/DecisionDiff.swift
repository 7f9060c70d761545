import DecisionModel

/// How a rule's part differs between two decisions: it started firing, stopped, or fired with other points.
public struct RuleChange: Hashable, Sendable {
    /// The three ways a rule can make a difference.
    public enum Kind: String, Sendable, Hashable {
        case started, stopped, reweighted
    }

    public var rule: String
    public var kind: Kind
    /// Its points in the earlier decision (empty when it did not fire).
    public var before: [Topology: Double]
    /// Its points in the later decision (empty when it did not fire).
    public var after: [Topology: Double]

    public init(rule: String, kind: Kind, before: [Topology: Double], after: [Topology: Double]) {
        self.rule = rule
        self.kind = kind
        self.before = before
        self.after = after
    }

    /// The rule changes between two lists of fired rules: started, then stopped, then reweighted, each in list order.
    public static func between(_ before: [FiredRule], _ after: [FiredRule]) -> [RuleChange] {
        let old = Dictionary(before.map { ($0.rule, $0.effects) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.rule, $0.effects) }, uniquingKeysWith: { a, _ in a })
        let started = after.filter { old[$0.rule] == nil }.map { RuleChange(rule: $0.rule, kind: .started, before: [:], after: $0.effects) }
        let stopped = before.filter { new[$0.rule] == nil }.map { RuleChange(rule: $0.rule, kind: .stopped, before: $0.effects, after: [:]) }
        let reweighted = after.compactMap { rule -> RuleChange? in
            guard let was = old[rule.rule], nonZero(was) != nonZero(rule.effects) else { return nil }
            return RuleChange(rule: rule.rule, kind: .reweighted, before: was, after: rule.effects)
        }
        return started + stopped + reweighted
    }

    static func nonZero(_ e: [Topology: Double]) -> [Topology: Double] { e.filter { $0.value != 0 } }
}

/// One topology's score in two decisions.
public struct ScoreMove: Hashable, Sendable {
    public var topology: Topology
    public var before: Double
    public var after: Double
    public var delta: Double { ((after - before) * 1000).rounded() / 1000 }

    public init(topology: Topology, before: Double, after: Double) {
        self.topology = topology
        self.before = before
        self.after = after
    }

    /// All three topologies, in their declared order.
    public static func between(_ before: [Topology: Double], _ after: [Topology: Double]) -> [ScoreMove] {
        Topology.allCases.map { ScoreMove(topology: $0, before: before[$0] ?? 0, after: after[$0] ?? 0) }
    }
}

/// One answer that differs between two decisions; nil when the question did not exist for that decision.
public struct AnswerChange: Hashable, Sendable {
    public var field: String
    public var before: AnswerValue?
    public var after: AnswerValue?
    /// Whether each side was given in the profile or taken as the questionnaire's default.
    public var assumedBefore: Bool
    public var assumedAfter: Bool

    public init(field: String, before: AnswerValue?, after: AnswerValue?, assumedBefore: Bool = false, assumedAfter: Bool = false) {
        self.field = field
        self.before = before
        self.after = after
        self.assumedBefore = assumedBefore
        self.assumedAfter = assumedAfter
    }
}

/// What changed from one recorded decision to another: answers, scores, rules, recommendation.
public struct DecisionDiff: Hashable, Sendable {
    public var from: DecisionRecord
    public var to: DecisionRecord
    public var answers: [AnswerChange]
    public var scores: [ScoreMove]
    public var rules: [RuleChange]

    public var recommendationChanged: Bool { from.recommendation != to.recommendation }
    public var rulesDigestChanged: Bool { from.rulesDigest != to.rulesDigest }
    public var started: [RuleChange] { rules.filter { $0.kind == .started } }
    public var stopped: [RuleChange] { rules.filter { $0.kind == .stopped } }
    public var reweighted: [RuleChange] { rules.filter { $0.kind == .reweighted } }

    public init(from: DecisionRecord, to: DecisionRecord) {
        self.from = from
        self.to = to
        let old = from.answers, new = to.answers
        let oldByField = Dictionary(old.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        let newByField = Dictionary(new.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
        let fields = new.map(\.field) + old.map(\.field).filter { newByField[$0] == nil }
        answers = fields.compactMap { field in
            let (a, b) = (oldByField[field], newByField[field])
            guard a != b else { return nil }
            return AnswerChange(field: field, before: a, after: b,
                                assumedBefore: from.assumed.contains(field), assumedAfter: to.assumed.contains(field))
        }
        scores = ScoreMove.between(from.scores, to.scores)
        rules = RuleChange.between(from.evaluation?.fired ?? [], to.evaluation?.fired ?? [])
    }
}
