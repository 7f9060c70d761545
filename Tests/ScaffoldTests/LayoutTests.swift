import BundledTemplates
import Foundation
import Mustache
import Scaffold
import Testing

/// The built-in layouts are data; these tests keep the data consistent with the templates.
@Suite struct LayoutTests {
    @Test func theMonolithAndTheServiceAreBuiltIn() {
        #expect(LayoutCatalog.available.contains("vapor-monolith"))
        #expect(LayoutCatalog.available.contains("hummingbird-service"))
    }

    @Test(arguments: LayoutCatalog.available)
    func everyFileNamesATemplateThatExistsAndParses(layoutID: String) throws {
        let layout = try LayoutCatalog.layout(named: layoutID)
        let featureIDs = Set(layout.features.map(\.id))
        for file in layout.files {
            let path = layout.templatePath(for: file)
            let text = try #require(LayoutCatalog.template(path), "\(layoutID): \(file.path) names a missing template \(path)")
            _ = try MustacheTemplate(string: text)
            for test in file.when ?? [] {
                let id = test.hasPrefix("!") ? String(test.dropFirst()) : test
                #expect(featureIDs.contains(id), "\(layoutID): \(file.path) depends on unknown feature \(id)")
            }
        }
        for feature in layout.features {
            for test in feature.when { #expect(AnswerTest(test) != nil, "\(layoutID): feature \(feature.id) has a bad test '\(test)'") }
            for needed in feature.requires ?? [] { #expect(featureIDs.contains(needed)) }
            // Summaries go into Leaf pages and Markdown; they must not look like Leaf tags.
            #expect(!feature.summary.contains("#"))
        }
    }

    @Test(arguments: LayoutCatalog.available)
    func everyTemplateOfTheLayoutIsUsed(layoutID: String) throws {
        let layout = try LayoutCatalog.layout(named: layoutID)
        let used = Set(layout.files.map { layout.templatePath(for: $0) })
        let own = BundledTemplates.files.map(\.path).filter { $0.hasPrefix(layoutID + "/") }
        for path in own { #expect(used.contains(path), "\(path) is not used by layouts/\(layoutID).yaml") }
    }

    @Test func answerTestsReadTheAnswers() throws {
        let profile = try Fixtures.profile(Fixtures.profileText(["auth: true", "workloads: [content]", "traffic:", "  peak_rps: 200"]))
        let answers = Fixtures.engine.decide(profile).answers
        #expect(AnswerTest("auth")!.holds(answers))
        #expect(!AnswerTest("payments")!.holds(answers))
        #expect(AnswerTest("workloads has content")!.holds(answers))
        #expect(!AnswerTest("workloads has crud")!.holds(answers))
        #expect(AnswerTest("traffic.peak_rps >= 100")!.holds(answers))
        #expect(AnswerTest("scope is broad")!.holds(answers))
        #expect(AnswerTest("a b c d") == nil)
    }
}
