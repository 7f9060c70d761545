import Testing
@testable import Scaffold

/// The diff3 merge `update` uses: clean merges of separate changes, markers where they overlap.
@Suite struct ThreeWayMergeTests {
    let labels = ThreeWayMerge.Labels(ours: "yours", base: "base", theirs: "theirs")

    func merge(_ base: String, _ ours: String, _ theirs: String) -> ThreeWayMerge.Result {
        ThreeWayMerge.merge(base: base, ours: ours, theirs: theirs, labels: labels)
    }

    @Test func separateChangesMergeCleanly() {
        let base = "a\nb\nc\nd\ne\n"
        let result = merge(base, "a\nB\nc\nd\ne\n", "a\nb\nc\nd\nE\n")
        #expect(result == .init(text: "a\nB\nc\nd\nE\n", conflicts: 0))
    }

    @Test func insertionsOnBothSidesAtDifferentPlaces() {
        let base = "import Vapor\n\nfunc routes() {\n    home()\n}\n"
        let ours = "import Vapor\n// ours\n\nfunc routes() {\n    home()\n}\n"
        let theirs = "import Vapor\n\nfunc routes() {\n    home()\n    billing()\n}\n"
        #expect(merge(base, ours, theirs) == .init(text: "import Vapor\n// ours\n\nfunc routes() {\n    home()\n    billing()\n}\n", conflicts: 0))
    }

    @Test func theSameChangeOnBothSidesIsTakenOnce() {
        #expect(merge("a\nb\nc\n", "a\nX\nc\nd\n", "a\nX\nc\n") == .init(text: "a\nX\nc\nd\n", conflicts: 0))
    }

    @Test func overlappingChangesGetGitStyleMarkers() {
        let result = merge("a\nb\nc\n", "a\nours\nc\n", "a\ntheirs\nc\n")
        #expect(result.conflicts == 1)
        #expect(result.text == "a\n<<<<<<< yours\nours\n||||||| base\nb\n=======\ntheirs\n>>>>>>> theirs\nc\n")
    }

    @Test func deletionAgainstAnEditConflicts() {
        let result = merge("a\nb\nc\n", "a\nc\n", "a\nB\nc\n")
        #expect(result.conflicts == 1)
        #expect(result.text.contains("<<<<<<< yours\n||||||| base\nb\n=======\nB\n>>>>>>> theirs\n"))
    }

    @Test func aMissingFinalNewlineSurvivesAndMarkersStayOnTheirOwnLines() {
        #expect(merge("a\nb", "A\nb", "a\nb") == .init(text: "A\nb", conflicts: 0))
        let result = merge("a", "x", "y")
        #expect(result.text == "<<<<<<< yours\nx\n||||||| base\na\n=======\ny\n>>>>>>> theirs\n")
    }

    @Test func twoConflictsAreCountedApart() {
        let base = (1...9).map { "l\($0)\n" }.joined()
        let ours = base.replacingOccurrences(of: "l2\n", with: "o2\n").replacingOccurrences(of: "l8\n", with: "o8\n")
        let theirs = base.replacingOccurrences(of: "l2\n", with: "t2\n").replacingOccurrences(of: "l8\n", with: "t8\n")
        #expect(merge(base, ours, theirs).conflicts == 2)
    }

    /// Myers' matching is a longest common subsequence: checked against a dynamic-programming LCS.
    @Test func theMatchingIsALongestCommonSubsequence() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Substring(["x", "y", "z", "w"].randomElement(using: &generator)!) }
            let b = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Substring(["x", "y", "z", "w"].randomElement(using: &generator)!) }
            let pairs = ThreeWayMerge.myers(a, b)
            var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            #expect(pairs.count == table[0][0], "\(a) \(b)")
            #expect(pairs.allSatisfy { a[$0.0] == b[$0.1] })
            #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 })
        }
    }
}
