// Built only with swift-testing at hand: `swift build -c release --static-swift-stdlib` builds every
// target, this one too, where the Testing module does not exist (the tests are never built there).
#if canImport(Testing)
import Foundation
import Testing

/// Running the built `archdecide` binary from tests, with bounded waits.
public enum AskBinary {
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary: beside the test bundle, else in .build/debug.
    public static let path: String? = {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("archdecide"))
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("archdecide"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("archdecide"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/archdecide"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The binary or a test failure saying how to get it.
    public static func require() throws -> String {
        try #require(path, "the archdecide binary is not built; run `swift build` before `swift test`")
    }

    public struct Run {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs the binary with `input` on a pipe as standard input; fails after `timeout` seconds.
    public static func run(_ arguments: [String], input: String = "", in folder: URL? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 30, executable: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try executable ?? URL(fileURLWithPath: require())
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["ARCHDECIDE_RECORD"] = nil  // the tests decide for themselves whether decide records
        env["ARCHDECIDE_DB"] = FileManager.default.temporaryDirectory.appendingPathComponent("ask-tests-\(UUID().uuidString).sqlite").path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        // Read both streams while the process runs, so a full pipe cannot stall it.
        let outData = LockedData(), errData = LockedData()
        let readers = DispatchGroup()
        for (pipe, sink) in [(stdout, outData), (stderr, errData)] {
            readers.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 5) == .timedOut {
                // Still running after SIGTERM: SIGKILL, and wait for the exit (reading the status of a
                // running process traps in Foundation, which took the whole test run down).
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            Issue.record("archdecide \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        _ = readers.wait(timeout: .now() + 5)
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: outData.get(), as: UTF8.self),
                   stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> URL { try makeTemporaryFolder("ask") }

    /// A top-level field of a JSON object printed by the binary.
    public static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}

/// Data handed from a reader thread to the test.
public final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    public init() {}
    public func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    public func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
#endif
