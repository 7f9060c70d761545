// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "archdecide",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "archdecide", targets: ["archdecide"]),
        // The decision core as a library, for the nested Benchmarks/ package and other tools.
        .library(name: "ArchDecideKit", targets: ["DecisionModel", "RuleSpec", "RuleEngine", "BundledRules"]),
        // The profile reader alone (no embedded rules, no build plugin), for the nested Fuzz/ package.
        .library(name: "ArchDecideProfileReader", targets: ["DecisionModel", "RuleSpec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Plain values: profile, answers, rules, conditions, evaluation, diagnostics. Foundation only.
        .target(name: "DecisionModel"),
        // Reads Rules/ and profiles from YAML with positions kept; validates; collects diagnostics.
        .target(name: "RuleSpec", dependencies: [
            "DecisionModel",
            .product(name: "Yams", package: "Yams"),
        ]),
        // evaluate(profile, rules) -> Evaluation with a trace; explanation and flips from the trace. No I/O.
        .target(name: "RuleEngine", dependencies: ["DecisionModel"]),
        // The default Rules/ folder, embedded into the binary at build time by the EmbedRules plugin.
        .target(name: "BundledRules", plugins: ["EmbedRules"]),
        // The starter-repo templates (Sources/BundledTemplates/Templates), embedded the same way.
        .target(name: "BundledTemplates", exclude: ["Templates"], plugins: ["EmbedRules"]),
        .executableTarget(name: "RulesEmbedder"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["RulesEmbedder"]),
        // The questionnaire as a pure state machine plus a Terminal protocol (real TTY, scripted twin).
        .target(name: "Questionnaire", dependencies: ["DecisionModel", "RuleEngine"]),
        // Layouts and templates -> an in-memory plan of files; a writer applies the plan atomically.
        // Layout manifests are read with RuleSpec's located reader and its condition language.
        .target(name: "Scaffold", dependencies: [
            "DecisionModel", "RuleSpec", "BundledTemplates",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The SQLite decision log behind a protocol with an in-memory twin.
        .target(name: "DecisionLog", dependencies: [
            "DecisionModel",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Commands, printing, exit codes, environment, paths: the only module that prints.
        .target(name: "ArchDecideCLI", dependencies: [
            "DecisionModel", "RuleSpec", "RuleEngine", "BundledRules", "Questionnaire", "Scaffold", "DecisionLog",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "archdecide", dependencies: ["ArchDecideCLI"]),

        // What the test targets share: the binary runners, the snapshot helper, the built-in rule loader.
        .target(name: "TestSupport", dependencies: ["DecisionModel", "RuleSpec", "RuleEngine", "BundledRules", .product(name: "GRDB", package: "GRDB.swift")],
                path: "Tests/TestSupport"),
        .testTarget(name: "RuleSpecTests", dependencies: ["TestSupport", "RuleSpec", "RuleEngine", "BundledRules"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["TestSupport", "RuleSpec", "RuleEngine", "BundledRules"]),
        .testTarget(name: "QuestionnaireTests", dependencies: ["TestSupport", "Questionnaire", "RuleSpec", "RuleEngine", "BundledRules"]),
        .testTarget(name: "ScaffoldTests", dependencies: ["TestSupport", "Scaffold", "RuleSpec", "RuleEngine", "BundledRules"]),
        .testTarget(name: "DecisionLogTests", dependencies: ["TestSupport", 
            "DecisionLog", "RuleSpec", "RuleEngine", "BundledRules", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ArchDecideCLITests", dependencies: ["TestSupport", 
            "ArchDecideCLI", "RuleSpec", "RuleEngine", "BundledRules", "DecisionLog", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
