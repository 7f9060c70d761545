/// A test over profile answers, as written in `when:` of a rule or a question.
public indirect enum Condition: Hashable, Sendable {
    case all([Condition], SourceLocation)
    case any([Condition], SourceLocation)
    case not(Condition, SourceLocation)
    case test(FieldTest)

    public var location: SourceLocation {
        switch self {
        case .all(_, let l), .any(_, let l), .not(_, let l): l
        case .test(let t): t.location
        }
    }

    /// Every field test in the condition, depth first.
    public var tests: [FieldTest] {
        switch self {
        case .all(let cs, _), .any(let cs, _): cs.flatMap(\.tests)
        case .not(let c, _): c.tests
        case .test(let t): [t]
        }
    }

    /// The fields the condition reads.
    public var fields: Set<String> { Set(tests.map(\.field)) }
}

/// One comparison of one field with an operand: `{field: traffic.peak_rps, gte: 1000}`.
public struct FieldTest: Hashable, Sendable {
    /// The comparisons a rule may make; their YAML names are the raw values.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals
        case notEquals = "not_equals"
        /// The field's value is one of the operand's list.
        case `in`
        /// The field's list holds the operand.
        case contains
        case containsAny = "contains_any"
        case containsAll = "contains_all"
        /// The field's list is not empty and holds nothing outside the operand's list.
        case only
        case lt, lte, gt, gte
        /// `is_set: true` holds when an optional answer has a value.
        case isSet = "is_set"
        /// `is_empty: true` holds when a list answer is empty.
        case isEmpty = "is_empty"

        /// How a reader says it, for explanations.
        public var phrase: String {
            switch self {
            case .equals: "is"
            case .notEquals: "is not"
            case .in: "is one of"
            case .contains: "includes"
            case .containsAny: "includes any of"
            case .containsAll: "includes all of"
            case .only: "holds only"
            case .lt: "<"
            case .lte: "≤"
            case .gt: ">"
            case .gte: "≥"
            case .isSet: "is set"
            case .isEmpty: "is empty"
            }
        }
    }

    public var field: String
    public var op: Operator
    public var operand: AnswerValue
    public var location: SourceLocation

    public init(field: String, op: Operator, operand: AnswerValue, location: SourceLocation) {
        self.field = field
        self.op = op
        self.operand = operand
        self.location = location
    }

    /// `traffic.peak_rps ≥ 1000`, `workloads includes any of [embeddings, streaming_inference]`.
    public var description: String {
        switch op {
        case .isSet, .isEmpty:
            operand == .bool(false) ? "\(field) \(op == .isSet ? "is not set" : "is not empty")" : "\(field) \(op.phrase)"
        default:
            "\(field) \(op.phrase) \(operand)"
        }
    }
}
