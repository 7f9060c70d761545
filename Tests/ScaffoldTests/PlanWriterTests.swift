import DecisionModel
import Foundation
import Scaffold
import Testing

/// The writer: atomic for a new folder; with --force, additive and never destructive.
@Suite struct PlanWriterTests {
    static let plan = Plan(layout: "test", topology: "monolith", features: [], files: [
        PlannedFile(path: "README.md", text: "hello\n"),
        PlannedFile(path: "Sources/App/main.swift", text: "print(1)\n"),
        PlannedFile(path: "scripts/run.sh", text: "#!/bin/sh\n", executable: true),
    ])

    func read(_ folder: URL, _ path: String) -> String? {
        try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func writesANewFolderWithItsManifest() throws {
        let parent = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("repo")
        let outcome = try PlanWriter().write(Self.plan, to: target.path, options: .init(git: false))
        // The three files and the manifest: what `generate` reports as written.
        #expect(outcome.written == ["README.md", "Sources/App/main.swift", "scripts/run.sh", PlanWriter.manifestPath])
        #expect(read(target, "Sources/App/main.swift") == "print(1)\n")
        #expect(read(target, PlanWriter.manifestPath)?.contains("  README.md") == true)
        let mode = try FileManager.default.attributesOfItem(atPath: target.appendingPathComponent("scripts/run.sh").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        // Nothing is left beside it: the staging folder was moved, not copied.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["repo"])
    }

    @Test func refusesANonEmptyFolderWithoutForce() throws {
        let target = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        try Data("mine".utf8).write(to: target.appendingPathComponent("notes.txt"))
        #expect(throws: Diagnostic.self) { try PlanWriter().write(Self.plan, to: target.path, options: .init(git: false)) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["notes.txt"])
    }

    @Test func forceKeepsEveryFileItDidNotWrite() throws {
        let target = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        try Data("mine".utf8).write(to: target.appendingPathComponent("notes.txt"))
        try Data("my readme".utf8).write(to: target.appendingPathComponent("README.md"))
        let outcome = try PlanWriter().write(Self.plan, to: target.path, options: .init(force: true, git: false))
        #expect(read(target, "notes.txt") == "mine")
        #expect(read(target, "README.md") == "my readme")
        #expect(read(target, PlanWriter.proposed("README.md")) == "hello\n")
        #expect(outcome.kept == ["README.md"])
        #expect(outcome.written == [PlanWriter.proposed("README.md"), "Sources/App/main.swift", "scripts/run.sh", PlanWriter.manifestPath])
        // Nothing but the user's files and the repo's: no `NAME.generated` beside a kept file.
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: target.path)).contains { $0.hasSuffix(".generated") })
        #expect(read(target, "Sources/App/main.swift") == "print(1)\n")
    }

    @Test func regeneratingReplacesOnlyUneditedGeneratedFiles() throws {
        let parent = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("repo")
        _ = try PlanWriter().write(Self.plan, to: target.path, options: .init(git: false))
        try Data("edited by me".utf8).write(to: target.appendingPathComponent("Sources/App/main.swift"))
        var next = Self.plan
        next.files = next.files.map { PlannedFile(path: $0.path, text: $0.text + "// v2\n", executable: $0.executable) }
        let outcome = try PlanWriter().write(next, to: target.path, options: .init(force: true, git: false))
        #expect(read(target, "README.md") == "hello\n// v2\n")
        #expect(read(target, "Sources/App/main.swift") == "edited by me")
        #expect(read(target, PlanWriter.proposed("Sources/App/main.swift")) == "print(1)\n// v2\n")
        // The proposal is outside Sources/, so SwiftPM sees no unhandled file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("Sources/App").path) == ["main.swift"])
        #expect(outcome.kept == ["Sources/App/main.swift"])
    }

    @Test func aFailureLeavesNothingBehind() throws {
        let parent = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        // "a" as a file and as a folder: the staging write fails half-way.
        let broken = Plan(layout: "test", topology: "monolith", features: [], files: [
            PlannedFile(path: "a", text: "x"), PlannedFile(path: "a/b", text: "y"),
        ])
        #expect(throws: Diagnostic.self) {
            try PlanWriter().write(broken, to: parent.appendingPathComponent("repo").path, options: .init(git: false))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test func unsafePathsAreRefused() throws {
        let parent = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        for path in ["../escape", "/etc/passwd", "a/../../b", "a//b", ".git/config", ""] {
            #expect(!PlanPath.isSafe(path), "\(path)")
            let plan = Plan(layout: "t", topology: "monolith", features: [], files: [PlannedFile(path: path, text: "x")])
            #expect(throws: Diagnostic.self) {
                try PlanWriter().write(plan, to: parent.appendingPathComponent("repo").path, options: .init(git: false))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test func initialisesGitWithOneCommit() throws {
        let parent = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("repo")
        let outcome = try PlanWriter().write(Self.plan, to: target.path, options: .init(git: true, commitMessage: "first"))
        #expect(outcome.committed)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", target.path, "rev-list", "--count", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let count = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
}
