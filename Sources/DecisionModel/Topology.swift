/// The three answers the framework can give. Their names are part of the public output contract.
public enum Topology: String, CaseIterable, Sendable, Hashable, Comparable, Codable {
    /// A batteries-included monolith (the Django way; Vapor + Fluent in Swift).
    case monolith
    /// A lean async microservice (the FastAPI way; Hummingbird in Swift).
    case microservice
    /// A monolith for the product core plus AI microservices, sharing PostgreSQL through a job queue.
    case hybrid

    public static func < (lhs: Topology, rhs: Topology) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the rule set says about one topology: what it is and which Swift layout it maps to.
public struct TopologyInfo: Hashable, Sendable {
    public var topology: Topology
    public var title: String
    public var summary: String
    /// The starter layout `generate` writes for it (`vapor-monolith`, `hummingbird-service`, `hybrid`).
    public var layout: String
    public var layoutSummary: String
    public var consequences: [String]

    public init(topology: Topology, title: String, summary: String, layout: String,
                layoutSummary: String, consequences: [String]) {
        self.topology = topology
        self.title = title
        self.summary = summary
        self.layout = layout
        self.layoutSummary = layoutSummary
        self.consequences = consequences
    }
}
