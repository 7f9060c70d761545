import DecisionModel

/// Strict reading of one mapping in a rule file or a layout manifest: known keys only, required keys present, typed values.
public struct MappingFields {
    public let node: YAMLNode
    public let pairs: [(key: YAMLNode, value: YAMLNode)]
    public let context: String

    /// Reads `node` as a mapping whose keys must be among `allowed`; problems go to `diagnostics`.
    public init?(_ node: YAMLNode, allowed: [String], context: String, diagnostics: inout [Diagnostic]) {
        guard case .mapping(let pairs) = node.content else {
            diagnostics.append(Diagnostic(.wrongType, "\(context) must be a mapping; found \(node.kindDescription)", at: node.location))
            return nil
        }
        self.node = node
        self.pairs = pairs
        self.context = context
        for (key, _) in pairs {
            guard let name = key.scalar else { continue }
            if !allowed.contains(name) {
                var message = "unknown key '\(name)' in \(context)"
                if let near = Suggestion.nearest(to: name, in: allowed) { message += "; did you mean '\(near)'?" }
                else { message += "; known keys: \(allowed.joined(separator: ", "))" }
                diagnostics.append(Diagnostic(.unknownKey, message, at: key.location, field: name))
            }
        }
    }

    public subscript(key: String) -> YAMLNode? { pairs.first { $0.key.scalar == key }?.value }

    public func required(_ key: String, _ diagnostics: inout [Diagnostic]) -> YAMLNode? {
        if let value = self[key] { return value }
        diagnostics.append(Diagnostic(.missingField, "\(context) needs '\(key)'", at: node.location, field: key))
        return nil
    }

    public func string(_ key: String, required: Bool = true, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let value = required ? self.required(key, &diagnostics) : self[key] else { return nil }
        guard let text = value.scalar, !value.isNull else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(context) must be text; found \(value.kindDescription)", at: value.location, field: key))
            return nil
        }
        return Self.trimmed(text)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation's bridge through
    /// NSString, which cost a tenth of every `decide` run's start-up: the same set (tab to carriage
    /// return, U+0085, U+200B, and the space, line and paragraph separators), scalar by scalar.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            if c.value < 0x80 { return c.value == 0x20 || (0x09...0x0D).contains(c.value) }
            // U+200B too: Foundation's set still counts the zero-width space as a space.
            if c.value == 0x85 || c.value == 0x200B { return true }
            switch c.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    public func number(_ key: String, _ diagnostics: inout [Diagnostic]) -> Double? {
        guard let value = self[key] else { return nil }
        guard case .scalar(let text, true) = value.content, let number = Double(text), number.isFinite else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(context) must be a number; found \(value.kindDescription)", at: value.location, field: key))
            return nil
        }
        return number
    }

    /// A plain `true` or `false`; anything else is a located `wrong-type`.
    public func bool(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
        guard let value = self[key] else { return nil }
        guard case .scalar(let text, true) = value.content, text == "true" || text == "false" else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(context) must be true or false; found \(value.kindDescription)", at: value.location, field: key))
            return nil
        }
        return text == "true"
    }

    /// A mapping of text to text (`modules`, `with`); anything else is a located `wrong-type`.
    public func stringMap(_ key: String, _ diagnostics: inout [Diagnostic]) -> [(key: String, value: String)]? {
        guard let value = self[key] else { return nil }
        guard case .mapping(let pairs) = value.content,
              pairs.allSatisfy({ $0.key.scalar != nil && $0.value.scalar != nil && !$0.value.isNull }) else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(context) must be a mapping of names to text; found \(value.kindDescription)", at: value.location, field: key))
            return nil
        }
        return pairs.map { ($0.key.scalar!, $0.value.scalar!) }
    }

    public func strings(_ key: String, _ diagnostics: inout [Diagnostic]) -> [String]? {
        guard let value = self[key] else { return nil }
        guard case .sequence(let items) = value.content, items.allSatisfy({ $0.scalar != nil }) else {
            diagnostics.append(Diagnostic(.wrongType, "'\(key)' in \(context) must be a list of text; found \(value.kindDescription)", at: value.location, field: key))
            return nil
        }
        return items.compactMap(\.scalar)
    }
}

import Foundation
