/// Turns the bytes a terminal sends in raw mode into keys (arrow escape sequences, UTF-8 text).
public struct KeyDecoder: Sendable {
    var pending: [UInt8] = []

    /// A decoder with nothing pending.
    public init() {}

    /// Adds bytes and returns the keys they complete; an incomplete sequence waits for more bytes.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        var i = 0
        decoding: while i < pending.count {
            let b = pending[i]
            switch b {
            case 0x1B:
                // ESC [ X, ESC O X (cursor keys), ESC [ n ~ (others); a lone ESC is Escape.
                guard i + 1 < pending.count else {
                    keys.append(.escape)
                    i += 1
                    continue
                }
                let kind = pending[i + 1]
                guard kind == UInt8(ascii: "[") || kind == UInt8(ascii: "O") else {
                    keys.append(.escape)
                    i += 1
                    continue
                }
                var j = i + 2
                while j < pending.count, !(0x40...0x7E).contains(pending[j]) { j += 1 }
                guard j < pending.count else { break decoding }
                switch pending[j] {
                case UInt8(ascii: "A"): keys.append(.up)
                case UInt8(ascii: "B"): keys.append(.down)
                case UInt8(ascii: "C"): keys.append(.right)
                case UInt8(ascii: "D"): keys.append(.left)
                default: break  // Home, End, F-keys...: ignored
                }
                i = j + 1
            case 0x0D, 0x0A: keys.append(.enter); i += 1
            case 0x7F, 0x08: keys.append(.backspace); i += 1
            case 0x09: keys.append(.tab); i += 1
            case 0x03: keys.append(.interrupt); i += 1
            case 0x04: keys.append(.endOfInput); i += 1
            case 0x20: keys.append(.space); i += 1
            case 0x00..<0x20: i += 1  // other control bytes: ignored
            default:
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= pending.count else { break decoding }
                let text = String(decoding: pending[i..<(i + length)], as: UTF8.self)
                if let c = text.first { keys.append(.character(c)) }
                i += length
            }
        }
        pending.removeFirst(i)
        return keys
    }
}
