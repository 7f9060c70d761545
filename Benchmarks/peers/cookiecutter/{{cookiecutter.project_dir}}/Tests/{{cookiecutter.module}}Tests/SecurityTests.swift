import Fluent
import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

/// The security defaults of SecurityPolicy.swift, one test each (login throttling, the password
/// policy and session rotation are in AuthTests).
@Suite struct SecurityTests {
    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withTestApp { app in
            for path in ["/", "no/such/page", "healthz"] {
                try await app.testing().test(.GET, path) { res async in
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "\(path): \(csp)")
                    #expect(!csp.contains("script-src 'self' 'unsafe-inline'"))
                    #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                    #expect(res.headers.first(name: "Cross-Origin-Opener-Policy") == "same-origin")
                }
            }
        }
    }

    @Test func sessionCookieIsSecureOutsideDevelopmentAndAlwaysHttpOnly() throws {
        let id = SessionID(string: "abc")
        for (environment, secure) in [(Environment.development, false), (.testing, true), (.production, true)] {
            let cookie = SecurityPolicy(environment: environment).sessionCookie(for: id)
            #expect(cookie.isSecure == secure, "\(environment.name)")
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
        }
        let overridden = try SecurityPolicy(environment: .production, values: ["SESSION_COOKIE_SECURE": "false"])
        #expect(!overridden.sessionCookie(for: id).isSecure)
        #expect(throws: AppSettings.Invalid.self) { try SecurityPolicy(environment: .production, values: ["SESSION_COOKIE_SECURE": "maybe"]) }
    }

    @Test func csrfTokensCompareOnlyWhenEqual() {
        #expect(CSRFMiddleware.constantTimeEqual("abc123", "abc123"))
        #expect(!CSRFMiddleware.constantTimeEqual("abc123", "abc124"))
        #expect(!CSRFMiddleware.constantTimeEqual("abc123", "abc12"))
        #expect(!CSRFMiddleware.constantTimeEqual("", "x"))
    }

    @Test func jsonAPICallsWithoutTheSessionCookieAreExempt() async throws {
        try await withTestApp { app in
            try await app.testing().test(.POST, "api/items", beforeRequest: { req in
                try req.content.encode(["name": "from a script"], as: .json)
            }, afterResponse: { res async in
                #expect(res.status == .created)
            })
            // Not so a form post to the same API: that is what a cross-site page can send.
            try await app.testing().test(.POST, "api/items", beforeRequest: { req in
                try req.content.encode(["name": "from a forged form"], as: .urlEncodedForm)
            }, afterResponse: { res async in
                #expect(res.status == .forbidden)
            })
        }
    }
}
