import DecisionModel
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The decision log in SQLite through GRDB: a file in WAL mode with a busy timeout, or an in-memory database.
public final class SQLiteDecisionStore: DecisionStore {
    public static let defaultBusyTimeout: TimeInterval = 5

    public let path: String
    /// How long a write waits for another process's write before failing with `log-locked`.
    public let busyTimeout: TimeInterval
    let queue: DatabaseQueue

    /// Opens (creating when asked, with its folders) the log at `path` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - create: false for read-only commands, which must not create a database that is not there.
    ///   - busyTimeout: how long a write waits for another process's write before giving up.
    ///   - readOnly: open without write access (reading commands): nothing is created or changed.
    public init(path: String, create: Bool = true, readOnly: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout) throws(DecisionLogError) {
        self.path = path
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw DecisionLogError(.unwritable, path: path, "this is a folder, not a database file") }
            // A device, FIFO or socket is no log, and nothing may be created beside it (no lock file).
            try Self.checkRegularFile(path)
            try Self.checkNotTruncated(path)
        } else {
            guard create else { throw DecisionLogError(.missing, path: path, "no decision log here yet (nothing has been recorded)") }
            try Self.createFolders(for: path)
        }
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(busyTimeout)
        config.label = "archdecide.decisions"
        config.prepareDatabase { db in
            // WAL: readers never wait for the writer, and concurrent writers queue on the busy timeout.
            // Switching a new file to WAL needs a moment of exclusive access, so a few processes
            // starting at once may be told "busy" even with the timeout; they try again.
            if readOnly { return }  // a reader changes nothing; a log is switched to WAL by its first writer
            var mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            var tries = 0
            while mode != "wal" && tries < 50 {
                usleep(20_000)
                tries += 1
                mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            guard mode == "wal" else { throw DatabaseError(resultCode: .SQLITE_BUSY, message: "could not switch to WAL mode") }
            // NORMAL is safe in WAL mode: a crash loses no committed decision; a power cut may lose the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.busyTimeout = busyTimeout
        do {
            queue = try DatabaseQueue(path: readOnly ? Self.readOnlyPath(path) : path, configuration: config)
        } catch {
            let folder = Self.folder(of: path)
            if (error as? DatabaseError)?.resultCode == .SQLITE_CANTOPEN, !fm.fileExists(atPath: path), access(folder, W_OK) != 0 {
                throw DecisionLogError(.unwritable, path: path, "cannot create the database: the folder \(folder) is not writable (\(Self.errno()))")
            }
            throw Self.classify(error, path: path, busyTimeout: busyTimeout)
        }
        if readOnly {
            // An older log is brought up to date by a writable open first, when the user may write it.
            if (try? queue.read({ try DecisionSchema.migrator.hasCompletedMigrations($0) })) != true, access(path, W_OK) == 0 {
                _ = try SQLiteDecisionStore(path: path, create: false, readOnly: false, busyTimeout: busyTimeout)
            }
        }
        try prepareSchema()
    }

    /// A reader who may not write the log's folder cannot create the WAL index SQLite wants: when
    /// no WAL is pending (all of the log is in the file), it opens the file as immutable instead.
    static func readOnlyPath(_ path: String) -> String {
        guard access(folder(of: path), W_OK) != 0, access(path + "-wal", F_OK) != 0, access(path + "-shm", F_OK) != 0,
              let encoded = URL(fileURLWithPath: path).path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return path }
        return "file:\(encoded)?immutable=1"
    }

    /// Refuses a path that exists but is not a regular file (after links): `/dev/null`, a FIFO.
    static func checkRegularFile(_ path: String) throws(DecisionLogError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DecisionLogError(.unwritable, path: path, "this is not a regular file (a device, FIFO or socket); the decision log must be a file")
        }
    }

    /// A log cut short (a copy or a disk that failed mid-way) would still take new rows and lose
    /// them later: refused before writing, with the code and words `history` uses for a damaged log.
    static func checkNotTruncated(_ path: String) throws(DecisionLogError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var info = stat()
        var header = [UInt8](repeating: 0, count: 100)
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return }
        let n = header.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, 100) }
        // Not SQLite at all: the open reports log-not-sqlite.
        guard n >= 16, Array(header[0..<16]) == Array("SQLite format 3\0".utf8) else { return }
        guard n == 100 else {
            throw DecisionLogError(.corrupt, path: path, "the database is damaged (the file is \(info.st_size) bytes, shorter than a SQLite header)")
        }
        let raw = Int(header[16]) << 8 | Int(header[17])
        let pageSize = raw == 1 ? 65536 : raw
        let size = Int(info.st_size)
        let headerPages = Int(header[28]) << 24 | Int(header[29]) << 16 | Int(header[30]) << 8 | Int(header[31])
        let countValid = header[24..<28] == header[92..<96] && headerPages > 0
        if pageSize >= 512 && (size % pageSize != 0 || (countValid && size < headerPages * pageSize && access(path + "-wal", F_OK) != 0)) {
            throw DecisionLogError(.corrupt, path: path, "the database is damaged (it is \(size) bytes, not the \(countValid ? headerPages * pageSize : (size / pageSize + 1) * pageSize) its header implies: the file was cut short)")
        }
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func errno() -> String { String(cString: strerror(Glibc.errno)).lowercased() }

    /// Creates the missing folders above `path` one by one, so a failure names the folder and the system's reason.
    static func createFolders(for path: String) throws(DecisionLogError) {
        var missing: [String] = []
        var folder = folder(of: path)
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            missing.append(folder)
            let parent = (folder as NSString).deletingLastPathComponent
            if parent.isEmpty || parent == folder { break }
            folder = parent
        }
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw DecisionLogError(.unwritable, path: path, "cannot create the database: \(folder) is a file, not a folder")
        }
        for f in missing.reversed() where mkdir(f, 0o755) != 0 && Glibc.errno != EEXIST {
            throw DecisionLogError(.unwritable, path: path, "cannot create the folder \(f): \(errno())")
        }
    }

    /// An in-memory SQLite decision log, with the same schema and queries as a file; gone when released.
    public init(inMemory name: String = ":memory:", busyTimeout: TimeInterval = defaultBusyTimeout) throws(DecisionLogError) {
        path = name
        self.busyTimeout = busyTimeout
        do {
            queue = try DatabaseQueue()
        } catch {
            throw Self.classify(error, path: name, busyTimeout: busyTimeout)
        }
        try prepareSchema()
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() throws(DecisionLogError) -> [String] {
        try read { db in try DecisionSchema.migrator.appliedMigrations(db) }
    }

    // MARK: Schema

    private func prepareSchema() throws(DecisionLogError) {
        let migrator = DecisionSchema.migrator
        let state: (complete: Bool, superseded: Bool, foreign: Bool) = try read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let ours = Set(["decision", "withdrawal", "grdb_migrations"])
            let foreign = (appID != 0 && appID != DecisionSchema.applicationID) || (!tables.isEmpty && !tables.contains("decision") && !tables.allSatisfy(ours.contains))
            if foreign { return (false, false, true) }
            return (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db), false)
        }
        if state.foreign {
            throw DecisionLogError(.foreignDatabase, path: path, "this SQLite database belongs to another program, not an archdecide decision log")
        }
        if state.superseded {
            throw DecisionLogError(.newerSchema, path: path, "the decision log was written by a newer archdecide; upgrade to use it")
        }
        if state.complete { return }
        if queue.configuration.readonly {
            throw DecisionLogError(.unwritable, path: path, "the log's schema is older than this archdecide and it cannot be upgraded here (the file is read-only); record a decision as its owner to upgrade it")
        }
        // GRDB's migrator reads what is applied before its write transaction, so two processes
        // creating the same new log could both start migration 1, and SQLite answers a read-to-write
        // upgrade that lost the race with "busy" at once, whatever the timeout. So processes that
        // find the schema incomplete take turns on an advisory file lock beside the database.
        // An in-memory database is this process's alone: no lock, and no lock file in the working folder.
        let inMemory = path.isEmpty || path == ":memory:" || path.hasPrefix("file::memory:")
        let lock = inMemory ? nil : try MigrationLock(path: path + ".migrate-lock", timeout: busyTimeout)
        defer { lock?.release() }
        do {
            if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return }
            try migrator.migrate(queue)
        } catch {
            if (try? queue.read({ try migrator.hasCompletedMigrations($0) })) == true { return }
            throw Self.classify(error, path: path, busyTimeout: busyTimeout)
        }
    }

    // MARK: DecisionStore

    /// Inserts one row in autocommit; the id is the AUTOINCREMENT sequence.
    public func append(_ entry: DecisionEntry) throws(DecisionLogError) -> DecisionRecord {
        let row = Self.columns(entry)
        let sequence: Int64 = try write { db in
            try db.execute(sql: "INSERT INTO decision (\(row.map(\.0).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: row.count).joined(separator: ", ")))",
                           arguments: StatementArguments(row.map(\.1)))
            return db.lastInsertedRowID
        }
        return DecisionRecord(id: DecisionID(sequence), entry: entry)
    }

    /// The decision with this id, if any.
    public func record(_ id: DecisionID) throws(DecisionLogError) -> DecisionRecord? {
        try fetch("\(Self.select) WHERE d.seq = ?", [id.sequence]).first
    }

    /// Newest first, optionally one profile, optionally limited.
    public func history(_ query: HistoryQuery) throws(DecisionLogError) -> [DecisionRecord] {
        var sql = Self.select
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let profile = query.profile {
            conditions.append("d.profile_name = ?")
            arguments.append(profile)
        }
        if !query.includeWithdrawn { conditions.append("w.seq IS NULL") }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY d.seq DESC"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return try fetch(sql, arguments)
    }

    /// Every decision, oldest first.
    public func all() throws(DecisionLogError) -> [DecisionRecord] {
        try fetch("\(Self.select) ORDER BY d.seq", [])
    }

    /// Every decision with its withdrawal, if any.
    static let select = """
        SELECT d.*, w.withdrawn_at_ms AS w_at_ms, w.tool_version AS w_tool_version, w.reason AS w_reason
        FROM decision d LEFT JOIN withdrawal w ON w.decision_seq = d.seq
        """

    /// Appends the withdrawal row; the decision row is not touched (its triggers forbid it).
    public func withdraw(_ id: DecisionID, reason: String, at time: Date, toolVersion: String) throws(DecisionLogError) -> Withdrawal {
        let withdrawal = Withdrawal(decision: id, withdrawnAt: time, toolVersion: toolVersion, reason: reason)
        let problem: DecisionLogError? = try write { db in
            var problem: DecisionLogError?
            // One write transaction, so a concurrent withdrawal of the same decision cannot slip in between.
            try db.inTransaction(.immediate) {
                if try Int.fetchOne(db, sql: "SELECT 1 FROM decision WHERE seq = ?", arguments: [id.sequence]) == nil {
                    problem = DecisionLogError(.noSuchDecision, path: path, "no decision \(id) in the log (see `archdecide history`)")
                } else if try Int.fetchOne(db, sql: "SELECT 1 FROM withdrawal WHERE decision_seq = ?", arguments: [id.sequence]) != nil {
                    problem = DecisionLogError(.alreadyWithdrawn, path: path, "decision \(id) was already withdrawn (see `archdecide show \(id)`)")
                } else {
                    try db.execute(sql: "INSERT INTO withdrawal (decision_seq, withdrawn_at_ms, tool_version, reason) VALUES (?, ?, ?, ?)",
                                   arguments: [id.sequence, withdrawal.withdrawnAt.millisecondsSince1970, toolVersion, reason])
                }
                return problem == nil ? .commit : .rollback
            }
            return problem
        }
        if let problem { throw problem }
        return withdrawal
    }

    /// How many decisions (of one profile, when given).
    public func count(profile: String?) throws(DecisionLogError) -> Int {
        try read { db in
            if let profile { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision WHERE profile_name = ?", arguments: [profile]) ?? 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision") ?? 0
        }
    }

    // MARK: Rows

    private func fetch(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws(DecisionLogError) -> [DecisionRecord] {
        let rows = try read { db in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        var out: [DecisionRecord] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            guard let record = Self.record(row) else {
                let seq: Int64? = row["seq"]
                throw DecisionLogError(.unreadableRecord, path: path, "decision \(seq.map { DecisionID($0).description } ?? "?") cannot be read back")
            }
            out.append(record)
        }
        return out
    }

    static func columns(_ e: DecisionEntry) -> [(String, (any DatabaseValueConvertible)?)] {
        [
            ("recorded_at_ms", e.recordedAt.millisecondsSince1970),
            ("tool_version", e.toolVersion),
            ("profile_name", e.profileName),
            ("profile_file", e.profileFile),
            ("profile_text", e.profileText),
            ("profile_sha256", e.profileSHA256),
            ("given_answers_json", e.givenAnswers.compact),
            ("rules_digest", e.rulesDigest),
            ("rules_origin", e.rulesOrigin),
            ("recommendation", e.recommendation.rawValue),
            ("score_monolith", e.scores[.monolith] ?? 0),
            ("score_microservice", e.scores[.microservice] ?? 0),
            ("score_hybrid", e.scores[.hybrid] ?? 0),
            ("confidence", e.confidence),
            ("fired_json", JSONValue.array(e.firedRules.map { .string($0) }).compact),
            ("assumed_json", JSONValue.array(e.assumed.map { .string($0) }).compact),
            ("flips_json", e.flips.compact),
            ("evaluation_json", e.evaluationJSON.compact),
            ("generated_path", e.generatedPath),
            ("topology_override", e.topologyOverride?.rawValue),
            ("action", e.isUpdate ? "update" : nil),
            ("follows_seq", e.follows?.sequence),
        ]
    }

    static func record(_ row: Row) -> DecisionRecord? {
        func json(_ column: String) -> JSONValue? { (row[column] as String?).flatMap(JSONValue.parse) }
        func strings(_ column: String) -> [String]? { StoredEvaluation.strings(json(column)) }
        guard let seq: Int64 = row["seq"], let ms: Int64 = row["recorded_at_ms"],
              let recommendation = (row["recommendation"] as String?).flatMap(Topology.init(rawValue:)),
              let given = json("given_answers_json"), let evaluation = json("evaluation_json"), let flips = json("flips_json"),
              let fired = strings("fired_json"), let assumed = strings("assumed_json") else { return nil }
        let override = (row["topology_override"] as String?).flatMap(Topology.init(rawValue:))
        let withdrawal = (row["w_at_ms"] as Int64?).map {
            Withdrawal(decision: DecisionID(seq), withdrawnAt: Date(milliseconds: $0), toolVersion: row["w_tool_version"] ?? "", reason: row["w_reason"] ?? "")
        }
        var record = DecisionRecord(id: DecisionID(seq), entry: DecisionEntry(
            recordedAt: Date(milliseconds: ms),
            toolVersion: row["tool_version"] ?? "",
            profileName: row["profile_name"] ?? "",
            profileFile: row["profile_file"] ?? "",
            profileText: row["profile_text"] ?? "",
            profileSHA256: row["profile_sha256"] ?? "",
            givenAnswers: given,
            rulesDigest: row["rules_digest"] ?? "",
            rulesOrigin: row["rules_origin"] ?? "",
            recommendation: recommendation,
            scores: [.monolith: row["score_monolith"] ?? 0, .microservice: row["score_microservice"] ?? 0, .hybrid: row["score_hybrid"] ?? 0],
            confidence: row["confidence"] ?? 0,
            firedRules: fired,
            assumed: assumed,
            flips: flips,
            evaluationJSON: evaluation,
            generatedPath: row["generated_path"],
            topologyOverride: override), withdrawal: withdrawal)
        record.entry.isUpdate = (row["action"] as String?) == "update"
        record.entry.follows = (row["follows_seq"] as Int64?).map(DecisionID.init)
        return record
    }

    // MARK: Errors

    private func read<T>(_ body: (Database) throws -> T) throws(DecisionLogError) -> T {
        do { return try queue.read(body) } catch { throw Self.classify(error, path: path, busyTimeout: busyTimeout) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(DecisionLogError) -> T {
        // One statement in autocommit: the insert takes the write lock at once, so the busy timeout applies.
        do { return try queue.writeWithoutTransaction(body) } catch { throw Self.classify(error, path: path, busyTimeout: busyTimeout) }
    }

    /// Turns what SQLite or the file system said into one of the log's errors.
    static func classify(_ error: any Error, path: String, busyTimeout: TimeInterval) -> DecisionLogError {
        if let e = error as? DecisionLogError { return e }
        guard let e = error as? DatabaseError else {
            return DecisionLogError(.unwritable, path: path, reason(error))
        }
        let detail = e.message ?? "SQLite error \(e.resultCode.rawValue)"
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return DecisionLogError(.locked, path: path, "another process held the database locked past the busy timeout of \(busyTimeout) s (\(detail))")
        case .SQLITE_NOTADB:
            return DecisionLogError(.notSQLite, path: path, "the file is not a SQLite database")
        case .SQLITE_CORRUPT:
            return DecisionLogError(.corrupt, path: path, "the database is damaged (\(detail))")
        case .SQLITE_CANTOPEN:
            return DecisionLogError(.unwritable, path: path, "cannot open or create the database (\(detail))")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return DecisionLogError(.unwritable, path: path, "the database cannot be written (\(detail))")
        case .SQLITE_FULL:
            return DecisionLogError(.unwritable, path: path, "the disk is full (\(detail))")
        case .SQLITE_IOERR:
            return DecisionLogError(.unwritable, path: path, "an I/O error on the database (\(detail))")
        default:
            return DecisionLogError(.sqlite, path: path, detail)
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
        return ns.localizedDescription
    }
}

/// An advisory lock (flock) on a small file beside the database, held while the schema is migrated.
struct MigrationLock {
    let descriptor: Int32

    init(path: String, timeout: TimeInterval) throws(DecisionLogError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DecisionLogError(.unwritable, path: path, "cannot create the migration lock (\(String(cString: strerror(errno))))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if Date() >= deadline {
                close(fd)
                throw DecisionLogError(.locked, path: path, "another process held the migration lock past \(timeout) s")
            }
            usleep(10_000)
        }
        descriptor = fd
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
