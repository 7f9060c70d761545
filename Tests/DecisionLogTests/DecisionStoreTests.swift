import DecisionLog
import DecisionModel
import Foundation
import Testing

/// The `DecisionStore` contract, run on the in-memory twin, an in-memory SQLite database and a real file.
@Suite struct DecisionStoreTests {
    @Test(arguments: StoreKind.allCases)
    func appendsAndReadsBackEveryField(_ kind: StoreKind) throws {
        let (store, cleanUp) = try kind.make()
        defer { cleanUp() }
        let entry = Fixtures.entry(Fixtures.deskpilot, generatedPath: "out/deskpilot", topologyOverride: .monolith)
        let stored = try store.append(entry)
        #expect(stored.id == DecisionID(1))
        let read = try #require(try store.record(stored.id))
        #expect(read == stored)
        #expect(read.entry == entry)
        #expect(read.recommendation == .hybrid)
        #expect(read.generatedPath == "out/deskpilot")
        #expect(read.topologyOverride == .monolith)
        #expect(read.chosen == .monolith)
        #expect(read.profileText == Fixtures.deskpilot)
        #expect(read.profileSHA256 == DecisionEntry.sha256(Fixtures.deskpilot))
        #expect(read.profileSHA256.count == 64)
        #expect(read.rulesDigest == Fixtures.builtIn.digest)
        #expect(read.toolVersion == "0.1.0-test")
        #expect(read.recordedAt.timeIntervalSince1970 == 1_795_000_000.123)
        #expect(try store.record(DecisionID(2)) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func historyIsNewestFirstFilteredAndLimited(_ kind: StoreKind) throws {
        let (store, cleanUp) = try kind.make()
        defer { cleanUp() }
        let clock = SteppingClock(start: Fixtures.epoch, step: 60)
        let writer = DecisionWriter(store: store, clock: clock, toolVersion: "0.1.0-test")
        for text in [Fixtures.deskpilot, Fixtures.gateway, Fixtures.deskpilotQuiet, Fixtures.gateway] {
            let (profile, evaluation) = Fixtures.decide(text)
            try writer.record(profile: profile, evaluation: evaluation, ruleSet: Fixtures.builtIn)
        }
        #expect(try store.count() == 4)
        #expect(try store.count(profile: "gateway") == 2)
        #expect(try store.history(HistoryQuery()).map(\.id.sequence) == [4, 3, 2, 1])
        #expect(try store.history(HistoryQuery(limit: 2)).map(\.id.sequence) == [4, 3])
        #expect(try store.history(HistoryQuery(profile: "deskpilot")).map(\.id.sequence) == [3, 1])
        #expect(try store.history(HistoryQuery(profile: "nobody")).isEmpty)
        #expect(try store.all().map(\.id.sequence) == [1, 2, 3, 4])
        // The clock is injected: one minute apart, in order.
        let times = try store.all().map { $0.recordedAt.timeIntervalSince(Fixtures.epoch) }
        #expect(times.map { $0.rounded() } == [0, 60, 120, 180])
        #expect(try store.all().map(\.recommendation) == [.hybrid, .microservice, .monolith, .microservice])
    }

    @Test(arguments: StoreKind.allCases)
    func aWithdrawalIsRecordedBesideTheDecisionWhichStaysAsItWas(_ kind: StoreKind) throws {
        let (store, cleanUp) = try kind.make()
        defer { cleanUp() }
        let writer = DecisionWriter(store: store, clock: SteppingClock(start: Fixtures.epoch, step: 60), toolVersion: "0.1.0-test")
        for text in [Fixtures.deskpilot, Fixtures.gateway, Fixtures.deskpilotQuiet] {
            let (profile, evaluation) = Fixtures.decide(text)
            try writer.record(profile: profile, evaluation: evaluation, ruleSet: Fixtures.builtIn)
        }
        let before = try #require(try store.record(DecisionID(2)))
        let withdrawal = try store.withdraw(DecisionID(2), reason: "an example, not ours", at: Fixtures.epoch.addingTimeInterval(600), toolVersion: "0.1.0-test")
        #expect(withdrawal.decision == DecisionID(2) && withdrawal.reason == "an example, not ours")
        let after = try #require(try store.record(DecisionID(2)))
        #expect(after.entry == before.entry, "the decision itself is unchanged")
        #expect(after.withdrawal == withdrawal)
        #expect(try store.history(HistoryQuery()).map(\.id.sequence) == [3, 1])
        #expect(try store.history(HistoryQuery(includeWithdrawn: true)).map(\.id.sequence) == [3, 2, 1])
        #expect(try store.history(HistoryQuery(profile: "gateway")).isEmpty)
        #expect(try store.count() == 3)
        #expect(try store.all().map { $0.withdrawal != nil } == [false, true, false])
        func failure(_ body: () throws(DecisionLogError) -> Withdrawal) -> DecisionLogError.Code? {
            do { _ = try body(); return nil } catch { return error.code }
        }
        #expect(failure { () throws(DecisionLogError) in try store.withdraw(DecisionID(2), reason: "again", at: Fixtures.epoch, toolVersion: "t") } == .alreadyWithdrawn)
        #expect(failure { () throws(DecisionLogError) in try store.withdraw(DecisionID(9), reason: "", at: Fixtures.epoch, toolVersion: "t") } == .noSuchDecision)
    }

    @Test(arguments: StoreKind.allCases)
    func theStoredDocumentRebuildsTheEvaluation(_ kind: StoreKind) throws {
        let (store, cleanUp) = try kind.make()
        defer { cleanUp() }
        for text in [Fixtures.deskpilot, Fixtures.gateway] {
            let (profile, evaluation) = Fixtures.decide(text)
            let record = try store.append(DecisionEntry(profile: profile, evaluation: evaluation, ruleSet: Fixtures.builtIn,
                                                        toolVersion: "t", at: Fixtures.epoch))
            let rebuilt = try #require(try store.record(record.id)?.evaluation)
            var expected = evaluation
            expected.trace = []
            #expect(rebuilt == expected)
            #expect(!rebuilt.fired.isEmpty)
            #expect(record.firedRules == evaluation.fired.map(\.rule))
            #expect(record.assumed == evaluation.assumed)
            #expect(record.flips == (record.evaluationJSON["flips"] ?? .null))
        }
    }

    @Test func idsReadAndPrint() {
        #expect(DecisionID(42).description == "d-000042")
        #expect(DecisionID(1_234_567).description == "d-1234567")
        for text in ["d-000042", "d-42", "D-42", "42", " 42 "] { #expect(DecisionID(parsing: text) == DecisionID(42)) }
        for text in ["", "d-", "x-42", "d-4x", "0", "-3", "d--1", "٤٢", "99999999999999999999"] { #expect(DecisionID(parsing: text) == nil) }
    }

    @Test func theMemoryTwinReportsAnInjectedFailure() throws {
        let store = MemoryDecisionStore()
        store.failure = DecisionLogError(.locked, path: ":memory:", "held")
        #expect(throws: DecisionLogError.self) { try store.append(Fixtures.entry(Fixtures.gateway)) }
    }
}

/// The order-keeping JSON reader the store uses for its documents.
@Suite struct OrderedJSONTests {
    @Test func readsBackWhatJSONValueWritesInTheSameOrder() throws {
        let value: JSONValue = .object([
            ("zeta", .int(3000)), ("alpha", .double(2.5)), ("whole", .double(21)), ("neg", .int(-2)),
            ("text", .string("quote \" backslash \\ newline \n tab \t control \u{01} é ✓ 😀")),
            ("list", .array([.bool(true), .bool(false), .null, .array([]), .object([])])),
            ("nested", .object([("b", .int(1)), ("a", .int(2))])),
        ])
        let compact = try #require(JSONValue.parse(value.compact))
        #expect(compact.compact == value.compact)
        #expect(try #require(JSONValue.parse(value.pretty)).compact == value.compact)
        #expect(JSONValue.parse("{\"a\": \"\\ud83d\\ude00\"}")?["a"] == .string("😀"))
    }

    @Test func rejectsWhatIsNotJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "[1] x", String(repeating: "[", count: 600)] {
            #expect(JSONValue.parse(text) == nil, "\(text.prefix(20))")
        }
    }
}
