import Foundation

/// Where the log reads the time of a decision; tests pass a fixed or stepping clock.
public protocol DecisionClock: Sendable {
    /// The time to stamp on a decision now.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: DecisionClock {
    public init() {}
    /// The current time.
    public func now() -> Date { Date() }
}

/// A clock for tests: starts at a given time and moves on by `step` each time it is read.
public final class SteppingClock: DecisionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private let step: TimeInterval

    public init(start: Date, step: TimeInterval = 60) {
        current = start
        self.step = step
    }

    /// The next time: the start, then one step later at each call.
    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        let value = current
        current += step
        return value
    }
}
