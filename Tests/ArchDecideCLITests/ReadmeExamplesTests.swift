import Foundation
import Testing
import TestSupport

/// The README's shown output is the binary's: every plain fenced block (```, no language) that
/// starts with a `$ [VAR=value ...] archdecide ARGS` line is run (from the package root, the variables set,
/// COLUMNS=80 unless the line sets it, no terminal) and its lines must be what the command prints (standard output, then standard error),
/// in order. A line that is only `...` stands for lines left out; anything else must match exactly.
/// ```console blocks are sessions (several commands, state from earlier steps): shown, not run.
@Suite("README examples")
struct ReadmeExamplesTests {
    struct Example {
        var line: Int
        var environment: [String: String]
        var arguments: [String]
        var shown: [String]
    }

    static func examples() throws -> [Example] {
        let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var out: [Example] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index] == "```", index + 1 < lines.count, lines[index + 1].hasPrefix("$ ") else { continue }
            var words = lines[index + 1].dropFirst(2).split(separator: " ").map(String.init)
            var environment = ["COLUMNS": "80"]
            while let first = words.first, let eq = first.firstIndex(of: "="), first[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" }) {
                environment[String(first[..<eq])] = String(first[first.index(after: eq)...])
                words.removeFirst()
            }
            guard words.first == "archdecide" else { continue }
            var shown: [String] = []
            var end = index + 2
            while end < lines.count, !lines[end].hasPrefix("```") { shown.append(lines[end]); end += 1 }
            out.append(Example(line: index + 2, environment: environment, arguments: Array(words.dropFirst()), shown: shown))
            index = end
        }
        return out
    }

    /// Where `shown` fails to match `printed`, or nil when every shown line is there, in order.
    static func mismatch(shown: [String], printed: [String]) -> String? {
        var at = 0
        var skipping = false
        for line in shown {
            if line.trimmingCharacters(in: .whitespaces) == "..." { skipping = true; continue }
            if skipping {
                guard let found = printed[at...].firstIndex(of: line) else { return "not printed after line \(at + 1): \(line)" }
                at = found + 1
                skipping = false
            } else {
                guard at < printed.count else { return "shown but not printed (output ended): \(line)" }
                guard printed[at] == line else { return "line \(at + 1) is\n  \(printed[at])\nbut the README shows\n  \(line)" }
                at += 1
            }
        }
        if !skipping && at < printed.count { return "printed but not shown (end the block with ... to leave it out): \(printed[at])" }
        return nil
    }

    @Test("every `$ archdecide …` block in the README shows what the binary prints")
    func readmeShowsTheBinarysOutput() throws {
        let examples = try Self.examples()
        #expect(examples.contains { $0.arguments.first == "decide" && $0.environment["COLUMNS"] == "80" })
        for example in examples {
            let run = try Binary.run(example.arguments, environment: example.environment)
            var printed = (run.stdout + run.stderr).components(separatedBy: "\n")
            if printed.last == "" { printed.removeLast() }
            if let problem = Self.mismatch(shown: example.shown, printed: printed) {
                Issue.record("README.md:\(example.line): `archdecide \(example.arguments.joined(separator: " "))`: \(problem)")
            }
        }
    }

    @Test("the matcher itself: exact lines in order, ... for lines left out, nothing extra")
    func matcher() {
        #expect(Self.mismatch(shown: ["a", "b"], printed: ["a", "b"]) == nil)
        #expect(Self.mismatch(shown: ["a", "  ...", "d"], printed: ["a", "b", "c", "d"]) == nil)
        #expect(Self.mismatch(shown: ["a", "..."], printed: ["a", "b"]) == nil)
        #expect(Self.mismatch(shown: ["a", "c"], printed: ["a", "b", "c"]) != nil)
        #expect(Self.mismatch(shown: ["a"], printed: ["a", "b"]) != nil)
        #expect(Self.mismatch(shown: ["a", "b", "c"], printed: ["a", "b"]) != nil)
        #expect(Self.mismatch(shown: ["a", "...", "x"], printed: ["a", "b"]) != nil)
    }
}
