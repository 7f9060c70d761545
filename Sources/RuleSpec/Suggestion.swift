/// "Did you mean …": the nearest known name by edit distance, when it is near enough to help.
public enum Suggestion {
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        let allowed = max(2, min(word.count, best.0.count) / 3)
        if best.1 <= allowed { return best.0 }
        // A prefix or a part of a longer name (`peak` for `peak_rps`) still helps.
        if word.count >= 3, let part = candidates.first(where: { $0.contains(word) || word.contains($0) }) { return part }
        return nil
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
