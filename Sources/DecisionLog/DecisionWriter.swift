import DecisionModel
import Foundation

/// Records decisions: stamps each with the clock's time and the tool version, then appends it to a store.
public struct DecisionWriter: Sendable {
    public var store: any DecisionStore
    public var clock: any DecisionClock
    public var toolVersion: String

    public init(store: any DecisionStore, clock: any DecisionClock = SystemClock(), toolVersion: String) {
        self.store = store
        self.clock = clock
        self.toolVersion = toolVersion
    }

    /// Appends one decision and returns it with its id.
    @discardableResult
    public func record(profile: Profile, evaluation: Evaluation, ruleSet: RuleSet,
                       generatedPath: String? = nil, topologyOverride: Topology? = nil,
                       update: UpdateLink? = nil) throws(DecisionLogError) -> DecisionRecord {
        var entry = DecisionEntry(profile: profile, evaluation: evaluation, ruleSet: ruleSet, toolVersion: toolVersion,
                                  at: clock.now(), generatedPath: generatedPath, topologyOverride: topologyOverride)
        if let update {
            entry.isUpdate = true
            entry.follows = update.follows
        }
        return try store.append(entry)
    }
}
