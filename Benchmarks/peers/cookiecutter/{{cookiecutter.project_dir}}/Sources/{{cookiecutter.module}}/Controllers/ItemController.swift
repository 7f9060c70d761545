import Fluent
import Vapor

/// Items: a JSON API under `/api/items` and a server-rendered list at `/items`.
struct ItemController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("items", use: page)
        let api = routes.grouped("api", "items")
        api.get(use: list)
        api.post(use: create)
        api.group(":itemID") { item in
            item.get(use: show)
            item.put(use: update)
            item.delete(use: delete)
        }
    }

    struct Page: Encodable {
        var title: String
        var items: [Row]
    }

    /// One line of the HTML list: only what the template shows. Encoding a plain struct into
    /// Leaf's context is cheaper than encoding the Fluent model (its property wrappers are found
    /// by reflection on every row).
    struct Row: Encodable {
        var name: String
        var notes: String
        var done: Bool
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let items = try await Item.query(on: req.db).sort(\.$createdAt, .descending).limit(200).all()
        let rows = items.map { Row(name: $0.name, notes: $0.notes, done: $0.done) }
        return try await req.page("items/index", Page(title: "Items", items: rows))
    }

    @Sendable
    func list(req: Request) async throws -> [Item] {
        try await Item.query(on: req.db).sort(\.$createdAt, .descending).limit(1000).all()
    }

    @Sendable
    func create(req: Request) async throws -> Response {
        try ItemInput.validate(content: req)
        let input = try req.content.decode(ItemInput.self)
        let item = Item(name: input.name, notes: input.notes ?? "", done: input.done ?? false)
        try await item.save(on: req.db)
        req.logger.info("item created", metadata: ["item": .string(item.id?.uuidString ?? "")])
        return try await item.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func show(req: Request) async throws -> Item {
        try await find(req)
    }

    @Sendable
    func update(req: Request) async throws -> Item {
        try ItemInput.validate(content: req)
        let input = try req.content.decode(ItemInput.self)
        let item = try await find(req)
        item.name = input.name
        item.notes = input.notes ?? item.notes
        item.done = input.done ?? item.done
        try await item.save(on: req.db)
        return item
    }

    @Sendable
    func delete(req: Request) async throws -> HTTPStatus {
        try await find(req).delete(on: req.db)
        return .noContent
    }

    private func find(_ req: Request) async throws -> Item {
        guard let id = req.parameters.get("itemID", as: UUID.self), let item = try await Item.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return item
    }
}
