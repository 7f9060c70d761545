import Foundation
import Testing

/// Runs the built `archdecide` binary, as a user would, and captures what it prints.
enum Binary {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (`swift build` puts both in one folder).
    static var url: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("archdecide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        let fallback = packageRoot.appendingPathComponent(".build/debug/archdecide")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs with the package root as working directory, no colour, a throwaway decision log.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    executable: URL? = nil, directory: URL? = nil, timeout: TimeInterval = 30) throws -> Output {
        let run = try AskBinary.run(arguments, input: stdin ?? "", in: directory ?? packageRoot,
                                    environment: environment, timeout: timeout, executable: executable ?? url)
        return Output(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }
}

/// Compares text with a snapshot file in the repo; `ARCHDECIDE_RECORD_SNAPSHOTS=1` writes it instead.
enum Snapshot {
    static func check(_ actual: String, _ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = Binary.packageRoot.appendingPathComponent(relativePath)
        if ProcessInfo.processInfo.environment["ARCHDECIDE_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot at \(relativePath); record it with ARCHDECIDE_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            let got = line < a.count ? String(a[line]) : "<end>"
            let want = line < e.count ? String(e[line]) : "<end>"
            Issue.record("\(relativePath) drifted at line \(line + 1):\n  want: \(want)\n  got:  \(got)\n(re-record with ARCHDECIDE_RECORD_SNAPSHOTS=1 swift test if the change is intended)",
                         sourceLocation: sourceLocation)
        }
    }
}
