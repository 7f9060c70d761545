import Fluent
import Vapor

/// The home page: what this app offers, and who is signed in.
struct HomeController: RouteCollection {
    struct Page: Encodable {
        var title: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
    }

    @Sendable
    func index(req: Request) async throws -> View {
        try await req.view.render("home", Page(title: "notes"))
    }
}
