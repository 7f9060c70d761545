import DecisionModel
import Foundation

/// Loads profiles (contract profile-v1) against a questionnaire, collecting every problem.
public struct ProfileLoader: Sendable {
    /// A loaded profile, or the diagnostics that stop it; warnings may come with a profile.
    public struct Result: Sendable {
        public var profile: Profile?
        public var diagnostics: [Diagnostic]

        public init(profile: Profile?, diagnostics: [Diagnostic]) {
            self.profile = profile
            self.diagnostics = diagnostics
        }
    }

    public static let envelopeKeys = ["version", "name", "description"]
    public let catalog: QuestionCatalog
    let reader = YAMLReader(limits: .profile)
    let keys: AnswerReader.KeyTree

    public init(catalog: QuestionCatalog) {
        self.catalog = catalog
        keys = AnswerReader.KeyTree(catalog: catalog)
    }

    /// Reads a profile file from disk: a regular file of at most the profile limit (64 KiB).
    /// Standard input is the caller's to read (`BoundedInput.standardInput`), then `load(data:file:)`.
    public func load(path: String) -> Result {
        switch BoundedInput.file(path, limit: reader.limits.maxBytes, what: "a profile") {
        case .success(let data): return load(data: data, file: path)
        case .failure(let diagnostic): return Result(profile: nil, diagnostics: [diagnostic])
        }
    }

    public func load(text: String, file: String) -> Result {
        load(data: Data(text.utf8), file: file)
    }

    public func load(data: Data, file: String) -> Result {
        let document = reader.read(data, file: file)
        var diagnostics = document.diagnostics
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let root = document.root, !root.isNull else {
            if diagnostics.isEmpty {
                diagnostics.append(Diagnostic(.emptyDocument, "the profile is empty; it needs at least 'version: 1' and a 'name'", at: start))
            }
            return Result(profile: nil, diagnostics: diagnostics.sortedByLocation())
        }
        guard case .mapping(let pairs) = root.content else {
            diagnostics.append(Diagnostic(.wrongType, "a profile must be a mapping of answers (key: value); found \(root.kindDescription)",
                                          at: root.location))
            return Result(profile: nil, diagnostics: diagnostics.sortedByLocation())
        }
        func first(_ key: String) -> (key: YAMLNode, value: YAMLNode)? { pairs.first { $0.key.scalar == key } }

        var version: Int?
        if let (_, node) = first("version") {
            if case .scalar(let text, true) = node.content, let v = Int(text) {
                if v == Profile.supportedVersion {
                    version = v
                } else {
                    diagnostics.append(Diagnostic(.unsupportedVersion, "'version' \(v) is not supported; this archdecide reads version \(Profile.supportedVersion)",
                                                  at: node.location, field: "version"))
                }
            } else {
                diagnostics.append(Diagnostic(.wrongType, "'version' must be the number \(Profile.supportedVersion); found \(node.kindDescription)",
                                              at: node.location, field: "version"))
            }
        } else {
            diagnostics.append(Diagnostic(.missingField, "'version' is required (write 'version: 1')", at: root.location, field: "version"))
        }

        var name: String?
        if let (_, node) = first("name") {
            if let text = node.scalar, !node.isNull {
                if Profile.isValidName(text) {
                    name = text
                } else {
                    diagnostics.append(Diagnostic(.invalidName, "'name' must match ^[a-z][a-z0-9-]{0,62}$ (lower-case letters, digits and '-', starting with a letter, at most 63); found '\(Self.printable(text))'",
                                                  at: node.location, field: "name"))
                }
            } else {
                diagnostics.append(Diagnostic(.wrongType, "'name' must be a name like 'deskpilot'; found \(node.kindDescription)",
                                              at: node.location, field: "name"))
            }
        } else {
            diagnostics.append(Diagnostic(.missingField, "'name' is required (it names the starter repo), e.g. 'name: deskpilot'", at: root.location, field: "name"))
        }

        var description: String?
        if let (_, node) = first("description") {
            if let text = node.scalar {
                if text.count > 2000 {
                    diagnostics.append(Diagnostic(.outOfRange, "'description' is \(text.count) characters; at most 2000", at: node.location, field: "description"))
                } else if let bad = Profile.unsafeDescriptionScalar(text) {
                    diagnostics.append(Diagnostic(.invalidValue, "'description' holds the control character \(bad.escaped(asASCII: true)); a description is plain text (line breaks and tabs allowed, shown as spaces)",
                                                  at: node.location, field: "description"))
                } else if !node.isNull {
                    description = text
                }
            } else {
                diagnostics.append(Diagnostic(.wrongType, "'description' must be text; found \(node.kindDescription)", at: node.location, field: "description"))
            }
        }

        var answers = AnswerReader(catalog: catalog, tree: keys)
        answers.read(pairs, reserved: Self.envelopeKeys)
        diagnostics += answers.diagnostics
        diagnostics = diagnostics.sortedByLocation()
        guard !diagnostics.hasErrors, let version, let name else {
            return Result(profile: nil, diagnostics: diagnostics)
        }
        let text = String(decoding: data, as: UTF8.self)
        return Result(profile: Profile(version: version, name: name, description: description, answers: answers.answers,
                                       locations: answers.locations, file: file, text: text),
                      diagnostics: diagnostics)
    }

    /// Reads the answers of a partial profile node (rule examples, cases): no envelope required.
    func partialAnswers(_ node: YAMLNode) -> (answers: [String: AnswerValue], diagnostics: [Diagnostic]) {
        guard case .mapping(let pairs) = node.content else {
            return ([:], [Diagnostic(.wrongType, "expected a mapping of answers; found \(node.kindDescription)", at: node.location)])
        }
        var reader = AnswerReader(catalog: catalog, tree: keys)
        reader.read(pairs, reserved: Self.envelopeKeys)
        return (reader.answers, reader.diagnostics)
    }

    /// Text safe to echo in a message: control characters shown escaped, long text cut.
    static func printable(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        return escaped.count > 80 ? String(escaped.prefix(77)) + "..." : escaped
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
