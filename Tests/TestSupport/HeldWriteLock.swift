import Foundation
import GRDB

/// Another connection holding a database's write lock (an exclusive transaction) until released:
/// the decision log's busy and locked paths, in the store's tests and through the binary.
public final class HeldWriteLock: @unchecked Sendable {
    private let held = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var released = false

    public init(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        Thread.detachNewThread { [held, done, finished] in
            try? queue.writeWithoutTransaction { db in
                try db.inTransaction(.exclusive) {
                    held.signal()
                    done.wait()
                    return .rollback
                }
            }
            finished.signal()
        }
        held.wait()
    }

    public func release() {
        guard !released else { return }
        released = true
        done.signal()
        finished.wait()
    }

    deinit { release() }
}
