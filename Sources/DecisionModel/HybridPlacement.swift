/// Where each workload of a hybrid goes: product work stays in the monolith; an AI path goes to the
/// service only when it is hot. `decide` reports it, the hybrid's precondition (Rules/topologies.yaml:
/// at least one hot AI path) reads the same thresholds, and `generate` lays out the hybrid by it.
///
/// Hot is judged per path, on our scale (the article gives no figures, only "the highest-throughput
/// AI paths" and "performance where it actually matters"):
/// - `embeddings` are compute: every vector costs CPU (or a model call) next to the product pages,
///   and documents are embedded after the write, so nobody waits on them. Volume alone makes them
///   hot, from `hotEmbeddingsRPS`; a performance-critical product does not change where vectors
///   are cheapest to compute.
/// - `streaming_inference` and `inference_gateway` are LLM calls a user waits on, I/O-bound: the
///   article says the monolith's async views "handle concurrent LLM calls without reaching for a
///   different framework". They leave it when performance is the primary constraint (from
///   `hotLLMRPSWhenCritical`) or at high volume (from `hotLLMRPS`, where the hybrid's own rule is
///   at full weight).
public enum HybridPlacement {
    /// The AI paths the article's hybrid may split out.
    public static let aiWorkloads: Set<String> = ["embeddings", "streaming_inference", "inference_gateway"]
    /// From this AI volume embeddings are hot.
    public static let hotEmbeddingsRPS = 300
    /// From this AI volume streaming inference and the gateway are hot...
    public static let hotLLMRPS = 1000
    /// ...or from this one when performance is the primary constraint.
    public static let hotLLMRPSWhenCritical = 100

    /// Whether an AI workload is hot for these answers (false for a workload that is not an AI path).
    public static func isHot(_ workload: String, _ answers: Answers) -> Bool {
        let ai = aiRPS(answers)
        switch workload {
        case "embeddings": return ai >= hotEmbeddingsRPS
        case "streaming_inference", "inference_gateway":
            return ai >= hotLLMRPS || ((answers["performance_critical"].boolValue ?? false) && ai >= hotLLMRPSWhenCritical)
        default: return false
        }
    }

    /// Whether any AI workload of the answers is hot: without one the hybrid has nothing to split out.
    public static func hasHotAIPath(_ answers: Answers) -> Bool {
        (answers["workloads"].listValue ?? []).contains { isHot($0, answers) }
    }

    /// Every workload of the answers with its side and the reason, in the profile's order.
    public static func place(_ answers: Answers) -> [Placement] {
        let workloads = answers["workloads"].listValue ?? []
        let ai = aiRPS(answers)
        let critical = answers["performance_critical"].boolValue ?? false
        let serviceDoesJobs = workloads.contains { $0 == "embeddings" && isHot($0, answers) }
        return workloads.map { workload in
            if aiWorkloads.contains(workload) {
                let isEmbeddings = workload == "embeddings"
                let threshold = isEmbeddings ? hotEmbeddingsRPS : (critical ? hotLLMRPSWhenCritical : hotLLMRPS)
                let hot = isHot(workload, answers)
                let figures = "traffic.ai_peak_rps \(ai) \(hot ? "≥" : "<") \(threshold)\(isEmbeddings ? "" : critical ? ", performance-critical" : ", not performance-critical"), our scale"
                return hot
                    ? Placement(workload: workload, side: .service,
                                reason: "a hot AI path (\(figures)): the article's hybrid gives the highest-throughput AI paths their own async service")
                    : Placement(workload: workload, side: .monolith,
                                reason: "a cold AI path (\(figures)): served and computed in the monolith behind its provider protocol, as its async views handle AI calls")
            }
            switch workload {
            case "background_jobs":
                return Placement(workload: workload, side: .monolith,
                                 reason: serviceDoesJobs
                                    ? "product work: the monolith enqueues its jobs; the shared queue carries to the service only the AI work it does (embedding documents: the article's queue boundary)"
                                    : "product work: the monolith enqueues its jobs; with embeddings cold no AI work crosses the queue to the service")
            default:
                return Placement(workload: workload, side: .monolith,
                                 reason: "product work: the article's hybrid keeps users, billing, content and admin in the monolith")
            }
        }
    }

    static func aiRPS(_ answers: Answers) -> Int {
        answers["traffic.ai_peak_rps"].intValue ?? answers["traffic.peak_rps"].intValue ?? 0
    }
}
