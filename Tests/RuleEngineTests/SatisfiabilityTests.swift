import DecisionModel
import RuleEngine
import Testing

/// `rules lint`'s "can this `when` ever hold": reasoned per field, so size never makes it skip a rule.
@Suite("Satisfiability")
struct SatisfiabilityTests {
    static let here = SourceLocation(file: "t.yaml", line: 1, column: 1)
    static func t(_ field: String, _ op: FieldTest.Operator, _ operand: AnswerValue) -> Condition {
        .test(FieldTest(field: field, op: op, operand: operand, location: here))
    }
    static func all(_ cs: Condition...) -> Condition { .all(cs, here) }
    static func any(_ cs: Condition...) -> Condition { .any(cs, here) }
    static func not(_ c: Condition) -> Condition { .not(c, here) }
    static let workloads = ["crud", "content", "webhooks", "embeddings", "streaming_inference", "inference_gateway", "background_jobs"]

    /// Every field of the built-in questionnaire, each constrained: the product of the old
    /// brute-force domains is far above its 200,000 cut-off, at which it used to pass the rule unchecked.
    static func big(_ extra: Condition) -> Condition {
        all(t("data_model", .in, .list(["simple", "significant"])), t("admin_ui", .equals, .bool(true)),
            t("auth", .equals, .bool(true)), t("payments", .equals, .bool(true)), t("growth", .notEquals, .string("unlikely")),
            t("scope", .equals, .string("broad")), t("workloads", .containsAny, .list(workloads)),
            t("team.knows", .containsAny, .list(["django", "fastapi", "rails", "laravel", "express", "spring"])),
            t("traffic.latency_p99_ms", .lte, .int(250)), t("team.size", .gte, .int(3)), t("performance_critical", .equals, .bool(true)),
            extra)
    }

    @Test("a big condition with a contradiction on one field is found unreachable, not skipped")
    func bigContradiction() {
        let catalog = builtIn.catalog
        #expect(Satisfiability.check(Self.big(Self.all(Self.t("traffic.peak_rps", .gte, .int(1000)), Self.t("traffic.peak_rps", .lt, .int(500)))),
                                     catalog: catalog) == .unsatisfiable)
        #expect(Satisfiability.check(Self.big(Self.t("traffic.peak_rps", .gte, .int(1000))), catalog: catalog) == .satisfiable)
        let findings = RuleLinter.reachability(Self.big(Self.all(Self.t("workloads", .containsAll, .list(["crud", "content"])),
                                                                 Self.t("workloads", .only, .list(["crud"])))),
                                               catalog: catalog, field: "r", never: "never")
        #expect(findings.map(\.code) == [.unreachableCondition])
        #expect(findings.first?.severity == .error)
    }

    @Test("intervals, sets and negation, field by field")
    func perField() {
        let c = builtIn.catalog
        func verdict(_ condition: Condition) -> Satisfiability.Verdict { Satisfiability.check(condition, catalog: c) }
        // Intervals: (100, 101) holds no whole number; [100, 101) holds 100.
        #expect(verdict(Self.all(Self.t("traffic.peak_rps", .gt, .int(100)), Self.t("traffic.peak_rps", .lt, .int(101)))) == .unsatisfiable)
        #expect(verdict(Self.all(Self.t("traffic.peak_rps", .gte, .int(100)), Self.t("traffic.peak_rps", .lt, .int(101)))) == .satisfiable)
        // not(≥ 5) and ≥ 5 on one field; the same on two fields is fine.
        #expect(verdict(Self.all(Self.not(Self.t("team.size", .gte, .int(5))), Self.t("team.size", .gte, .int(5)))) == .unsatisfiable)
        #expect(verdict(Self.all(Self.not(Self.t("team.size", .gte, .int(5))), Self.t("traffic.peak_rps", .gte, .int(5)))) == .satisfiable)
        // Sets: empty and containing; only [crud] without crud; not(any) of everything yet non-empty.
        #expect(verdict(Self.all(Self.t("workloads", .isEmpty, .bool(true)), Self.t("workloads", .contains, .string("crud")))) == .unsatisfiable)
        #expect(verdict(Self.all(Self.t("workloads", .only, .list(["crud"])), Self.not(Self.t("workloads", .contains, .string("crud"))))) == .unsatisfiable)
        #expect(verdict(Self.all(Self.not(Self.t("workloads", .containsAny, .list(Self.workloads))), Self.t("workloads", .isEmpty, .bool(false)))) == .unsatisfiable)
        // Tags hold any name: a list with something besides the named ones exists.
        #expect(verdict(Self.all(Self.not(Self.t("team.knows", .containsAny, .list(["django"]))), Self.t("team.knows", .isEmpty, .bool(false)))) == .satisfiable)
        // A disjunction with one open branch holds; with all closed it does not.
        #expect(verdict(Self.any(Self.all(Self.t("auth", .equals, .bool(true)), Self.t("auth", .equals, .bool(false))), Self.t("scope", .equals, .string("narrow")))) == .satisfiable)
        #expect(verdict(Self.any(Self.all(Self.t("auth", .equals, .bool(true)), Self.t("auth", .equals, .bool(false))),
                                 Self.all(Self.t("scope", .equals, .string("narrow")), Self.t("scope", .in, .list(["broad"]))))) == .unsatisfiable)
        #expect(verdict(Self.any()) == .unsatisfiable)
        #expect(verdict(Self.all()) == .satisfiable)
    }

    @Test("a search that runs out of budget is a warning, never a silent pass")
    func budget() {
        // Twenty two-way choices before the contradiction: 2^20 branches to close.
        let choices = (0..<20).map { _ in Self.any(Self.t("auth", .equals, .bool(true)), Self.t("admin_ui", .equals, .bool(true))) }
        let condition = Condition.all(choices + [Self.t("team.size", .gt, .int(5)), Self.t("team.size", .lt, .int(6))], Self.here)
        #expect(Satisfiability.check(condition, catalog: builtIn.catalog, budget: 10_000) == .undecided)
        let findings = RuleLinter.reachability(condition, catalog: builtIn.catalog, field: "wide-rule", never: "never", budget: 10_000)
        #expect(findings.map(\.code) == [.undecidedCondition])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("not checked") == true)
    }

    @Test("every built-in rule and question condition is decided within the default budget")
    func builtInDecided() {
        for rule in builtIn.rules {
            #expect(Satisfiability.check(rule.when, catalog: builtIn.catalog) == .satisfiable, "\(rule.id)")
        }
        for question in builtIn.catalog.questions {
            if let when = question.when { #expect(Satisfiability.check(when, catalog: builtIn.catalog) == .satisfiable, "\(question.id)") }
        }
    }
}
