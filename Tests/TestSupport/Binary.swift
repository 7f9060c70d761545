// Built only with swift-testing at hand: `swift build -c release --static-swift-stdlib` builds every
// target, this one too, where the Testing module does not exist (the tests are never built there).
#if canImport(Testing)
import Foundation
import Testing

/// Runs the built `archdecide` binary, as a user would, and captures what it prints.
public enum Binary {
    /// The package root, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (`swift build` puts both in one folder).
    public static var url: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("archdecide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        let fallback = packageRoot.appendingPathComponent(".build/debug/archdecide")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs with the package root as working directory, no colour, a throwaway decision log.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    executable: URL? = nil, directory: URL? = nil, timeout: TimeInterval = 30) throws -> Output {
        let run = try AskBinary.run(arguments, input: stdin ?? "", in: directory ?? packageRoot,
                                    environment: environment, timeout: timeout, executable: executable ?? url)
        return Output(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}

/// The one snapshot helper: compares text with a file in the repo. With `ARCHDECIDE_RECORD_SNAPSHOTS=1`
/// it writes the file instead and fails ("recorded, run again"), so a recording run never passes:
/// a test run that records cannot be mistaken for one that checked.
public enum Snapshot {
    public static let recordVariable = "ARCHDECIDE_RECORD_SNAPSHOTS"

    public static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// `relativePath` is under the package root (`Examples/generate/index/hybrid.txt`).
    public static func check(_ actual: String, _ relativePath: String, recording: Bool = Snapshot.isRecording,
                             root: URL = Binary.packageRoot, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = root.appendingPathComponent(relativePath)
        if recording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                Issue.record("recorded \(relativePath); run again without \(recordVariable) (a recording run always fails)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(relativePath): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot at \(relativePath); record it with \(recordVariable)=1 swift test, then run again", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            let got = line < a.count ? String(a[line]) : "<end>"
            let want = line < e.count ? String(e[line]) : "<end>"
            Issue.record("\(relativePath) drifted at line \(line + 1):\n  want: \(want)\n  got:  \(got)\n(re-record with \(recordVariable)=1 swift test if the change is intended, then run again)",
                         sourceLocation: sourceLocation)
        }
    }
}
#endif
