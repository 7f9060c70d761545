import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

@Suite struct AppTests {
    @Test func healthzAnswersOK() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "healthz") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string == #"{"status":"ok"}"#)
            }
        }
    }

    @Test func homePageRenders() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/") { res async in
                #expect(res.status == .ok)
                #expect(res.headers.contentType == .html)
                #expect(res.body.string.contains("<h1>notes</h1>"))
            }
        }
    }

    @Test func unknownPathsAre404() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "no/such/page") { res async in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func badSettingsAreRefused() {
        #expect(throws: AppSettings.Invalid.self) { try AppSettings(environment: .testing, values: ["PORT": "eighty"]) }
        #expect(throws: AppSettings.Invalid.self) { try AppSettings(environment: .testing, values: ["AUTO_MIGRATE": "maybe"]) }
    }
}
