/// Evaluating conditions over answers: the rules' tests, the questionnaire's `when`, preconditions.
extension FieldTest {
    /// Whether the test holds for `actual`. A value of the wrong shape never satisfies a test.
    public func holds(for actual: AnswerValue) -> Bool {
        switch op {
        case .equals: return actual == operand
        case .notEquals: return actual != operand
        case .in:
            guard let list = operand.listValue else { return false }
            switch actual {
            case .string(let s): return list.contains(s)
            case .int(let i): return list.contains(String(i))
            default: return false
            }
        case .contains:
            guard let list = actual.listValue, let wanted = operand.stringValue else { return false }
            return list.contains(wanted)
        case .containsAny:
            guard let list = actual.listValue, let wanted = operand.listValue else { return false }
            return wanted.contains { list.contains($0) }
        case .containsAll:
            guard let list = actual.listValue, let wanted = operand.listValue else { return false }
            return wanted.allSatisfy { list.contains($0) }
        case .only:
            guard let list = actual.listValue, let allowed = operand.listValue else { return false }
            return !list.isEmpty && list.allSatisfy { allowed.contains($0) }
        case .lt, .lte, .gt, .gte:
            guard let a = actual.intValue, let b = operand.intValue else { return false }
            switch op {
            case .lt: return a < b
            case .lte: return a <= b
            case .gt: return a > b
            default: return a >= b
            }
        case .isSet:
            return (actual != .null) == (operand.boolValue ?? true)
        case .isEmpty:
            let empty = actual.listValue?.isEmpty ?? (actual == .null)
            return empty == (operand.boolValue ?? true)
        }
    }
}

extension Condition {
    /// Evaluates the condition over complete answers, keeping every step for the explanation.
    public func trace(_ answers: Answers) -> ConditionTrace {
        switch self {
        case .all(let children, _):
            let traces = children.map { $0.trace(answers) }
            return .all(traces, traces.allSatisfy(\.result))
        case .any(let children, _):
            let traces = children.map { $0.trace(answers) }
            return .any(traces, traces.contains(where: \.result))
        case .not(let child, _):
            let t = child.trace(answers)
            return .not(t, !t.result)
        case .test(let test):
            let actual = answers[test.field]
            return .test(TestTrace(test: test, actual: actual, result: test.holds(for: actual)))
        }
    }

    /// Whether the condition holds over complete answers.
    public func holds(_ answers: Answers) -> Bool { trace(answers).result }
}
