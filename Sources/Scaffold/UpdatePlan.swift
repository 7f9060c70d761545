import Foundation

/// What `archdecide update` does to each file: the three-way decision between the base (what
/// archdecide last wrote), ours (the working tree) and theirs (the new render). Pure: the tree is
/// read by the caller, nothing is written here.
public struct UpdatePlan: Sendable {
    /// One file's fate.
    public enum Kind: String, Sendable, CaseIterable {
        /// Untouched by the team, changed by archdecide: the new text replaces it.
        case replace
        /// New in the render, absent from the tree: written.
        case add
        /// No longer rendered, untouched by the team: deleted.
        case remove
        /// Changed on both sides, merged without overlap.
        case merge
        /// Changed on both sides with overlapping changes: written with conflict markers.
        case conflict
        /// Left as it is, for the reason given (edited and no longer rendered, deleted by the team, not text).
        case keep
    }

    public struct Step: Sendable, Equatable {
        public var path: String
        public var kind: Kind
        /// The text to write (replace, add, merge, conflict).
        public var text: String?
        public var executable: Bool
        /// Conflicting regions (conflict only).
        public var conflicts: Int
        /// Why a file is kept.
        public var note: String?
    }

    /// Every file that changes or is kept on purpose, sorted by path; files already right are left out.
    public var steps: [Step]
    /// Files whose text is already what the merge would give.
    public var unchanged: Int
    /// The new base to record (the render, not the merge: the next update merges from what archdecide wrote).
    public var newBase: [String: String]

    public var conflicts: [Step] { steps.filter { $0.kind == .conflict } }

    /// What the working tree holds at a path.
    public enum Current: Sendable {
        case missing
        case text(String)
        /// Not UTF-8 (or not a regular file): never merged, never replaced.
        case other
    }

    /// Decides each path of base ∪ render. `current` reads the working tree.
    public static func make(base: [String: String], render: [PlannedFile], current: (String) -> Current,
                            labels: ThreeWayMerge.Labels) -> UpdatePlan {
        var steps: [Step] = []
        var unchanged = 0
        let rendered = Dictionary(render.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let paths = Set(base.keys).union(rendered.keys).filter { !BaseSnapshot.isOwn($0) }
        for path in paths.sorted() {
            let old = base[path]
            let new = rendered[path]
            let executable = new?.executable ?? false
            func step(_ kind: Kind, _ text: String? = nil, conflicts: Int = 0, note: String? = nil) {
                steps.append(Step(path: path, kind: kind, text: text, executable: executable, conflicts: conflicts, note: note))
            }
            switch (old, new, current(path)) {
            case (_, _, .other):
                if old != nil || new != nil { step(.keep, note: "not a UTF-8 text file in the tree; not merged") }
            case (nil, let new?, .missing):
                step(.add, new.text)
            case (nil, let new?, .text(let ours)):
                if ours == new.text { unchanged += 1; continue }
                // Both added the path: merge from an empty base, so every difference is a conflict.
                let merged = ThreeWayMerge.merge(base: "", ours: ours, theirs: new.text, labels: labels)
                merged.conflicts > 0 ? step(.conflict, merged.text, conflicts: merged.conflicts) : step(.merge, merged.text)
            case (let old?, let new?, .text(let ours)):
                if ours == new.text || new.text == old { unchanged += 1; continue }
                if ours == old { step(.replace, new.text); continue }
                let merged = ThreeWayMerge.merge(base: old, ours: ours, theirs: new.text, labels: labels)
                merged.conflicts > 0 ? step(.conflict, merged.text, conflicts: merged.conflicts) : step(.merge, merged.text)
            case (let old?, let new?, .missing):
                if new.text == old { unchanged += 1; continue }
                step(.keep, note: "you deleted it and archdecide changed it; the new version was not written (see `archdecide generate --dry-run`)")
            case (let old?, nil, .text(let ours)):
                if ours == old { step(.remove) } else { step(.keep, note: "no longer generated, but you edited it; kept") }
            case (_?, nil, .missing), (nil, nil, _):
                continue
            }
        }
        let newBase = Dictionary(render.filter { !BaseSnapshot.isOwn($0.path) }.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        return UpdatePlan(steps: steps, unchanged: unchanged, newBase: newBase)
    }

    /// One line per step, `KIND  PATH`, for `--dry-run` and the report.
    public func lines() -> [String] {
        steps.map { step in
            var line = step.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + step.path
            if step.kind == .conflict { line += "  (\(step.conflicts) conflicting region\(step.conflicts == 1 ? "" : "s"))" }
            if let note = step.note { line += "  (\(note))" }
            return line
        }
    }

    /// How many steps of each kind, in a fixed order (`3 replace, 1 add, …`).
    public func counts() -> String {
        let parts = Kind.allCases.compactMap { kind -> String? in
            let n = steps.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }
        return (parts + ["\(unchanged) unchanged"]).joined(separator: ", ")
    }
}
