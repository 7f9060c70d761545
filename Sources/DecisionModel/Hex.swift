/// Lower-case hexadecimal text of bytes (a sha256 digest's usual form).
///
/// By hand, not `String(format: "%02x")` per byte: Foundation's formatter, locale and all, cost
/// more than the hashing it prints (7% of a `generate` run, 25 files and their manifest).
public enum Hex {
    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
