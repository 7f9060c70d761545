import Fluent
import Vapor

/// The home page: what this app offers (the layout shows who is signed in).
struct HomeController: RouteCollection {
    struct Page: Encodable {
        var title: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
    }

    @Sendable
    func index(req: Request) async throws -> View {
        try await req.page("home", Page(title: "notes"))
    }
}
