/// The article sections a rule may cite as its source.
public enum ArticleSection: String, CaseIterable, Sendable, Hashable {
    case whenDjangoWins = "When Django Wins"
    case whenFastAPIWins = "When FastAPI Wins"
    case hybridArchitecture = "The Hybrid Architecture"
    case decidingQuestions = "The Deciding Questions"
}

/// One scoring rule: when its condition holds over the answers, it adds its effects to the scores.
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
    public var source: ArticleSection
    public var fires: [Example]
    public var doesNotFire: [Example]
    public var location: SourceLocation

    public init(id: String, when: Condition, effects: [Topology: Double], why: String, source: ArticleSection,
                fires: [Example] = [], doesNotFire: [Example] = [], location: SourceLocation) {
        self.id = id
        self.when = when
        self.effects = effects
        self.why = why
        self.source = source
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
    /// sha256 over the rule files (relative path and bytes, sorted by path).
    public var digest: String
    /// Where the set came from (a folder, or `built-in`).
    public var origin: String

    public init(catalog: QuestionCatalog, rules: [Rule], topologies: [Topology: TopologyInfo],
                confidenceScale: Double, tieBreak: [Topology], cases: [DecisionCase], digest: String, origin: String) {
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
