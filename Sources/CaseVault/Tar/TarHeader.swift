import Foundation

/// One 512-byte POSIX ustar header block, and pax extended header records.
///
/// Only what shares and backups need: regular files and directories, octal
/// fields, the checksum. Names that do not fit ustar (longer than 100 bytes,
/// or not ASCII) go in a pax `path=` record before the entry, which GNU tar,
/// bsdtar (macOS, Windows 10+ `tar.exe`) and Python's tarfile all read.
package struct TarHeader {
    static let blockSize = 512
    /// Largest size an 11-digit octal field holds (8 GiB - 1); larger sizes go in pax `size=`.
    static let maxOctalSize: Int64 = 0o77777777777

    enum Kind: UInt8 {
        case regular = 0x30          // '0'
        case directory = 0x35        // '5'
        case paxExtended = 0x78      // 'x'
    }

    var name: String                 // ASCII, at most 100 bytes
    var mode: Int
    var size: Int64
    var mtime: Int64
    var kind: Kind

    func encode() -> [UInt8] {
        var b = [UInt8](repeating: 0, count: Self.blockSize)
        Self.put(Array(name.utf8.prefix(100)), at: 0, in: &b)
        Self.octal(Int64(mode), width: 8, at: 100, in: &b)
        Self.octal(0, width: 8, at: 108, in: &b)        // uid
        Self.octal(0, width: 8, at: 116, in: &b)        // gid
        Self.octal(min(size, Self.maxOctalSize), width: 12, at: 124, in: &b)
        Self.octal(mtime, width: 12, at: 136, in: &b)
        b[156] = kind.rawValue
        Self.put(Array("ustar".utf8) + [0], at: 257, in: &b)
        Self.put(Array("00".utf8), at: 263, in: &b)
        // The checksum is computed with its own field as eight spaces.
        for i in 148..<156 { b[i] = 0x20 }
        let sum = b.reduce(0) { $0 + Int($1) }
        Self.octal(Int64(sum), width: 7, at: 148, in: &b)
        b[155] = 0x20
        return b
    }

    static func put(_ bytes: [UInt8], at offset: Int, in b: inout [UInt8]) {
        for (i, x) in bytes.enumerated() { b[offset + i] = x }
    }

    /// Zero-padded octal, NUL-terminated within `width`.
    static func octal(_ value: Int64, width: Int, at offset: Int, in b: inout [UInt8]) {
        let digits = Array(String(value, radix: 8).utf8)
        let padded = [UInt8](repeating: 0x30, count: max(0, width - 1 - digits.count)) + digits
        put(padded, at: offset, in: &b)
        b[offset + width - 1] = 0
    }

    /// A pax record: "<len> key=value\n", where len counts the whole record.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var n = body.utf8.count + 1
        while String(n).utf8.count + body.utf8.count > n { n += 1 }
        return Array((String(n) + body).utf8)
    }

    /// Parses pax records; refuses malformed ones.
    package static func parsePax(_ data: [UInt8]) throws -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < data.count {
            var j = i
            while j < data.count, data[j] != 0x20 { j += 1 }
            // `len <= data.count - i`, not `i + len <= data.count`: the length
            // is the sender's text and may be near Int.max (the sum would trap).
            guard j < data.count, let len = Int(String(decoding: data[i..<j], as: UTF8.self)), len > j - i + 1,
                  len <= data.count - i, data[i + len - 1] == 0x0a else {
                throw TarError.malformed("a pax extended header record is malformed")
            }
            let record = data[(j + 1)..<(i + len - 1)]
            guard let eq = record.firstIndex(of: 0x3d) else { throw TarError.malformed("a pax record has no '='") }
            guard let key = String(bytes: record[record.startIndex..<eq], encoding: .utf8),
                  let value = String(bytes: record[(eq + 1)...], encoding: .utf8) else {
                throw TarError.malformed("a pax record is not UTF-8")
            }
            out[key] = value
            i += len
        }
        return out
    }

    /// Reads an octal (or GNU base-256) numeric field.
    package static func number(_ b: ArraySlice<UInt8>) throws -> Int64 {
        if let first = b.first, first & 0x80 != 0 {
            // GNU base-256: big-endian, high bit set; refuse negatives and overflow.
            guard first == 0x80 else { throw TarError.malformed("a tar numeric field is out of range") }
            var v: Int64 = 0
            for x in b.dropFirst() {
                guard v < (Int64.max >> 8) else { throw TarError.malformed("a tar numeric field is out of range") }
                v = v << 8 | Int64(x)
            }
            return v
        }
        var v: Int64 = 0
        var seen = false
        for x in b {
            if x == 0 || x == 0x20 { if seen { break } else { continue } }
            guard x >= 0x30 && x <= 0x37 else { throw TarError.malformed("a tar numeric field is not octal") }
            guard v < (Int64.max >> 3) else { throw TarError.malformed("a tar numeric field is out of range") }
            v = v << 3 | Int64(x - 0x30)
            seen = true
        }
        return v
    }

    /// A NUL-terminated string field.
    static func string(_ b: ArraySlice<UInt8>) -> [UInt8] {
        Array(b.prefix { $0 != 0 })
    }
}
