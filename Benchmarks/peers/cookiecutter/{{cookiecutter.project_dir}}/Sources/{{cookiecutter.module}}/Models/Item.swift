import Fluent
import Vapor

/// A record of the product's own, with a JSON API and an HTML list: the shape to copy for new models.
final class Item: Model, Content, @unchecked Sendable {
    static let schema = "items"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "notes") var notes: String
    @Field(key: "done") var done: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, notes: String = "", done: Bool = false) {
        self.id = id
        self.name = name
        self.notes = notes
        self.done = done
    }
}

/// What clients send to create or change an item.
struct ItemInput: Content, Validatable {
    var name: String
    var notes: String?
    var done: Bool?

    static func validations(_ validations: inout Validations) {
        validations.add("name", as: String.self, is: !.empty && .count(...200))
        validations.add("notes", as: String?.self, is: .nil || .count(...10_000), required: false)
    }
}
