import Fluent
import Testing
import VaporTesting
@testable import {{ cookiecutter.module }}

@Suite struct ItemTests {
    @Test func createListUpdateDelete() async throws {
        try await withTestApp { app in
            var id = ""
            try await app.testing().test(.POST, "api/items", beforeRequest: { req in
                try req.content.encode(["name": "First item", "notes": "from a test"])
            }, afterResponse: { res async throws in
                #expect(res.status == .created)
                let item = try res.content.decode(Item.self)
                #expect(item.name == "First item")
                id = item.id?.uuidString ?? ""
            })
            try await app.testing().test(.GET, "items") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("First item"))
            }
            try await app.testing().test(.PUT, "api/items/\(id)", beforeRequest: { req in
                try req.content.encode(ItemInput(name: "Renamed", notes: nil, done: true))
            }, afterResponse: { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(Item.self).done)
            })
            try await app.testing().test(.DELETE, "api/items/\(id)") { res async in
                #expect(res.status == .noContent)
            }
            try await app.testing().test(.GET, "api/items/\(id)") { res async in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func anEmptyNameIsRejected() async throws {
        try await withTestApp { app in
            try await app.testing().test(.POST, "api/items", beforeRequest: { req in
                try req.content.encode(["name": ""])
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
            })
        }
    }
}
