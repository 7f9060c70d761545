import Vapor

/// What the layout (`base.leaf`) shows on every page, under the key `session`: who is signed in,
/// the CSRF token its forms send back, and the flash messages left by the previous request.
struct SessionContext: Encodable {
    var csrfToken: String?
    var flash: [Flash]
}

/// A one-time message shown on the next page: "Article created.", "2 items deleted.".
struct Flash: Codable, Sendable {
    enum Kind: String, Codable, Sendable { case success, error, info }
    var kind: Kind
    var message: String
}

/// A page's own values with the layout's `session` beside them, as one Leaf context.
struct PageContext<Page: Encodable>: Encodable {
    var page: Page
    var session: SessionContext

    private enum Key: String, CodingKey { case session }

    func encode(to encoder: any Encoder) throws {
        try page.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(session, forKey: .session)
    }
}

extension Request {
    private static let flashKey = "_flash"

    /// Renders a view with the layout's session context. Pages with forms for signed-out visitors
    /// (login, sign-up) pass `forms: true`, which starts a session to hold their CSRF token;
    /// signed-in users always have one.
    func page(_ name: String, _ page: some Encodable, forms: Bool = false) async throws -> View {
        var flash: [Flash] = []
        if hasSession, let stored = session.data[Self.flashKey] {
            flash = (try? JSONDecoder().decode([Flash].self, from: Data(stored.utf8))) ?? []
            session.data[Self.flashKey] = nil
        }
        let token = (forms || hasSession) ? CSRFMiddleware.token(for: self) : nil
        let context = SessionContext(csrfToken: token, flash: flash)
        return try await view.render(name, PageContext(page: page, session: context))
    }

    /// Leaves a message for the next page this session renders (after a redirect).
    func flash(_ message: String, _ kind: Flash.Kind = .success) {
        var messages = session.data[Self.flashKey].flatMap { try? JSONDecoder().decode([Flash].self, from: Data($0.utf8)) } ?? []
        messages.append(Flash(kind: kind, message: message))
        session.data[Self.flashKey] = (try? JSONEncoder().encode(messages)).map { String(decoding: $0, as: UTF8.self) }
    }
}
