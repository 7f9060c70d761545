import Foundation

/// A decision's id in the log: `d-000042`, the row's sequence number, never reused.
///
/// Short and typeable (`archdecide show d-42` works), ordered like the log, and unique within one
/// database, which is the only scope the log has. SQLite's AUTOINCREMENT never hands out a number
/// twice, even if a row were removed, so an id written into an ADR keeps pointing at the same decision.
public struct DecisionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var sequence: Int64

    public init(_ sequence: Int64) {
        self.sequence = sequence
    }

    /// Reads `d-000042`, `d-42`, `D-42` or `42`; nil for anything else.
    public init?(parsing text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.lowercased().hasPrefix("d-") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let n = Int64(digits), n > 0 else { return nil }
        sequence = n
    }

    /// `d-` and at least six digits.
    public var description: String {
        let digits = String(sequence)
        return "d-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public static func < (lhs: DecisionID, rhs: DecisionID) -> Bool { lhs.sequence < rhs.sequence }
}
