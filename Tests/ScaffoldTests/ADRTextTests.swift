import DecisionModel
import Foundation
@testable import Scaffold
import Testing

/// The ADR's prose and numbering: sentences continued without breaking acronyms; numbers from file names.
@Suite struct ADRTextTests {
    /// A word with a lower-case letter followed by a capital at its start (`aI`, `cRUD`) is the old bug.
    static func brokenWord(_ text: String) -> String? {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init).first { word in
            let chars = Array(word)
            return chars.count >= 2 && chars[0].isLowercase && chars[1].isUppercase
        }
    }

    @Test func everyRulesWhyContinuesASentenceWithItsAcronymsIntact() throws {
        let rules = Fixtures.ruleSet.rules
        #expect(rules.count > 20)
        for rule in rules {
            let continued = ADR.midSentence(rule.why)
            #expect(Self.brokenWord(continued) == nil, "\(rule.id): \(continued)")
            #expect(continued.dropFirst() == rule.why.dropFirst(), "only the first letter may change: \(rule.id)")
            let first = String(rule.why.prefix { $0.isLetter || $0.isNumber })
            let acronym = first.dropFirst().contains { $0.isUppercase || $0.isNumber }
            #expect(continued.hasPrefix(acronym ? first : first.lowercased()), "\(rule.id): \(continued)")
        }
    }

    @Test func sentenceCaseLeavesAcronymsAndNamesWithInnerCapitals() {
        #expect(ADR.midSentence("AI calls at low volume") == "AI calls at low volume")
        #expect(ADR.midSentence("CRUD over the product's records") == "CRUD over the product's records")
        #expect(ADR.midSentence("FastAPI-style services") == "FastAPI-style services")
        #expect(ADR.midSentence("A thousand requests") == "a thousand requests")
        #expect(ADR.midSentence("Background jobs") == "background jobs")
        #expect(ADR.midSentence("p99 under 200 ms") == "p99 under 200 ms")
        #expect(ADR.midSentence("") == "")
    }

    @Test func theRenderedADRHasNoBrokenWords() throws {
        let text = Fixtures.profileText(["data_model: significant", "admin_ui: true", "auth: true", "payments: true",
                                         "workloads: [crud, content, embeddings, streaming_inference]", "traffic:", "  peak_rps: 50"])
        let profile = try Fixtures.profile(text)
        let adr = try ADR.render(ADRInput(profile: profile, evaluation: Fixtures.engine.decide(profile), ruleSet: Fixtures.ruleSet,
                                          date: "2026-01-01", number: 5))
        #expect(adr.contains("# 0005. "))
        for line in adr.split(separator: "\n") where line.hasPrefix("* Good, because") || line.hasPrefix("* Bad, because") {
            #expect(Self.brokenWord(String(line)) == nil, "\(line)")
        }
    }

    @Test func numbersComeFromFileNamesAndFolders() {
        #expect(ADR.number(inFileName: "0005-x.md") == 5)
        #expect(ADR.number(inFileName: "12_title.md") == 12)
        #expect(ADR.number(inFileName: "architecture.md") == nil)
        #expect(ADR.number(inFileName: "2026x.md") == nil)
        #expect(ADR.nextNumber(among: ["0001-a.md", "0007-b.md", "README.md", "template.md"]) == 8)
        #expect(ADR.nextNumber(among: []) == 1)
        #expect(ADR.fileName(number: 8, profile: "deskpilot") == "0008-architecture-of-deskpilot.md")
    }
}
