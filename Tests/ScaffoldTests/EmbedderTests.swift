import Foundation
import Testing

/// The build-time embedder keeps every byte of a file, whatever raw-string delimiters the text holds.
@Suite struct EmbedderTests {
    /// `RulesEmbedder-tool`, built beside the tests for the EmbedRules plugin.
    static var tool: URL? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            for name in ["RulesEmbedder-tool", "RulesEmbedder"] {
                let candidate = folder.appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Runs a program to its end (or kills it after `timeout` seconds); its exit status and output.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("embedder-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); Issue.record("\(executable) did not finish within \(timeout) s") }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8))
    }

    @Test func backslashHashAndQuoteHashSurviveEmbedding() throws {
        let tool = try #require(Self.tool, "RulesEmbedder-tool is not built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embedder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        // `\#` with no `"#`: in a `#"""…"""#` literal, `\#n` would become a newline and `\#(x)` an interpolation.
        let texts = [
            "a.txt": "shell: echo \\#n and \\#(name) and \\##t\n",
            "b.txt": "quote: \"# and \"\"\"# and \\\"## end",
            "c.txt": "plain \\n \\t \\(x) text\n",
        ]
        for (name, text) in texts { try text.write(to: input.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let generated = folder.appendingPathComponent("Embedded.swift")
        let (status, message) = try Self.run(tool.path, [input.path, generated.path, "Embedded"])
        #expect(status == 0, "\(message)")
        let main = folder.appendingPathComponent("main.swift")
        try """
            for (path, text) in Embedded.files { print(path + "=" + text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ",")) }
            """.write(to: main, atomically: true, encoding: .utf8)
        let program = folder.appendingPathComponent("embedded")
        let (compiled, errors) = try Self.run("/usr/bin/env", ["swiftc", "-o", program.path, generated.path, main.path], timeout: 300)
        #expect(compiled == 0, "\(errors)")
        guard compiled == 0 else { return }
        let (ran, output) = try Self.run(program.path, [])
        #expect(ran == 0)
        let expected = texts.keys.sorted().map { name in
            name + "=" + texts[name]!.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        #expect(output == expected, "the embedded text differs from the file")
    }
}
