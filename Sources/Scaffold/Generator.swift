import BundledTemplates
import DecisionModel
import Dispatch
import Foundation
import Mustache

/// What `generate` is asked for: a decided profile and the topology to lay out.
public struct GenerateRequest: Sendable {
    public var profile: Profile
    public var evaluation: Evaluation
    public var ruleSet: RuleSet
    /// The topology to lay out: the recommendation, or the one `--topology` chose.
    public var topology: Topology
    /// The day written into the ADR and `.archdecide/profile.yaml`, `YYYY-MM-DD`.
    public var date: String
    public var toolVersion: String
    /// The layouts and templates to render with (`--templates DIR`; built in by default).
    public var templates: TemplateSource = .builtIn
    /// Module names that replace the layout's (`serviceModule: EmbedgateService`): a repo moved to
    /// another layout by `update` keeps the module names it has.
    public var moduleOverrides: [String: String] = [:]

    public init(profile: Profile, evaluation: Evaluation, ruleSet: RuleSet, topology: Topology? = nil,
                date: String, toolVersion: String) {
        self.profile = profile
        self.evaluation = evaluation
        self.ruleSet = ruleSet
        self.topology = topology ?? evaluation.recommendation
        self.date = date
        self.toolVersion = toolVersion
    }

    /// Set when the topology is not the recommendation.
    public var isOverride: Bool { topology != evaluation.recommendation }
}

/// Renders a layout's templates into an in-memory `Plan`; it never touches the file system.
public struct Generator: Sendable {
    /// Why a plan could not be made.
    public struct GenerateError: Error, CustomStringConvertible {
        public var description: String
        /// Located findings (a layout manifest's mistakes), printed as they are instead of `description`.
        public var diagnostics: [Diagnostic] = []

        public init(description: String, diagnostics: [Diagnostic] = []) {
            self.description = description
            self.diagnostics = diagnostics
        }
    }

    public init() {}

    /// The layout id for a topology under a rule set (`Rules/topologies.yaml`).
    public static func layoutID(for topology: Topology, ruleSet: RuleSet) -> String {
        ruleSet.topologies[topology]?.layout ?? topology.rawValue
    }

    public func plan(_ request: GenerateRequest) throws -> Plan {
        let name = request.profile.name
        guard Profile.isValidName(name) else {
            throw GenerateError(description: "the profile name '\(Escape.commentLine(name))' is not a valid repo name (^[a-z][a-z0-9-]{0,62}$)")
        }
        let layoutID = Self.layoutID(for: request.topology, ruleSet: request.ruleSet)
        let layout: Layout
        do {
            layout = try LayoutCatalog.layout(named: layoutID, source: request.templates, catalog: request.ruleSet.catalog)
        } catch {
            throw GenerateError(description: error.description, diagnostics: error.diagnostics)
        }
        let packages: PackageTable
        do {
            packages = try request.templates.isBuiltIn ? PackageTable.builtIn.get() : PackageTable.read(request.templates)
        } catch {
            throw GenerateError(description: error.description, diagnostics: error.diagnostics)
        }
        let features = layout.selectedFeatures(for: Self.placedAnswers(request))
        var context = Self.context(request, layout: layout, features: features)
        context["packages"] = packages.context

        var files: [PlannedFile] = []
        var seen = Set<String>()
        let selected = Set(features)
        // Parsing dominates planning: parse the templates this repo needs on both cores first.
        let cache = request.templates.isBuiltIn ? Self.cache : TemplateCache(sources: request.templates.files)
        let needed = Array(Set(layout.files.filter { layout.includes($0, features: selected) }.map { layout.templatePath(for: $0) }))
        DispatchQueue.concurrentPerform(iterations: needed.count) { index in _ = try? cache.template(needed[index]) }
        for entry in layout.files where layout.includes(entry, features: selected) {
            var fileContext = context
            for (key, value) in entry.with ?? [:] { fileContext[key] = try Self.renderText(value, context) }
            let path = try Self.renderText(entry.path, fileContext)
            guard PlanPath.isSafe(path) else {
                throw GenerateError(description: "layout '\(layoutID)' would write outside its folder or to a bad path: '\(Escape.commentLine(path))'")
            }
            guard seen.insert(path).inserted else {
                throw GenerateError(description: "layout '\(layoutID)' writes '\(path)' twice")
            }
            let templatePath = layout.templatePath(for: entry)
            let text = try Self.render(templatePath, fileContext, layoutID: layoutID, cache: cache)
            files.append(PlannedFile(path: path, text: text, executable: entry.executable ?? false))
        }
        return Plan(layout: layoutID, topology: request.topology.rawValue, features: features, files: files)
    }

    /// The answers a layout's features are chosen from; for the hybrid also where each workload goes
    /// (`placement.service`, `placement.monolith`: decide's placement), so a cold AI path stays in the monolith.
    static func placedAnswers(_ request: GenerateRequest) -> Answers {
        var answers = request.evaluation.answers
        guard request.topology == .hybrid else { return answers }
        let placement = request.evaluation.placement.isEmpty ? HybridPlacement.place(answers) : request.evaluation.placement
        answers.values["placement.service"] = .list(placement.filter { $0.side == .service }.map(\.workload))
        answers.values["placement.monolith"] = .list(placement.filter { $0.side == .monolith }.map(\.workload))
        // The documents flow follows `embeddings`: placed in the monolith, it is computed there and
        // nothing crosses the queue. A hybrid laid out with no hot AI path at all (an override of a
        // failed precondition) keeps the flow in the service, so the service still serves something.
        let embeddingsCold = placement.contains { $0.workload == "embeddings" && $0.side == .monolith }
        let serviceServes = placement.contains { $0.side == .service }
        answers.values["placement.embeddings"] = .string(embeddingsCold && serviceServes ? "monolith" : "service")
        return answers
    }

    /// Built-in templates, each parsed on first use and kept for the process (a repo renders dozens).
    static let cache = TemplateCache()

    static func render(_ templatePath: String, _ context: [String: Any], layoutID: String, cache: TemplateCache = Generator.cache) throws -> String {
        switch try cache.template(templatePath) {
        case nil:
            throw GenerateError(description: "layout '\(layoutID)' names a template that is not \(cache === Generator.cache ? "built in" : "in the templates folder"): \(templatePath)")
        case .plain(let text): return text
        case .parsed(let template, let runs):
            if runs.isEmpty { return template.render(context) }
            return template.render(context.merging(runs) { _, run in run })
        }
    }

    /// A template's text when it holds no Mustache tag: it renders to itself, so it is never parsed
    /// (half the built-in templates are plain files). Nil when it has a tag, starts with a line break
    /// (the text pragma put before it could take its line for a standalone tag's), or ends with `{`
    /// (which the parser rejects): those go through Mustache as before.
    static func plainText(_ source: String) -> String? {
        let first = source.utf8.first, last = source.utf8.last
        guard !source.utf8.holds(run: "{{"), first != 0x0A, first != 0x0D, last != UInt8(ascii: "{") else { return nil }
        return source
    }

    /// Templates render as text, not HTML: values are escaped per target before they reach a template.
    static func textPragma(_ source: String) -> String {
        source.hasPrefix("{{% CONTENT_TYPE: TEXT}}") ? source : "{{% CONTENT_TYPE: TEXT}}" + source
    }

    /// Renders Mustache text without HTML escaping: the context's values are escaped per target already.
    static func renderText(_ source: String, _ context: [String: Any], name: String = "a path") throws -> String {
        if let plain = plainText(source) { return plain }
        do {
            return try MustacheTemplate(string: textPragma(source)).render(context)
        } catch {
            throw GenerateError(description: "the template \(name) does not parse: \(error)")
        }
    }

    /// The `swift-tools-version` of every generated Package.swift, and the Swift its README asks for:
    /// the highest any dependency's own manifest declares (swift-log 1.16, Hummingbird 2.28,
    /// fluent-postgres-driver 2.14 need 6.2). A test reads the mirrored manifests to keep this true.
    public static let swiftToolsVersion = "6.2"

    /// Everything a template may use. User text appears only in escaped forms (`*_md`, `*_yaml`, …).
    static func context(_ request: GenerateRequest, layout: Layout, features: [String]) -> [String: Any] {
        let profile = request.profile
        let upper = Escape.upperCamel(profile.name)
        let adrInput = ADRInput(profile: profile, evaluation: request.evaluation, ruleSet: request.ruleSet,
                                date: request.date, topologyOverride: request.isOverride ? request.topology : nil)
        var context = ADR.context(adrInput)
        context["description"] = nil
        context["name"] = profile.name
        context["Name"] = upper
        context["layout"] = layout.layout
        context["layoutTitle"] = layout.title
        context["topology"] = request.topology.rawValue
        context["toolVersion"] = request.toolVersion
        context["swiftVersion"] = Generator.swiftToolsVersion
        for (key, template) in layout.modules {
            context[key] = (try? renderText(template, ["Name": ModuleNaming.base(upper, template: template)])) ?? upper
        }
        for (key, value) in request.moduleOverrides where layout.modules[key] != nil { context[key] = value }
        // Markdown, HTML and comments show it as one line (`Profile.oneLine`, in their escapers);
        // YAML and Swift literals keep its line breaks as escapes, so the profile copy reads back the same.
        if let description = profile.description, !description.isEmpty {
            context["description_md"] = Escape.markdown(description)
            context["description_yaml"] = Escape.yamlString(description)
            context["description_swift"] = Escape.swiftString(description)
            context["description_html"] = Escape.html(description)
            context["description_comment"] = Escape.commentLine(description)
        }
        var flags: [String: Bool] = [:]
        for feature in layout.features { flags[feature.id] = features.contains(feature.id) }
        context["features"] = flags
        context["featureList"] = layout.features.filter { features.contains($0.id) }.map {
            ["id": $0.id, "summary": $0.summary, "summary_md": Escape.markdown($0.summary), "summary_html": Escape.html($0.summary)]
        }
        context["profileEntries"] = ProfileSnapshot.entries(request.evaluation.answers, catalog: request.ruleSet.catalog)
        return context
    }
}

/// Module names: the profile's name in UpperCamelCase, then the layout's role word (`{{Name}}App`,
/// `{{Name}}Service`, `{{Name}}AITests`). A name that already ends in the role word does not repeat it:
/// `weird-app` gives `WeirdApp` and `WeirdAppTests`, not `WeirdAppApp`; `deskpilot` gives `DeskpilotApp`.
enum ModuleNaming {
    /// The value `{{Name}}` takes in `template`: `upper` without a trailing role word the template adds.
    static func base(_ upper: String, template: String) -> String {
        guard template.hasPrefix("{{Name}}") else { return upper }
        let rest = template.dropFirst("{{Name}}".count)
        // The role word: the leading capitalised word of what follows (`App` of `AppTests`, `AI` of `AITests`).
        var role = String(rest.prefix { $0.isUppercase })
        if role.count > 1, rest.dropFirst(role.count).first?.isLowercase == true { role.removeLast() }
        role += rest.dropFirst(role.count).prefix { $0.isLowercase || $0.isNumber }
        guard !role.isEmpty, upper.hasSuffix(role) else { return upper }
        return String(upper.dropLast(role.count))
    }
}

/// The answers as YAML entries for `.archdecide/profile.yaml`, in questionnaire order, nested by dotted id.
enum ProfileSnapshot {
    static func entries(_ answers: Answers, catalog: QuestionCatalog) -> [[String: Any]] {
        var top: [[String: Any]] = []
        var groups: [String: Int] = [:]
        for question in catalog.questions {
            let value = answers[question.id]
            // An answer that follows another when left out (ai_peak_rps after peak_rps) stays left out,
            // so it keeps following it when the profile is edited.
            if question.defaultFrom != nil && answers.defaulted.contains(question.id) { continue }
            guard let yaml = yaml(value) else { continue }
            let comment = answers.assumed.contains(question.id) ? "  # assumed (the questionnaire's default)" : ""
            let parts = question.id.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                let child: [String: Any] = ["key": parts[1], "value": yaml, "comment": comment]
                if let index = groups[parts[0]] {
                    var group = top[index]
                    group["children"] = (group["children"] as? [[String: Any]] ?? []) + [child]
                    top[index] = group
                } else {
                    groups[parts[0]] = top.count
                    top.append(["key": parts[0], "group": true, "children": [child]])
                }
            } else {
                top.append(["key": question.id, "group": false, "value": yaml, "comment": comment])
            }
        }
        return top
    }

    static func yaml(_ value: AnswerValue) -> String? {
        switch value {
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): Escape.yamlScalar(s)
        case .list(let items): "[" + items.map(Escape.yamlScalar).joined(separator: ", ") + "]"
        case .null: nil
        }
    }
}

/// Parsed templates by path, filled lazily: a run parses only the templates its layout uses.
final class TemplateCache: @unchecked Sendable {
    private let lock = NSLock()
    /// A template as rendered: plain text as it is, anything with a tag parsed.
    enum Entry {
        case plain(String)
        /// `runs`: the text runs `TextRuns.compact` took out of the template, given with the context.
        case parsed(MustacheTemplate, runs: [String: String])
    }

    private var parsed: [String: Entry] = [:]
    private let sources: [String: String]

    init(sources: [String: String] = TemplateSource.builtIn.files) {
        self.sources = sources
    }

    func template(_ path: String) throws -> Entry? {
        if let hit = lock.withLock({ parsed[path] }) { return hit }
        guard let source = sources[path] else { return nil }
        let template: Entry
        if let plain = Generator.plainText(source) { return .plain(plain) }
        let text = Generator.textPragma(source)
        do {
            if let compacted = TextRuns.compact(text) {
                template = .parsed(try MustacheTemplate(string: compacted.template), runs: compacted.runs)
            } else {
                template = .parsed(try MustacheTemplate(string: text), runs: [:])
            }
        } catch {
            throw Generator.GenerateError(description: "the template \(path) does not parse: \(error)")
        }
        lock.withLock { parsed[path] = template }
        return template
    }

}

/// swift-mustache's parser walks a template Character by Character, hashing each into a set, and
/// at every tag or `{` it measures the rest of the template (`String.distance`, linear): parsing
/// took a third of `generate`, most of it on lines that hold no tag at all. So before parsing, each
/// run of lines without a tag becomes one variable line (`{{&archdecide-text-3}}`) whose value is
/// the run's text, given with the context at rendering. A variable is never a standalone tag, so
/// the line, its line break and every standalone tag line around it render exactly as before, inside
/// sections too. A template that changes its delimiters (`{{=`) is parsed as written.
enum TextRuns {
    static let prefix = "archdecide-text-"

    /// The template with its tagless line runs replaced, and the runs by variable name; nil when
    /// nothing would change.
    static func compact(_ text: String) -> (template: String, runs: [String: String])? {
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        // Which lines a tag touches: from each `{{` to the `}}` that ends it, across lines too.
        var lineStarts = [0]
        var tagged: [Bool] = [false]
        var inTag = false
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if !inTag && b == open && k + 1 < bytes.count && bytes[k + 1] == open {
                if k + 2 < bytes.count && bytes[k + 2] == UInt8(ascii: "=") { return nil }
                inTag = true
                tagged[tagged.count - 1] = true
                k += 2
                continue
            }
            if inTag {
                tagged[tagged.count - 1] = true
                if b == close && k + 1 < bytes.count && bytes[k + 1] == close {
                    inTag = false
                    // `}}}` of a triple mustache ends one later.
                    k += (k + 2 < bytes.count && bytes[k + 2] == close) ? 3 : 2
                    continue
                }
            }
            if b == newline {
                lineStarts.append(k + 1)
                tagged.append(inTag)
            }
            k += 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var runs: [String: String] = [:]
        var line = 0
        let count = lineStarts.count
        func end(_ l: Int) -> Int { l + 1 < count ? lineStarts[l + 1] : bytes.count }
        while line < count {
            if tagged[line] || lineStarts[line] == end(line) {
                out += bytes[lineStarts[line]..<end(line)]
                line += 1
                continue
            }
            var last = line
            while last + 1 < count && !tagged[last + 1] && lineStarts[last + 1] < end(last + 1) { last += 1 }
            let from = lineStarts[line], to = end(last)
            // The run's text without its final line break, which stays in the template.
            let hasBreak = to > from && bytes[to - 1] == newline
            let name = prefix + String(runs.count)
            runs[name] = String(decoding: bytes[from..<(hasBreak ? to - 1 : to)], as: UTF8.self)
            out += Array("{{&\(name)}}".utf8)
            if hasBreak { out.append(newline) }
            line = last + 1
        }
        return runs.isEmpty ? nil : (String(decoding: out, as: UTF8.self), runs)
    }
}

extension Collection<UInt8> {
    /// Whether the bytes hold `run` (ASCII) anywhere: a byte scan, where Foundation's
    /// `String.contains` goes through NSString.
    func holds(run: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: run.utf8Start, count: run.utf8CodeUnitCount)
        guard let first = needle.first else { return true }
        var index = startIndex
        while let hit = self[index...].firstIndex(of: first) {
            if self[hit...].starts(with: needle) { return true }
            index = self.index(after: hit)
        }
        return false
    }
}
