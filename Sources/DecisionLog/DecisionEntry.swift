import DecisionModel
import Foundation

/// One decision as the log keeps it: what was asked, with which rules, what came out, and what was done with it.
public struct DecisionEntry: Hashable, Sendable {
    /// When it was decided, to the millisecond (the precision the database keeps).
    public var recordedAt: Date
    /// The archdecide version that decided.
    public var toolVersion: String
    public var profileName: String
    /// The profile's file as given on the command line (`-` for standard input).
    public var profileFile: String
    /// The profile text exactly as given, so the decision can be re-evaluated later.
    public var profileText: String
    /// sha256 of `profileText`'s UTF-8 bytes, lower-case hex.
    public var profileSHA256: String
    /// The answers the profile gave (before defaults), as a JSON object by question id.
    public var givenAnswers: JSONValue
    public var rulesDigest: String
    /// Where the rules came from: `built-in` or a folder.
    public var rulesOrigin: String
    public var recommendation: Topology
    public var scores: [Topology: Double]
    public var confidence: Double
    /// Ids of the rules that fired, strongest for the winner first.
    public var firedRules: [String]
    public var assumed: [String]
    /// The flips as `decide --format json` writes them.
    public var flips: JSONValue
    /// The whole `decide --format json` document, the public contract, so nothing the decision said is lost.
    public var evaluationJSON: JSONValue
    /// Where `generate` wrote the starter repo, when it did.
    public var generatedPath: String?
    /// The topology the user chose instead of the recommendation (`generate --topology`), if any.
    public var topologyOverride: Topology?
    /// Set for `archdecide update`: the decision carried an existing repo forward.
    public var isUpdate = false
    /// The earlier decision of the repo this update carried forward, when the log has it.
    public var follows: DecisionID?

    public init(recordedAt: Date, toolVersion: String, profileName: String, profileFile: String, profileText: String,
                profileSHA256: String, givenAnswers: JSONValue, rulesDigest: String, rulesOrigin: String,
                recommendation: Topology, scores: [Topology: Double], confidence: Double, firedRules: [String],
                assumed: [String], flips: JSONValue, evaluationJSON: JSONValue, generatedPath: String?,
                topologyOverride: Topology?) {
        self.recordedAt = recordedAt
        self.toolVersion = toolVersion
        self.profileName = profileName
        self.profileFile = profileFile
        self.profileText = profileText
        self.profileSHA256 = profileSHA256
        self.givenAnswers = givenAnswers
        self.rulesDigest = rulesDigest
        self.rulesOrigin = rulesOrigin
        self.recommendation = recommendation
        self.scores = scores
        self.confidence = confidence
        self.firedRules = firedRules
        self.assumed = assumed
        self.flips = flips
        self.evaluationJSON = evaluationJSON
        self.generatedPath = generatedPath
        self.topologyOverride = topologyOverride
    }

    /// The entry for one decision, with the profile's digest computed and the time cut to milliseconds.
    public init(profile: Profile, evaluation: Evaluation, ruleSet: RuleSet, toolVersion: String, at time: Date,
                generatedPath: String? = nil, topologyOverride: Topology? = nil) {
        let layout = ruleSet.topologies[evaluation.recommendation]?.layout
        let document = evaluation.json(catalog: ruleSet.catalog, layout: layout)
        let given = ruleSet.catalog.questions.compactMap { q in profile.answers[q.id].map { (q.id, $0.json) } }
            + profile.answers.keys.filter { ruleSet.catalog[$0] == nil }.sorted().map { ($0, profile.answers[$0]!.json) }
        self.init(
            recordedAt: Self.millisecondPrecision(time),
            toolVersion: toolVersion,
            profileName: profile.name,
            profileFile: profile.file,
            profileText: profile.text,
            profileSHA256: Self.sha256(profile.text),
            givenAnswers: .object(given),
            rulesDigest: evaluation.rulesDigest,
            rulesOrigin: ruleSet.origin,
            recommendation: evaluation.recommendation,
            scores: evaluation.scores,
            confidence: evaluation.confidence,
            firedRules: evaluation.fired.map(\.rule),
            assumed: evaluation.assumed,
            flips: document["flips"] ?? .array([]),
            evaluationJSON: document,
            generatedPath: generatedPath,
            topologyOverride: topologyOverride)
    }

    /// The evaluation rebuilt from the stored document (its trace is not kept); nil if it cannot be read.
    public var evaluation: Evaluation? { StoredEvaluation.decode(evaluationJSON) }

    /// The completed answers the decision was made on, from the stored document.
    public var answers: [(field: String, value: AnswerValue)] {
        guard case .object(let pairs)? = evaluationJSON["answers"] else { return [] }
        return pairs.map { ($0.0, StoredEvaluation.answer($0.1) ?? .null) }
    }

    /// The topology acted on: the override when there is one, else the recommendation.
    public var chosen: Topology { topologyOverride ?? recommendation }

    /// Lower-case hex sha256 of the text's UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    static func millisecondPrecision(_ date: Date) -> Date {
        Date(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// A decision read back from the log: its id and its entry.
@dynamicMemberLookup
public struct DecisionRecord: Hashable, Sendable {
    public var id: DecisionID
    public var entry: DecisionEntry
    /// Set when the decision was withdrawn later (the decision itself is never changed).
    public var withdrawal: Withdrawal?

    public init(id: DecisionID, entry: DecisionEntry, withdrawal: Withdrawal? = nil) {
        self.id = id
        self.entry = entry
        self.withdrawal = withdrawal
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<DecisionEntry, T>) -> T { entry[keyPath: keyPath] }
}

/// A recorded withdrawal of a decision: when, by which version, and why.
public struct Withdrawal: Hashable, Sendable {
    public var decision: DecisionID
    public var withdrawnAt: Date
    public var toolVersion: String
    public var reason: String

    public init(decision: DecisionID, withdrawnAt: Date, toolVersion: String, reason: String) {
        self.decision = decision
        self.withdrawnAt = DecisionEntry.millisecondPrecision(withdrawnAt)
        self.toolVersion = toolVersion
        self.reason = reason
    }
}

extension Date {
    /// Milliseconds since 1970, as the log stores times.
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
