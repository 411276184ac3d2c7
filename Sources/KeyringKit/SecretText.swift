import SodiumKit

/// Hex text of a secret, kept in secure memory.
///
/// The Secret Service API carries secrets as bytes with a content type, and
/// keyring managers (Seahorse, KWallet, KeePassXC) show them as text; storing
/// lower-case hex as `text/plain` keeps the item readable by every client and
/// by `secret-tool`. The conversion is branch-free arithmetic (no table
/// indexed by secret nibbles) and both sides live in `SecureBytes`.
enum SecretText {
    /// Lower-case hex of `secret`, in secure memory.
    static func encode(_ secret: SecureBytes) throws -> SecureBytes {
        let out = try SecureBytes(count: secret.count * 2)
        out.withUnsafeMutableBytes { dst in
            secret.withUnsafeBytes { src in
                for i in 0..<src.count {
                    dst[2 * i] = digit(Int(src[i] >> 4))
                    dst[2 * i + 1] = digit(Int(src[i] & 0x0f))
                }
            }
        }
        return out
    }

    /// Decodes hex (either case) into secure memory; nil when the text is
    /// not an even number of hex digits. The caller wipes its source.
    static func decode(_ text: UnsafeRawBufferPointer) throws -> SecureBytes? {
        guard text.count % 2 == 0, text.count > 0 else { return nil }
        let out = try SecureBytes(count: text.count / 2)
        var bad = 0
        out.withUnsafeMutableBytes { dst in
            for i in 0..<dst.count {
                let (hi, badHi) = value(Int(text[2 * i]))
                let (lo, badLo) = value(Int(text[2 * i + 1]))
                dst[i] = UInt8(truncatingIfNeeded: (hi << 4) | lo)
                bad |= badHi | badLo
            }
        }
        if bad != 0 {
            out.wipe()
            return nil
        }
        return out
    }

    /// '0'...'9' for 0...9, 'a'...'f' for 10...15, without a branch.
    private static func digit(_ n: Int) -> UInt8 {
        // (n - 10) >> 8 is all ones when n < 10: subtract the 39 that
        // separates 'a' - 10 from '0'.
        UInt8(truncatingIfNeeded: 87 + n + (((n - 10) >> 8) & ~38))
    }

    /// The nibble of hex digit `c` and 1 if `c` is not a hex digit.
    private static func value(_ c: Int) -> (Int, Int) {
        let num = c ^ 48                                   // '0'...'9' -> 0...9
        let isNum = ((num - 10) >> 8) & 1                  // num < 10
        let alpha = (c & ~32) - 55                         // 'a'/'A'...'f'/'F' -> 10...15
        let isAlpha = (((alpha - 10) ^ (alpha - 16)) >> 8) & 1  // 10 <= alpha < 16
        let v = (-isNum & num) | (-isAlpha & alpha)
        return (v & 0x0f, (isNum | isAlpha) ^ 1)
    }
}
