import Foundation
import Testing

/// Package.swift says what each module may use: every import is declared, every declared dependency is used.
@Suite struct PackageManifestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Modules of the toolchain and the system, never declared.
    static let system: Set<String> = ["Foundation", "Dispatch", "Glibc", "Darwin", "Musl", "Testing", "XCTest", "PackageDescription", "PackagePlugin"]
    /// An import that cannot be declared as such: Yams keeps libyaml (`CYaml`) as an internal target,
    /// not a product; RuleSpec reads libyaml's events through it (for positions and alias bounds) and
    /// declares the Yams product that builds and links it.
    static let reachedThrough: [String: [String: String]] = ["RuleSpec": ["CYaml": "Yams"]]

    /// Each source target's declared dependencies (target names and product names), from Package.swift.
    static func declared() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let pieces = manifest.components(separatedBy: "Target(name: \"").dropFirst()
            + manifest.components(separatedBy: ".target(name: \"").dropFirst()
        for piece in pieces {
            guard let name = piece.split(separator: "\"").first.map(String.init), result[name] == nil else { continue }
            // This target's declaration ends where the next one starts.
            let body = piece.components(separatedBy: ".target(").first!.components(separatedBy: "Target(").first!
                .components(separatedBy: ".plugin(").first!
            var deps = Set<String>()
            if let list = body.range(of: "dependencies: [") {
                let text = body[list.upperBound...]
                var depth = 1, end = text.startIndex
                while end < text.endIndex && depth > 0 {
                    if text[end] == "[" { depth += 1 } else if text[end] == "]" { depth -= 1 }
                    end = text.index(after: end)
                }
                let inside = String(text[..<end])
                for product in inside.components(separatedBy: ".product(name: \"").dropFirst() {
                    deps.insert(String(product.split(separator: "\"")[0]))
                }
                let withoutProducts = inside.replacingOccurrences(of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
                for quoted in withoutProducts.components(separatedBy: "\"").enumerated() where quoted.offset % 2 == 1 {
                    deps.insert(quoted.element)
                }
            }
            result[name] = deps
        }
        return result
    }

    /// The modules a source folder's Swift files import.
    static func imports(_ folder: URL) -> Set<String> {
        var found = Set<String>()
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return found }
        for case let url as URL in walker where url.pathExtension == "swift" {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ ["@testable", "internal", "public", "private", "@_implementationOnly"].contains($0) }) else { continue }
                found.insert(String(words[i + 1].split(separator: ".")[0]))
            }
        }
        return found.subtracting(system)
    }

    @Test func everySourceTargetImportsWhatItDeclaresAndDeclaresWhatItImports() throws {
        let declared = try Self.declared()
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }
        #expect(targets.count >= 8)
        for target in targets {
            let deps = try #require(declared[target], "Sources/\(target) is not declared in Package.swift")
            var imported = Self.imports(sources.appendingPathComponent(target))
            for (module, via) in Self.reachedThrough[target] ?? [:] where imported.contains(module) {
                imported.remove(module)
                imported.insert(via)
            }
            // Templates hold Swift for generated repos, not for this package.
            if target == "BundledTemplates" { imported = [] }
            #expect(imported.subtracting(deps).isEmpty, "Sources/\(target) imports \(imported.subtracting(deps).sorted()) without declaring them")
            #expect(deps.subtracting(imported).isEmpty, "Sources/\(target) declares \(deps.subtracting(imported).sorted()) and does not import them")
        }
    }
}
