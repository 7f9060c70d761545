// swift-tools-version: 6.0
import Foundation
import PackageDescription

// The parent package's identity is its folder's name, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ArchDecideBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "archdecide-bench",
            dependencies: [.product(name: "ArchDecideKit", package: parent)],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
    ]
)
