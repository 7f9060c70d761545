/// A line-based three-way merge (diff3): the changes from `base` to `ours` and from `base` to
/// `theirs` are combined; where both change the same lines differently, git-style conflict
/// markers are written (`<<<<<<<`, `|||||||` with the base, `=======`, `>>>>>>>`).
/// Pure and deterministic; no git needed.
public enum ThreeWayMerge {
    /// The merged text and how many regions conflict.
    public struct Result: Sendable, Equatable {
        public var text: String
        public var conflicts: Int
    }

    /// Labels written after the conflict markers.
    public struct Labels: Sendable {
        public var ours: String
        public var base: String
        public var theirs: String
        public init(ours: String = "yours", base: String = "base", theirs: String = "theirs") {
            self.ours = ours
            self.base = base
            self.theirs = theirs
        }
    }

    public static func merge(base: String, ours: String, theirs: String, labels: Labels = Labels()) -> Result {
        if ours == theirs { return Result(text: ours, conflicts: 0) }
        if base == ours { return Result(text: theirs, conflicts: 0) }
        if base == theirs { return Result(text: ours, conflicts: 0) }
        let o = lines(base), a = lines(ours), b = lines(theirs)
        let ma = matching(o, a), mb = matching(o, b)
        var out: [Substring] = []
        var conflicts = 0
        var io = 0, ia = 0, ib = 0
        func resolve(_ oc: ArraySlice<Substring>, _ ac: ArraySlice<Substring>, _ bc: ArraySlice<Substring>) {
            if ac.elementsEqual(oc) {
                out.append(contentsOf: bc)
            } else if bc.elementsEqual(oc) || ac.elementsEqual(bc) {
                out.append(contentsOf: ac)
            } else {
                conflicts += 1
                // Markers start on a line of their own even when a side lacks its final newline.
                func side(_ chunk: ArraySlice<Substring>) {
                    out.append(contentsOf: chunk)
                    if let last = chunk.last, !last.hasSuffix("\n") { out.append("\n") }
                }
                out.append("<<<<<<< \(labels.ours)\n")
                side(ac)
                out.append("||||||| \(labels.base)\n")
                side(oc)
                out.append("=======\n")
                side(bc)
                out.append(">>>>>>> \(labels.theirs)\n")
            }
        }
        while io < o.count || ia < a.count || ib < b.count {
            // A stable run: base lines both sides kept, in step.
            var run = 0
            while io + run < o.count, ma[io + run] == ia + run, mb[io + run] == ib + run { run += 1 }
            if run > 0 {
                out.append(contentsOf: o[io..<io + run])
                io += run; ia += run; ib += run
                continue
            }
            // An unstable chunk: up to the next base line both sides kept.
            var next = io
            while next < o.count, ma[next] == nil || mb[next] == nil { next += 1 }
            if next == o.count {
                resolve(o[io...], a[ia...], b[ib...])
                break
            }
            let na = ma[next]!, nb = mb[next]!
            resolve(o[io..<next], a[ia..<na], b[ib..<nb])
            io = next; ia = na; ib = nb
        }
        return Result(text: out.joined(), conflicts: conflicts)
    }

    /// Lines with their terminators, so a missing final newline survives the merge.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "\n" || text[index] == "\r\n" {
                let after = text.index(after: index)
                result.append(text[start..<after])
                start = after
            }
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    /// For each line of `x`, the index of its partner in `y` in a longest common subsequence, or nil.
    /// Common prefix and suffix are matched first; the middle by Myers' O((N+M)D) algorithm.
    static func matching(_ x: [Substring], _ y: [Substring]) -> [Int?] {
        var result = [Int?](repeating: nil, count: x.count)
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] {
            result[prefix] = prefix
            prefix += 1
        }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] {
            result[x.count - 1 - suffix] = y.count - 1 - suffix
            suffix += 1
        }
        let xs = Array(x[prefix..<(x.count - suffix)]), ys = Array(y[prefix..<(y.count - suffix)])
        for (i, j) in myers(xs, ys) { result[prefix + i] = prefix + j }
        return result
    }

    /// The matched pairs of a shortest edit script between `a` and `b` (Myers 1986), in order.
    static func myers(_ a: [Substring], _ b: [Substring]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return [] }
        // Lines compared as small integers: hashing each line once is cheaper than comparing strings.
        var ids: [Substring: Int] = [:]
        let ai = a.map { line in ids[line] ?? { let id = ids.count; ids[line] = id; return id }() }
        let bi = b.map { line in ids[line] ?? { let id = ids.count; ids[line] = id; return id }() }
        let max = n + m
        let offset = max + 1
        var v = [Int](repeating: 0, count: 2 * max + 3)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            trace.append(v)
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, ai[x] == bi[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break }
                k += 2
            }
            if found { break }
        }
        // Walk the trace back from (n, m), collecting the diagonal (matched) steps.
        var pairs: [(Int, Int)] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let prevK: Int
            if d == 0 {
                while x > 0 && y > 0 { x -= 1; y -= 1; pairs.append((x, y)) }
                break
            }
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = vd[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX && y > prevY { x -= 1; y -= 1; pairs.append((x, y)) }
            x = prevX
            y = prevY
        }
        return pairs.reversed()
    }
}
