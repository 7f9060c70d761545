@testable import ArchDecideCLI
import BundledRules
import DecisionLog
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing
import TestSupport

/// Where the log is found, and how `decide` (and `ask`, `generate`) record through `RecordOptions`.
@Suite struct DecisionLogRecorderTests {
    @Test func theDatabasePathFollowsOptionEnvironmentXDGHome() {
        let env = ["ARCHDECIDE_DB": "/env/d.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]
        #expect(DecisionLogLocation(explicit: "/opt/d.sqlite", environment: env).path == "/opt/d.sqlite")
        #expect(DecisionLogLocation(explicit: nil, environment: env).path == "/env/d.sqlite")
        #expect(DecisionLogLocation(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]).path == "/xdg/archdecide/decisions.sqlite")
        // The XDG spec: a relative XDG_DATA_HOME is ignored; empty variables count as unset.
        #expect(DecisionLogLocation(explicit: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/u", "ARCHDECIDE_DB": ""]).path
            == "/home/u/.local/share/archdecide/decisions.sqlite")
        #expect(DecisionLogLocation(explicit: nil, environment: ["HOME": "/home/u"]).busyTimeout == SQLiteDecisionStore.defaultBusyTimeout)
        #expect(DecisionLogLocation(explicit: nil, environment: ["ARCHDECIDE_DB_TIMEOUT": "0.25"]).busyTimeout == 0.25)
        #expect(DecisionLogLocation(explicit: nil, environment: ["ARCHDECIDE_DB_TIMEOUT": "soon"]).busyTimeout == SQLiteDecisionStore.defaultBusyTimeout)
    }

    @Test func noRecordGivesNoRecorder() throws {
        let options = try RecordOptions.parse(["--no-record"])
        #expect(options.recorder(console: Console(environment: [:]), byDefault: true, environment: ["ARCHDECIDE_RECORD": "1"]) == nil)
        let recording = try RecordOptions.parse(["--db", "/tmp/x.sqlite"])
        #expect(recording.recorder(console: Console(environment: [:]), byDefault: true, environment: [:]) != nil)
    }

    @Test func decideRecordsOnlyOnRequestAskAndGenerateByDefault() throws {
        let plain = try RecordOptions.parse([])
        #expect(!plain.records(byDefault: false, environment: [:]), "decide")
        #expect(plain.records(byDefault: true, environment: [:]), "ask, generate")
        for on in ["1", "true", "YES"] { #expect(plain.records(byDefault: false, environment: ["ARCHDECIDE_RECORD": on])) }
        for off in ["0", "false", "no"] { #expect(!plain.records(byDefault: true, environment: ["ARCHDECIDE_RECORD": off])) }
        #expect(!plain.records(byDefault: false, environment: ["ARCHDECIDE_RECORD": "maybe"]))
        #expect(try RecordOptions.parse(["--record"]).records(byDefault: false, environment: ["ARCHDECIDE_RECORD": "0"]))
        #expect(throws: (any Error).self) { try RecordOptions.parse(["--record", "--no-record"]) }
    }

    static var ruleSet: RuleSet { BuiltInRules.ruleSet }

    static func context(generatedPath: String? = nil, override: Topology? = nil) -> DecisionContext {
        let text = "version: 1\nname: gateway\ndata_model: none\nscope: narrow\nworkloads: [inference_gateway]\n"
        let profile = ProfileLoader(catalog: ruleSet.catalog).load(text: text, file: "gateway.yaml").profile!
        return DecisionContext(profile: profile, evaluation: DecisionEngine(ruleSet: ruleSet).decide(profile), ruleSet: ruleSet,
                               generatedPath: generatedPath, topologyOverride: override)
    }

    @Test func theRecorderWritesWhatGenerateWouldPassIn() throws {
        let store = MemoryDecisionStore()
        let location = DecisionLogLocation(explicit: ":memory:", environment: [:])
        let recorder = LogRecorder(location: location, console: Console(environment: [:]),
                                   clock: SteppingClock(start: Date(timeIntervalSince1970: 1_800_000_000)), announce: false, store: store)
        #expect(recorder.record(Self.context()))
        #expect(recorder.record(Self.context(generatedPath: "./gateway", override: .monolith)))
        let records = try store.all()
        #expect(records.map(\.profileName) == ["gateway", "gateway"])
        #expect(records[0].generatedPath == nil && records[0].topologyOverride == nil)
        #expect(records[1].generatedPath == "./gateway" && records[1].topologyOverride == .monolith)
        #expect(records[1].toolVersion == ArchDecide.version)
        #expect(records[1].recordedAt.timeIntervalSince(records[0].recordedAt) == 60)
    }

    @Test func afterOneFailureTheRestOfABatchFailsFast() throws {
        let store = MemoryDecisionStore()
        // (This test prints one expected "decision not recorded" line on standard error.)
        store.failure = DecisionLogError(.locked, path: "memory-twin", "locked on purpose by the test")
        let recorder = LogRecorder(location: DecisionLogLocation(explicit: "memory-twin", environment: [:]), console: Console(environment: [:]),
                                   clock: SystemClock(), announce: false, store: store)
        #expect(!recorder.record(Self.context()))
        store.failure = nil
        #expect(!recorder.record(Self.context()), "a batch does not wait out the timeout once per profile")
        #expect(try store.count() == 0)
    }
}
