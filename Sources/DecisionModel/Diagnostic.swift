/// One problem found in a profile or a rule file: a stable code, a message and where it is.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    /// How bad a finding is: errors make the input unusable, warnings do not.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// The profile field or rule path the problem is about (`traffic.peak_rps`, `rules[3].when`), if any.
    public var field: String?

    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation,
                field: String? = nil, severity: Severity = .error) {
        self.code = code
        self.severity = severity
        // Messages echo user values (keys, answers, paths): escaped here, so no format prints them raw.
        self.message = EchoedText.escape(message)
        self.location = SourceLocation(file: EchoedText.escape(location.file), line: location.line, column: location.column)
        self.field = field
    }

    /// Compiler format: `FILE:LINE:COL: error: message [code]`.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(code.rawValue)]"
    }
}

/// Stable identifiers of every diagnostic the tool can emit. Scripts may match on them.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // Reading YAML
    case yamlSyntax = "yaml-syntax"
    case tooLarge = "too-large"
    case tooDeep = "too-deep"
    case aliasLimit = "alias-limit"
    case notUTF8 = "not-utf8"
    case multipleDocuments = "multiple-documents"
    case emptyDocument = "empty-document"
    // Profiles
    case unknownKey = "unknown-key"
    case duplicateKey = "duplicate-key"
    case wrongType = "wrong-type"
    case invalidValue = "invalid-value"
    case outOfRange = "out-of-range"
    case duplicateItem = "duplicate-item"
    case missingField = "missing-field"
    case invalidName = "invalid-name"
    case unsupportedVersion = "unsupported-version"
    // Rule sets
    case unknownField = "unknown-field"
    case unknownOperator = "unknown-operator"
    case typeMismatch = "type-mismatch"
    case duplicateID = "duplicate-id"
    case unusedQuestion = "unused-question"
    case unreachableCondition = "unreachable-condition"
    case forwardReference = "forward-reference"
    case unknownTopology = "unknown-topology"
    case unknownSection = "unknown-section"
    case exampleFailed = "example-failed"
    case caseFailed = "case-failed"
    case caseWithoutExpectation = "case-without-expectation"
    case missingExamples = "missing-examples"
    // Answers that contradict each other or were not asked for (warnings; errors with `decide --strict`)
    case adminWithoutDataModel = "admin-without-data-model"
    case aiAbovePeak = "ai-above-peak"
    case noWorkloads = "no-workloads"
    case notAsked = "not-asked"
    case io = "io"
    // Files and folders the commands write or read outside profiles and rules (adr, ask)
    case fileExists = "file-exists"
    case notWritable = "not-writable"
    case noTerminal = "no-terminal"
    // Lint that could not finish a check (a warning: the check was not made)
    case undecidedCondition = "undecided-condition"
    case notRegularFile = "not-regular-file"
    // Writing a starter repo (a path with no line: `PATH: error: ... [code]`)
    case outputNotEmpty = "output-not-empty"
    case outputNotFolder = "output-not-folder"
    case outputBusy = "output-busy"
    case outputChanged = "output-changed"
    case symbolicLink = "symbolic-link"
    case pathConflict = "path-conflict"
    case writeFailed = "write-failed"
    case gitFailed = "git-failed"
    case generateFailed = "generate-failed"
    /// `generate --topology` lays out a topology whose precondition the answers fail (a warning).
    case ruledOutTopology = "ruled-out-topology"
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, line, column, then code.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue, $0.message) < ($1.location, $1.code.rawValue, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
