import Fluent
import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

/// Runs a test against a fresh app: in-memory SQLite (or DATABASE_URL's PostgreSQL), migrated.
func withTestApp(_ test: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    // Tests provoke failures on purpose; keep their expected log lines out of the test output.
    app.logger.logLevel = .critical
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

/// The session cookie a response set (`name=value`), or nil.
func sessionCookie(of res: TestingHTTPResponse) -> String? {
    res.headers[.setCookie].first { $0.hasPrefix("notes-session=") }?.split(separator: ";").first.map(String.init)
}

/// The CSRF token a page carries in its `<meta name="csrf-token">`, or nil.
func csrfToken(in html: String) -> String? {
    guard let start = html.range(of: #"<meta name="csrf-token" content=""#) else { return nil }
    let rest = html[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// What a browser has after opening a page: its session cookie and the page's CSRF token.
struct BrowserSession {
    var cookie: String
    var token: String
    /// Both, as request headers (the token in `X-CSRF-Token`).
    var headers: HTTPHeaders { ["Cookie": cookie, "X-CSRF-Token": token] }
}

/// Opens a page as a signed-out visitor would, keeping the session cookie and the form's token.
func visit(_ app: Application, _ path: String) async throws -> BrowserSession {
    var session = BrowserSession(cookie: "", token: "")
    try await app.testing().test(.GET, path) { res async in
        #expect(res.status == .ok)
        session = BrowserSession(cookie: sessionCookie(of: res) ?? "", token: csrfToken(in: res.body.string) ?? "")
    }
    #expect(!session.cookie.isEmpty && !session.token.isEmpty)
    return session
}
