import Fluent
import Vapor

/// Every security default of the app, in one place: the session cookie, the headers every response
/// carries, CSRF, failed-login throttling and the password policy. Read once at start-up
/// (`AppSettings.security`) and installed by `Application.useSecurityDefaults`. The README's
/// "Security defaults" table states each one next to Django's.
struct SecurityPolicy: Sendable {
    /// The session cookie: always `HttpOnly` and `SameSite=Lax`; `Secure` whenever the app is not
    /// in development (`SESSION_COOKIE_SECURE=false` turns it off, e.g. behind plain HTTP on a LAN).
    var sessionCookieName = "notes-session"
    var sessionCookieSecure: Bool
    /// Two weeks, as Django's SESSION_COOKIE_AGE.
    var sessionLifetime: TimeInterval = 14 * 24 * 60 * 60

    /// Sent on every response (`SecurityHeadersMiddleware`), errors included. No page runs a script;
    /// the layout's styles are inline, hence `style-src 'unsafe-inline'` and nothing else inline.
    var headers: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    /// Path prefixes whose state-changing requests need no CSRF token because they are authenticated
    /// otherwise: webhooks carry an HMAC signature and never a session cookie. JSON API calls that send
    /// no session cookie are exempt too (see `CSRFMiddleware`).
    var csrfExemptPathPrefixes = ["/webhooks/"]

    /// Failed logins allowed per account and per client address within the window; past either
    /// limit the login form answers 429 until the oldest failure leaves the window.
    var maxFailedLoginsPerAccount = 5
    var maxFailedLoginsPerAddress = 20
    var failedLoginWindow: TimeInterval = 15 * 60
    /// Count addresses from `X-Forwarded-For` / `Forwarded` (only behind a proxy that sets them;
    /// otherwise a client could pick its own address). Off: the TCP peer's address.
    var trustForwardedFor = false

    /// Passwords: at least this many characters, at most 72 bytes (bcrypt's limit), not only digits,
    /// not a common password, not the email's name part.
    var minimumPasswordLength = 8

    init(environment: Environment) {
        sessionCookieSecure = environment != .development
    }

    init(environment: Environment, values env: [String: String]) throws {
        self.init(environment: environment)
        if let flag = env["SESSION_COOKIE_SECURE"] { sessionCookieSecure = try AppSettings.bool(flag, "SESSION_COOKIE_SECURE") }
        if let flag = env["TRUST_FORWARDED_FOR"] { trustForwardedFor = try AppSettings.bool(flag, "TRUST_FORWARDED_FOR") }
    }

    /// The session cookie for a session id, as every response sets it.
    func sessionCookie(for id: SessionID) -> HTTPCookies.Value {
        .init(string: id.string, expires: Date(timeIntervalSinceNow: sessionLifetime), maxAge: nil, path: "/",
              isSecure: sessionCookieSecure, isHTTPOnly: true, sameSite: .lax)
    }

    /// What is wrong with a new password, one sentence each; empty when it may be used.
    func passwordProblems(_ password: String, email: String = "") -> [String] {
        var problems: [String] = []
        if password.count < minimumPasswordLength { problems.append("This password is too short: use at least \(minimumPasswordLength) characters.") }
        if password.utf8.count > 72 { problems.append("This password is too long: use at most 72 bytes.") }
        if !password.isEmpty && password.allSatisfy(\.isNumber) { problems.append("This password is entirely numeric.") }
        if Self.commonPasswords.contains(password.lowercased()) { problems.append("This password is too common.") }
        let name = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if name.count >= 3 && password.lowercased().contains(name) { problems.append("This password is too similar to the email address.") }
        return problems
    }

    /// The most common passwords of public breach lists (the first entries of Django's list).
    static let commonPasswords: Set<String> = [
        "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789", "1234567890",
        "qwerty123", "qwertyuiop", "iloveyou", "sunshine", "princess", "football", "baseball", "welcome1",
        "welcome123", "abc12345", "abcd1234", "1q2w3e4r", "1qaz2wsx", "letmein1", "trustno1", "superman",
        "starwars", "whatever", "michelle", "jennifer", "charlie1", "computer", "corvette", "mercedes",
        "11111111", "00000000", "88888888", "87654321", "asdfghjkl", "zaq12wsx", "dragon123", "monkey123",
        "changeme", "administrator", "admin123", "adminadmin", "qwerty12", "q1w2e3r4", "secret123",
    ]
}

extension Application {
    /// Installs the security defaults: headers on every response, server-side sessions in the
    /// database with the policy's cookie, and the CSRF check. Call before any authenticator.
    func useSecurityDefaults(_ policy: SecurityPolicy) {
        // At the beginning: outside the error middleware, so error pages carry the headers too.
        middleware.use(SecurityHeadersMiddleware(headers: policy.headers), at: .beginning)
        sessions.use(.fluent)
        migrations.add(SessionRecord.migration)
        sessions.configuration.cookieName = policy.sessionCookieName
        sessions.configuration.cookieFactory = { id in policy.sessionCookie(for: id) }
        middleware.use(sessions.middleware)
        middleware.use(CSRFMiddleware(exemptPathPrefixes: policy.csrfExemptPathPrefixes, sessionCookieName: policy.sessionCookieName))
    }
}
