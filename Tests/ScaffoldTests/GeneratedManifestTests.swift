import DecisionModel
import Foundation
@testable import Scaffold
import Testing

/// What a generated repo declares about its toolchain and dependencies, checked against the
/// dependencies' own manifests in the offline mirror (`/opt/swift-packages/OWNER/NAME.git`).
@Suite struct GeneratedManifestTests {
    static let mirror = URL(fileURLWithPath: "/opt/swift-packages")

    static let profiles: [(Topology, String)] = [
        (.monolith, Fixtures.profileText(name: "mono", ["data_model: significant", "admin_ui: true", "auth: true", "payments: true",
                                                         "workloads: [crud, content, webhooks, background_jobs, streaming_inference]"])),
        (.microservice, Fixtures.profileText(name: "svc", ["data_model: none", "scope: narrow",
                                                            "workloads: [embeddings, streaming_inference, inference_gateway]"])),
        (.hybrid, Fixtures.profileText(name: "both", ["data_model: significant", "admin_ui: true", "auth: true",
                                                       "workloads: [crud, content, embeddings, streaming_inference, background_jobs]",
                                                       "traffic:", "  peak_rps: 3000"])),
    ]

    /// `swift-tools-version: 6.2` → [6, 2].
    static func toolsVersion(_ manifest: String) -> [Int]? {
        guard let line = manifest.split(separator: "\n").first, let range = line.range(of: "swift-tools-version:") else { return nil }
        return line[range.upperBound...].trimmingCharacters(in: .whitespaces).split(separator: ".").compactMap { Int($0) }
    }

    /// `https://github.com/OWNER/NAME` of every `.package(url:` line.
    static func dependencies(_ manifest: String) -> [String] {
        manifest.components(separatedBy: ".package(url: \"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    /// The `dependencies: [...]` of `Package(...)` itself: what a user of the package resolves. Lists
    /// appended under a condition (Hummingbird's `ENABLE_HB_BENCHMARKS`) are left out, as SwiftPM does.
    static func declaredDependencies(_ manifest: String) -> String {
        guard let start = manifest.range(of: "Package("), let list = manifest.range(of: "dependencies: [", range: start.upperBound..<manifest.endIndex) else { return "" }
        var depth = 1
        var index = list.upperBound
        while index < manifest.endIndex && depth > 0 {
            if manifest[index] == "[" { depth += 1 } else if manifest[index] == "]" { depth -= 1 }
            index = manifest.index(after: index)
        }
        return String(manifest[list.upperBound..<index])
    }

    static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// The highest mirrored version of a package and its manifest there (the one a `from:` resolves to offline).
    static func mirroredManifest(_ url: String) -> (version: String, text: String)? {
        let parts = url.split(separator: "/").suffix(2).map { $0.replacingOccurrences(of: ".git", with: "") }
        guard parts.count == 2 else { return nil }
        let repo = mirror.appendingPathComponent("\(parts[0])/\(parts[1]).git").path
        guard let tags = git(["-C", repo, "tag"]) else { return nil }
        let versions = tags.split(separator: "\n").map(String.init).filter { $0.first?.isNumber == true }
            .sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
        guard let newest = versions.last, let text = git(["-C", repo, "show", "\(newest):Package.swift"]) else { return nil }
        return (newest, text)
    }

    @Test(arguments: profiles.map(\.0))
    func eachPackageSwiftDeclaresTheToolsVersionItsDependenciesNeed(_ topology: Topology) throws {
        let text = try #require(Self.profiles.first { $0.0 == topology }?.1)
        let plan = try Fixtures.plan(text, topology: topology)
        let manifest = try #require(plan.files.first { $0.path == "Package.swift" }?.text, "no Package.swift")
        let declared = try #require(Self.toolsVersion(manifest))
        #expect(declared == Generator.swiftToolsVersion.split(separator: ".").compactMap { Int($0) })
        let readme = try #require(plan.files.first { $0.path == "README.md" }?.text)
        #expect(readme.contains("Requires Swift \(Generator.swiftToolsVersion) or later"))
        guard FileManager.default.fileExists(atPath: Self.mirror.path) else { return }  // no mirror on this machine: the first checks stand
        // Every package reachable from the manifest, each at its newest mirrored version.
        var queue = Self.dependencies(manifest)
        var seen = Set<String>()
        var needs: [(String, [Int])] = []
        while let url = queue.popLast() {
            let key = url.lowercased().replacingOccurrences(of: ".git", with: "")
            guard seen.insert(key).inserted, let (version, text) = Self.mirroredManifest(url), let tools = Self.toolsVersion(text) else { continue }
            needs.append(("\(key) \(version)", tools))
            queue += Self.dependencies(Self.declaredDependencies(text))
        }
        #expect(needs.count >= Self.dependencies(manifest).count)
        for (package, tools) in needs {
            #expect(!declared.lexicographicallyPrecedes(tools), "\(package) needs swift-tools-version \(tools), the generated repo declares \(declared)")
        }
    }

    @Test func generatedReposCommitPackageResolvedAndTheirDockerfilesCopyIt() throws {
        for (topology, text) in Self.profiles {
            let plan = try Fixtures.plan(text, topology: topology)
            let ignore = try #require(plan.files.first { $0.path == ".gitignore" }?.text)
            #expect(!ignore.contains("Package.resolved"), "\(topology): an application commits Package.resolved")
            let dockerfile = try #require(plan.files.first { $0.path == "Dockerfile" }?.text)
            #expect(dockerfile.contains("COPY Package.swift Package.resolve[d] ./"), "\(topology)")
            let readme = try #require(plan.files.first { $0.path == "README.md" }?.text)
            #expect(!readme.contains("monolith in Swift (") && !readme.contains("monolith)):"), "\(topology): the title said twice")
        }
    }

    @Test func moduleNamesDoNotRepeatTheRoleWord() throws {
        #expect(ModuleNaming.base("WeirdApp", template: "{{Name}}App") == "Weird")
        #expect(ModuleNaming.base("WeirdApp", template: "{{Name}}AppTests") == "Weird")
        #expect(ModuleNaming.base("WeirdApp", template: "{{Name}}AI") == "WeirdApp")
        #expect(ModuleNaming.base("Deskpilot", template: "{{Name}}App") == "Deskpilot")
        #expect(ModuleNaming.base("PayService", template: "{{Name}}ServiceTests") == "Pay")
        #expect(ModuleNaming.base("MyAI", template: "{{Name}}AITests") == "My")
        for topology in [Topology.monolith, .microservice, .hybrid] {
            let plan = try Fixtures.plan(Fixtures.profileText(name: "weird-app", ["workloads: [crud, embeddings]"]), topology: topology)
            let paths = plan.files.map(\.path)
            #expect(!paths.contains { $0.contains("AppApp") }, "\(topology): \(paths.filter { $0.contains("AppApp") })")
            #expect(!plan.files.contains { $0.text.contains("WeirdAppApp") }, "\(topology)")
        }
        let mono = try Fixtures.plan(Fixtures.profileText(name: "weird-app", ["workloads: [crud]"]), topology: .monolith)
        #expect(mono.files.contains { $0.path.hasPrefix("Sources/WeirdApp/") })
        #expect(mono.files.contains { $0.path.hasPrefix("Tests/WeirdAppTests/") })
    }
}
