import Vapor

/// Everything the app reads from its environment, checked once at start-up.
struct AppSettings: Sendable {
    /// A setting that is present but unusable.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    var host: String?
    var port: Int?
    /// `postgres://user:password@host:5432/database`; unset means SQLite.
    var databaseURL: String?
    var sqlitePath = "db.sqlite"
    /// Run pending migrations at start-up (`AUTO_MIGRATE=false` to run them only with `migrate`).
    var autoMigrate = true
    /// Cookie, headers, CSRF, login throttling, passwords: see SecurityPolicy.swift.
    var security = SecurityPolicy(environment: .development)

    init() {}

    init(environment: Environment, values env: [String: String]) throws {
        host = env["HOST"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = env["PORT"] {
            guard let value = Int(text), (0...65535).contains(value) else { throw Invalid(description: "PORT must be a port number; found '\(text)'") }
            port = value
        }
        databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = env["SQLITE_PATH"], !path.isEmpty { sqlitePath = path }
        if let flag = env["AUTO_MIGRATE"] { autoMigrate = try Self.bool(flag, "AUTO_MIGRATE") }
        security = try SecurityPolicy(environment: environment, values: env)
    }

    static func bool(_ text: String, _ key: String) throws -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw Invalid(description: "\(key) must be true or false; found '\(text)'")
        }
    }
}

extension Application {
    private struct SettingsKey: StorageKey {
        typealias Value = AppSettings
    }

    /// The settings `configure` read from the environment.
    var settings: AppSettings {
        get { storage[SettingsKey.self] ?? AppSettings() }
        set { storage[SettingsKey.self] = newValue }
    }
}
