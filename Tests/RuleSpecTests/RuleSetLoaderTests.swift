import BundledRules
import DecisionModel
import Foundation
import RuleEngine
import RuleSpec
import Testing
import TestSupport

@Suite("Rule set loading and linting")
struct RuleSetLoaderTests {
    @Test("the built-in rules are exactly the Rules/ folder, and lint clean")
    func builtInMatchesFolder() throws {
        let folder = try RuleFiles.folder(packageRoot.appendingPathComponent("Rules").path).get()
        #expect(folder.files.map(\.path) == RuleFiles(files: BundledRules.files, origin: "built-in").files.map(\.path))
        #expect(folder.digest == builtIn.digest, "the embedded copy is stale: rebuild")
        #expect(builtIn.digest.count == 64)
        let findings = RuleLinter.lint(builtIn)
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("every article section is cited, and every question is read by some rule")
    func coverage() {
        #expect(Set(builtIn.rules.compactMap(\.source)) == Set(ArticleSection.allCases))
        let read = Set(builtIn.rules.flatMap { $0.when.fields.union($0.grade.map { [$0.field] } ?? []) })
        #expect(builtIn.catalog.ids.allSatisfy(read.contains))
        #expect(builtIn.topologies.count == 3)
    }

    @Test("every rule says where it comes from: an article rule cites a section and paraphrases it, a heuristic gives its reasoning and no section")
    func provenance() {
        for rule in builtIn.rules {
            switch rule.basis {
            case .article(_, let says): #expect(!says.isEmpty, "\(rule.id)")
            case .heuristic(let reasoning): #expect(!reasoning.isEmpty && rule.source == nil, "\(rule.id)")
            }
        }
        // The claims the article does not make are labelled ours.
        let heuristics = Set(builtIn.rules.filter { $0.source == nil }.map(\.id))
        #expect(heuristics.isSuperset(of: ["hy-small-team-one-service", "fa-team-knows-async-first", "fa-tight-latency"]))
        // Team familiarity keeps the article's weight: as much as payments, one of the four equal reasons.
        let team = builtIn.rules.first { $0.id == "dj-team-knows-it" }
        let payments = builtIn.rules.first { $0.id == "dj-payments" }
        #expect(team?.effects[.monolith] == payments?.effects[.monolith] && team?.source == .whenDjangoWins)
        // No rule switches on a volume or latency threshold: numbers are weighed by grades.
        for rule in builtIn.rules {
            for test in rule.when.tests where ["traffic.peak_rps", "traffic.ai_peak_rps", "traffic.latency_p99_ms"].contains(test.field) {
                #expect(test.operand.intValue ?? 0 == 0, "\(rule.id) switches at \(test.description)")
            }
        }
    }

    @Test("a rule added as data needs no Swift change and takes part at once")
    func addRule() throws {
        let folder = try editedRules("rules/hybrid.yaml") { text in
            text + """

              - id: test-added-rule
                basis: heuristic
                reasoning: A test rule of our own.
                why: A test rule.
                when: {field: team.size, gte: 50}
                effects: {microservice: 100}
                examples:
                  fires:
                    - {team: {size: 50}}
                  does_not_fire:
                    - {team: {size: 49}}

            """
        }
        let set = try #require(RuleSetLoader().load(RuleFiles.folder(folder).get()).ruleSet)
        #expect(set.rules.count == builtIn.rules.count + 1)
        #expect(set.digest != builtIn.digest)
        let engine = DecisionEngine(ruleSet: set)
        let answers = Answers.completing(["team.size": .int(60)], with: set.catalog)
        #expect(engine.evaluate(name: "x", answers: answers).recommendation == .microservice)
    }

    /// (file to edit, replace this, with that, expected code, a phrase in the message)
    static let mistakes: [(String, String, String, DiagnosticCode, String)] = [
        ("rules/hybrid.yaml", "field: team.size, lte: 2", "field: team.sise, lte: 2", .unknownField, "did you mean 'team.size'"),
        ("rules/hybrid.yaml", "field: team.size, lte: 2", "field: team.size, lte: two", .typeMismatch, "whole number"),
        ("rules/hybrid.yaml", "field: team.size, lte: 2", "field: team.size, equal: 2", .unknownOperator, "did you mean 'equals'"),
        ("rules/fastapi-wins.yaml", "{field: scope, equals: narrow}", "{field: scope, gte: 3}", .typeMismatch, "whole-number"),
        ("rules/fastapi-wins.yaml", "{field: scope, equals: narrow}", "{field: scope, equals: thin}", .typeMismatch, "narrow, broad"),
        ("rules/fastapi-wins.yaml", "source: When FastAPI Wins", "source: When Go Wins", .unknownSection, "The Hybrid Architecture"),
        ("rules/fastapi-wins.yaml", "effects: {microservice: 3}", "effects: {microservise: 3}", .unknownKey, "did you mean 'microservice'"),
        ("rules/fastapi-wins.yaml", "id: fa-high-volume", "id: fa-narrow-scope", .duplicateID, "used twice"),
        ("rules/fastapi-wins.yaml", "{field: traffic.peak_rps, gt: 0}", "{all: [{field: traffic.peak_rps, gt: 1000}, {field: traffic.peak_rps, lt: 10}]}", .unreachableCondition, "never fire"),
        ("rules/fastapi-wins.yaml", "    basis: article\n    source: When FastAPI Wins\n    article_says: FastAPI is the choice when \"the service is narrowly scoped\".\n", "", .missingField, "needs 'basis'"),
        ("rules/hybrid.yaml", "    basis: heuristic\n    reasoning: The article does not speak of team size", "    basis: heuristic\n    source: The Hybrid Architecture\n    reasoning: The article does not speak of team size", .invalidValue, "cites no article section"),
        ("rules/hybrid.yaml", "    basis: heuristic\n    reasoning: The article does not speak of team size", "    basis: hunch\n    reasoning: The article does not speak of team size", .invalidValue, "article or heuristic"),
        ("rules/fastapi-wins.yaml", "    article_says: FastAPI is the choice when \"the service is narrowly scoped\".\n", "", .missingField, "needs 'article_says'"),
        ("rules/fastapi-wins.yaml", "grade: {field: traffic.peak_rps, from: 100, to: 3000}", "grade: {field: scope, from: 100, to: 3000}", .unknownField, "whole-number question"),
        ("topologies.yaml", "        - {field: workloads, contains_any: [embeddings, streaming_inference, inference_gateway]}", "        - {field: auth, equals: true}\n        - {field: auth, equals: false}", .unreachableCondition, "can never win"),
        ("topologies.yaml", "        - {field: workloads, contains_any: [embeddings, streaming_inference, inference_gateway]}", "        - {field: workload, contains_any: [embeddings]}", .unknownField, "did you mean 'workloads'"),
        ("topologies.yaml", "    followed_by: [monolith, hybrid]\n  - question: admin_ui", "    followed_by: [monolith, hybird]\n  - question: admin_ui", .unknownTopology, "followed_by"),
        ("questionnaire.yaml", "{field: performance_critical, equals: true}", "{field: team.size, equals: 3}", .forwardReference, "not asked before it"),
        ("questionnaire.yaml", "    default: possible", "    default: maybe", .invalidValue, "unlikely, possible, likely"),
        ("questionnaire.yaml", "    type: bool\n    default: false\n\n  - id: auth", "    type: boolean\n    default: false\n\n  - id: auth", .invalidValue, "choice, multi, bool, int, tags"),
        ("cases/product-and-ai.yaml", "    want: monolith\n    profile:\n      data_model: significant\n      admin_ui: true\n      auth: true\n      payments: true", "    profile:\n      data_model: significant\n      admin_ui: true\n      auth: true\n      payments: true", .caseWithoutExpectation, "every case must say"),
        ("rules/hybrid.yaml", "        - {team: {size: 3}}", "        - {team: {size: 2}}", .exampleFailed, "should not fire"),
    ]

    @Test("each mistake in a rule set gives a located diagnostic", arguments: mistakes.indices)
    func mistake(_ index: Int) throws {
        let (path, from, to, code, phrase) = Self.mistakes[index]
        let original = try #require(BundledRules.files.first { $0.path == path }?.text)
        #expect(original.contains(from), "fixture drifted: \(path) no longer holds \(from)")
        let folder = try editedRules(path) { $0.replacingOccurrences(of: from, with: to) }
        let loaded = RuleSetLoader().load(try RuleFiles.folder(folder).get())
        var findings = loaded.diagnostics
        if let set = loaded.ruleSet {
            findings += RuleLinter.lint(set)
            findings += RuleTester.run(set).compactMap(\.failure)
        }
        let found = try #require(findings.first { $0.code == code }, "expected \(code) in \(findings)")
        #expect(found.message.contains(phrase), "\(found.message)")
        #expect(found.location.file.hasSuffix(path), "\(found.location)")
        #expect(found.location.line > 0)
    }

    @Test("a missing rules folder is one clear error")
    func missingFolder() {
        if case .failure(let d) = RuleFiles.folder("/nonexistent/rules") { #expect(d.code == .io) } else { Issue.record("loaded a missing folder") }
    }
}
