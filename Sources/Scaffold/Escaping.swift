import DecisionModel
import Foundation
import RuleSpec

/// Escapers for user text placed into generated files, one per target language. Templates never
/// receive raw user text: the context offers each value already escaped for where it goes.
public enum Escape {
    /// The inside of a Swift string literal `"..."`: quotes, backslashes, and every control or
    /// non-ASCII scalar as `\u{…}`, so no input can close the literal or start an interpolation.
    public static func swiftString(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value >= 0x7F:
                out += "\\u{" + String(c.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A YAML double-quoted scalar, quotes included.
    public static func yamlString(_ s: String) -> String {
        ProfileWriter.quoted(s)
    }

    /// A YAML scalar, plain when that reads back as the same string, else double-quoted.
    public static func yamlScalar(_ s: String) -> String {
        // ^[a-z][a-z0-9_.-]*$, without compiling a regular expression per call.
        let bytes = s.utf8
        let plain = bytes.first.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } == true && bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        return plain && !reserved.contains(s) ? s : yamlString(s)
    }

    /// Text inside HTML (and Leaf) markup: entities for markup characters, `#` so Leaf sees no tag.
    /// One line (`Profile.oneLine`); scalar by scalar, so no combining mark hides a `<` or a break.
    public static func html(_ s: String) -> String {
        var out = ""
        for c in Profile.oneLine(s).unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "#": out += "&#35;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// One line of Markdown text (`Profile.oneLine`): no headings, links, HTML, code or tables can be started.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for c in Profile.oneLine(s).unicodeScalars {
            if "\\`*_{}[]<>#|!".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// A comment line in Swift, YAML, Dockerfile or shell: one line (`Profile.oneLine`), no control characters.
    public static func commentLine(_ s: String) -> String {
        Profile.oneLine(s)
    }

    /// `help-desk` → `HelpDesk`; the profile name is already restricted to `[a-z][a-z0-9-]*`.
    public static func upperCamel(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
