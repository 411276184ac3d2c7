import Foundation

/// A small length-prefixed binary encoding, for the one record that is read
/// whole at every inbox listing (the inbox index's buckets, InboxIndexBucket).
///
/// Why not JSON like every other record: an attorney's index of 10,000
/// clients and 30,000 shares is about 6 MB, and Foundation's JSONDecoder
/// read the same content as JSON at about 35 MB/s here (8 MB in 0.21-0.26 s,
/// measured 2026-12-05), half of `share list`'s budget; this reads it in a
/// few tens of milliseconds. What is encoded is authenticated first (the
/// record is sealed), so the reader's checks guard against our own bugs, not
/// against an attacker; they are complete anyway: every length is checked
/// against what is left, every text must be UTF-8, and a record must be read
/// to its last byte.
///
/// Forms: `uvarint` (LEB128, at most 10 bytes), `text` (uvarint byte count,
/// then UTF-8), `f64` (IEEE 754 bits, big-endian), `u8`.
struct CompactWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func uvarint(_ v: Int) {
        precondition(v >= 0, "uvarint of a negative number")
        var n = UInt64(v)
        while n >= 0x80 {
            bytes.append(UInt8(n & 0x7f) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uvarint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func f64(_ v: Double) {
        let b = v.bitPattern
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((b >> UInt64(shift)) & 0xff)) }
    }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
}

/// Reads what `CompactWriter` wrote; every failure is `CompactReader.Malformed`.
struct CompactReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func u8() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uvarint() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 63 || (shift == 63 && b <= 1) else { throw Malformed() }
            v |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        guard v <= UInt64(Int.max) else { throw Malformed() }
        return Int(v)
    }

    /// A count of items that each take at least `minimumBytes`: a count the
    /// rest of the record cannot hold is refused before anything is reserved.
    mutating func count(minimumBytes: Int = 1) throws -> Int {
        let n = try uvarint()
        guard n <= remaining / max(minimumBytes, 1) else { throw Malformed() }
        return n
    }

    mutating func text() throws -> String {
        let n = try uvarint()
        guard n <= remaining else { throw Malformed() }
        defer { offset += n }
        if n == 0 { return "" }
        return try bytes.withUnsafeBufferPointer { all in
            guard let s = String(validating: UnsafeBufferPointer(rebasing: all[offset..<offset + n]), as: UTF8.self) else { throw Malformed() }
            return s
        }
    }

    mutating func f64() throws -> Double {
        guard remaining >= 8 else { throw Malformed() }
        var b: UInt64 = 0
        for i in 0..<8 { b = b << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return Double(bitPattern: b)
    }

    mutating func raw(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= remaining else { throw Malformed() }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }
}
