import Fluent
import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

/// Runs a test against a fresh app: in-memory SQLite (or DATABASE_URL's PostgreSQL), migrated.
func withTestApp(_ test: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try await configure(app)
        try await test(app)
    } catch {
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A unique email, so tests can share a PostgreSQL database.
func uniqueEmail(_ prefix: String = "user") -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
}
