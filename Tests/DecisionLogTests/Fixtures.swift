import BundledRules
import DecisionLog
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing
import TestSupport

/// Real rule sets, profiles and evaluations for the log tests.
enum Fixtures {
    static var builtIn: RuleSet { BuiltInRules.ruleSet }

    /// The built-in rules with one text replacement in one file (to make "the rules changed").
    static func edited(_ file: String, replacing old: String, with new: String) -> RuleSet {
        let files = BundledRules.files.map { f in
            (path: f.path, text: f.path == file ? f.text.replacingOccurrences(of: old, with: new) : f.text)
        }
        precondition(files.map(\.text) != BundledRules.files.map(\.text), "the edit changed nothing")
        return ruleSet(RuleFiles(files: files, origin: "edited"))
    }

    static func ruleSet(_ files: RuleFiles) -> RuleSet { BuiltInRules.load(files) }

    static var deskpilot: String { SampleProfiles.deskpilot }
    static var deskpilotQuiet: String { SampleProfiles.deskpilotQuiet }
    static var gateway: String { SampleProfiles.gateway }

    static func profile(_ text: String, rules: RuleSet = builtIn, file: String = "profile.yaml") -> Profile {
        let loaded = ProfileLoader(catalog: rules.catalog).load(text: text, file: file)
        guard let profile = loaded.profile else { fatalError("profile does not load: \(loaded.diagnostics)") }
        return profile
    }

    static func decide(_ text: String, rules: RuleSet = builtIn) -> (Profile, Evaluation) {
        let profile = profile(text, rules: rules)
        return (profile, DecisionEngine(ruleSet: rules).decide(profile))
    }

    /// 2026-11-18T11:06:40.123Z
    static let epoch = Date(timeIntervalSince1970: 1_795_000_000.123)

    static func entry(_ text: String, rules: RuleSet = builtIn, at time: Date = epoch,
                      generatedPath: String? = nil, topologyOverride: Topology? = nil) -> DecisionEntry {
        let (profile, evaluation) = decide(text, rules: rules)
        return DecisionEntry(profile: profile, evaluation: evaluation, ruleSet: rules, toolVersion: "0.1.0-test", at: time,
                             generatedPath: generatedPath, topologyOverride: topologyOverride)
    }

    /// A fresh folder under the system's temporary folder, removed by the caller.
    static func temporaryFolder() -> URL { try! makeTemporaryFolder("log") }
}

/// The three stores the contract tests run on.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memoryTwin, sqliteInMemory, sqliteFile

    var testDescription: String { rawValue }

    /// A new, empty store and a clean-up to run after the test.
    func make() throws -> (any DecisionStore, () -> Void) {
        switch self {
        case .memoryTwin: return (MemoryDecisionStore(), {})
        case .sqliteInMemory: return (try SQLiteDecisionStore(inMemory: ":memory:"), {})
        case .sqliteFile:
            let folder = Fixtures.temporaryFolder()
            let store = try SQLiteDecisionStore(path: folder.appendingPathComponent("nested/log/decisions.sqlite").path)
            return (store, { try? FileManager.default.removeItem(at: folder) })
        }
    }
}

/// A value shared between threads of one test.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func with<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
