/// A position in a source file: 1-based line and column, as an editor shows them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A whole file or folder, with no position inside it (printed as the path alone).
    public init(file: String) {
        self.init(file: file, line: 0, column: 0)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// A whole file or folder (no line): what a diagnostic about a path, not its content, points at.
    public static func path(_ path: String) -> SourceLocation { SourceLocation(file: path, line: 0, column: 0) }

    /// `FILE:LINE:COL`, or `FILE` alone for a location without a line.
    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }
}
