import Foundation
import DecisionModel

/// Reads typed text as an answer to a question (the line prompts, piped input and the text fields of the UI).
///
/// Empty text takes the value shown. Choices take their value, a unique start of it, or their number;
/// yes/no takes y, yes, true, n, no, false; lists take values separated by commas or spaces, `-` for none;
/// an optional number takes `-` or `none` for unset.
public enum AnswerInput {
    /// The words that clear a list or an optional number.
    public static let noneWords: Set<String> = ["-", "none"]

    /// Reads `raw` as an answer to `question`; empty text takes `current` (the value shown).
    public static func parse(_ raw: String, for question: Question, current: AnswerValue) -> Result<AnswerValue, InputProblem> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .success(current) }
        let value: AnswerValue
        switch question.kind {
        case .bool:
            switch text.lowercased() {
            case "y", "yes", "true": value = .bool(true)
            case "n", "no", "false": value = .bool(false)
            default: return .failure(InputProblem("'\(shown(text))' is not an answer here; type y or n"))
            }
        case .int:
            if noneWords.contains(text.lowercased()) {
                guard question.defaultValue == .null else {
                    return .failure(InputProblem("an answer is needed: \(range(question))"))
                }
                value = .null
            } else {
                let digits = text.filter { $0 != "_" && $0 != "," }
                guard let number = Int(digits), digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else {
                    if digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) && !digits.isEmpty && digits.contains(where: \.isNumber) {
                        return .failure(InputProblem("\(shown(text)) is too large: \(range(question))"))
                    }
                    return .failure(InputProblem("'\(shown(text))' is not a whole number: \(range(question))"))
                }
                value = .int(number)
            }
        case .choice:
            switch choice(text, in: question) {
            case .success(let v): value = .string(v)
            case .failure(let problem): return .failure(problem)
            }
        case .multi:
            var picked: [String] = []
            if !noneWords.contains(text.lowercased()) {
                for word in words(text) {
                    switch choice(word, in: question) {
                    case .success(let v): if !picked.contains(v) { picked.append(v) }
                    case .failure(let problem): return .failure(problem)
                    }
                }
            }
            value = .list(picked)
        case .tags:
            var names: [String] = []
            if !noneWords.contains(text.lowercased()) {
                for word in words(text) where !names.contains(word) { names.append(word) }
            }
            value = .list(names)
        }
        if let problem = problem(with: value, for: question) { return .failure(InputProblem(problem)) }
        return .success(value)
    }

    /// Why a typed value cannot be saved in a profile, or nil: the question's own check plus the profile's limits on names.
    public static func problem(with value: AnswerValue, for question: Question) -> String? {
        if let problem = question.problem(with: value) {
            if case .int(let i) = value { return "\(problem) (you typed \(i))" }
            return problem
        }
        if question.kind == .tags, case .list(let names) = value, names.contains(where: { $0.isEmpty || $0.count > 64 }) {
            return "names must be 1 to 64 characters"
        }
        return nil
    }

    /// `a whole number from 0 to 100000000`, for messages and hints.
    public static func range(_ question: Question) -> String {
        switch (question.minimum, question.maximum) {
        case (let lo?, let hi?): "a whole number from \(lo) to \(hi)"
        case (let lo?, nil): "a whole number of at least \(lo)"
        case (nil, let hi?): "a whole number of at most \(hi)"
        case (nil, nil): "a whole number"
        }
    }

    /// One choice by number, value, or a unique start of a value (case-insensitive).
    static func choice(_ word: String, in question: Question) -> Result<String, InputProblem> {
        let values = question.choiceValues
        if let n = Int(word) {
            guard (1...max(values.count, 1)).contains(n), n <= values.count else {
                return .failure(InputProblem("there is no choice \(n); pick 1 to \(values.count)"))
            }
            return .success(values[n - 1])
        }
        let lower = word.lowercased()
        if let exact = values.first(where: { $0.lowercased() == lower }) { return .success(exact) }
        let starting = values.filter { $0.lowercased().hasPrefix(lower) }
        if starting.count == 1 { return .success(starting[0]) }
        let list = values.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ")
        if starting.count > 1 {
            return .failure(InputProblem("'\(shown(word))' could be \(starting.joined(separator: " or ")); choose one of: \(list)"))
        }
        return .failure(InputProblem("'\(shown(word))' is not one of: \(list)"))
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Typed text safe to echo: control characters escaped, long text cut.
    static func shown(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        return escaped.count > 40 ? String(escaped.prefix(37)) + "..." : escaped
    }
}
