import Metrics
import Prometheus
import Vapor

/// swift-metrics, exported by swift-prometheus: the one registry `GET /metrics` renders.
///
/// Vapor records every request through swift-metrics once a `MetricsSystem` is bootstrapped
/// (`http.server.configuration.reportMetrics`, on by default); this file only bootstraps it and
/// serves the exposition text. Vapor's `path` label (the route template, `/api/items/:itemID`, or
/// `vapor_route_undefined` for a 404) is renamed `route`, so the series read like those of the
/// Hummingbird services archdecide generates:
///
/// | series | labels |
/// |---|---|
/// | `http_requests_total` (counter) | `method`, `route`, `status` |
/// | `http_request_duration_seconds` (histogram) | `method`, `route`, `status` |
/// | `http_request_errors_total` (counter, 5xx only) | `method`, `route`, `status` |
/// | `process_uptime_seconds` (gauge) | |
enum AppMetrics {
    /// Upper bounds of the latency histograms, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// The process's registry; the first use bootstraps the global `MetricsSystem` with it.
    /// (`MetricsSystem.bootstrap` may run once per process, so tests share it.)
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = buckets.map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
        factory.nameAndLabelSanitizer = { name, labels in (prometheusName(name), prometheusLabels(labels)) }
        // Handlers cached per label and dimensions (CachedMetricsFactory.swift: the per-request cost).
        MetricsSystem.bootstrap(CachedMetricsFactory(factory))
        _ = started
        return registry
    }()

    /// When the metrics system started: at start-up, since `configure` touches `registry` first.
    private static let started = ContinuousClock.now
    private static let uptime: Metrics.Gauge = {
        _ = registry
        return Metrics.Gauge(label: "process_uptime_seconds")
    }()

    /// The exposition text (format 0.0.4) of everything recorded so far.
    static func render() -> [UInt8] {
        let elapsed = ContinuousClock.now - started
        uptime.record(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        registry.emit(into: &out)
        return out
    }

    static func prometheusName(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }

    /// Short label names in a stable (alphabetical) order: `method`, `route`, `status`.
    static func prometheusLabels(_ labels: [(String, String)]) -> [(String, String)] {
        labels.map { key, value -> (String, String) in
            (key == "path" ? "route" : String(key.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }), value)
        }.sorted { $0.0 < $1.0 }
    }

    /// `GET /metrics`: the Prometheus text format.
    static func register(on routes: any RoutesBuilder) {
        routes.get("metrics") { _ -> Response in
            Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4"],
                     body: .init(buffer: ByteBuffer(bytes: render())))
        }
    }
}
