import BundledRules
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Scaffold
import Testing
import TestSupport

/// Shared inputs of the scaffold tests: the built-in rules, profiles, plans, and a swiftc runner.
enum Fixtures {
    static var ruleSet: RuleSet { BuiltInRules.ruleSet }

    static var engine: DecisionEngine { BuiltInRules.engine }

    /// The repository root.
    static var root: URL { packageRoot }

    static func profile(_ text: String, file: String = "test.yaml") throws -> Profile {
        let loaded = ProfileLoader(catalog: ruleSet.catalog).load(text: text, file: file)
        return try #require(loaded.profile, "profile does not load: \(loaded.diagnostics.map(\.message))")
    }

    static func request(_ profile: Profile, topology: Topology? = nil) -> GenerateRequest {
        GenerateRequest(profile: profile, evaluation: engine.decide(profile), ruleSet: ruleSet, topology: topology,
                        date: "2026-01-01", toolVersion: "snapshot")
    }

    static func plan(_ text: String, topology: Topology? = nil) throws -> Plan {
        try Generator().plan(request(try profile(text), topology: topology))
    }

    /// A profile with the given answers (YAML lines) and a fixed name.
    static func profileText(name: String = "acme", description: String? = nil, _ lines: [String]) -> String {
        var text = "version: 1\nname: \(name)\n"
        if let description { text += "description: \(Escape.yamlString(description))\n" }
        return text + lines.joined(separator: "\n") + "\n"
    }

    static func temporaryFolder() throws -> URL { try makeTemporaryFolder("tests") }

    /// Runs `swiftc -parse` over files; returns its diagnostics, empty when all parse.
    static func swiftParse(_ files: [URL]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-parse"] + files.map(\.path)
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        return process.terminationStatus == 0 ? "" : (text.isEmpty ? "swiftc exited \(process.terminationStatus)" : text)
    }
}
