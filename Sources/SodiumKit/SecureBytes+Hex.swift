import CSodium

extension SecureBytes {
    /// Bytes from hexadecimal text held in secure memory (`sodium_hex2bin`,
    /// constant time), ignoring white space at either end; nil when the text
    /// is not an even number of hex digits. For secrets given as hex (the
    /// master secret of a SLIP-0039 split), so they never pass through a String.
    public static func fromHex(_ text: SecureBytes) throws -> SecureBytes? {
        let (start, end) = text.withUnsafeBytes { t -> (Int, Int) in
            func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var s = 0
            var e = t.count
            while s < e && space(t[s]) { s += 1 }
            while e > s && space(t[e - 1]) { e -= 1 }
            return (s, e)
        }
        let digits = end - start
        guard digits % 2 == 0 else { return nil }
        let out = try SecureBytes(count: digits / 2)
        guard digits > 0 else { return out }
        var written = 0
        let status = out.withUnsafeMutableBytes { o in
            text.withUnsafeBytes { t in
                sodium_hex2bin(o.baseAddress!.assumingMemoryBound(to: UInt8.self), o.count,
                               t.baseAddress!.assumingMemoryBound(to: CChar.self) + start, digits, nil, &written, nil)
            }
        }
        guard status == 0, written == digits / 2 else { return nil }
        return out
    }

    /// The bytes as lowercase hexadecimal text, in secure memory (`sodium_bin2hex`, constant time).
    public func hexText() throws -> SecureBytes {
        let buffer = try SecureBytes(count: count * 2 + 1)
        // A SecureBytes buffer always has a base address (sodium_malloc keeps one byte for 0).
        buffer.withUnsafeMutableBytes { b in
            withUnsafeBytes { s in
                _ = sodium_bin2hex(b.baseAddress!.assumingMemoryBound(to: CChar.self), b.count,
                                   UnsafeRawPointer(s.baseAddress!).assumingMemoryBound(to: UInt8.self), count)
            }
        }
        return try SecureBytes(slice: buffer, offset: 0, count: count * 2)
    }
}
