import Foundation

/// The profiles several test targets share, written once.
public enum SampleProfiles {
    /// The help-desk product of profile-v1: product core plus AI at volume (hybrid with the built-in rules).
    public static let deskpilot = """
        version: 1
        name: deskpilot
        description: Help-desk product
        data_model: significant
        admin_ui: true
        auth: true
        payments: true
        growth: likely
        scope: broad
        workloads: [crud, content, webhooks, embeddings, streaming_inference]
        traffic:
          peak_rps: 3000
          latency_p99_ms: 250
        performance_critical: true
        team:
          size: 8
          knows: [django, fastapi]

        """

    /// The same product without AI at volume (a monolith).
    public static let deskpilotQuiet = deskpilot
        .replacingOccurrences(of: "peak_rps: 3000", with: "peak_rps: 50")
        .replacingOccurrences(of: "performance_critical: true", with: "performance_critical: false")
        .replacingOccurrences(of: ", embeddings, streaming_inference", with: "")

    /// A pure inference gateway with defaults for everything else.
    public static let gateway = """
        version: 1
        name: gateway
        data_model: none
        scope: narrow
        workloads: [inference_gateway]
        traffic:
          peak_rps: 5000

        """
}

/// A fresh folder under the system's temporary folder (`archdecide-PURPOSE-UUID`), removed by the caller.
public func makeTemporaryFolder(_ purpose: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
