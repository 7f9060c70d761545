import DecisionModel

/// Reads `when:` conditions and types each operand by the question its field names.
///
/// Forms: `{all: [...]}`, `{any: [...]}`, `{not: {...}}`, and a test `{field: NAME, OPERATOR: OPERAND}`.
struct ConditionReader {
    let catalog: QuestionCatalog
    var diagnostics: [Diagnostic] = []

    init(catalog: QuestionCatalog) {
        self.catalog = catalog
    }

    mutating func read(_ node: YAMLNode, context: String) -> Condition? {
        guard case .mapping(let pairs) = node.content, !pairs.isEmpty else {
            diagnostics.append(Diagnostic(.wrongType, "\(context) must be a mapping: {all: [...]}, {any: [...]}, {not: ...} or {field: NAME, OPERATOR: VALUE}; found \(node.kindDescription)",
                                          at: node.location))
            return nil
        }
        let keys = pairs.compactMap(\.key.scalar)
        if keys.count == 1, let combinator = keys.first, ["all", "any", "not"].contains(combinator) {
            let inner = pairs[0].value
            if combinator == "not" {
                return read(inner, context: context).map { .not($0, node.location) }
            }
            guard case .sequence(let items) = inner.content, !items.isEmpty else {
                diagnostics.append(Diagnostic(.wrongType, "'\(combinator)' in \(context) takes a non-empty list of conditions", at: inner.location))
                return nil
            }
            let children = items.compactMap { read($0, context: context) }
            guard children.count == items.count else { return nil }
            return combinator == "all" ? .all(children, node.location) : .any(children, node.location)
        }
        return readTest(node, pairs, context: context)
    }

    private mutating func readTest(_ node: YAMLNode, _ pairs: [(key: YAMLNode, value: YAMLNode)], context: String) -> Condition? {
        let operatorNames = FieldTest.Operator.allCases.map(\.rawValue)
        guard let fieldNode = pairs.first(where: { $0.key.scalar == "field" })?.value, let field = fieldNode.scalar else {
            let known = ["all", "any", "not", "field"] + operatorNames
            if let bad = pairs.first(where: { !known.contains($0.key.scalar ?? "") }), let name = bad.key.scalar {
                var message = "unknown key '\(name)' in \(context)"
                if let near = Suggestion.nearest(to: name, in: known) { message += "; did you mean '\(near)'?" }
                diagnostics.append(Diagnostic(.unknownOperator, message, at: bad.key.location))
            } else {
                diagnostics.append(Diagnostic(.missingField, "a test in \(context) needs 'field' and one operator (\(operatorNames.joined(separator: ", ")))",
                                              at: node.location))
            }
            return nil
        }
        let rest = pairs.filter { $0.key.scalar != "field" }
        guard rest.count == 1, let opName = rest[0].key.scalar else {
            diagnostics.append(Diagnostic(.missingField, "the test of '\(field)' in \(context) needs exactly one operator (\(operatorNames.joined(separator: ", ")))",
                                          at: node.location, field: field))
            return nil
        }
        guard let op = FieldTest.Operator(rawValue: opName) else {
            var message = "unknown operator '\(opName)' in \(context)"
            if let near = Suggestion.nearest(to: opName, in: operatorNames) { message += "; did you mean '\(near)'?" }
            else { message += "; operators: \(operatorNames.joined(separator: ", "))" }
            diagnostics.append(Diagnostic(.unknownOperator, message, at: rest[0].key.location, field: field))
            return nil
        }
        guard let question = catalog[field] else {
            var message = "\(context) reads '\(field)', which no question defines"
            if let near = Suggestion.nearest(to: field, in: catalog.ids) { message += "; did you mean '\(near)'?" }
            diagnostics.append(Diagnostic(.unknownField, message, at: fieldNode.location, field: field))
            return nil
        }
        let operandNode = rest[0].value
        guard let operand = typedOperand(op, operandNode, question, context: context) else { return nil }
        return .test(FieldTest(field: field, op: op, operand: operand, location: node.location))
    }

    /// Checks the operator fits the question's kind and types the operand, naming what is wrong.
    private mutating func typedOperand(_ op: FieldTest.Operator, _ node: YAMLNode, _ question: Question, context: String) -> AnswerValue? {
        let field = question.id
        func mismatch(_ message: String) -> AnswerValue? {
            diagnostics.append(Diagnostic(.typeMismatch, "\(context): '\(op.rawValue)' on '\(field)' (\(question.kind.rawValue)) \(message)",
                                          at: node.location, field: field))
            return nil
        }
        let listQuestion = Question(id: field, prompt: "", help: "", kind: question.kind == .tags ? .tags : .multi,
                                    choices: question.choices, defaultValue: .list([]), location: question.location)
        let itemQuestion = Question(id: field, prompt: "", help: "", kind: question.kind == .tags ? .tags : .choice,
                                    choices: question.choices, defaultValue: .null, location: question.location)
        func typed(_ q: Question) -> AnswerValue? {
            switch AnswerReader.value(of: node, for: q) {
            case .success(let v): return v
            case .failure(let d): return mismatch(String(d.message.dropFirst(field.count + 3)))
            }
        }
        switch op {
        case .equals, .notEquals:
            guard [.bool, .int, .choice].contains(question.kind) else { return mismatch("does not apply: use contains, contains_any, contains_all or only on a list") }
            return typed(question)
        case .in:
            guard question.kind == .choice else { return mismatch("applies only to a choice question") }
            return typed(listQuestion)
        case .contains:
            guard [.multi, .tags].contains(question.kind) else { return mismatch("applies only to a list question") }
            if question.kind == .tags {
                guard let text = node.scalar else { return mismatch("takes one name") }
                return .string(text)
            }
            return typed(itemQuestion)
        case .containsAny, .containsAll, .only:
            guard [.multi, .tags].contains(question.kind) else { return mismatch("applies only to a list question") }
            return typed(listQuestion)
        case .lt, .lte, .gt, .gte:
            guard question.kind == .int else { return mismatch("applies only to a whole-number question") }
            let q = Question(id: field, prompt: "", help: "", kind: .int, defaultValue: .int(0), location: question.location)
            return typed(q)
        case .isSet, .isEmpty:
            if op == .isSet && question.defaultValue != .null { return mismatch("applies only to an optional question (default: null)") }
            if op == .isEmpty && ![.multi, .tags].contains(question.kind) { return mismatch("applies only to a list question") }
            let q = Question(id: field, prompt: "", help: "", kind: .bool, defaultValue: .bool(true), location: question.location)
            return typed(q)
        }
    }
}
