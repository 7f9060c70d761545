import ArgumentParser
import DecisionModel

/// `archdecide questions`: the questionnaire as Markdown, or the profile's JSON Schema for editors.
struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions",
        abstract: "Print the questionnaire as Markdown, or a JSON Schema of the profile (--format json-schema)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case jsonSchema = "json-schema"
    }

    @Option(name: .shortAndLong, help: "markdown (default) or json-schema.")
    var format: Format = .markdown

    @OptionGroup var rules: RulesOption

    func run() throws {
        let console = Console()
        let ruleSet = try rules.load(console: console)
        switch format {
        case .markdown: console.out(Self.markdown(ruleSet.catalog))
        case .jsonSchema: console.out(Self.schema(ruleSet.catalog).pretty)
        }
    }

    static func markdown(_ catalog: QuestionCatalog) -> String {
        var md = "# The archdecide questionnaire\n\nEach question is one field of the profile (profile-v1). A missing answer takes the default and is listed under `assumed`.\n"
        for (i, q) in catalog.questions.enumerated() {
            md += "\n## \(i + 1). \(q.prompt)\n\n`\(q.id)`: \(q.kind.rawValue)"
            if let min = q.minimum { md += ", at least \(min)" }
            if let max = q.maximum { md += ", at most \(max)" }
            md += "; default `\(q.defaultValue == .null ? "unset" : q.defaultValue.description)`\n\n\(q.help)\n"
            if !q.choices.isEmpty {
                md += "\n" + q.choices.map { "- `\($0.value)`\($0.label == $0.value ? "" : ": \($0.label)")\n" }.joined()
            }
            if let when = q.when { md += "\nAsked only when: \(describe(when)).\n" }
        }
        return md
    }

    static func describe(_ c: Condition) -> String {
        switch c {
        case .all(let cs, _): cs.map(describe).joined(separator: " and ")
        case .any(let cs, _): "(" + cs.map(describe).joined(separator: " or ") + ")"
        case .not(let inner, _): "not " + describe(inner)
        case .test(let t): t.description
        }
    }

    /// A JSON Schema (2020-12) of profile-v1 as this questionnaire defines it.
    static func schema(_ catalog: QuestionCatalog) -> JSONValue {
        final class Node {
            var question: Question?
            var children: [(String, Node)] = []
        }
        let root = Node()
        for q in catalog.questions {
            var node = root
            for key in q.path {
                if let next = node.children.first(where: { $0.0 == key })?.1 { node = next } else {
                    let next = Node()
                    node.children.append((key, next))
                    node = next
                }
            }
            node.question = q
        }
        func leaf(_ q: Question) -> JSONValue {
            var fields: [(String, JSONValue)] = [("description", .string(q.prompt))]
            switch q.kind {
            case .bool: fields.append(("type", .string("boolean")))
            case .int:
                fields.append(("type", q.defaultValue == .null ? .array([.string("integer"), .string("null")]) : .string("integer")))
                if let m = q.minimum { fields.append(("minimum", .int(m))) }
                if let m = q.maximum { fields.append(("maximum", .int(m))) }
            case .choice:
                fields.append(("type", .string("string")))
                fields.append(("enum", .array(q.choiceValues.map { .string($0) })))
            case .multi:
                fields.append(("type", .string("array")))
                fields.append(("items", .object([("type", .string("string")), ("enum", .array(q.choiceValues.map { .string($0) }))])))
                fields.append(("uniqueItems", .bool(true)))
            case .tags:
                fields.append(("type", .string("array")))
                var items: [(String, JSONValue)] = [("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(64))]
                if !q.choices.isEmpty { items.append(("examples", .array(q.choiceValues.map { .string($0) }))) }
                fields.append(("items", .object(items)))
                fields.append(("uniqueItems", .bool(true)))
            }
            if q.defaultValue != .null { fields.append(("default", q.defaultValue.json)) }
            return .object(fields)
        }
        func object(_ node: Node) -> JSONValue {
            .object([
                ("type", .string("object")),
                ("additionalProperties", .bool(false)),
                ("properties", .object(node.children.map { name, child in (name, child.question.map(leaf) ?? object(child)) })),
            ])
        }
        guard case .object(let body) = object(root), case .object(let answerProperties)? = body.first(where: { $0.0 == "properties" })?.1 else {
            return .null
        }
        let envelope: [(String, JSONValue)] = [
            ("version", .object([("const", .int(1)), ("description", .string("Profile format version; only 1 is understood."))])),
            ("name", .object([("type", .string("string")), ("pattern", .string("^[a-z][a-z0-9-]{0,62}$")),
                              ("description", .string("Names the starter repo and its Swift targets."))])),
            ("description", .object([("type", .string("string")), ("maxLength", .int(2000))])),
        ]
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://archdecide.dev/schema/profile-v1.json")),
            ("title", .string("archdecide project profile, version 1")),
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("required", .array([.string("version"), .string("name")])),
            ("properties", .object(envelope + answerProperties)),
        ])
    }
}
