/// SLIP-0039's RS1024 checksum: a Reed-Solomon code over GF(1024) whose three
/// check words catch any error in up to three words of a share, and which
/// the spec's generator makes a distance-4 code, so a single wrong word can
/// be located.
///
/// The customization string binds the checksum to the share format:
/// `shamir` for shares without the extendable-backup flag, `shamir_extendable`
/// for shares with it, so a flipped flag bit is caught like any other error.
enum RS1024 {
    static let checksumWords = 3

    private static let generator: [UInt32] = [
        0xE0E040, 0x1C1C080, 0x3838100, 0x7070200, 0xE0E0009,
        0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x3F3F120,
    ]

    /// The customization string for shares with or without the extendable flag.
    static func customization(extendable: Bool) -> [UInt16] {
        Array((extendable ? "shamir_extendable" : "shamir").utf8).map { UInt16($0) }
    }

    /// The remainder of the values, as the spec defines it (1 for a valid share).
    static func polymod<S: Sequence>(_ values: S, start: UInt32 = 1) -> UInt32 where S.Element == UInt16 {
        var chk = start
        for v in values {
            let b = chk >> 20
            chk = ((chk & 0xFFFFF) << 10) ^ UInt32(v)
            for i in 0..<10 where (b >> UInt32(i)) & 1 == 1 {
                chk ^= generator[i]
            }
        }
        return chk
    }

    /// The three check words for `data` (the share's words before the checksum).
    static func checksum(_ data: [UInt16], extendable: Bool) -> [UInt16] {
        let pm = polymod(customization(extendable: extendable) + data + [0, 0, 0]) ^ 1
        return (0..<3).reversed().map { UInt16((pm >> (10 * UInt32($0))) & 1023) }
    }

    /// Whether `words` (data and checksum) verify.
    static func verify(_ words: [UInt16], extendable: Bool) -> Bool {
        polymod(customization(extendable: extendable) + words) == 1
    }

    /// The one position whose replacement by some other word makes the share
    /// verify, or nil when no single replacement does or several positions
    /// could (then more than one word is wrong, or words were swapped).
    ///
    /// Only the position is returned, never the word that would fix it: that
    /// word is part of the secret share. Word 1 (0-based) carries the
    /// extendable flag, so the customization string follows each candidate.
    static func likelyWrongPosition(_ words: [UInt16]) -> Int? {
        var found: Int? = nil
        var candidate = words
        for position in 0..<words.count {
            let original = words[position]
            for value in UInt16(0)..<1024 where value != original {
                candidate[position] = value
                let extendable = (candidate[1] >> 4) & 1 == 1
                if verify(candidate, extendable: extendable) {
                    if found != nil && found != position { return nil }
                    found = position
                    break
                }
            }
            candidate[position] = original
        }
        for i in candidate.indices { candidate[i] = 0 }
        return found
    }
}
