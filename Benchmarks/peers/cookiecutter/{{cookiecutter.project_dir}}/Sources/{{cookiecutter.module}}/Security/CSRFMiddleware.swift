import Vapor

/// Cross-site request forgery protection with a synchronizer token: the session holds a random
/// token, every form sends it back in the `csrf_token` field (JavaScript clients in the
/// `X-CSRF-Token` header), and a state-changing request (POST, PUT, PATCH, DELETE) without the
/// right one is refused with 403 before any route runs.
///
/// Exempt, and why: the policy's path prefixes (webhooks, authenticated by their HMAC signature),
/// and requests that carry no session cookie and are not something a cross-site page can send
/// (a form post, or a `text/plain` or body-less "simple" request): a JSON API call from a script
/// or another service is not riding on anyone's session. A JSON call that does send the session
/// cookie needs the header like any form.
struct CSRFMiddleware: AsyncMiddleware {
    static let formField = "csrf_token"
    static let headerName = "X-CSRF-Token"
    static let sessionKey = "_csrf"

    let exemptPathPrefixes: [String]
    let sessionCookieName: String

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard needsToken(request) else { return try await next.respond(to: request) }
        let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
        var sent = request.headers.first(name: Self.headerName)
        if sent == nil, isForm(request.headers.contentType) {
            // Routes collect the body after the middleware; read it here (bounded like any route).
            _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            sent = try? request.content.get(String.self, at: Self.formField)
        }
        guard let expected, let sent, Self.constantTimeEqual(expected, sent) else {
            request.logger.notice("CSRF check failed", metadata: ["path": .string(request.url.path)])
            return refusal(for: request)
        }
        return try await next.respond(to: request)
    }

    func needsToken(_ request: Request) -> Bool {
        switch request.method {
        case .GET, .HEAD, .OPTIONS, .TRACE: return false
        default: break
        }
        if exemptPathPrefixes.contains(where: { request.url.path.hasPrefix($0) }) { return false }
        if request.cookies[sessionCookieName] != nil { return true }
        // Without the cookie only a POST can come from a cross-site page (PUT, PATCH and DELETE need a CORS preflight).
        guard request.method == .POST else { return false }
        guard let type = request.headers.contentType else { return true }
        return isForm(type) || (type.type == "text" && type.subType == "plain")
    }

    private func isForm(_ type: HTTPMediaType?) -> Bool {
        guard let type else { return false }
        return (type.type == "application" && type.subType == "x-www-form-urlencoded")
            || (type.type == "multipart" && type.subType == "form-data")
    }

    private func refusal(for request: Request) -> Response {
        let reason = "CSRF verification failed: the form was not sent from this site, or the page is stale. Reload it and try again."
        if request.headers.accept.contains(where: { $0.mediaType == .json }) {
            return Response(status: .forbidden, headers: ["Content-Type": "application/json"],
                            body: .init(string: #"{"error":true,"reason":"\#(reason)"}"#))
        }
        return Response(status: .forbidden, headers: ["Content-Type": "text/html; charset=utf-8"],
                        body: .init(string: "<!doctype html><title>403 Forbidden</title><h1>403 Forbidden</h1><p>\(reason)</p>"))
    }

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        let token = [UInt8].random(count: 32).map { String(format: "%02x", $0) }.joined()
        request.session.data[sessionKey] = token
        return token
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
