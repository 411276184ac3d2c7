/// Crockford base32 of public bytes (fingerprints, signing public keys).
///
/// The alphabet has no I, L, O or U, so what is read aloud or copied by hand
/// is not mistaken; decoding accepts lowercase and treats O as 0, I and L as 1.
enum Base32 {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The first `symbols` five-bit symbols of `bytes`, most significant bit first.
    static func encode(_ bytes: [UInt8], symbols: Int? = nil) -> String {
        let count = symbols ?? (bytes.count * 8 + 4) / 5
        var out = [UInt8]()
        out.reserveCapacity(count)
        for i in 0..<count {
            var v = 0
            for b in 0..<5 {
                let bit = i * 5 + b
                let byte = bit / 8
                let set = byte < bytes.count && (bytes[byte] >> UInt8(7 - bit % 8)) & 1 == 1
                v = v << 1 | (set ? 1 : 0)
            }
            out.append(alphabet[v])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `text` to `byteCount` bytes; nil on a character outside the alphabet
    /// or the wrong length.
    static func decode(_ text: String, byteCount: Int) -> [UInt8]? {
        var values = [Int]()
        for c in text.utf8 {
            guard let v = value(c) else { return nil }
            values.append(v)
        }
        guard values.count == (byteCount * 8 + 4) / 5 else { return nil }
        var out = [UInt8](repeating: 0, count: byteCount)
        for (i, v) in values.enumerated() {
            for b in 0..<5 {
                let bit = i * 5 + b
                guard (v >> (4 - b)) & 1 == 1 else { continue }
                guard bit / 8 < byteCount else { return nil }   // non-zero padding bits
                out[bit / 8] |= 1 << UInt8(7 - bit % 8)
            }
        }
        return out
    }

    static func value(_ c: UInt8) -> Int? {
        var u = c
        if u >= 97 && u <= 122 { u -= 32 }
        if u == UInt8(ascii: "O") { u = UInt8(ascii: "0") }
        if u == UInt8(ascii: "I") || u == UInt8(ascii: "L") { u = UInt8(ascii: "1") }
        return alphabet.firstIndex(of: u)
    }
}
