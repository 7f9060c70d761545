import Foundation
import Testing
import TestSupport

/// `archdecide update` through the built binary, in temporary git repos, as a team would run it.
@Suite(.serialized) struct UpdateCommandTests {
    static let profile = """
        version: 1
        name: shop
        data_model: significant
        admin_ui: false
        auth: true
        payments: false
        workloads: [crud, content]
        traffic:
          peak_rps: 50
        team:
          size: 4

        """
    static let homeController = "Sources/ShopApp/Controllers/HomeController.swift"
    static let homeDoc = "/// The home page: what this app offers (the layout shows who is signed in).\n"
    static let routesDoc = "/// Every route of the app; each feature registers its own controller.\n"

    /// A temporary folder with a generated monolith `shop/` in it, committed by generate.
    struct Repo {
        var parent: URL
        var root: URL { parent.appendingPathComponent("shop") }

        init() throws {
            parent = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-update-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try UpdateCommandTests.profile.write(to: parent.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
            let out = try Binary.run(["generate", "--profile", "p.yaml", "--output", "shop", "--no-record"], directory: parent)
            try #require(out.status == 0, "generate failed: \(out.stderr)")
        }

        func remove() { try? FileManager.default.removeItem(at: parent) }

        func read(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }

        func write(_ path: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }

        func edit(_ path: String, replacing old: String, with new: String) throws {
            let text = try read(path)
            try #require(text.contains(old), "\(path) does not contain \(old)")
            try write(path, text.replacingOccurrences(of: old, with: new))
        }

        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

        @discardableResult
        func git(_ arguments: [String]) throws -> String {
            let out = try Shell.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "-c", "commit.gpgsign=false"] + arguments, in: root)
            try #require(out.status == 0, "git \(arguments.joined(separator: " ")) failed: \(out.stderr)")
            return out.stdout
        }

        func commitCount() throws -> Int { Int(try git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }

        func update(_ arguments: [String] = []) throws -> Binary.Output {
            try Binary.run(["update", "--no-record"] + arguments, directory: root)
        }

        /// A copy of the built-in templates with some lines changed: a newer archdecide.
        func templates(_ changes: [(file: String, old: String, new: String)]) throws -> String {
            let folder = parent.appendingPathComponent("templates-v2")
            try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("Sources/BundledTemplates/Templates"), to: folder)
            for change in changes {
                let url = folder.appendingPathComponent(change.file)
                let text = try String(contentsOf: url, encoding: .utf8)
                try #require(text.contains(change.old), "\(change.file) does not contain \(change.old)")
                try text.replacingOccurrences(of: change.old, with: change.new).write(to: url, atomically: true, encoding: .utf8)
            }
            return folder.path
        }

        /// Every file below the repo (`.git` included), by path: the tree byte for byte.
        func fingerprint() throws -> [String: Data] {
            var result: [String: Data] = [:]
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
            }
            return result
        }
    }

    static let homeTemplate = "vapor-monolith/Sources/_module_/Controllers/HomeController.swift.mustache"
    static let routesTemplate = "vapor-monolith/Sources/_module_/routes.swift.mustache"

    // (1) A changed answer: the team's edits stay, the billing files and routes appear, one commit.
    @Test func paymentsAfterAllKeepsTheTeamsEdits() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(Self.homeController, replacing: "import Vapor\n", with: "import Vapor\n// team: the home page shows our news\n")
        let readme = try repo.read("README.md") + "\n## Our notes\n\nDeploys go through the staging cluster.\n"
        try repo.write("README.md", readme)
        try repo.edit(".archdecide/profile.yaml", replacing: "payments: false", with: "payments: true")
        try repo.git(["commit", "-qam", "team edits"])
        let before = try repo.commitCount()

        let out = try repo.update()
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("answers changed: payments: false → true"))
        #expect(try repo.read(Self.homeController).contains("// team: the home page shows our news"))
        #expect(try repo.read("README.md").contains("Deploys go through the staging cluster."))
        #expect(repo.exists("Sources/ShopApp/Controllers/BillingController.swift"))
        #expect(repo.exists("Sources/ShopApp/Migrations/CreateBilling.swift"))
        #expect(repo.exists("Tests/ShopAppTests/BillingTests.swift"))
        #expect(try repo.read("Sources/ShopApp/routes.swift").contains("try app.register(collection: BillingController())"))
        #expect(try repo.commitCount() == before + 1)
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
        let message = try repo.git(["log", "-1", "--format=%B"])
        #expect(message.hasPrefix("archdecide update: monolith (vapor-monolith), features +payments +webhooks"))
        #expect(message.contains("add      Sources/ShopApp/Controllers/BillingController.swift"))
        // The profile keeps its assumed answers marked, and the next update has nothing to do.
        #expect(try repo.read(".archdecide/profile.yaml").contains("growth: possible  # assumed"))
        let again = try repo.update()
        #expect(again.status == 0)
        #expect(again.stdout.contains("already up to date"), "\(again.stdout)")
        #expect(try repo.commitCount() == before + 1, "an update with nothing to do makes no commit")
    }

    // (2) Overlapping edits: markers, exit 3, every other file updated, no commit.
    @Test func aConflictIsMarkedAndEverythingElseIsUpdated() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(Self.homeController, replacing: Self.homeDoc, with: "/// Our home page, with the news.\n")
        try repo.git(["commit", "-qam", "team edit"])
        let templates = try repo.templates([
            (Self.homeTemplate, Self.homeDoc, "/// The home page (templates v2).\n"),
            (Self.routesTemplate, Self.routesDoc, "/// Every route (templates v2).\n"),
        ])
        let before = try repo.commitCount()
        let out = try repo.update(["--templates", templates])
        #expect(out.status == 3, "conflicts exit with 3: \(out.stdout) \(out.stderr)")
        #expect(out.stdout.contains("conflict " + Self.homeController))
        let merged = try repo.read(Self.homeController)
        #expect(merged.contains("<<<<<<< yours (working tree)\n/// Our home page, with the news.\n||||||| base"))
        #expect(merged.contains("=======\n/// The home page (templates v2).\n>>>>>>> archdecide"))
        #expect(try repo.read("Sources/ShopApp/routes.swift").contains("/// Every route (templates v2).\n"))
        #expect(try repo.commitCount() == before, "a conflicted update is left for review, not committed")
        #expect(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/ARCHDECIDE_UPDATE_MSG").path))
    }

    // (3) A newer archdecide: untouched files take the change, edited ones are merged.
    @Test func aTemplateChangeReachesUntouchedAndEditedFiles() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(Self.homeController, replacing: "import Vapor\n", with: "import Vapor\n// team: the home page shows our news\n")
        try repo.git(["commit", "-qam", "team edit"])
        let generatedRoutes = try repo.read("Sources/ShopApp/routes.swift")
        let templates = try repo.templates([
            (Self.homeTemplate, Self.homeDoc, "/// The home page (templates v2).\n"),
            (Self.routesTemplate, Self.routesDoc, "/// Every route (templates v2).\n"),
        ])
        let out = try repo.update(["--templates", templates])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("replace  Sources/ShopApp/routes.swift"))
        #expect(out.stdout.contains("merge    " + Self.homeController))
        #expect(out.stdout.contains("templates: changed"))
        #expect(try repo.read("Sources/ShopApp/routes.swift") == generatedRoutes.replacingOccurrences(of: Self.routesDoc, with: "/// Every route (templates v2).\n"))
        let home = try repo.read(Self.homeController)
        #expect(home.contains("// team: the home page shows our news\n"))
        #expect(home.contains("/// The home page (templates v2).\n"))
        #expect(!home.contains("<<<<<<<"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    // (4) --dry-run prints the plan and changes nothing, byte for byte.
    @Test func dryRunChangesNothing() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(".archdecide/profile.yaml", replacing: "payments: false", with: "payments: true")
        try repo.edit(Self.homeController, replacing: Self.homeDoc, with: "/// Ours.\n")
        try repo.git(["commit", "-qam", "team edits"])
        let templates = try repo.templates([(Self.homeTemplate, Self.homeDoc, "/// Theirs.\n")])
        let before = try repo.fingerprint()
        let out = try repo.update(["--dry-run", "--templates", templates])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("add      Sources/ShopApp/Controllers/BillingController.swift"))
        #expect(out.stdout.contains("replace  Sources/ShopApp/routes.swift"))
        #expect(out.stdout.contains("conflict " + Self.homeController))
        #expect(out.stdout.contains("nothing was written"))
        #expect(try repo.fingerprint() == before)
    }

    // (5) No base: a located error, nothing written.
    @Test func withoutABaseNothingIsWritten() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent(".archdecide/base"))
        try repo.edit(".archdecide/profile.yaml", replacing: "payments: false", with: "payments: true")
        try repo.git(["commit", "-qam", "base removed"])
        let before = try repo.fingerprint()
        let out = try repo.update()
        #expect(out.status == 1)
        #expect(out.stderr.contains(".archdecide/base/INDEX: error: no base: this repo has .archdecide/profile.yaml but no record of what archdecide wrote"))
        #expect(out.stderr.contains("[no-base]"))
        #expect(try repo.fingerprint() == before)
    }

    /// A damaged base copy is named with the index line that points at it; nothing is written.
    @Test func aDamagedBaseCopyIsLocated() throws {
        let repo = try Repo()
        defer { repo.remove() }
        let index = try repo.read(".archdecide/base/INDEX")
        let lines = index.split(separator: "\n").map(String.init)
        let line = try #require(lines.firstIndex { $0.hasSuffix("  README.md") })
        let hash = String(lines[line].prefix(64))
        try repo.write(".archdecide/base/\(hash)", "tampered\n")
        let before = try repo.fingerprint()
        let out = try repo.update(["--allow-dirty"])
        #expect(out.status == 1)
        #expect(out.stderr.contains(".archdecide/base/INDEX:\(line + 1):1: error: the base copy of README.md"))
        #expect(try repo.fingerprint() == before)
    }

    /// A dirty tree is refused unless --allow-dirty, and then only the update is committed.
    @Test func aDirtyTreeIsRefused() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(".archdecide/profile.yaml", replacing: "payments: false", with: "payments: true")
        try repo.write("NOTES.txt", "work in progress\n")
        let before = try repo.fingerprint()
        let refused = try repo.update()
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has uncommitted changes"))
        #expect(try repo.fingerprint() == before)
        let out = try repo.update(["--allow-dirty"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try repo.git(["status", "--porcelain"]) == "?? NOTES.txt\n")
    }

    /// monolith → hybrid: the AI service, the jobs library and the queue are added, the team's
    /// edits stay, and a new ADR supersedes the first.
    @Test func aMonolithMovesToTheHybrid() throws {
        let repo = try Repo()
        defer { repo.remove() }
        try repo.edit(Self.homeController, replacing: "import Vapor\n", with: "import Vapor\n// team: the home page shows our news\n")
        try repo.git(["commit", "-qam", "team edit"])
        let out = try repo.update(["--topology", "hybrid"])
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        #expect(try repo.read(Self.homeController).contains("// team: the home page shows our news"))
        #expect(repo.exists("Sources/ShopAI/Routes/EmbeddingsRoutes.swift"))
        #expect(repo.exists("Sources/ShopJobs/JobQueue.swift"))
        #expect(repo.exists("Tests/ShopJobsTests/QueueTests.swift"))
        #expect(try repo.read("Package.swift").contains("ShopJobs"))
        let first = try repo.read("docs/adr/0001-architecture.md")
        #expect(first.contains("status: \"superseded by ADR-0002\""))
        let second = try repo.read("docs/adr/0002-architecture-hybrid.md")
        #expect(second.contains("# 0002. Architecture of shop"))
        #expect(second.contains("This decision supersedes [ADR-0001](0001-architecture.md)."))
        #expect(try repo.read(".archdecide/base/INDEX").contains("override: hybrid"))
        // The override stays in force: a later update keeps the hybrid, and its ADR.
        let again = try repo.update()
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!repo.exists("docs/adr/0003-architecture-hybrid.md"))
        #expect(try repo.read("docs/adr/0001-architecture.md") == first)
    }

    /// Every update is a decision in the log, linked to the one before it; `history` shows the chain.
    @Test func updatesAreChainedInTheDecisionLog() throws {
        let repo = try Repo()
        defer { repo.remove() }
        let db = repo.parent.appendingPathComponent("log.sqlite").path
        let root = repo.root.path
        // The repo was generated with --no-record: the first update has no earlier decision in this log.
        try repo.edit(".archdecide/profile.yaml", replacing: "payments: false", with: "payments: true")
        try repo.git(["commit", "-qam", "payments"])
        let first = try Binary.run(["update", "--db", db], directory: repo.root)
        #expect(first.status == 0, "\(first.stderr)")
        try repo.edit(".archdecide/profile.yaml", replacing: "admin_ui: false", with: "admin_ui: true")
        try repo.git(["commit", "-qam", "admin"])
        let second = try Binary.run(["update", "--db", db], directory: repo.root)
        #expect(second.status == 0, "\(second.stderr)")
        let history = try Binary.run(["history", "--db", db], environment: ["COLUMNS": "400"], directory: repo.parent)
        #expect(history.status == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("d-000002") && lines[1].hasSuffix("updated \(root) (after d-000001)"), "\(lines)")
        #expect(lines[2].hasPrefix("d-000001") && lines[2].hasSuffix("updated \(root)"), "\(lines)")
        let shown = try Binary.run(["show", "d-2", "--format", "json", "--db", db], directory: repo.parent)
        #expect(shown.stdout.contains("\"action\":\"update\"") || shown.stdout.contains("\"action\": \"update\""))
        #expect(shown.stdout.contains("d-000001"))
    }

    /// microservice → hybrid: the service's files stay where they are (the hybrid's AI service takes
    /// the microservice's module name, recorded for later updates); the monolith side is added.
    @Test func aMicroserviceMovesToTheHybrid() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-update-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let example = Binary.packageRoot.appendingPathComponent("Examples/generate/full-service.yaml").path
        #expect(try Binary.run(["generate", "--profile", example, "--output", "svc", "--no-record"], directory: parent).status == 0)
        let root = parent.appendingPathComponent("svc")
        let routes = root.appendingPathComponent("Sources/EmbedgateService/Routes/EmbeddingsRoutes.swift")
        let edited = try String(contentsOf: routes, encoding: .utf8) + "// team: tuned batch sizes\n"
        try edited.write(to: routes, atomically: true, encoding: .utf8)
        #expect(try Shell.run(["git", "-c", "user.name=t", "-c", "user.email=t@l", "commit", "-qam", "team edit"], in: root).status == 0)
        let out = try Binary.run(["update", "--topology", "hybrid", "--no-record"], directory: root)
        #expect(out.status == 0, "\(out.stdout)\n\(out.stderr)")
        // The service's own code stays; only its untouched single-service manifests give way to the hybrid's,
        // and its metrics factory, which moves to the job library (one bootstrap per process).
        let removed = out.stdout.split(separator: "\n").filter { $0.hasPrefix("  remove ") }
        #expect(removed.allSatisfy { $0.contains("deploy/k8s/") || $0.hasSuffix("Sources/EmbedgateService/CachedMetricsFactory.swift") }, "\(removed)")
        #expect(removed.contains { $0.contains("deploy/k8s/") }, "\(removed)")
        #expect(try String(contentsOf: routes, encoding: .utf8) == edited)
        let package = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(package.contains("name: \"EmbedgateService\"") && package.contains("name: \"EmbedgateApp\"") && package.contains("EmbedgateJobs"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/EmbedgateAI").path))
        #expect(try String(contentsOf: root.appendingPathComponent(".archdecide/base/INDEX"), encoding: .utf8)
            .contains("modules: serviceModule=EmbedgateService, serviceTestModule=EmbedgateServiceTests"))
        let again = try Binary.run(["update", "--no-record"], directory: root)
        #expect(again.status == 0 && again.stdout.contains("already up to date"), "\(again.stdout)\n\(again.stderr)")
    }

    /// A move update does not make is refused with what to do instead, and nothing changes.
    @Test func anUnsupportedMoveIsRefused() throws {
        let repo = try Repo()
        defer { repo.remove() }
        let before = try repo.fingerprint()
        let out = try repo.update(["--topology", "microservice"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("update does not move a monolith to a microservice in place"))
        #expect(out.stderr.contains("--topology hybrid"))
        #expect(try repo.fingerprint() == before)
    }
}

/// Runs a child process with a timeout (no test may hang).
enum Shell {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], in folder: URL, timeout: TimeInterval = 30) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("shell-\(UUID().uuidString).err")
        #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
        #expect(FileManager.default.createFile(atPath: err.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(arguments.joined(separator: " ")) timed out after \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
