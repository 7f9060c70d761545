/// The result of one field test during evaluation: what it compared and what it found.
public struct TestTrace: Hashable, Sendable {
    public var test: FieldTest
    public var actual: AnswerValue
    public var result: Bool
    public init(test: FieldTest, actual: AnswerValue, result: Bool) {
        self.test = test
        self.actual = actual
        self.result = result
    }
}

/// How a condition evaluated, node by node, so an explanation can say which part held.
public indirect enum ConditionTrace: Hashable, Sendable {
    case all([ConditionTrace], Bool)
    case any([ConditionTrace], Bool)
    case not(ConditionTrace, Bool)
    case test(TestTrace)

    public var result: Bool {
        switch self {
        case .all(_, let r), .any(_, let r), .not(_, let r): r
        case .test(let t): t.result
        }
    }

    /// The field tests that decided the result (the true ones when it held, the false ones when not).
    public var deciding: [TestTrace] {
        switch self {
        case .test(let t): [t]
        case .all(let children, let r):
            // All held: every child matters. It failed: the failing children say why.
            children.filter { $0.result == r }.flatMap(\.deciding)
        case .any(let children, let r):
            // One true child is enough to say why it held; when none held, all of them matter.
            r ? (children.first { $0.result }?.deciding ?? []) : children.flatMap(\.deciding)
        case .not(let child, _): child.deciding
        }
    }
}

/// One rule as the engine evaluated it.
public struct RuleTrace: Hashable, Sendable {
    public var ruleID: String
    public var fired: Bool
    public var condition: ConditionTrace
    /// The points it added (empty when it did not fire).
    public var applied: [Topology: Double]
    public init(ruleID: String, fired: Bool, condition: ConditionTrace, applied: [Topology: Double]) {
        self.ruleID = ruleID
        self.fired = fired
        self.condition = condition
        self.applied = applied
    }
}

/// A rule that fired, as the explanation shows it.
public struct FiredRule: Hashable, Sendable {
    public var rule: String
    public var effects: [Topology: Double]
    public var why: String
    public var source: ArticleSection
    /// The answers that made it fire, as readable tests (`traffic.peak_rps ≥ 1000 (3000)`).
    public var because: [String]
    public init(rule: String, effects: [Topology: Double], why: String, source: ArticleSection, because: [String]) {
        self.rule = rule
        self.effects = effects
        self.why = why
        self.source = source
        self.because = because
    }
}

/// The nearest single change of one answer that would change the recommendation.
public struct Flip: Hashable, Sendable {
    public var field: String
    public var from: AnswerValue
    public var to: AnswerValue
    public var recommendation: Topology
    /// How a reader says it: `traffic.peak_rps under 100 (99 instead of 3000)`.
    public var summary: String
    public init(field: String, from: AnswerValue, to: AnswerValue, recommendation: Topology, summary: String) {
        self.field = field
        self.from = from
        self.to = to
        self.recommendation = recommendation
        self.summary = summary
    }
}

/// Everything `decide` says about one profile.
public struct Evaluation: Hashable, Sendable {
    public var profileName: String
    public var recommendation: Topology
    public var scores: [Topology: Double]
    /// Topologies from highest to lowest score, ties broken by the rule set's order.
    public var ranking: [Topology]
    public var confidence: Double
    public var trace: [RuleTrace]
    /// Derived from `trace`: the rules that fired, strongest first.
    public var fired: [FiredRule]
    public var assumed: [String]
    public var flips: [Flip]
    public var rulesDigest: String
    public var answers: Answers

    public init(profileName: String, recommendation: Topology, scores: [Topology: Double], ranking: [Topology],
                confidence: Double, trace: [RuleTrace], fired: [FiredRule], assumed: [String], flips: [Flip], rulesDigest: String,
                answers: Answers) {
        self.profileName = profileName
        self.recommendation = recommendation
        self.scores = scores
        self.ranking = ranking
        self.confidence = confidence
        self.trace = trace
        self.fired = fired
        self.assumed = assumed
        self.flips = flips
        self.rulesDigest = rulesDigest
        self.answers = answers
    }

}
