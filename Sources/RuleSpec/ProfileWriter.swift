import DecisionModel

/// Writes a profile (contract profile-v1) as YAML that `ProfileLoader` reads back to the same answers.
///
/// Answers come out in questionnaire order; dotted ids become nested mappings (`traffic.peak_rps`
/// under `traffic:`); unset optional answers are left out. Strings are written plain only when
/// that cannot be misread (no YAML 1.1 booleans, nulls or numbers); otherwise double-quoted and escaped.
public struct ProfileWriter: Sendable {
    public let catalog: QuestionCatalog

    public init(catalog: QuestionCatalog) {
        self.catalog = catalog
    }

    /// The YAML text of `profile`, ending in a newline; `header` lines are written as comments first.
    public func yaml(_ profile: Profile, header: [String] = []) -> String {
        var out = header.map { "# " + $0.replacingNewlines() + "\n" }.joined()
        out += "version: \(profile.version)\n"
        out += "name: \(Self.scalar(profile.name))\n"
        if let description = profile.description { out += "description: \(Self.scalar(description))\n" }

        // A tree of keys in first-seen questionnaire order, so nested mappings stay together.
        final class Node {
            var value: AnswerValue?
            var children: [(String, Node)] = []
            func child(_ key: String) -> Node {
                if let found = children.first(where: { $0.0 == key }) { return found.1 }
                let node = Node()
                children.append((key, node))
                return node
            }
        }
        let root = Node()
        let known = Set(catalog.ids)
        let ids = catalog.ids + profile.answers.keys.filter { !known.contains($0) }.sorted()
        for id in ids {
            guard let value = profile.answers[id], value != .null else { continue }
            var node = root
            for key in id.split(separator: ".") { node = node.child(String(key)) }
            node.value = value
        }
        func emit(_ node: Node, indent: String) {
            for (key, child) in node.children {
                if let value = child.value {
                    out += "\(indent)\(Self.key(key)): \(Self.value(value))\n"
                } else if !child.children.isEmpty {
                    out += "\(indent)\(Self.key(key)):\n"
                    emit(child, indent: indent + "  ")
                }
            }
        }
        emit(root, indent: "")
        return out
    }

    /// One answer as a YAML value: `true`, `3000`, `significant`, `[crud, "needs quotes"]`, `[]`.
    public static func value(_ value: AnswerValue) -> String {
        switch value {
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): scalar(s)
        case .list(let l): "[" + l.map(scalar).joined(separator: ", ") + "]"
        case .null: "null"
        }
    }

    static func key(_ key: String) -> String { scalar(key) }

    /// Words YAML 1.1 or 1.2 resolvers would read as something other than a string.
    static let reserved: Set<String> = [
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~",
    ]

    /// A string as a plain scalar when that is unambiguous, else double-quoted with escapes.
    public static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// `text` as a double-quoted YAML scalar that libyaml reads back as exactly `text`, whatever it
    /// holds: the one quoting rule for every YAML this tool writes (profiles, a generated repo's
    /// `.archdecide/profile.yaml`).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if Self.mustEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether `scalar` must be written as an escape: everything outside YAML's printable set
    /// (c-printable: tab, line feed, carriage return, 0x20-0x7E, 0x85, 0xA0-0xD7FF, 0xE000-0xFFFD,
    /// 0x10000 and above), which libyaml refuses raw anywhere in a file even though a double-quoted
    /// escape gives it to the loader (`"\uFFFE"`), plus the other controls (0x7F, 0x80-0x9F) and
    /// the byte-order mark, so the written file stays plain text. Every one of them is at most 0xFFFF.
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...: false
        default: true
        }
    }

    /// Letters, digits, `_` and `-`, starting with a letter, and not a word a resolver would change.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
        guard text.unicodeScalars.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else { return false }
        return !reserved.contains(text.lowercased())
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

private extension String {
    func replacingNewlines() -> String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}
