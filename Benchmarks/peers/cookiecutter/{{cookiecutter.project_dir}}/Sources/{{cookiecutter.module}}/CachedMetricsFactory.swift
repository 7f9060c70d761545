
import Metrics
import Foundation

/// swift-metrics asks its factory for a handler every time a `Counter`, `Timer`, `Meter` or
/// `Recorder` is made, and both Hummingbird's `MetricsMiddleware` and Vapor's responder make them
/// on every request. swift-prometheus' factory then checks the name and the labels character by
/// character and looks the series up under its registry's lock: measured on `/healthz` in release
/// builds, that cost a fifth of the Hummingbird service's throughput and a seventh of the Vapor
/// monolith's (archdecide's Benchmarks/metrics-before-after.sh). This factory hands out the
/// handler made the first time for a label and its dimensions, so a request costs one dictionary
/// lookup; the names, the buckets and the registry stay the wrapped factory's.
///
/// The cache holds one handler per series the registry already holds, so it grows with the
/// registry, not with the traffic.
final class CachedMetricsFactory: MetricsFactory, @unchecked Sendable {
    private struct Key: Hashable {
        let label: String
        let dimensions: [String]
        init(_ label: String, _ dimensions: [(String, String)]) {
            self.label = label
            var flat: [String] = []
            flat.reserveCapacity(dimensions.count * 2)
            for (name, value) in dimensions { flat.append(name); flat.append(value) }
            self.dimensions = flat
        }
    }

    private let base: any MetricsFactory
    private let lock = NSLock()
    private var counters: [Key: any CounterHandler] = [:]
    private var floatingPointCounters: [Key: any FloatingPointCounterHandler] = [:]
    private var meters: [Key: any MeterHandler] = [:]
    private var recorders: [Key: any RecorderHandler] = [:]
    private var aggregatingRecorders: [Key: any RecorderHandler] = [:]
    private var timers: [Key: any TimerHandler] = [:]

    init(_ base: any MetricsFactory) {
        self.base = base
    }

    /// The cached handler for `key`, or the one `make` returns, kept.
    private func cached<Handler>(_ store: ReferenceWritableKeyPath<CachedMetricsFactory, [Key: Handler]>, _ key: Key,
                                 _ make: () -> Handler) -> Handler {
        lock.lock()
        defer { lock.unlock() }
        if let handler = self[keyPath: store][key] { return handler }
        let handler = make()
        self[keyPath: store][key] = handler
        return handler
    }

    /// Forgets every cached entry holding `handler`, so a destroyed series is made anew next time.
    private func forget<Handler>(_ store: ReferenceWritableKeyPath<CachedMetricsFactory, [Key: Handler]>, _ handler: AnyObject) {
        lock.lock()
        defer { lock.unlock() }
        self[keyPath: store] = self[keyPath: store].filter { ($0.value as AnyObject) !== handler }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        cached(\.counters, Key(label, dimensions)) { base.makeCounter(label: label, dimensions: dimensions) }
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        cached(\.floatingPointCounters, Key(label, dimensions)) { base.makeFloatingPointCounter(label: label, dimensions: dimensions) }
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        cached(\.meters, Key(label, dimensions)) { base.makeMeter(label: label, dimensions: dimensions) }
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        cached(aggregate ? \.aggregatingRecorders : \.recorders, Key(label, dimensions)) {
            base.makeRecorder(label: label, dimensions: dimensions, aggregate: aggregate)
        }
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        cached(\.timers, Key(label, dimensions)) { base.makeTimer(label: label, dimensions: dimensions) }
    }

    func destroyCounter(_ handler: any CounterHandler) {
        forget(\.counters, handler)
        base.destroyCounter(handler)
    }

    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        forget(\.floatingPointCounters, handler)
        base.destroyFloatingPointCounter(handler)
    }

    func destroyMeter(_ handler: any MeterHandler) {
        forget(\.meters, handler)
        base.destroyMeter(handler)
    }

    func destroyRecorder(_ handler: any RecorderHandler) {
        forget(\.recorders, handler)
        forget(\.aggregatingRecorders, handler)
        base.destroyRecorder(handler)
    }

    func destroyTimer(_ handler: any TimerHandler) {
        forget(\.timers, handler)
        base.destroyTimer(handler)
    }
}
