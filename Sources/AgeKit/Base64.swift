/// Base64 (RFC 4648 section 4) as age uses it.
///
/// The header uses the unpadded form and the armor the padded form; both
/// decoders accept only canonical encodings (RFC 4648 section 3.5: unused
/// low bits zero, no stray padding), because a lenient decoder would let
/// several byte strings stand for one header and make it malleable.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let reverse: [Int16] = {
        var t = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int16(i) }
        return t
    }()

    /// Encodes, with `=` padding or without.
    static func encode<C: Collection>(_ data: C, padded: Bool = false) -> [UInt8] where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity((data.count + 2) / 3 * 4)
        var i = data.startIndex
        while i != data.endIndex {
            let b0 = data[i]; i = data.index(after: i)
            let b1: UInt8? = i != data.endIndex ? data[i] : nil
            if b1 != nil { i = data.index(after: i) }
            let b2: UInt8? = (b1 != nil && i != data.endIndex) ? data[i] : nil
            if b2 != nil { i = data.index(after: i) }
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            if let b1 {
                out.append(alphabet[Int((b1 & 0x0f) << 2 | (b2 ?? 0) >> 6)])
            } else if padded { out.append(UInt8(ascii: "=")) }
            if let b2 {
                out.append(alphabet[Int(b2 & 0x3f)])
            } else if padded { out.append(UInt8(ascii: "=")) }
        }
        return out
    }

    static func encodeString<C: Collection>(_ data: C) -> String where C.Element == UInt8 {
        String(decoding: encode(data), as: UTF8.self)
    }

    /// Decodes canonical base64; nil if any character, length or unused bit is wrong.
    static func decode<C: Collection>(_ text: C, padded: Bool = false) -> [UInt8]? where C.Element == UInt8 {
        var chars = Array(text)
        if padded {
            guard chars.count % 4 == 0 else { return nil }
            var pads = 0
            while pads < 2, let last = chars.last, last == UInt8(ascii: "=") { chars.removeLast(); pads += 1 }
            if chars.count % 4 == 0 && pads > 0 { return nil }
        }
        if chars.count % 4 == 1 { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        for c in chars {
            let v = reverse[Int(c)]
            if v < 0 { return nil }
            acc = (acc << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xff))
            }
        }
        // Canonical: the leftover bits (2 or 4) must be zero.
        if bits > 0 && acc & ((1 << UInt32(bits)) - 1) != 0 { return nil }
        return out
    }

    static func decode(_ text: String) -> [UInt8]? { decode(Array(text.utf8)) }
}
