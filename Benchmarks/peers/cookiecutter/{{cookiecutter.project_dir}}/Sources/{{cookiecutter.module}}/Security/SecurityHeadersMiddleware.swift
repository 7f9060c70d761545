import Vapor

/// Adds the policy's security headers (CSP, frame options, content-type options, referrer policy,
/// opener policy) to every response that does not set its own.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let headers: [(name: String, value: String)]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for header in headers where !response.headers.contains(name: header.name) {
            response.headers.replaceOrAdd(name: header.name, value: header.value)
        }
        return response
    }
}
