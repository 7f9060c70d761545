// Built only with swift-testing at hand: `swift build -c release --static-swift-stdlib` builds every
// target, this one too, where the Testing module does not exist (the tests are never built there).
#if canImport(Testing)
import Foundation
import Testing

/// Runs the built `archdecide` binary for end-to-end tests of the decision log.
public enum DecisionLogBinary {
    /// The binary beside the test bundle (`.build/debug/archdecide`), or nil when it was not built.
    public static let url: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("archdecide"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("archdecide"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("archdecide"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/archdecide"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }()

    public static let skipReason = "the archdecide binary is not built next to the tests (run `swift build` first)"

    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// What one run printed and how it exited.
    public struct Outcome: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
        public var errLines: [String] { err.split(separator: "\n").map(String.init) }
    }

    /// A started process whose output goes to files (no pipe can fill up while 20 run at once).
    public struct Running {
        public let process: Process
        public let outFile: URL
        public let errFile: URL

        public func wait() -> Outcome {
            process.waitUntilExit()
            let out = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
            return Outcome(status: process.terminationStatus, out: out, err: err)
        }
    }

    /// A clean environment: a private HOME, no inherited ARCHDECIDE_* or XDG_* variables.
    public static func environment(home: URL, _ extra: [String: String]) -> [String: String] {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path, "NO_COLOR": "1"]
        env.merge(extra) { _, new in new }
        return env
    }

    public static func start(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> Running {
        guard let url else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        let id = UUID().uuidString
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-out-\(id)")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-err-\(id)")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, outFile: outFile, errFile: errFile)
    }

    public static func run(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> Outcome {
        try start(arguments, in: folder, environment: environment).wait()
    }
}

/// A scratch folder with the example profiles, removed at the end of the test.
public struct LogScratch {
    public let folder: URL
    public let home: URL

    public static var deskpilot: String { SampleProfiles.deskpilot }
    public static var deskpilotQuiet: String { SampleProfiles.deskpilotQuiet }

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-cli-\(UUID().uuidString)")
        home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Self.deskpilot.write(to: folder.appendingPathComponent("deskpilot.yaml"), atomically: true, encoding: .utf8)
        try Self.deskpilotQuiet.write(to: folder.appendingPathComponent("deskpilot-quiet.yaml"), atomically: true, encoding: .utf8)
    }

    public func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    public func env(_ extra: [String: String] = [:]) -> [String: String] { DecisionLogBinary.environment(home: home, extra) }

    public func run(_ arguments: [String], _ extra: [String: String] = [:]) throws -> DecisionLogBinary.Outcome {
        try DecisionLogBinary.run(arguments, in: folder, environment: env(extra))
    }

    public func remove() { try? FileManager.default.removeItem(at: folder) }
}
#endif
