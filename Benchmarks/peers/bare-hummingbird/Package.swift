// swift-tools-version: 6.0
// The ceiling for the generated microservice: Hummingbird 2 answering GET /healthz with the same
// bytes and nothing else (no middleware, no providers).
import PackageDescription

let package = Package(
    name: "bare-hummingbird",
    platforms: [.macOS(.v14)],
    products: [.executable(name: "bare-hummingbird", targets: ["BareHummingbird"])],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "BareHummingbird", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
