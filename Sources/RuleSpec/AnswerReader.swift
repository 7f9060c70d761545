import DecisionModel

/// Reads answers from a YAML mapping shaped like a profile, typing each scalar by its question.
///
/// Used for profiles, and for the partial profiles of rule examples and engine cases. Every problem
/// is collected; a bad answer is left out (so the rest can still be checked) and reported.
struct AnswerReader {
    /// The key tree the questionnaire implies: `traffic` holds `peak_rps` and `latency_p99_ms`.
    /// Built once per questionnaire and only read afterwards, so it is shared across threads.
    final class KeyTree: @unchecked Sendable {
        var question: Question?
        var children: [(String, KeyTree)] = []
        func child(_ name: String) -> KeyTree? { children.first { $0.0 == name }?.1 }

        init() {}

        init(catalog: QuestionCatalog) {
            for question in catalog.questions {
                var node = self
                for key in question.path {
                    if let next = node.child(key) {
                        node = next
                    } else {
                        let next = KeyTree()
                        node.children.append((key, next))
                        node = next
                    }
                }
                node.question = question
            }
        }
    }

    let catalog: QuestionCatalog
    let tree: KeyTree
    var answers: [String: AnswerValue] = [:]
    var locations: [String: SourceLocation] = [:]
    var diagnostics: [Diagnostic] = []

    init(catalog: QuestionCatalog, tree: KeyTree? = nil) {
        self.catalog = catalog
        self.tree = tree ?? KeyTree(catalog: catalog)
    }

    /// Reads the answer keys of `mapping`; `reserved` keys (the envelope) are skipped here.
    mutating func read(_ pairs: [(key: YAMLNode, value: YAMLNode)], reserved: [String] = [],
                       under prefix: [String] = [], tree node: KeyTree? = nil) {
        let node = node ?? tree
        var seen = Set<String>()
        for (keyNode, valueNode) in pairs {
            guard let key = keyNode.scalar else {
                diagnostics.append(Diagnostic(.wrongType, "a key must be a plain name, not \(keyNode.kindDescription)",
                                              at: keyNode.location))
                continue
            }
            if !seen.insert(key).inserted { continue }  // reported as duplicate-key by the reader
            if prefix.isEmpty && reserved.contains(key) { continue }
            let path = prefix + [key]
            guard let child = node.child(key) else {
                unknownKey(key, path: path, at: keyNode.location, siblings: node.children.map(\.0) + (prefix.isEmpty ? reserved : []))
                continue
            }
            if let question = child.question {
                readAnswer(question, valueNode)
            } else if case .mapping(let inner) = valueNode.content {
                read(inner, under: path, tree: child)
            } else {
                let keys = child.children.map(\.0).joined(separator: ", ")
                diagnostics.append(Diagnostic(.wrongType, "'\(path.joined(separator: "."))' must be a mapping with \(keys); found \(valueNode.kindDescription)",
                                              at: valueNode.location, field: path.joined(separator: ".")))
            }
        }
    }

    mutating func unknownKey(_ key: String, path: [String], at location: SourceLocation, siblings: [String]) {
        let dotted = path.joined(separator: ".")
        var message = "unknown key '\(dotted)'"
        if let near = Suggestion.nearest(to: key, in: siblings) {
            message += "; did you mean '\((path.dropLast() + [near]).joined(separator: "."))'?"
        } else if let elsewhere = catalog.questions.first(where: { $0.path.last == key }) {
            message += "; did you mean '\(elsewhere.id)' (written nested: \(elsewhere.path.joined(separator: ": ")))?"
        } else {
            message += "; known keys here: \(siblings.joined(separator: ", "))"
        }
        diagnostics.append(Diagnostic(.unknownKey, message, at: location, field: dotted))
    }

    mutating func readAnswer(_ question: Question, _ node: YAMLNode) {
        switch Self.value(of: node, for: question) {
        case .success(.null):
            // An optional question left empty (`latency_p99_ms:`, `null`, `~`) is the same answer as
            // leaving the key out: it takes the questionnaire's default (`ai_peak_rps` follows
            // `peak_rps` and is listed as assumed, as its help says). Keeping a separate explicit
            // null gave two profiles that no writer could tell apart different decisions.
            break
        case .success(let value):
            answers[question.id] = value
            locations[question.id] = node.location
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
        }
    }

    /// Types one node by its question, or says precisely what is wrong with it.
    static func value(of node: YAMLNode, for question: Question) -> Result<AnswerValue, Diagnostic> {
        let field = question.id
        func fail(_ code: DiagnosticCode, _ message: String, _ at: SourceLocation? = nil) -> Result<AnswerValue, Diagnostic> {
            .failure(Diagnostic(code, "'\(field)' \(message)", at: at ?? node.location, field: field))
        }
        if node.isNull {
            if question.defaultValue == .null { return .success(.null) }
            return fail(.wrongType, "has no value; give \(question.kind.expectation)\(choicesHint(question)), or leave the key out to take the default (\(question.defaultValue))")
        }
        switch question.kind {
        case .bool:
            guard case .scalar(let text, let plain) = node.content else {
                return fail(.wrongType, "must be true or false; found \(node.kindDescription)")
            }
            if plain, let b = ["true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false][text] {
                return .success(.bool(b))
            }
            if ["yes", "no", "on", "off", "y", "n", "Yes", "No", "YES", "NO", "On", "Off"].contains(text) {
                return fail(.wrongType, "must be true or false; '\(text)' is ambiguous in YAML, write \(["yes", "on", "y", "Yes", "YES", "On"].contains(text) ? "true" : "false")")
            }
            return fail(.wrongType, "must be true or false; found \(node.kindDescription)")
        case .int:
            guard case .scalar(let text, let plain) = node.content else {
                return fail(.wrongType, "must be a whole number; found \(node.kindDescription)")
            }
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
                if Double(text) != nil { return fail(.wrongType, "must be a whole number; found \(text)") }
                return fail(.wrongType, "must be a whole number; found \(node.kindDescription)")
            }
            if !plain { return fail(.wrongType, "must be a number, not quoted text; write \(text) without quotes") }
            guard let number = Int(text) else {
                return fail(.outOfRange, "is too large: \(text)")
            }
            if let problem = question.problem(with: .int(number)) { return fail(.outOfRange, "\(problem); found \(number)") }
            return .success(.int(number))
        case .choice:
            guard let text = node.scalar else {
                return fail(.wrongType, "must be one of: \(question.choiceValues.joined(separator: ", ")); found \(node.kindDescription)")
            }
            guard question.choiceValues.contains(text) else {
                var message = "must be one of: \(question.choiceValues.joined(separator: ", ")); found '\(text)'"
                if let near = Suggestion.nearest(to: text, in: question.choiceValues) { message += " (did you mean '\(near)'?)" }
                return fail(.invalidValue, message)
            }
            return .success(.string(text))
        case .multi, .tags:
            let items: [YAMLNode]
            switch node.content {
            case .sequence(let list): items = list
            case .scalar(let text, _):
                let example = question.kind == .multi ? "[\(text)]" : "[\(text)]"
                return fail(.wrongType, "must be a list, e.g. \(example); found \(node.kindDescription)")
            case .mapping:
                return fail(.wrongType, "must be a list; found a mapping")
            }
            var values: [String] = []
            for item in items {
                guard let text = item.scalar, !item.isNull else {
                    return fail(.wrongType, "items must be names; found \(item.kindDescription)", item.location)
                }
                if question.kind == .multi && !question.choiceValues.contains(text) {
                    var message = "lists '\(text)', which is not one of: \(question.choiceValues.joined(separator: ", "))"
                    if let near = Suggestion.nearest(to: text, in: question.choiceValues) { message += " (did you mean '\(near)'?)" }
                    return fail(.invalidValue, message, item.location)
                }
                if question.kind == .tags && (text.isEmpty || text.count > 64) {
                    return fail(.invalidValue, "items must be names of 1 to 64 characters", item.location)
                }
                if values.contains(text) {
                    return fail(.duplicateItem, "lists '\(text)' twice", item.location)
                }
                values.append(text)
            }
            return .success(.list(values))
        }
    }

    static func choicesHint(_ question: Question) -> String {
        question.choices.isEmpty ? "" : " (\(question.choiceValues.joined(separator: ", ")))"
    }
}
