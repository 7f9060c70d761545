/// Marks a decision as `archdecide update`'s: it carried a generated repo forward, after `follows`
/// (the newest earlier decision for that repo in this log; nil when the log does not have one).
public struct UpdateLink: Hashable, Sendable {
    public var follows: DecisionID?
    public init(follows: DecisionID?) { self.follows = follows }
}
