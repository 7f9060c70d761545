import Foundation
import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

/// The document at `/openapi.yaml` and the router agree: every route is documented (or listed under
/// `x-undocumented-routes` with its reason: the HTML pages and their form posts), and every
/// documented operation is routed. `/metrics` serves Vapor's request series through swift-metrics.
@Suite struct OpenAPITests {
    /// `METHOD /path` of each operation under `paths:` (the document's own two-space layout).
    static func documentedRoutes(_ yaml: String) -> Set<String> {
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:"; path = nil; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "put", "post", "delete", "patch", "head", "options"].contains(String(method)) {
                    routes.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return routes
    }

    /// The routes the document lists as served but not part of the JSON API (`x-undocumented-routes`).
    static func undocumentedRoutes(_ yaml: String) -> Set<String> {
        Set(yaml.split(separator: "\n").compactMap { line in
            line.hasPrefix("  - route: ") ? String(line.dropFirst("  - route: ".count)) : nil
        })
    }

    /// `METHOD /path` of every route the app registered, parameters spelt `{name}` as OpenAPI does.
    static func routedRoutes(_ app: Application) -> Set<String> {
        Set(app.routes.all.map { route in
            let path = route.path.map { component -> String in
                if case .parameter(let name) = component { return "{\(name)}" }
                return component.description
            }
            return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
        })
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        try await withTestApp { app in
            let routed = Self.routedRoutes(app)
            let documented = Self.documentedRoutes(OpenAPIDocument.yaml)
            let undocumented = Self.undocumentedRoutes(OpenAPIDocument.yaml)
            #expect(!documented.isEmpty)
            #expect(routed.subtracting(documented).subtracting(undocumented).sorted() == [], "routed but not in openapi.yaml")
            #expect(documented.subtracting(routed).sorted() == [], "in openapi.yaml but not routed")
            #expect(undocumented.subtracting(routed).sorted() == [], "listed as undocumented but not routed")
            #expect(documented.isDisjoint(with: undocumented), "both documented and listed as undocumented")
            #expect(documented.contains("GET /healthz"))
            #expect(documented.contains("PUT /api/items/{itemID}"))
        }
    }

    @Test func theDocumentIsServed() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "openapi.yaml") { res async in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "application/yaml")
                #expect(res.body.string == OpenAPIDocument.yaml)
                #expect(res.body.string.hasPrefix("openapi: 3.1.0\n"))
            }
        }
    }

    @Test func metricsCountRequestsPerRouteTemplate() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "healthz") { res async in
                #expect(res.status == .ok)
            }
            let missing = UUID().uuidString
            try await app.testing().test(.GET, "api/items/\(missing)") { res async in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "metrics") { res async in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "text/plain; version=0.0.4")
                let text = res.body.string
                #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} "#))
                #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/healthz",status="200",le="0.001"} "#))
                // The route template, never the raw path: one series however many ids are asked for.
                #expect(text.contains(#"http_requests_total{method="GET",route="/api/items/:itemID",status="404"} "#))
                #expect(!text.contains(missing))
                #expect(text.contains("process_uptime_seconds "))
            }
        }
    }
}
