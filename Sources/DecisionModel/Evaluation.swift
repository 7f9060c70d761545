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
    /// The answer its grade read, for a graded rule.
    public var gradeValue: AnswerValue?
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
    public var basis: RuleBasis
    public var source: ArticleSection? { basis.section }
    /// The answers that made it fire, as readable tests (`traffic.peak_rps ≥ 1000 (3000)`).
    public var because: [String]
    public init(rule: String, effects: [Topology: Double], why: String, basis: RuleBasis, because: [String]) {
        self.rule = rule
        self.effects = effects
        self.why = why
        self.basis = basis
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

/// A contradictory or irrelevant answer: decided anyway, but worth a second look (`--strict` refuses it).
public struct AnswerWarning: Hashable, Sendable {
    /// Stable: `admin-without-data-model`, `ai-above-peak`, `not-asked`, `no-workloads`.
    public var code: String
    public var message: String
    /// The profile field it is about.
    public var field: String
    public init(code: String, message: String, field: String) {
        self.code = code
        self.message = message
        self.field = field
    }
}

/// A deciding question answered yes that the recommendation goes against, and what outweighed it.
public struct Overruled: Hashable, Sendable {
    public var question: String
    /// The fired rules that did most for the recommendation over the question's side.
    public var by: [String]
    public var summary: String
    public init(question: String, by: [String], summary: String) {
        self.question = question
        self.by = by
        self.summary = summary
    }
}

/// A topology whose precondition failed: it cannot win, whatever its score.
public struct Exclusion: Hashable, Sendable {
    public var topology: Topology
    public var why: String
    /// The tests of the precondition that failed, as a reader says them.
    public var because: [String]
    public init(topology: Topology, why: String, because: [String]) {
        self.topology = topology
        self.why = why
        self.because = because
    }
}

/// Where one workload of a hybrid goes, and why.
public struct Placement: Hashable, Sendable {
    public enum Side: String, Sendable, Hashable { case monolith, service }
    public var workload: String
    public var side: Side
    public var reason: String
    public init(workload: String, side: Side, reason: String) {
        self.workload = workload
        self.side = side
        self.reason = reason
    }
}

/// For a runner-up: the strongest fired rules against it (relative to the winner).
public struct WhyNot: Hashable, Sendable {
    /// One rule and the points it put between the runner-up and the winner.
    public struct Cost: Hashable, Sendable {
        public var rule: String
        public var points: Double
        public init(rule: String, points: Double) {
            self.rule = rule
            self.points = points
        }
    }
    public var topology: Topology
    /// Strongest first, two or three.
    public var rules: [Cost]
    /// Set when a precondition ruled it out.
    public var excluded: String?
    public init(topology: Topology, rules: [Cost], excluded: String?) {
        self.topology = topology
        self.rules = rules
        self.excluded = excluded
    }
}

/// The nearest change of a number that would change the recommendation, when it is close.
public struct NearThreshold: Hashable, Sendable {
    public var field: String
    public var from: Int
    public var to: Int
    public var recommendation: Topology
    /// |to - from| / from.
    public var distance: Double
    public init(field: String, from: Int, to: Int, recommendation: Topology, distance: Double) {
        self.field = field
        self.from = from
        self.to = to
        self.recommendation = recommendation
        self.distance = distance
    }
    /// `traffic.ai_peak_rps 420 instead of 500 (-16%) would make it monolith`.
    public var summary: String {
        let pct = Int((Double(to - from) / Double(max(from, 1)) * 100).rounded())
        return "\(field) \(to) instead of \(from) (\(pct > 0 ? "+" : "")\(pct)%) would make it \(recommendation.rawValue)"
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
    /// Added in 2026-12: contradictory or irrelevant answers.
    public var warnings: [AnswerWarning] = []
    /// Deciding questions answered yes that the recommendation goes against.
    public var overruled: [Overruled] = []
    /// Topologies whose precondition failed.
    public var excluded: [Exclusion] = []
    /// The hybrid's workloads, monolith or service (empty unless the recommendation is the hybrid).
    public var placement: [Placement] = []
    /// For each runner-up, the strongest rules against it.
    public var whyNot: [WhyNot] = []
    /// Set when a number close to its value would change the recommendation (confidence is capped).
    public var nearThreshold: NearThreshold?
    /// The confidence from the margin alone, before caps (near a threshold, an overruled question).
    public var marginConfidence: Double = 0

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
