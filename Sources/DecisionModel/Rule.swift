import Foundation

/// The article sections a rule may cite as its source.
public enum ArticleSection: String, CaseIterable, Sendable, Hashable {
    case whenDjangoWins = "When Django Wins"
    case whenFastAPIWins = "When FastAPI Wins"
    case hybridArchitecture = "The Hybrid Architecture"
    case decidingQuestions = "The Deciding Questions"
}

/// Where a rule's claim comes from: the article (a section and what it says there), or our own reasoning.
public enum RuleBasis: Hashable, Sendable {
    /// The article says it: `section` is where, `says` a one-line paraphrase of what it says there.
    case article(section: ArticleSection, says: String)
    /// The article does not say it; `reasoning` is why we keep the rule anyway.
    case heuristic(reasoning: String)

    /// `article` or `heuristic`, as the JSON's `fired[].basis` writes it.
    public var kind: String {
        switch self {
        case .article: "article"
        case .heuristic: "heuristic"
        }
    }

    // Not inlined: Swift 6.3.1's release build crashes ("Found ownership error") when these
    // switches are inlined into HTMLReport.render's string interpolation.
    @inline(never)
    public var section: ArticleSection? { if case .article(let s, _) = self { s } else { nil } }

    /// The paraphrase (article) or the reasoning (heuristic).
    @inline(never)
    public var text: String {
        switch self {
        case .article(_, let says): says
        case .heuristic(let reasoning): reasoning
        }
    }

    /// `article: The Deciding Questions` or `heuristic`, for a reader.
    public var label: String { section.map { "article: \($0.rawValue)" } ?? "heuristic" }
}

/// A smooth weight on one number: 0 at `from`, 1 at `to`, log-linear between, flat outside.
///
/// The article gives no numbers, so a rule never switches on at one value; its effects grow over a
/// range instead (`to` below `from` weighs small values: 1 at `to` and under, 0 at `from` and over).
public struct Grade: Hashable, Sendable {
    public var field: String
    public var from: Double
    public var to: Double
    public var location: SourceLocation

    public init(field: String, from: Double, to: Double, location: SourceLocation) {
        self.field = field
        self.from = from
        self.to = to
        self.location = location
    }

    /// The weight, 0...1, for an answer; an unset or non-numeric answer weighs 0.
    public func weight(_ value: AnswerValue) -> Double {
        guard let v = value.intValue else { return 0 }
        let (a, b, x) = (log10(max(from, 1)), log10(max(to, 1)), log10(max(Double(v), 1)))
        guard a != b else { return (to > from ? Double(v) >= to : Double(v) <= to) ? 1 : 0 }
        return Swift.max(0, Swift.min(1, (x - a) / (b - a)))
    }

    /// `traffic.ai_peak_rps from 100 to 1000`, for explanations.
    public var description: String {
        "\(field) graded from \(Self.number(from)) (none) to \(Self.number(to)) (full)"
    }

    public static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}

/// One scoring rule: when its condition holds over the answers, it adds its effects to the scores
/// (times its grade's weight, when it has one).
public struct Rule: Hashable, Sendable {
    /// A partial profile on which the rule must, or must not, fire (completed with defaults).
    public struct Example: Hashable, Sendable {
        public var answers: [String: AnswerValue]
        public var location: SourceLocation
        public init(answers: [String: AnswerValue], location: SourceLocation) {
            self.answers = answers
            self.location = location
        }
    }

    public var id: String
    public var when: Condition
    public var effects: [Topology: Double]
    /// One sentence: why the framework reads the answers this way.
    public var why: String
    public var basis: RuleBasis
    /// Scales the effects smoothly by one number (volume, latency); nil for full effects when `when` holds.
    public var grade: Grade?
    /// The article section the rule cites; nil for a heuristic.
    public var source: ArticleSection? { basis.section }
    public var fires: [Example]
    public var doesNotFire: [Example]
    public var location: SourceLocation

    public init(id: String, when: Condition, effects: [Topology: Double], why: String, basis: RuleBasis, grade: Grade? = nil,
                fires: [Example] = [], doesNotFire: [Example] = [], location: SourceLocation) {
        self.id = id
        self.when = when
        self.effects = effects
        self.why = why
        self.basis = basis
        self.grade = grade
        self.fires = fires
        self.doesNotFire = doesNotFire
        self.location = location
    }
}

/// One engine case of the corpus: a profile and the recommendation a careful reader expects.
public struct DecisionCase: Hashable, Sendable {
    public var note: String
    public var answers: [String: AnswerValue]
    public var want: Topology?
    public var location: SourceLocation

    public init(note: String, answers: [String: AnswerValue], want: Topology?, location: SourceLocation) {
        self.note = note
        self.answers = answers
        self.want = want
        self.location = location
    }
}

/// What a topology needs before it may win (`requires:` in topologies.yaml): the hybrid needs AI paths
/// to split out and a product core to keep.
public struct Precondition: Hashable, Sendable {
    public var topology: Topology
    public var when: Condition
    /// Why it cannot win when the condition fails, one sentence.
    public var why: String
    public init(topology: Topology, when: Condition, why: String) {
        self.topology = topology
        self.when = when
        self.why = why
    }
}

/// One of the article's deciding questions (`deciding_questions:` in topologies.yaml): when its
/// `yes` holds and the recommendation is not among `followed_by`, the output says it was outweighed.
public struct DecidingQuestion: Hashable, Sendable {
    public var question: String
    public var yes: Condition
    public var followedBy: [Topology]
    public init(question: String, yes: Condition, followedBy: [Topology]) {
        self.question = question
        self.yes = yes
        self.followedBy = followedBy
    }
}

/// Everything `Rules/` holds: questionnaire, rules, topologies, scoring settings and the case corpus.
public struct RuleSet: Sendable {
    public var catalog: QuestionCatalog
    public var rules: [Rule]
    public var topologies: [Topology: TopologyInfo]
    /// Points of margin between the top two topologies that give a confidence of about 0.63.
    public var confidenceScale: Double
    /// Which topology wins a tie, first wins.
    public var tieBreak: [Topology]
    public var cases: [DecisionCase]
    public var preconditions: [Precondition]
    public var decidingQuestions: [DecidingQuestion]
    /// The highest confidence a recommendation gets when it goes against a deciding question's yes.
    public var overruledConfidenceCap: Double
    /// sha256 over the rule files (relative path and bytes, sorted by path).
    public var digest: String
    /// Where the set came from (a folder, or `built-in`).
    public var origin: String

    public init(catalog: QuestionCatalog, rules: [Rule], topologies: [Topology: TopologyInfo],
                confidenceScale: Double, tieBreak: [Topology], cases: [DecisionCase],
                preconditions: [Precondition] = [], decidingQuestions: [DecidingQuestion] = [], overruledConfidenceCap: Double = 0.6,
                digest: String, origin: String) {
        self.preconditions = preconditions
        self.decidingQuestions = decidingQuestions
        self.overruledConfidenceCap = overruledConfidenceCap
        self.catalog = catalog
        self.rules = rules
        self.topologies = topologies
        self.confidenceScale = confidenceScale
        self.tieBreak = tieBreak
        self.cases = cases
        self.digest = digest
        self.origin = origin
    }
}
