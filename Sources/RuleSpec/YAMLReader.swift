import CYaml
import DecisionModel
import Foundation

/// Reads one YAML document into `YAMLNode`s with positions, straight from libyaml's events.
///
/// Yams' own composer stops at the first duplicate key, recurses once per nesting level and hashes
/// alias-expanded keys; a profile must instead report every duplicate, and stay bounded on hostile
/// input. So this reader keeps its own stack, caps nesting depth and the node count that alias
/// expansion can reach, and reports duplicates as diagnostics while keeping the first value.
public struct YAMLReader: Sendable {
    /// Limits on one document; past one is a located error, never a hang.
    public struct Limits: Sendable {
        public var maxBytes: Int
        public var maxDepth: Int
        /// Nodes after alias expansion: bounds every later walk of the tree.
        public var maxNodes: Int

        public init(maxBytes: Int, maxDepth: Int, maxNodes: Int) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
        }

        /// A profile is small: 64 KiB, 16 levels, 10,000 nodes.
        public static let profile = Limits(maxBytes: 64 * 1024, maxDepth: 16, maxNodes: 10_000)
        /// Rule files: 1 MiB, 64 levels, 200,000 nodes.
        public static let rules = Limits(maxBytes: 1024 * 1024, maxDepth: 64, maxNodes: 200_000)
    }

    /// A read document: the root (nil when unreadable or empty) and what was found on the way.
    public struct Document: Sendable {
        public var root: YAMLNode?
        public var diagnostics: [Diagnostic]
    }

    public var limits: Limits

    public init(limits: Limits) {
        self.limits = limits
    }

    /// Reads `data` as one YAML document named `file` in diagnostics.
    public func read(_ data: Data, file: String) -> Document {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if data.count > limits.maxBytes {
            return Document(root: nil, diagnostics: [Diagnostic(
                .tooLarge, "the file is \(data.count) bytes; the limit is \(limits.maxBytes)", at: start)])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return Document(root: nil, diagnostics: [Diagnostic(.notUTF8, "the file is not valid UTF-8 text", at: start)])
        }
        if text.utf8.contains(0) {
            return Document(root: nil, diagnostics: [Diagnostic(.notUTF8, "the file holds a NUL byte", at: start)])
        }
        var composer = Composer(file: file, limits: limits)
        return composer.run(text)
    }

    public func read(_ text: String, file: String) -> Document {
        read(Data(text.utf8), file: file)
    }
}

private struct Composer {
    /// An open collection. Mutated in place on the stack, so appending never copies its items.
    struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        var location: SourceLocation
        var anchor: String?
        var size = 1
    }

    let file: String
    let limits: Limits
    var stack: [Frame] = []
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var totalNodes = 0
    var diagnostics: [Diagnostic] = []
    typealias Limits = YAMLReader.Limits

    init(file: String, limits: Limits) {
        self.file = file
        self.limits = limits
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    mutating func run(_ text: String) -> YAMLReader.Document {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .init(root: nil, diagnostics: [Diagnostic(.io, "cannot start the YAML parser",
                                                            at: SourceLocation(file: file, line: 1, column: 1))])
        }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        var root: YAMLNode?
        var documents = 0
        let failure: Diagnostic? = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                let here = location(event.start_mark)
                var completed: (YAMLNode, Int)?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return Diagnostic(.multipleDocuments, "expected one YAML document, found another here", at: here)
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let value = scalar.value.map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                    } ?? ""
                    let tag = Self.string(scalar.tag)
                    let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE && tag != "tag:yaml.org,2002:str"
                    let node = YAMLNode(.scalar(value, plain: plain), at: here)
                    if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (node, 1) }
                    completed = (node, 1)
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let target = anchors[name] else {
                        return Diagnostic(.yamlSyntax, "the alias *\(name) names no anchor defined before it", at: here)
                    }
                    completed = (target.node, target.size)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if stack.count >= limits.maxDepth {
                        return Diagnostic(.tooDeep, "nesting goes deeper than \(limits.maxDepth) levels", at: here)
                    }
                    if event.type == YAML_SEQUENCE_START_EVENT {
                        stack.append(Frame(isMapping: false, location: here, anchor: Self.string(event.data.sequence_start.anchor)))
                    } else {
                        stack.append(Frame(isMapping: true, location: here, anchor: Self.string(event.data.mapping_start.anchor)))
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let frame = stack.removeLast()
                    let node: YAMLNode
                    if frame.isMapping {
                        reportDuplicates(frame.pairs)
                        node = YAMLNode(.mapping(frame.pairs), at: frame.location)
                    } else {
                        node = YAMLNode(.sequence(frame.items), at: frame.location)
                    }
                    if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
                    completed = (node, frame.size)
                default:
                    break
                }
                if let (node, size) = completed {
                    totalNodes += size
                    if totalNodes > limits.maxNodes {
                        return Diagnostic(.aliasLimit,
                                          "the document expands to more than \(limits.maxNodes) nodes (aliases included)",
                                          at: here)
                    }
                    if !attach(node, size: size) { root = node }
                }
            }
        }
        if let failure { return .init(root: nil, diagnostics: [failure]) }
        return .init(root: root, diagnostics: diagnostics)
    }

    /// Adds a finished node to the open collection; false when it is the document's root.
    mutating func attach(_ node: YAMLNode, size: Int) -> Bool {
        let top = stack.count - 1
        guard top >= 0 else { return false }
        stack[top].size += size
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
        return true
    }

    mutating func reportDuplicates(_ pairs: [(key: YAMLNode, value: YAMLNode)]) {
        var seen: [String: SourceLocation] = [:]
        for (key, _) in pairs {
            guard let name = key.scalar else { continue }
            if let first = seen[name] {
                diagnostics.append(Diagnostic(
                    .duplicateKey, "duplicate key '\(name)' (first given at line \(first.line))",
                    at: key.location, field: name))
            } else {
                seen[name] = key.location
            }
        }
    }

    func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        if problem.hasPrefix("Maximum nesting level") {
            return Diagnostic(.tooDeep, "nesting goes deeper than libyaml's limit", at: location(parser.problem_mark))
        }
        let context = parser.context.map { String(cString: $0) }
        var message = problem
        if let context { message = "\(problem) (\(context) at line \(parser.context_mark.line + 1))" }
        return Diagnostic(.yamlSyntax, message, at: location(parser.problem_mark))
    }
}
