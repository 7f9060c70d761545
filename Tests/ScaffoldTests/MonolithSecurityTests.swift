import DecisionModel
import Foundation
import Scaffold
import Testing

/// The generated monolith's security defaults, checked in the rendered templates of every feature
/// combination (the generated repos' own suites test the behaviour; these catch the next template
/// that forgets a piece).
@Suite struct MonolithSecurityTests {
    /// Every rendered monolith and hybrid, one per distinct feature set (rendered once for all tests).
    static let rendered = Result { try renderAll() }

    static func plans() throws -> [Plan] { try rendered.get() }

    static func renderAll() throws -> [Plan] {
        var plans: [Plan] = []
        for topology in [Topology.monolith, .hybrid] {
            let layout = try LayoutCatalog.layout(named: Generator.layoutID(for: topology, ruleSet: Fixtures.ruleSet), catalog: Fixtures.ruleSet.catalog)
            var seen = Set<[String]>()
            for text in CombinationTests.combinations() {
                let request = Fixtures.request(try Fixtures.profile(text), topology: topology)
                guard seen.insert(layout.selectedFeatures(for: request.evaluation.answers)).inserted else { continue }
                plans.append(try Generator().plan(request))
            }
        }
        return plans
    }

    @Test func everyStateChangingFormCarriesTheCSRFToken() throws {
        var forms = 0
        for plan in try Self.plans() {
            for file in plan.files where file.path.hasSuffix(".leaf") {
                var rest = Substring(file.text)
                while let start = rest.range(of: "<form") {
                    let end = rest.range(of: "</form>", range: start.upperBound..<rest.endIndex)?.upperBound ?? rest.endIndex
                    let form = rest[start.lowerBound..<end]
                    if form.prefix(200).contains(#"method="post""#) {
                        forms += 1
                        #expect(form.contains(##"<input type="hidden" name="csrf_token" value="#(session.csrfToken)">"##),
                                "[\(plan.features.joined(separator: ","))] \(file.path): a POST form without the CSRF field:\n\(form.prefix(300))")
                    }
                    rest = rest[end...]
                }
            }
        }
        #expect(forms > 10, "the forms were found (\(forms))")
    }

    @Test func everyPageRendersThroughTheSessionAwareLayout() throws {
        for plan in try Self.plans() {
            for file in plan.files where file.path.hasSuffix(".swift") && file.path.hasPrefix("Sources/") {
                #expect(!file.text.contains("req.view.render("),
                        "[\(plan.features.joined(separator: ","))] \(file.path): render pages with req.page(...), which gives the layout the session")
            }
        }
    }

    @Test func theReadmeStatesTheSecurityDefaultsNextToDjangos() throws {
        let plan = try Fixtures.plan(Fixtures.profileText(["auth: true", "admin_ui: true", "workloads: [content]"]), topology: .monolith)
        let readme = try #require(plan.files.first { $0.path == "README.md" }?.text)
        for row in ["session cookie `HttpOnly`", "session cookie `Secure`", "session rotation at login", "| CSRF |", "CSRF exemptions",
                    "`Content-Security-Policy`", "`X-Frame-Options`", "`X-Content-Type-Options`", "`Referrer-Policy`",
                    "failed-login throttling", "password policy", "admin access"] {
            #expect(readme.contains(row), "README row \(row)")
        }
        #expect(readme.contains("![The admin portal"))
        #expect(plan.files.contains { $0.path == "docs/admin-portal.svg" && $0.text.hasPrefix("<svg") && $0.text.contains("data:image/png;base64,") })
        #expect(!readme.contains("add CSRF protection"), "the old to-do is gone")
    }
}
