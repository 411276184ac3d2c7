import SodiumKit

/// Bech32 (BIP 173) as age uses it: no length limit, all-lowercase or
/// all-uppercase, checksum always over the lowercase form.
///
/// The core works byte by byte through closures so that an identity (a
/// secret key) can be encoded from and decoded into secure memory without
/// an intermediate `[UInt8]` or `String` copy.
enum Bech32 {
    private static let charset: [UInt8] = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let reverse: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in charset.enumerated() {
            t[Int(c)] = Int8(i)
            if c >= 97 && c <= 122 { t[Int(c) - 32] = Int8(i) } // the uppercase form of a letter
        }
        return t
    }()

    private struct Checksum {
        var value: UInt32 = 1
        mutating func feed(_ v: UInt8) {
            let top = value >> 25
            value = (value & 0x1ff_ffff) << 5 ^ UInt32(v)
            let gen: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { value ^= gen[i] }
        }
        mutating func feedHRP(_ hrp: [UInt8]) {
            for c in hrp { feed(c >> 5) }
            feed(0)
            for c in hrp { feed(c & 31) }
        }
    }

    private static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c | 0x20 : c }
    private static func upper(_ c: UInt8) -> UInt8 { (c >= 97 && c <= 122) ? c & ~0x20 : c }

    /// Encodes `count` bytes given by `byteAt` under `hrp`, emitting characters.
    static func encode(hrp: String, count: Int, uppercase: Bool, byteAt: (Int) -> UInt8, emit: (UInt8) -> Void) {
        let lowHRP = Array(hrp.utf8).map(lower)
        var sum = Checksum()
        sum.feedHRP(lowHRP)
        func out(_ c: UInt8) { emit(uppercase ? upper(c) : c) }
        for c in lowHRP { out(c) }
        out(UInt8(ascii: "1"))
        var acc: UInt32 = 0
        var bits = 0
        for i in 0..<count {
            acc = (acc << 8 | UInt32(byteAt(i))) & 0xfff
            bits += 8
            while bits >= 5 {
                bits -= 5
                let v = UInt8((acc >> UInt32(bits)) & 31)
                sum.feed(v)
                out(charset[Int(v)])
            }
        }
        if bits > 0 {
            let v = UInt8((acc << UInt32(5 - bits)) & 31)
            sum.feed(v)
            out(charset[Int(v)])
        }
        acc = 0
        for _ in 0..<6 { sum.feed(0) }
        let polymod = sum.value ^ 1
        for i in 0..<6 { out(charset[Int((polymod >> UInt32(5 * (5 - i))) & 31)]) }
    }

    /// Encodes public data (a recipient).
    static func encode(hrp: String, data: [UInt8]) -> String {
        var out = [UInt8]()
        encode(hrp: hrp, count: data.count, uppercase: false, byteAt: { data[$0] }, emit: { out.append($0) })
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes secret data (an identity) into secure memory, uppercase as age prints identities.
    static func encodeSecure(hrp: String, data: SecureBytes) throws -> SecureBytes {
        let length = hrp.utf8.count + 1 + (data.count * 8 + 4) / 5 + 6
        let out = try SecureBytes(count: length)
        out.withUnsafeMutableBytes { o in
            data.withUnsafeBytes { d in
                var n = 0
                encode(hrp: hrp, count: d.count, uppercase: true, byteAt: { d[$0] }, emit: { o[n] = $0; n += 1 })
            }
        }
        return out
    }

    /// Decodes `count` characters given by `charAt`; returns the HRP (as
    /// written) and writes the data bytes through `emit`. Throws a reason.
    static func decode(count: Int, charAt: (Int) -> UInt8, emit: (UInt8) -> Void) throws -> String {
        guard count >= 8 else { throw Bech32Failure("too short") }
        var hasLower = false, hasUpper = false
        var separator = -1
        for i in 0..<count {
            let c = charAt(i)
            guard c >= 33 && c <= 126 else { throw Bech32Failure("invalid character") }
            if c >= 97 && c <= 122 { hasLower = true }
            if c >= 65 && c <= 90 { hasUpper = true }
            if c == UInt8(ascii: "1") { separator = i }
        }
        guard !(hasLower && hasUpper) else { throw Bech32Failure("mixed upper and lower case") }
        guard separator >= 1, count - separator - 1 >= 6 else { throw Bech32Failure("missing separator or checksum") }
        var hrpBytes = [UInt8]()
        for i in 0..<separator { hrpBytes.append(charAt(i)) }
        var sum = Checksum()
        sum.feedHRP(hrpBytes.map(lower))
        let dataEnd = count - 6
        var acc: UInt32 = 0
        var bits = 0
        for i in (separator + 1)..<count {
            let v = reverse[Int(charAt(i))]
            guard v >= 0 else { throw Bech32Failure("invalid character") }
            sum.feed(UInt8(v))
            if i < dataEnd {
                acc = (acc << 5 | UInt32(v)) & 0xfff
                bits += 5
                if bits >= 8 {
                    bits -= 8
                    emit(UInt8((acc >> UInt32(bits)) & 0xff))
                }
            }
        }
        // BIP 173 conversion without padding: at most 4 leftover bits, all zero.
        guard bits <= 4, acc & ((1 << UInt32(bits)) - 1) == 0 else { throw Bech32Failure("invalid padding") }
        acc = 0
        guard sum.value == 1 else { throw Bech32Failure("invalid checksum") }
        return String(decoding: hrpBytes, as: UTF8.self)
    }

    /// Decodes public data (a recipient).
    static func decode(_ text: String) throws -> (hrp: String, data: [UInt8]) {
        let chars = Array(text.utf8)
        var data = [UInt8]()
        let hrp = try decode(count: chars.count, charAt: { chars[$0] }, emit: { data.append($0) })
        return (hrp, data)
    }

    /// Decodes an identity held in secure memory into secure memory.
    static func decodeSecure(_ text: SecureBytes, offset: Int, count: Int) throws -> (hrp: String, data: SecureBytes) {
        let maxData = max(0, (count * 5) / 8)
        let buffer = try SecureBytes(count: maxData)
        var n = 0
        let hrp = try text.withUnsafeBytes { t in
            try buffer.withUnsafeMutableBytes { o in
                try decode(count: count, charAt: { t[offset + $0] }, emit: { o[n] = $0; n += 1 })
            }
        }
        return (hrp, try SecureBytes(slice: buffer, offset: 0, count: n))
    }
}

/// Why a Bech32 string was refused (never quotes the string: it may be a secret key).
struct Bech32Failure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
