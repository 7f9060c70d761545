/// Where each workload of a hybrid goes: product work stays in the monolith; an AI path goes to the
/// service only when it is hot. `decide` reports it and `generate` lays out the hybrid by it.
public enum HybridPlacement {
    /// The AI paths the article's hybrid may split out.
    public static let aiWorkloads: Set<String> = ["embeddings", "streaming_inference", "inference_gateway"]
    /// From this AI volume an AI path is hot (our scale: the article says "the highest-throughput AI paths").
    public static let hotAIRPS = 300
    /// ...or from this one when performance is the primary constraint.
    public static let hotAIRPSWhenCritical = 100

    /// Every workload of the answers with its side and the reason, in the profile's order.
    public static func place(_ answers: Answers) -> [Placement] {
        let workloads = answers["workloads"].listValue ?? []
        let ai = answers["traffic.ai_peak_rps"].intValue ?? answers["traffic.peak_rps"].intValue ?? 0
        let critical = answers["performance_critical"].boolValue ?? false
        let hot = ai >= hotAIRPS || (critical && ai >= hotAIRPSWhenCritical)
        return workloads.map { workload in
            if aiWorkloads.contains(workload) {
                return hot
                    ? Placement(workload: workload, side: .service,
                                reason: "a hot AI path (traffic.ai_peak_rps \(ai)\(critical ? ", performance-critical" : "")): the article's hybrid gives the highest-throughput AI paths their own async service")
                    : Placement(workload: workload, side: .monolith,
                                reason: "a cold AI path (traffic.ai_peak_rps \(ai), under \(critical ? hotAIRPSWhenCritical : hotAIRPS) on our scale): the monolith's async handlers serve it, a second service buys nothing")
            }
            switch workload {
            case "background_jobs":
                return Placement(workload: workload, side: .monolith,
                                 reason: "the monolith enqueues the jobs; AI work among them is drained by the service's workers (the article's queue boundary)")
            default:
                return Placement(workload: workload, side: .monolith,
                                 reason: "product work: the article's hybrid keeps users, billing, content and admin in the monolith")
            }
        }
    }
}
