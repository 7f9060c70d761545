import DecisionModel
import Foundation
import Testing

/// The hand-written SHA-256 against FIPS 180-4's vectors and Python's hashlib (recorded here) on
/// every padding edge: lengths around the 55/56/64-byte block boundaries, one and two blocks,
/// many blocks, given whole and byte by byte.
@Suite struct SHA256Tests {
    static let vectors: [(Int, String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (127, "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        (1000, "4e4c294b331f7a2099a379bec34b9f9fc03dc46ab465d998f4d683da53487e6d"),
        (100_000, "cd2df694e424bc7968cc37f47751019e5ca0cd1bdf2e479ea537c3a1c32ee1aa"),
    ]

    @Test("bytes i % 251 of every edge length, whole and byte by byte")
    func lengths() {
        for (count, expected) in Self.vectors {
            let data = Data((0..<count).map { UInt8($0 % 251) })
            #expect(Hex.lowercase(SHA256.hash(data: data)) == expected, "\(count) bytes")
            var hasher = SHA256()
            for byte in data.prefix(300) { hasher.update(data: Data([byte])) }
            hasher.update(data: data.dropFirst(300))
            #expect(Hex.lowercase(hasher.finalize()) == expected, "\(count) bytes, in pieces")
        }
    }

    @Test("FIPS 180-4: abc, and a million a's")
    func standard() {
        #expect(Hex.lowercase(SHA256.hash(data: Data("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.lowercase(SHA256.hash(data: Data(repeating: UInt8(ascii: "a"), count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("finalize leaves the hasher as it was")
    func finalizeIsPure() {
        var hasher = SHA256()
        hasher.update(data: Data("ab".utf8))
        _ = hasher.finalize()
        hasher.update(data: Data("c".utf8))
        #expect(Hex.lowercase(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
