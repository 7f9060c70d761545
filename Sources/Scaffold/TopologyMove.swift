import DecisionModel
import Foundation

/// Which topology moves `update` makes, and the ADRs they leave: each move adds
/// `docs/adr/000N-<topology>.md` (numbered after every ADR in the repo) that supersedes the
/// ADR archdecide wrote before, and later updates keep rendering into the newest one.
public enum TopologyMove {
    public struct MoveError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Why a move is not made, with what to do instead; nil when it is supported.
    public static func refusal(from: Topology, to: Topology) -> String? {
        switch (from, to) {
        case _ where from == to: return nil
        case (.monolith, .hybrid), (.microservice, .hybrid): return nil
        case (.hybrid, _):
            return "update does not move a hybrid back to \(to.rawValue): that removes a whole side of the repo, and its data and jobs with it. Keep the hybrid (`archdecide update --topology hybrid`), or generate a \(to.rawValue) into a new folder (`archdecide generate --profile .archdecide/profile.yaml --topology \(to.rawValue) --output NEW`) and move the code you keep by hand"
        case (.monolith, .microservice), (.microservice, .monolith):
            return "update does not move a \(from.rawValue) to a \(to.rawValue) in place: the two share no files to merge. Move to the hybrid first (`archdecide update --topology hybrid`), which keeps the \(from.rawValue) side and adds the other, or generate a \(to.rawValue) into a new folder (`archdecide generate --profile .archdecide/profile.yaml --topology \(to.rawValue) --output NEW`)"
        default:
            return "update does not move a \(from.rawValue) to a \(to.rawValue)"
        }
    }

    /// The module names a move keeps: moving a microservice to the hybrid, the hybrid's AI service
    /// takes the microservice's module names, so its files stay where they are. Recorded overrides stay.
    public static func moduleOverrides(from base: BaseSnapshot, to topology: Topology, name: String, source: TemplateSource, catalog: QuestionCatalog) -> [String: String] {
        var modules = base.info.modules
        if base.info.topology == Topology.microservice.rawValue, topology == .hybrid,
           let service = try? LayoutCatalog.layout(named: base.info.layout, source: source, catalog: catalog) {
            let names = Generator.moduleNames(service, name: name)
            if modules["serviceModule"] == nil { modules["serviceModule"] = names["module"] }
            if modules["serviceTestModule"] == nil { modules["serviceTestModule"] = names["testModule"] }
        }
        return modules
    }

    static let adrPattern = "^docs/adr/([0-9]{4})-[^/]+\\.md$"

    static func adrNumber(_ path: String) -> Int? {
        guard let range = path.range(of: adrPattern, options: .regularExpression), range.lowerBound == path.startIndex else { return nil }
        return Int(path.dropFirst("docs/adr/".count).prefix(4))
    }

    /// Puts the render's ADR where the repo's ADR chain needs it. Without a move, the newest ADR
    /// archdecide wrote is rendered again (renumbered) and older ones stay as written. With a move,
    /// that ADR is kept as written but marked superseded, and a new one is added after every ADR
    /// in the repo (`existing`: the ADR paths in the working tree, the team's own included).
    /// Returns a line for the report, when an ADR is added.
    @discardableResult
    public static func arrangeADRs(_ render: inout Plan, base: BaseSnapshot, moved: Bool, existing: [String]) -> String? {
        let renderedPath = "docs/adr/0001-architecture.md"
        guard let renderedIndex = render.files.firstIndex(where: { $0.path == renderedPath }) else { return nil }
        let fresh = render.files[renderedIndex].text
        let chain = base.files.keys.filter { adrNumber($0) != nil }.sorted()
        let latest = chain.last ?? renderedPath
        render.files.remove(at: renderedIndex)
        // Older ADRs in the chain, as archdecide wrote them.
        for path in chain where path != latest || moved {
            var text = base.files[path]!
            if path == latest {
                let next = nextNumber(chain + existing)
                text = superseded(text, by: next, path: newPath(next, render.topology))
            }
            render.files.append(PlannedFile(path: path, text: text))
        }
        if moved {
            let number = nextNumber(chain + existing)
            let path = newPath(number, render.topology)
            render.files.append(PlannedFile(path: path, text: renumbered(fresh, number: number, supersedes: latest)))
            return "ADR: added \(path), superseding \(latest)"
        }
        let number = adrNumber(latest) ?? 1
        let previous = chain.dropLast().last
        render.files.append(PlannedFile(path: latest, text: number == 1 ? fresh : renumbered(fresh, number: number, supersedes: previous)))
        return nil
    }

    static func nextNumber(_ paths: [String]) -> Int {
        (paths.compactMap(adrNumber).max() ?? 0) + 1
    }

    static func newPath(_ number: Int, _ topology: String) -> String {
        String(format: "docs/adr/%04d-", number) + "architecture-\(topology).md"
    }

    /// MADR 4's front matter: `status: superseded by ADR-000N`, with a link in the text.
    static func superseded(_ text: String, by number: Int, path: String) -> String {
        let id = String(format: "%04d", number)
        let file = (path as NSString).lastPathComponent
        guard let range = text.range(of: "\nstatus: accepted\n") ?? text.range(of: "status: accepted\n") else { return text }
        var out = text.replacingCharacters(in: range, with: text[range].replacingOccurrences(of: "status: accepted", with: "status: \"superseded by ADR-\(id)\""))
        if let heading = out.range(of: "\n## Context and Problem Statement\n") {
            out.insert(contentsOf: "\nSuperseded by [ADR-\(id)](\(file)).\n", at: heading.lowerBound)
        }
        return out
    }

    /// The rendered ADR under another number, saying which one it supersedes.
    static func renumbered(_ text: String, number: Int, supersedes: String?) -> String {
        let id = String(format: "%04d", number)
        var out = text.replacingOccurrences(of: "\n# 0001. ", with: "\n# \(id). ")
        if let supersedes, let heading = out.range(of: "## Context and Problem Statement\n\n") {
            let old = (supersedes as NSString).lastPathComponent
            let oldID = String(old.prefix(4))
            out.insert(contentsOf: "This decision supersedes [ADR-\(oldID)](\(old)).\n\n", at: heading.upperBound)
        }
        return out
    }
}

extension Generator {
    /// A layout's module names for a profile name (`module` → `EmbedgateService`).
    static func moduleNames(_ layout: Layout, name: String) -> [String: String] {
        let upper = Escape.upperCamel(name)
        var names: [String: String] = [:]
        for (key, template) in layout.modules { names[key] = (try? renderText(template, ["Name": upper])) ?? upper }
        return names
    }
}
