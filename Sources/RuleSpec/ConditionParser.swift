import DecisionModel

/// The rules' condition language for other manifests (the starter layouts' `when:`): the same forms
/// (`{all: [...]}`, `{any: [...]}`, `{not: ...}`, `{field: NAME, OPERATOR: VALUE}`), field names
/// checked against a question catalog and operands typed by the question, every mistake located.
public struct ConditionParser {
    private var reader: ConditionReader

    public init(catalog: QuestionCatalog) {
        reader = ConditionReader(catalog: catalog)
    }

    /// Reads one condition; nil when it has errors (in `diagnostics`). `context` names it in messages.
    public mutating func read(_ node: YAMLNode, context: String) -> Condition? {
        reader.read(node, context: context)
    }

    /// What reading found so far, in reading order.
    public var diagnostics: [Diagnostic] { reader.diagnostics }
}
