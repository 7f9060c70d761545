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
        self.message = message
        self.location = location
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
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, line, column, then code.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue, $0.message) < ($1.location, $1.code.rawValue, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
