import ArgumentParser
import Foundation
import Testing
@testable import ArchDecideCLI
import TestSupport

/// `archdecide generate` end to end, through the argument parser, into temporary folders.
@Suite struct GenerateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let example = root.appendingPathComponent("Examples/generate/full-service.yaml").path

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func run(_ arguments: [String]) throws {
        var command = try ArchDecide.parseAsRoot(arguments)
        try command.run()
    }

    @Test func generatesTheRecommendedLayout() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("svc").path
        try run(["generate", "--profile", Self.example, "--output", out, "--no-git", "--no-record"])
        let package = try String(contentsOfFile: out + "/Package.swift", encoding: .utf8)
        #expect(package.contains("hummingbird"))
        let profile = try String(contentsOfFile: out + "/.archdecide/profile.yaml", encoding: .utf8)
        #expect(profile.contains("# layout: hummingbird-service (microservice)"))
        #expect(profile.contains("rules-digest: sha256:"))
        let adr = try String(contentsOfFile: out + "/docs/adr/0001-architecture.md", encoding: .utf8)
        #expect(adr.hasPrefix("---\nstatus: accepted"))
    }

    /// The count `generate` prints is the number of files it put on disk, the manifest included.
    @Test func theReportedCountIsTheFilesOnDisk() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("svc")
        let run = try Binary.run(["generate", "--profile", Self.example, "--output", out.path, "--no-git", "--no-record"])
        #expect(run.status == 0, "\(run.stderr)")
        let enumerator = try #require(FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.isRegularFileKey]))
        let onDisk = try enumerator.compactMap { item -> URL? in
            let url = try #require(item as? URL)
            return try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true ? url : nil
        }.count
        #expect(onDisk > 1)
        #expect(run.stdout.hasPrefix("Wrote \(onDisk) files to "), "\(run.stdout)")
        let dryRun = try Binary.run(["generate", "--profile", Self.example, "--output", out.path + "-dry", "--dry-run"])
        #expect(dryRun.stdout.hasPrefix("Would write \(onDisk) files"), "\(dryRun.stdout)")
    }

    @Test func topologyOverrideIsRecordedAsSuch() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("mono").path
        try run(["generate", "--profile", Self.example, "--output", out, "--topology", "monolith", "--no-git", "--no-record"])
        #expect(FileManager.default.fileExists(atPath: out + "/Sources/EmbedgateApp/configure.swift"))
        let profile = try String(contentsOfFile: out + "/.archdecide/profile.yaml", encoding: .utf8)
        #expect(profile.contains("chosen with --topology; the recommendation was microservice"))
        let adr = try String(contentsOfFile: out + "/docs/adr/0001-architecture.md", encoding: .utf8)
        #expect(adr.contains("overrode it with `--topology monolith`"))
    }

    /// A forced topology the answers rule out is laid out as asked, with a located warning that says
    /// which test of its precondition failed; a forced topology that is merely not the winner gets none.
    @Test func aRuledOutTopologyIsLaidOutWithAWarning() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let admin = Self.root.appendingPathComponent("Examples/internal-admin-tool.yaml").path
        let forced = try Binary.run(["generate", "--profile", admin, "--topology", "hybrid",
                                     "--output", parent.appendingPathComponent("h").path, "--dry-run"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let warning = forced.stderr.components(separatedBy: "\n").first { $0.hasSuffix("[ruled-out-topology]") }
        #expect(warning?.hasPrefix("\(admin):1:1: warning: --topology hybrid: the answers rule it out: the hybrid splits hot AI paths") == true,
                "\(forced.stderr)")
        #expect(warning?.contains("laid out as asked") == true)
        #expect(forced.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("(override; recommended: monolith)"))
        let allowed = try Binary.run(["generate", "--profile", Self.example, "--topology", "monolith",
                                      "--output", parent.appendingPathComponent("m").path, "--dry-run"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(!allowed.stderr.contains("[ruled-out-topology]"), "\(allowed.stderr)")
    }

    @Test func theHybridIsOneRepoWithThreeModulesAndItsScripts() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("hybrid").path
        let profile = Self.root.appendingPathComponent("Examples/generate/full-hybrid.yaml").path
        try run(["generate", "--profile", profile, "--output", out, "--no-git", "--no-record"])
        let package = try String(contentsOfFile: out + "/Package.swift", encoding: .utf8)
        #expect(package.contains(#".executable(name: "helpdesk-app", targets: ["HelpdeskApp"])"#))
        #expect(package.contains(#".executable(name: "helpdesk-ai", targets: ["HelpdeskAI"])"#))
        #expect(package.contains(#".library(name: "HelpdeskJobs", targets: ["HelpdeskJobs"])"#))
        let snapshot = try String(contentsOfFile: out + "/.archdecide/profile.yaml", encoding: .utf8)
        #expect(snapshot.contains("# layout: hybrid (hybrid)"))
        let readme = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(readme.contains("```mermaid"))
        for script in ["scripts/e2e.sh", "scripts/queue-fault-test.sh", "scripts/queue-bench.sh"] {
            #expect(FileManager.default.isExecutableFile(atPath: out + "/" + script), "\(script) is not executable")
        }
        #expect(FileManager.default.fileExists(atPath: out + "/docker-compose.yml"))
        #expect(FileManager.default.fileExists(atPath: out + "/docs/adr/0001-architecture.md"))
    }

    @Test func dryRunWritesNothing() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("dry").path
        try run(["generate", "--profile", Self.example, "--output", out, "--dry-run"])
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aNonEmptyFolderIsRefusedWithoutForce() throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        try Data("keep me".utf8).write(to: parent.appendingPathComponent("mine.txt"))
        #expect(throws: (any Error).self) {
            try run(["generate", "--profile", Self.example, "--output", parent.path, "--no-git", "--no-record"])
        }
        try run(["generate", "--profile", Self.example, "--output", parent.path, "--no-git", "--no-record", "--force"])
        #expect(try String(contentsOf: parent.appendingPathComponent("mine.txt"), encoding: .utf8) == "keep me")
        #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("Package.swift").path))
    }

    @Test func aBadTopologyIsAUsageError() {
        #expect(throws: (any Error).self) { try ArchDecide.parseAsRoot(["generate", "--profile", Self.example, "--topology", "serverless"]) }
    }
}
