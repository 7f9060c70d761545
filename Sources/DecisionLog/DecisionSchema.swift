import GRDB

/// The log's schema, as numbered migrations. Add a migration for every change; never edit a shipped one.
public enum DecisionSchema {
    /// `PRAGMA application_id` of a decision log ("ARCD"), so `file(1)`-style checks and this tool can tell it apart.
    public static let applicationID: Int32 = 0x4152_4344

    /// Migration identifiers in order. They are stored in `grdb_migrations`.
    public static let migrationIDs = ["0001-create-decision", "0002-history-indexes-append-only", "0003-withdrawal", "0004-update-chain"]

    /// The migrator for every version of the schema.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(migrationIDs[0]) { db in
            try db.execute(sql: """
                PRAGMA application_id = \(applicationID);
                CREATE TABLE decision (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    recorded_at_ms INTEGER NOT NULL,
                    recorded_at TEXT GENERATED ALWAYS AS (strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at_ms / 1000.0, 'unixepoch')) VIRTUAL,
                    tool_version TEXT NOT NULL,
                    profile_name TEXT NOT NULL,
                    profile_file TEXT NOT NULL,
                    profile_text TEXT NOT NULL,
                    profile_sha256 TEXT NOT NULL,
                    given_answers_json TEXT NOT NULL,
                    rules_digest TEXT NOT NULL,
                    rules_origin TEXT NOT NULL,
                    recommendation TEXT NOT NULL CHECK (recommendation IN ('monolith', 'microservice', 'hybrid')),
                    score_monolith REAL NOT NULL,
                    score_microservice REAL NOT NULL,
                    score_hybrid REAL NOT NULL,
                    confidence REAL NOT NULL,
                    fired_json TEXT NOT NULL,
                    assumed_json TEXT NOT NULL,
                    flips_json TEXT NOT NULL,
                    evaluation_json TEXT NOT NULL,
                    generated_path TEXT,
                    topology_override TEXT CHECK (topology_override IN ('monolith', 'microservice', 'hybrid'))
                );
                """)
        }
        // `history --profile` and re-check by profile read these; the triggers make "nothing is
        // ever deleted by a normal command" a property of the file, not only of this code.
        migrator.registerMigration(migrationIDs[1]) { db in
            try db.execute(sql: """
                CREATE INDEX decision_profile ON decision (profile_name, seq);
                CREATE INDEX decision_profile_sha256 ON decision (profile_sha256);
                CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                """)
        }
        // A withdrawal is a row of its own, appended like a decision: the decision it names stays as it
        // was, and `history` leaves it out. One withdrawal per decision; neither table is ever edited.
        migrator.registerMigration(migrationIDs[2]) { db in
            try db.execute(sql: """
                CREATE TABLE withdrawal (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    decision_seq INTEGER NOT NULL UNIQUE REFERENCES decision (seq),
                    withdrawn_at_ms INTEGER NOT NULL,
                    tool_version TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE TRIGGER withdrawal_no_update BEFORE UPDATE ON withdrawal
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                CREATE TRIGGER withdrawal_no_delete BEFORE DELETE ON withdrawal
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                """)
        }
        // `archdecide update`: a decision that carried a generated repo forward, and the one before it.
        migrator.registerMigration(migrationIDs[3]) { db in
            try db.execute(sql: """
                ALTER TABLE decision ADD COLUMN action TEXT CHECK (action IN ('update'));
                ALTER TABLE decision ADD COLUMN follows_seq INTEGER REFERENCES decision(seq);
                """)
        }
        return migrator
    }
}
