import DecisionLog
import DecisionModel
import Foundation
import GRDB
import Testing
import TestSupport

/// The SQLite store on real files: schema, migrations, WAL, concurrency and every failure the CLI reports.
@Suite struct SQLiteDecisionStoreTests {
    /// Made on first use, so a skipped test leaves nothing behind.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-log-\(UUID().uuidString)")

    func path(_ name: String = "decisions.sqlite") -> String {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    @Test func aNewFileGetsEveryMigrationInWALMode() throws {
        defer { cleanUp() }
        let store = try SQLiteDecisionStore(path: path("a/b/decisions.sqlite"))
        #expect(try store.appliedMigrations() == DecisionSchema.migrationIDs)
        _ = try store.append(Fixtures.entry(Fixtures.gateway))
        let queue = try DatabaseQueue(path: path("a/b/decisions.sqlite"))
        let (mode, appID, time) = try queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"),
             try String.fetchOne(db, sql: "SELECT recorded_at FROM decision"))
        }
        #expect(mode == "wal")
        #expect(appID == DecisionSchema.applicationID)
        // The generated column gives people reading the file with sqlite3 a readable time.
        #expect(time == "2026-11-18T11:06:40.123Z")
        // Opening again applies nothing new and keeps the row.
        let again = try SQLiteDecisionStore(path: path("a/b/decisions.sqlite"))
        #expect(try again.appliedMigrations() == DecisionSchema.migrationIDs)
        #expect(try again.count() == 1)
    }

    @Test func aVersion1LogIsMigratedAndKeepsItsRows() throws {
        defer { cleanUp() }
        // Build a log as the first schema left it, with one row written by that version.
        let queue = try DatabaseQueue(path: path())
        try DecisionSchema.migrator.migrate(queue, upTo: DecisionSchema.migrationIDs[0])
        let entry = Fixtures.entry(Fixtures.deskpilot)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO decision (recorded_at_ms, tool_version, profile_name, profile_file, profile_text, profile_sha256,
                  given_answers_json, rules_digest, rules_origin, recommendation, score_monolith, score_microservice, score_hybrid,
                  confidence, fired_json, assumed_json, flips_json, evaluation_json, generated_path, topology_override)
                VALUES (?, '0.0.9', ?, ?, ?, ?, ?, ?, 'built-in', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)
                """, arguments: [1_795_000_000_123, entry.profileName, entry.profileFile, entry.profileText, entry.profileSHA256,
                                 entry.givenAnswers.compact, entry.rulesDigest, entry.recommendation.rawValue,
                                 entry.scores[.monolith], entry.scores[.microservice], entry.scores[.hybrid], entry.confidence,
                                 JSONValue.array(entry.firedRules.map { .string($0) }).compact,
                                 JSONValue.array(entry.assumed.map { .string($0) }).compact, entry.flips.compact, entry.evaluationJSON.compact])
        }
        #expect(try queue.read { try DecisionSchema.migrator.appliedMigrations($0) } == [DecisionSchema.migrationIDs[0]])
        try queue.close()

        let store = try SQLiteDecisionStore(path: path())
        #expect(try store.appliedMigrations() == DecisionSchema.migrationIDs)
        let row = try #require(try store.record(DecisionID(1)))
        #expect(row.toolVersion == "0.0.9")
        #expect(row.entry.evaluationJSON == entry.evaluationJSON)
        #expect(row.evaluation?.recommendation == .hybrid)
        #expect(try store.append(entry).id == DecisionID(2))
    }

    @Test func theLogIsAppendOnly() throws {
        defer { cleanUp() }
        let store = try SQLiteDecisionStore(path: path())
        _ = try store.append(Fixtures.entry(Fixtures.gateway))
        let queue = try DatabaseQueue(path: path())
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM decision") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE decision SET recommendation = 'monolith'") } }
        #expect(try store.count() == 1)
    }

    @Test func aLogFromANewerVersionIsRefused() throws {
        defer { cleanUp() }
        _ = try SQLiteDecisionStore(path: path())
        let queue = try DatabaseQueue(path: path())
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999-from-the-future')") }
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: path()) }
        #expect(error.code == .newerSchema)
        #expect(error.path == path())
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        defer { cleanUp() }
        let queue = try DatabaseQueue(path: path())
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: path()) }
        #expect(error.code == .foreignDatabase)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") } == ["notes"])
    }

    @Test func aFileThatIsNotSQLiteIsReportedByPath() throws {
        defer { cleanUp() }
        let bytes = Data("version: 1\nname: not-a-database\n".utf8) + Data(repeating: 0x41, count: 200)
        try bytes.write(to: URL(fileURLWithPath: path()))
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: path()) }
        #expect(error.code == .notSQLite)
        #expect(error.description.hasPrefix(path() + ": error: "))
        #expect(error.description.hasSuffix("[log-not-sqlite]"))
        // The file is left as it was.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path())) == bytes)
    }

    @Test func aFolderThatIsAFileIsUnwritable() throws {
        defer { cleanUp() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("plain-file")))
        let target = path("plain-file/archdecide/decisions.sqlite")
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: target) }
        #expect(error.code == .unwritable)
        #expect(error.path == target)
        #expect(error.message.contains("plain-file is a file, not a folder"))
    }

    @Test func aPathThatIsAFolderIsUnwritable() throws {
        defer { cleanUp() }
        _ = path()
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: folder.path) }
        #expect(error.code == .unwritable)
    }

    @Test func aFolderTheSystemWillNotCreateIsUnwritable() throws {
        // /proc refuses new folders even to root.
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: "/proc/archdecide-test/decisions.sqlite") }
        #expect(error.code == .unwritable)
        #expect(error.message.contains("/proc/archdecide-test"))
        cleanUp()
    }

    @Test(.enabled(if: getuid() != 0, "root writes through folder permissions"))
    func aReadOnlyFolderIsUnwritable() throws {
        defer {
            chmod(folder.path, 0o755)
            cleanUp()
        }
        _ = path()
        chmod(folder.path, 0o555)
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: path()) }
        #expect(error.code == .unwritable)
        #expect(error.message.contains("not writable"))
    }

    @Test func readCommandsNeverCreateALog() throws {
        defer { cleanUp() }
        let error = try #require(throws: DecisionLogError.self) { try SQLiteDecisionStore(path: path(), create: false) }
        #expect(error.code == .missing)
        #expect(!FileManager.default.fileExists(atPath: path()))
    }

    @Test func aWriteLockHeldPastTheTimeoutFailsAsLockedWhileReadsGoOn() throws {
        defer { cleanUp() }
        let store = try SQLiteDecisionStore(path: path(), busyTimeout: 0.2)
        _ = try store.append(Fixtures.entry(Fixtures.gateway))
        // Another connection takes the write lock and keeps it.
        let lock = try HeldWriteLock(path: path())

        let start = Date()
        let error = try #require(throws: DecisionLogError.self) { try store.append(Fixtures.entry(Fixtures.deskpilot)) }
        let waited = Date().timeIntervalSince(start)
        #expect(error.code == .locked)
        #expect(error.path == path())
        #expect(error.message.contains("0.2 s"))
        #expect(waited >= 0.19 && waited < 3, "waited \(waited) s")
        // WAL: readers are not blocked by the writer.
        #expect(try store.count() == 1)

        // Once the lock is released, writing works again.
        lock.release()
        #expect(try store.append(Fixtures.entry(Fixtures.deskpilot)).id == DecisionID(2))
    }

    @Test func manyConnectionsCreatingTheSameLogAtOnceAllSucceed() throws {
        defer { cleanUp() }
        let target = path("race/decisions.sqlite")
        let entry = Fixtures.entry(Fixtures.gateway)
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            do {
                let store = try SQLiteDecisionStore(path: target)
                _ = try store.append(entry)
            } catch {
                failures.with { $0.append("\(error)") }
            }
        }
        #expect(failures.with { $0 } == [])
        let store = try SQLiteDecisionStore(path: target)
        #expect(try store.all().map(\.id.sequence) == Array(1...12))
        #expect(try store.appliedMigrations() == DecisionSchema.migrationIDs)
    }
}
