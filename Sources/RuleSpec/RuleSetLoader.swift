import DecisionModel
import Foundation

/// Reads a rule set (questionnaire, topologies, rules, cases) from `RuleFiles`, collecting every problem.
public struct RuleSetLoader: Sendable {
    /// A loaded rule set, or the diagnostics that stop it; warnings may come with a set.
    public struct Result: Sendable {
        public var ruleSet: RuleSet?
        public var diagnostics: [Diagnostic]

        public init(ruleSet: RuleSet?, diagnostics: [Diagnostic]) {
            self.ruleSet = ruleSet
            self.diagnostics = diagnostics
        }
    }

    /// Whether to read the parts only `rules lint` and `rules test` need: the case corpus and
    /// each rule's examples. Deciding skips them, which halves the start-up cost of the rules.
    public var includeTests: Bool

    public init(includeTests: Bool = true) {
        self.includeTests = includeTests
    }

    public func load(_ files: RuleFiles) -> Result {
        var diagnostics: [Diagnostic] = []
        let reader = YAMLReader(limits: .rules)
        var documents: [(path: String, root: YAMLNode)] = []
        for (path, text) in files.files where includeTests || !path.hasPrefix("cases/") {
            let document = reader.read(text, file: files.displayPath(path))
            diagnostics += document.diagnostics
            if let root = document.root { documents.append((path, root)) }
        }
        func named(_ name: String) -> YAMLNode? {
            documents.first { $0.path == name || $0.path == name.replacingOccurrences(of: ".yaml", with: ".yml") }?.root
        }
        let rootLocation = SourceLocation(file: files.origin == "built-in" ? "Rules" : files.origin, line: 1, column: 1)

        // Questionnaire first: rules and cases are typed by it.
        var questions: [Question] = []
        var pendingWhen: [String: YAMLNode] = [:]
        if let root = named("questionnaire.yaml") {
            (questions, pendingWhen) = readQuestionnaire(root, &diagnostics)
        } else {
            diagnostics.append(Diagnostic(.missingField, "the rule set has no questionnaire.yaml", at: rootLocation))
        }
        let catalog = QuestionCatalog(questions: questions)
        var conditions = ConditionReader(catalog: catalog)

        // Question conditions can only be typed once every question is known.
        for (index, question) in questions.enumerated() {
            guard let node = pendingWhen[question.id] else { continue }
            questions[index].when = conditions.read(node, context: "the 'when' of question '\(question.id)'")
        }
        var topologies: [Topology: TopologyInfo] = [:]
        var confidenceScale = 4.0
        var tieBreak: [Topology] = [.monolith, .hybrid, .microservice]
        var preconditions: [Precondition] = []
        var decidingQuestions: [DecidingQuestion] = []
        var overruledCap = 0.6
        if let root = named("topologies.yaml") {
            readTopologies(root, &topologies, &confidenceScale, &tieBreak, &diagnostics)
            readDecisionLimits(root, &conditions, &preconditions, &decidingQuestions, &overruledCap, &diagnostics)
        } else {
            diagnostics.append(Diagnostic(.missingField, "the rule set has no topologies.yaml", at: rootLocation))
        }

        let profileReader = ProfileLoader(catalog: QuestionCatalog(questions: questions))
        var rules: [Rule] = []
        var cases: [DecisionCase] = []
        for (path, root) in documents {
            if path.hasPrefix("rules/") {
                rules += readRules(root, &conditions, profileReader, &diagnostics)
            } else if path.hasPrefix("cases/") {
                if includeTests { cases += readCases(root, profileReader, &diagnostics) }
            } else if !["questionnaire.yaml", "topologies.yaml", "questionnaire.yml", "topologies.yml"].contains(path) {
                diagnostics.append(Diagnostic(.unknownKey, "unexpected file; a rule set holds questionnaire.yaml, topologies.yaml, rules/*.yaml and cases/*.yaml",
                                              at: root.location, severity: .warning))
            }
        }
        diagnostics += conditions.diagnostics
        if rules.isEmpty {
            diagnostics.append(Diagnostic(.missingField, "the rule set has no rules (rules/*.yaml)", at: rootLocation))
        }
        diagnostics = diagnostics.sortedByLocation()
        guard !diagnostics.hasErrors else { return Result(ruleSet: nil, diagnostics: diagnostics) }
        let set = RuleSet(catalog: QuestionCatalog(questions: questions), rules: rules, topologies: topologies,
                          confidenceScale: confidenceScale, tieBreak: tieBreak, cases: cases,
                          preconditions: preconditions, decidingQuestions: decidingQuestions, overruledConfidenceCap: overruledCap,
                          digest: files.digest, origin: files.origin)
        return Result(ruleSet: set, diagnostics: diagnostics)
    }

    // MARK: questionnaire.yaml

    /// The questions, and their `when` nodes, typed later once every question is known.
    private func readQuestionnaire(_ root: YAMLNode, _ diagnostics: inout [Diagnostic]) -> ([Question], [String: YAMLNode]) {
        guard let top = MappingFields(root, allowed: ["questions"], context: "questionnaire.yaml", diagnostics: &diagnostics),
              let list = top.required("questions", &diagnostics) else { return ([], [:]) }
        guard case .sequence(let items) = list.content else {
            diagnostics.append(Diagnostic(.wrongType, "'questions' must be a list", at: list.location))
            return ([], [:])
        }
        var questions: [Question] = []
        var pendingWhen: [String: YAMLNode] = [:]
        for item in items {
            guard let f = MappingFields(item, allowed: ["id", "prompt", "help", "type", "choices", "default", "default_from", "minimum", "maximum", "when"],
                                        context: "a question", diagnostics: &diagnostics) else { continue }
            guard let id = f.string("id", &diagnostics) else { continue }
            let context = "question '\(id)'"
            let prompt = f.string("prompt", &diagnostics) ?? id
            let help = f.string("help", &diagnostics) ?? ""
            guard let typeName = f.string("type", &diagnostics) else { continue }
            guard let kind = Question.Kind(rawValue: typeName) else {
                diagnostics.append(Diagnostic(.invalidValue, "\(context): 'type' must be one of: \(Question.Kind.allCases.map(\.rawValue).joined(separator: ", ")); found '\(typeName)'",
                                              at: f["type"]!.location, field: "type"))
                continue
            }
            if !id.split(separator: ".").allSatisfy({ Profile.isValidName($0.replacingOccurrences(of: "_", with: "-")) }) || ProfileLoader.envelopeKeys.contains(id) {
                diagnostics.append(Diagnostic(.invalidName, "\(context): an id is lower-case words joined by '_', nested with '.', and not version/name/description",
                                              at: f["id"]!.location, field: "id"))
                continue
            }
            if questions.contains(where: { $0.id == id }) {
                diagnostics.append(Diagnostic(.duplicateID, "\(context) is defined twice", at: f["id"]!.location, field: "id"))
                continue
            }
            if let clash = questions.first(where: { $0.id.hasPrefix(id + ".") || id.hasPrefix($0.id + ".") }) {
                diagnostics.append(Diagnostic(.duplicateID, "\(context) clashes with question '\(clash.id)': one cannot be nested in the other",
                                              at: f["id"]!.location, field: "id"))
                continue
            }
            var choices: [Question.Choice] = []
            if let node = f["choices"] {
                if case .sequence(let entries) = node.content {
                    for entry in entries {
                        if let value = entry.scalar {
                            choices.append(.init(value: value, label: value))
                        } else if let c = MappingFields(entry, allowed: ["value", "label", "help"], context: "a choice of \(context)", diagnostics: &diagnostics),
                                  let value = c.string("value", &diagnostics) {
                            choices.append(.init(value: value, label: c.string("label", required: false, &diagnostics) ?? value,
                                                 help: c.string("help", required: false, &diagnostics)))
                        }
                    }
                } else {
                    diagnostics.append(Diagnostic(.wrongType, "\(context): 'choices' must be a list", at: node.location, field: "choices"))
                }
            }
            if [.choice, .multi].contains(kind) && choices.isEmpty {
                diagnostics.append(Diagnostic(.missingField, "\(context) is a \(kind.rawValue) question and needs 'choices'", at: item.location, field: "choices"))
                continue
            }
            var minimum: Int?, maximum: Int?
            if let m = f.number("minimum", &diagnostics) { minimum = Int(m) }
            if let m = f.number("maximum", &diagnostics) { maximum = Int(m) }
            var question = Question(id: id, prompt: prompt, help: help, kind: kind, choices: choices, defaultValue: .null,
                                    minimum: minimum, maximum: maximum, location: item.location)
            if let node = f.required("default", &diagnostics) {
                switch AnswerReader.value(of: node, for: question) {
                case .success(let value): question.defaultValue = value
                case .failure(var d):
                    d.message = "the default of \(d.message)"
                    diagnostics.append(d)
                }
            }
            if let from = f.string("default_from", required: false, &diagnostics) {
                if let source = questions.first(where: { $0.id == from }), source.kind == kind {
                    question.defaultFrom = from
                } else {
                    diagnostics.append(Diagnostic(.unknownField, "\(context): 'default_from' must name an earlier question of the same type; found '\(from)'",
                                                  at: f["default_from"]!.location, field: "default_from"))
                }
            }
            if let when = f["when"] { pendingWhen[id] = when }
            questions.append(question)
        }
        return (questions, pendingWhen)
    }

    // MARK: topologies.yaml

    private func readTopologies(_ root: YAMLNode, _ topologies: inout [Topology: TopologyInfo], _ scale: inout Double,
                                _ tieBreak: inout [Topology], _ diagnostics: inout [Diagnostic]) {
        guard let top = MappingFields(root, allowed: ["confidence_scale", "tie_break", "topologies", "deciding_questions", "overruled_confidence_cap"], context: "topologies.yaml",
                                      diagnostics: &diagnostics) else { return }
        if let s = top.number("confidence_scale", &diagnostics) {
            if s > 0 { scale = s } else {
                diagnostics.append(Diagnostic(.outOfRange, "'confidence_scale' must be above 0", at: top["confidence_scale"]!.location))
            }
        }
        if let names = top.strings("tie_break", &diagnostics) {
            let parsed = names.compactMap(Topology.init(rawValue:))
            if parsed.count != names.count || Set(parsed).count != Topology.allCases.count {
                diagnostics.append(Diagnostic(.unknownTopology, "'tie_break' must list monolith, microservice and hybrid once each",
                                              at: top["tie_break"]!.location))
            } else {
                tieBreak = parsed
            }
        }
        guard let node = top.required("topologies", &diagnostics),
              let map = MappingFields(node, allowed: Topology.allCases.map(\.rawValue), context: "'topologies'", diagnostics: &diagnostics) else { return }
        for topology in Topology.allCases {
            guard let entry = map[topology.rawValue] else {
                diagnostics.append(Diagnostic(.missingField, "'topologies' needs '\(topology.rawValue)'", at: node.location))
                continue
            }
            guard let f = MappingFields(entry, allowed: ["title", "summary", "layout", "layout_summary", "consequences", "requires", "requires_why"],
                                        context: "topology '\(topology.rawValue)'", diagnostics: &diagnostics) else { continue }
            topologies[topology] = TopologyInfo(
                topology: topology,
                title: f.string("title", &diagnostics) ?? topology.rawValue,
                summary: f.string("summary", &diagnostics) ?? "",
                layout: f.string("layout", &diagnostics) ?? topology.rawValue,
                layoutSummary: f.string("layout_summary", &diagnostics) ?? "",
                consequences: f.strings("consequences", &diagnostics) ?? [])
        }
    }

    /// Preconditions (`topologies.NAME.requires`), the deciding questions and the cap on confidence
    /// when one is outweighed; conditions are read like rules' `when`.
    private func readDecisionLimits(_ root: YAMLNode, _ conditions: inout ConditionReader, _ preconditions: inout [Precondition],
                                    _ questions: inout [DecidingQuestion], _ cap: inout Double, _ diagnostics: inout [Diagnostic]) {
        var ignored: [Diagnostic] = []  // the shape of the file is checked by readTopologies
        guard let top = MappingFields(root, allowed: ["confidence_scale", "tie_break", "topologies", "deciding_questions", "overruled_confidence_cap"],
                                      context: "topologies.yaml", diagnostics: &ignored) else { return }
        if let c = top.number("overruled_confidence_cap", &diagnostics) {
            if c > 0 && c <= 1 { cap = c } else {
                diagnostics.append(Diagnostic(.outOfRange, "'overruled_confidence_cap' must be above 0 and at most 1", at: top["overruled_confidence_cap"]!.location))
            }
        }
        if let node = top["topologies"], case .mapping(let pairs) = node.content {
            for (key, entry) in pairs {
                guard let name = key.scalar, let topology = Topology(rawValue: name),
                      let f = MappingFields(entry, allowed: ["title", "summary", "layout", "layout_summary", "consequences", "requires", "requires_why"],
                                            context: "topology '\(name)'", diagnostics: &ignored),
                      let requires = f["requires"] else { continue }
                let why = f.string("requires_why", &diagnostics) ?? ""
                if let condition = conditions.read(requires, context: "the 'requires' of topology '\(name)'") {
                    preconditions.append(Precondition(topology: topology, when: condition, why: why))
                }
            }
        }
        guard let list = top["deciding_questions"] else { return }
        guard case .sequence(let items) = list.content else {
            diagnostics.append(Diagnostic(.wrongType, "'deciding_questions' must be a list", at: list.location))
            return
        }
        for item in items {
            guard let f = MappingFields(item, allowed: ["question", "yes", "followed_by"], context: "a deciding question", diagnostics: &diagnostics),
                  let question = f.string("question", &diagnostics), let yesNode = f.required("yes", &diagnostics) else { continue }
            let names = f.strings("followed_by", &diagnostics) ?? []
            let followed = names.compactMap(Topology.init(rawValue:))
            if followed.count != names.count || followed.isEmpty {
                diagnostics.append(Diagnostic(.unknownTopology, "deciding question '\(question)': 'followed_by' must list monolith, microservice or hybrid",
                                              at: (f["followed_by"] ?? item).location, field: "followed_by"))
                continue
            }
            guard let yes = conditions.read(yesNode, context: "the 'yes' of deciding question '\(question)'") else { continue }
            questions.append(DecidingQuestion(question: question, yes: yes, followedBy: followed))
        }
    }

    // MARK: rules/*.yaml

    private func readRules(_ root: YAMLNode, _ conditions: inout ConditionReader, _ profiles: ProfileLoader,
                           _ diagnostics: inout [Diagnostic]) -> [Rule] {
        guard let top = MappingFields(root, allowed: ["rules"], context: "a rules file", diagnostics: &diagnostics),
              let list = top.required("rules", &diagnostics) else { return [] }
        guard case .sequence(let items) = list.content else {
            diagnostics.append(Diagnostic(.wrongType, "'rules' must be a list", at: list.location))
            return []
        }
        var rules: [Rule] = []
        for item in items {
            guard let f = MappingFields(item, allowed: ["id", "basis", "source", "article_says", "reasoning", "why", "when", "grade", "effects", "examples"],
                                        context: "a rule", diagnostics: &diagnostics),
                  let id = f.string("id", &diagnostics) else { continue }
            let context = "rule '\(id)'"
            let basis = readBasis(f, context: context, &diagnostics)
            let why = f.string("why", &diagnostics) ?? ""
            let when = f.required("when", &diagnostics).flatMap { conditions.read($0, context: "the 'when' of \(context)") }
            var effects: [Topology: Double] = [:]
            if let node = f.required("effects", &diagnostics),
               let e = MappingFields(node, allowed: Topology.allCases.map(\.rawValue), context: "the effects of \(context)", diagnostics: &diagnostics) {
                for topology in Topology.allCases {
                    if let points = e.number(topology.rawValue, &diagnostics) { effects[topology] = points }
                }
                if effects.isEmpty {
                    diagnostics.append(Diagnostic(.missingField, "\(context) has no effects on any topology", at: node.location))
                }
            }
            var grade: Grade?
            if let node = f["grade"], let g = MappingFields(node, allowed: ["field", "from", "to"], context: "the grade of \(context)", diagnostics: &diagnostics),
               let field = g.string("field", &diagnostics) {
                let (from, to) = (g.number("from", &diagnostics), g.number("to", &diagnostics))
                if conditions.catalog[field]?.kind != .int {
                    diagnostics.append(Diagnostic(.unknownField, "\(context): a grade reads a whole-number question; '\(field)' is not one",
                                                  at: g["field"]!.location, field: "grade"))
                } else if let from, let to, from >= 0, to >= 0, from != to {
                    grade = Grade(field: field, from: from, to: to, location: node.location)
                } else {
                    diagnostics.append(Diagnostic(.missingField, "\(context): a grade needs 'from' and 'to', two different numbers ≥ 0",
                                                  at: node.location, field: "grade"))
                }
            }
            var fires: [Rule.Example] = [], doesNotFire: [Rule.Example] = []
            if includeTests, let node = f["examples"],
               let ex = MappingFields(node, allowed: ["fires", "does_not_fire"], context: "the examples of \(context)", diagnostics: &diagnostics) {
                fires = readExamples(ex["fires"], profiles, &diagnostics)
                doesNotFire = readExamples(ex["does_not_fire"], profiles, &diagnostics)
            }
            guard let basis, let when else { continue }
            rules.append(Rule(id: id, when: when, effects: effects, why: why, basis: basis, grade: grade,
                              fires: fires, doesNotFire: doesNotFire, location: item.location))
        }
        return rules
    }

    /// `basis: article` with `source` (a section) and `article_says` (a paraphrase), or
    /// `basis: heuristic` with `reasoning` and no section. A rule without one is refused.
    private func readBasis(_ f: MappingFields, context: String, _ diagnostics: inout [Diagnostic]) -> RuleBasis? {
        guard let kind = f.string("basis", &diagnostics) else { return nil }
        switch kind {
        case "article":
            if f["reasoning"] != nil {
                diagnostics.append(Diagnostic(.invalidValue, "\(context): an article rule cites the article ('article_says'), not 'reasoning'; make it 'basis: heuristic' if the article does not say it",
                                              at: f["reasoning"]!.location, field: "reasoning"))
            }
            guard let name = f.string("source", &diagnostics) else { return nil }
            guard let section = ArticleSection(rawValue: name) else {
                diagnostics.append(Diagnostic(.unknownSection, "\(context): 'source' must be one of: \(ArticleSection.allCases.map(\.rawValue).joined(separator: "; ")); found '\(name)'",
                                              at: f["source"]!.location, field: "source"))
                return nil
            }
            guard let says = f.string("article_says", &diagnostics), !says.isEmpty else { return nil }
            return .article(section: section, says: says)
        case "heuristic":
            for key in ["source", "article_says"] where f[key] != nil {
                diagnostics.append(Diagnostic(.invalidValue, "\(context): a heuristic rule cites no article section; remove '\(key)' or make it 'basis: article'",
                                              at: f[key]!.location, field: key))
            }
            guard let reasoning = f.string("reasoning", &diagnostics), !reasoning.isEmpty else { return nil }
            return .heuristic(reasoning: reasoning)
        default:
            diagnostics.append(Diagnostic(.invalidValue, "\(context): 'basis' must be article or heuristic; found '\(kind)'",
                                          at: f["basis"]!.location, field: "basis"))
            return nil
        }
    }

    private func readExamples(_ node: YAMLNode?, _ profiles: ProfileLoader, _ diagnostics: inout [Diagnostic]) -> [Rule.Example] {
        guard let node else { return [] }
        guard case .sequence(let items) = node.content else {
            diagnostics.append(Diagnostic(.wrongType, "examples must be a list of partial profiles", at: node.location))
            return []
        }
        return items.map { item in
            let read = profiles.partialAnswers(item)
            diagnostics += read.diagnostics
            return Rule.Example(answers: read.answers, location: item.location)
        }
    }

    // MARK: cases/*.yaml

    private func readCases(_ root: YAMLNode, _ profiles: ProfileLoader, _ diagnostics: inout [Diagnostic]) -> [DecisionCase] {
        guard let top = MappingFields(root, allowed: ["cases"], context: "a cases file", diagnostics: &diagnostics),
              let list = top.required("cases", &diagnostics) else { return [] }
        guard case .sequence(let items) = list.content else {
            diagnostics.append(Diagnostic(.wrongType, "'cases' must be a list", at: list.location))
            return []
        }
        var cases: [DecisionCase] = []
        for item in items {
            guard let f = MappingFields(item, allowed: ["note", "want", "profile"], context: "a case", diagnostics: &diagnostics) else { continue }
            let note = f.string("note", &diagnostics) ?? ""
            var want: Topology?
            if let name = f.string("want", required: false, &diagnostics) {
                want = Topology(rawValue: name)
                if want == nil {
                    diagnostics.append(Diagnostic(.unknownTopology, "case '\(note)': 'want' must be monolith, microservice or hybrid; found '\(name)'",
                                                  at: f["want"]!.location, field: "want"))
                }
            }
            guard let profile = f.required("profile", &diagnostics) else { continue }
            let read = profiles.partialAnswers(profile)
            diagnostics += read.diagnostics
            cases.append(DecisionCase(note: note, answers: read.answers, want: want, location: item.location))
        }
        return cases
    }
}

