/// Crockford base32: the one codec for what a person reads aloud or copies
/// by hand (key fingerprints, signing public keys, the recovery key).
///
/// The alphabet has no I, L, O or U, so what is read aloud or copied by hand
/// is not mistaken; decoding accepts lowercase and treats O as 0, I and L as 1.
/// Symbols carry five bits each, most significant bit first.
///
/// The buffer forms (`encode(_:into:)`, `pack(_:into:)`) read and write the
/// caller's memory and allocate nothing, so the recovery key is encoded and
/// decoded inside secure memory (`SecureBytes`) without a copy outside it.
enum CrockfordBase32 {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The five-bit value of a typed character, or nil if it is not in the
    /// alphabet (lowercase accepted; O reads as 0, I and L as 1).
    static func value(of c: UInt8) -> UInt8? {
        var u = c
        if u >= UInt8(ascii: "a") && u <= UInt8(ascii: "z") { u -= 32 }
        switch u {
        case UInt8(ascii: "O"): u = UInt8(ascii: "0")
        case UInt8(ascii: "I"), UInt8(ascii: "L"): u = UInt8(ascii: "1")
        default: break
        }
        guard let i = alphabet.firstIndex(of: u) else { return nil }
        return UInt8(i)
    }

    /// Writes the first `out.count` symbols of `bytes` into `out` (bits past
    /// the end of `bytes` read as zero).
    static func encode(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        for i in 0..<out.count {
            var v = 0
            for b in 0..<5 {
                let bit = i * 5 + b
                let byte = bit / 8
                let set = byte < bytes.count && (bytes[byte] >> UInt8(7 - bit % 8)) & 1 == 1
                v = v << 1 | (set ? 1 : 0)
            }
            out[i] = alphabet[v]
        }
    }

    /// Packs five-bit `values` (each below 32) into `out`, most significant
    /// bit first; false if a set bit falls past the end of `out` (non-zero
    /// padding bits, which a canonical encoding never has).
    static func pack(_ values: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        for i in 0..<out.count { out[i] = 0 }
        for (i, v) in values.enumerated() {
            for b in 0..<5 {
                let bit = i * 5 + b
                guard (v >> UInt8(4 - b)) & 1 == 1 else { continue }
                guard bit / 8 < out.count else { return false }
                out[bit / 8] |= 1 << UInt8(7 - bit % 8)
            }
        }
        return true
    }

    /// The first `symbols` symbols of public `bytes` (all of them by default).
    static func encode(_ bytes: [UInt8], symbols: Int? = nil) -> String {
        var out = [UInt8](repeating: 0, count: symbols ?? (bytes.count * 8 + 4) / 5)
        bytes.withUnsafeBytes { b in out.withUnsafeMutableBytes { encode(b, into: $0) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes public `text` to `byteCount` bytes; nil on a character outside
    /// the alphabet, the wrong length, or non-zero padding bits.
    static func decode(_ text: String, byteCount: Int) -> [UInt8]? {
        var values = [UInt8]()
        for c in text.utf8 {
            guard let v = value(of: c) else { return nil }
            values.append(v)
        }
        guard values.count == (byteCount * 8 + 4) / 5 else { return nil }
        var out = [UInt8](repeating: 0, count: byteCount)
        let ok = values.withUnsafeBytes { v in out.withUnsafeMutableBytes { pack(v, into: $0) } }
        return ok ? out : nil
    }
}
