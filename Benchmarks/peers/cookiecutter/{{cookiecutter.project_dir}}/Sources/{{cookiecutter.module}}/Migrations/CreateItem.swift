import Fluent

/// The `items` table.
struct CreateItem: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Item.schema)
            .id()
            .field("name", .string, .required)
            .field("notes", .string, .required)
            .field("done", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Item.schema).delete()
    }
}
