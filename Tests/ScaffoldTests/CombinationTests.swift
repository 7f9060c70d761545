import DecisionModel
import Foundation
import Scaffold
import Testing

/// Every combination of the answers that choose features, for every layout: each distinct repo
/// is rendered, and every Swift file in it must parse (`swiftc -parse`).
@Suite struct CombinationTests {
    static let workloads = ["crud", "content", "webhooks", "embeddings", "streaming_inference", "inference_gateway", "background_jobs"]

    /// All answer combinations that matter to feature selection, as profile texts.
    static func combinations() -> [String] {
        var texts: [String] = []
        for mask in 0..<(1 << workloads.count) {
            let chosen = workloads.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
            for flags in 0..<8 {
                for dataModel in ["none", "simple", "significant"] {
                    texts.append(Fixtures.profileText([
                        "auth: \(flags & 1 != 0)", "admin_ui: \(flags & 2 != 0)", "payments: \(flags & 4 != 0)",
                        "data_model: \(dataModel)", "workloads: [\(chosen.joined(separator: ", "))]",
                    ]))
                }
            }
        }
        return texts
    }

    @Test(arguments: [Topology.monolith, Topology.microservice, Topology.hybrid])
    func everyCombinationRendersSwiftThatParses(topology: Topology) throws {
        let layout = try LayoutCatalog.layout(named: Generator.layoutID(for: topology, ruleSet: Fixtures.ruleSet), catalog: Fixtures.ruleSet.catalog)
        var seenFeatureSets = Set<[String]>()
        var uniqueSwift: [String: String] = [:]   // text -> a path it appeared at
        var renders = 0
        for text in Self.combinations() {
            let profile = try Fixtures.profile(text)
            let request = Fixtures.request(profile, topology: topology)
            guard seenFeatureSets.insert(layout.selectedFeatures(for: request.evaluation.answers)).inserted else { continue }
            let plan = try Generator().plan(request)
            renders += 1
            #expect(plan.files.contains { $0.path == "Package.swift" })
            #expect(plan.files.contains { $0.path == ".archdecide/profile.yaml" })
            for file in plan.files where file.path.hasSuffix(".swift") {
                uniqueSwift[file.text] = uniqueSwift[file.text] ?? "[\(plan.features.joined(separator: ","))] \(file.path)"
            }
        }
        #expect(renders == seenFeatureSets.count)
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var urls: [URL] = []
        var origin: [String: String] = [:]
        for (index, (text, path)) in uniqueSwift.sorted(by: { $0.value < $1.value }).enumerated() {
            let url = folder.appendingPathComponent("f\(index)-\((path as NSString).lastPathComponent)")
            try Data(text.utf8).write(to: url)
            urls.append(url)
            origin[url.lastPathComponent] = path
        }
        // Parse in batches: one swiftc process per 150 files keeps it to a few seconds.
        var failures: [String] = []
        for start in stride(from: 0, to: urls.count, by: 150) {
            let output = try Fixtures.swiftParse(Array(urls[start..<min(urls.count, start + 150)]))
            if !output.isEmpty { failures.append(output) }
        }
        #expect(failures.isEmpty, "swiftc -parse failed (\(urls.count) distinct files from \(renders) repos):\n\(failures.joined(separator: "\n").prefix(4000))\nfiles: \(origin)")
    }

    @Test func featuresFollowTheAnswers() throws {
        let plan = try Fixtures.plan(Fixtures.profileText(["admin_ui: true", "workloads: [content]"]), topology: .monolith)
        // admin needs auth: it comes along.
        #expect(plan.features == ["auth", "content", "admin"])
        #expect(plan.files.contains { $0.path == "Sources/AcmeApp/Admin/AdminController.swift" })
        #expect(!plan.files.contains { $0.path.contains("Billing") })
        let service = try Fixtures.plan(Fixtures.profileText(["workloads: [crud]"]), topology: .microservice)
        #expect(service.features == ["embeddings"], "a service with no AI workload gets the default feature")
    }

    @Test func aColdAIPathStaysInTheHybridsMonolith() throws {
        // Laid out as a hybrid (--topology) with streaming at 20 rps: decide's placement keeps it in the monolith.
        let plan = try Fixtures.plan(Fixtures.profileText(["admin_ui: true", "workloads: [content, streaming_inference, inference_gateway]",
                                                            "traffic: {peak_rps: 20}"]),
                                     topology: .hybrid)
        #expect(plan.features.contains("streaming") && !plan.features.contains("chat") && !plan.features.contains("gateway"))
        let paths = Set(plan.files.map(\.path))
        #expect(paths.contains("Sources/AcmeApp/Controllers/CompletionController.swift"))
        #expect(!paths.contains("Sources/AcmeAI/Routes/ChatRoutes.swift") && !paths.contains("Sources/AcmeAI/Routes/GatewayRoutes.swift"))
        let routes = try #require(plan.files.first { $0.path == "Sources/AcmeApp/routes.swift" })
        #expect(routes.text.contains("CompletionController("))
        let adr = try #require(plan.files.first { $0.path == "docs/adr/0001-architecture.md" })
        #expect(adr.text.contains("### Where each workload goes"))
        #expect(adr.text.contains("| `streaming_inference` | monolith | a cold AI path"))
        #expect(adr.text.contains("| `content` | monolith |"))
    }

    @Test func theHybridTakesBothSidesAndAddsTheSharedLibrary() throws {
        let plan = try Fixtures.plan(Fixtures.profileText(["admin_ui: true", "workloads: [content, background_jobs, streaming_inference]",
                                                            "traffic: {peak_rps: 2000}"]),
                                     topology: .hybrid)
        #expect(plan.layout == "hybrid")
        // Embeddings always: the documents flow runs on them. No in-process jobs or streaming in the monolith.
        #expect(plan.features == ["auth", "content", "admin", "embeddings", "chat"])
        let paths = Set(plan.files.map(\.path))
        for path in ["Sources/AcmeJobs/JobQueue.swift", "Sources/AcmeJobs/JobContract.swift", "Sources/AcmeAI/Routes/ChatRoutes.swift",
                     "Sources/AcmeAI/Jobs/EmbedDocumentHandler.swift", "Sources/AcmeApp/Controllers/DocumentController.swift",
                     "Sources/AcmeApp/Admin/AdminController.swift", "Tests/AcmeJobsTests/QueueTests.swift", "scripts/queue-fault-test.sh"] {
            #expect(paths.contains(path), "missing \(path)")
        }
        for path in ["Sources/AcmeApp/Jobs/JobWorker.swift", "Sources/AcmeApp/Controllers/CompletionController.swift",
                     "Sources/AcmeAI/Routes/GatewayRoutes.swift", "Sources/AcmeService/App.swift"] {
            #expect(!paths.contains(path), "unexpected \(path)")
        }
        // One Package.swift; each side imports the shared library, never the other side.
        #expect(plan.files.filter { $0.path.hasSuffix("Package.swift") }.count == 1)
        for file in plan.files where file.path.hasPrefix("Sources/AcmeApp/") {
            #expect(!file.text.contains("import AcmeAI"), "\(file.path) imports the AI service")
        }
        for file in plan.files where file.path.hasPrefix("Sources/AcmeAI/") {
            #expect(!file.text.contains("import AcmeApp"), "\(file.path) imports the monolith")
        }
        for file in plan.files where file.path.hasPrefix("Sources/AcmeJobs/") {
            #expect(!file.text.contains("import AcmeA"), "\(file.path) imports a side")
        }
        let configure = try #require(plan.files.first { $0.path == "Sources/AcmeApp/configure.swift" })
        #expect(configure.text.contains("app.migrations.add(CreateJobQueue())"))
        #expect(configure.text.contains("DATABASE_URL must name the PostgreSQL database"))
        #expect(plan.files.first { $0.path == "scripts/e2e.sh" }?.executable == true)
    }
}
