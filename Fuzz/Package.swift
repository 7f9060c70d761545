// swift-tools-version: 6.0
import Foundation
import PackageDescription

// A libFuzzer target for the profile reader. Build and run with Fuzz/run.sh (it passes
// `-sanitize=fuzzer`); the parent's identity is its folder's name, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ArchDecideFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "profile-fuzz",
            dependencies: [.product(name: "ArchDecideProfileReader", package: parent)],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
