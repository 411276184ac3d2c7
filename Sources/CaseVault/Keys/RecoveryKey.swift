import SodiumKit

/// The recovery key: 160 random bits a person can copy by hand.
///
/// Printed once at init as nine groups of four Crockford base32 characters:
/// eight groups carry the 160 bits, the ninth is a 20-bit checksum (a keyed
/// BLAKE2b of the key), so a mistyped character is caught before any unlock
/// is attempted (a random typo slips through with probability 2^-20).
/// Crockford's alphabet has no I, L, O or U; reading accepts lowercase, treats
/// O as 0 and I/L as 1, and ignores spaces and dashes.
public final class RecoveryKey: Sendable {
    static let byteCount = 20
    static let dataChars = 32
    static let checkChars = 4

    let secret: SecureBytes

    init(secret: SecureBytes) {
        self.secret = secret
    }

    /// A fresh random recovery key.
    public static func generate() throws -> RecoveryKey {
        RecoveryKey(secret: try .random(count: byteCount))
    }

    /// The printable form, `XXXX-XXXX-…-CCCC`, in secure memory.
    public func formatted() throws -> SecureBytes {
        let chars = try SecureBytes(count: Self.dataChars + Self.checkChars)
        let check = try Self.checksum(secret)
        chars.withUnsafeMutableBytes { out in
            // 20 bytes = 160 bits = 32 five-bit symbols, most significant first.
            secret.withUnsafeBytes { CrockfordBase32.encode($0, into: UnsafeMutableRawBufferPointer(rebasing: out[0..<Self.dataChars])) }
            for i in 0..<Self.checkChars {
                out[Self.dataChars + i] = CrockfordBase32.alphabet[Int((check >> UInt32(15 - 5 * i)) & 0x1f)]
            }
        }
        let groups = (Self.dataChars + Self.checkChars) / 4
        let text = try SecureBytes(count: groups * 5 - 1)
        text.withUnsafeMutableBytes { out in
            chars.withUnsafeBytes { c in
                var o = 0
                for i in 0..<(Self.dataChars + Self.checkChars) {
                    if i > 0 && i % 4 == 0 { out[o] = UInt8(ascii: "-"); o += 1 }
                    out[o] = c[i]; o += 1
                }
            }
        }
        return text
    }

    /// Parses a typed recovery key; throws `malformedRecoveryKey` saying what is wrong.
    public static func parse(_ typed: SecureBytes) throws -> RecoveryKey {
        let symbols = try SecureBytes(count: dataChars + checkChars)
        var n = 0
        var badChar = false
        var tooLong = false
        typed.withUnsafeBytes { input in
            symbols.withUnsafeMutableBytes { out in
                for raw in input {
                    if raw == UInt8(ascii: "-") || raw == UInt8(ascii: " ") || raw == UInt8(ascii: "\t") { continue }
                    guard let v = CrockfordBase32.value(of: raw) else { badChar = true; continue }
                    if n >= out.count { tooLong = true; continue }
                    out[n] = v
                    n += 1
                }
            }
        }
        if badChar {
            throw CaseVaultError.malformedRecoveryKey(reason: "it contains a character that is not in the recovery key alphabet")
        }
        if tooLong || n != dataChars + checkChars {
            throw CaseVaultError.malformedRecoveryKey(reason: "it should have \(dataChars + checkChars) letters and digits, in 9 groups of 4")
        }
        let secret = try SecureBytes(count: byteCount)
        var check: UInt32 = 0
        symbols.withUnsafeBytes { s in
            // 32 symbols are exactly 160 bits: no padding bits to refuse.
            secret.withUnsafeMutableBytes { _ = CrockfordBase32.pack(UnsafeRawBufferPointer(rebasing: s[0..<dataChars]), into: $0) }
            for i in 0..<checkChars { check = (check << 5) | UInt32(s[dataChars + i]) }
        }
        guard try checksum(secret) == check else {
            throw CaseVaultError.malformedRecoveryKey(reason: "its checksum does not match, so a character is mistyped")
        }
        return RecoveryKey(secret: secret)
    }

    /// The 20-bit checksum: first 20 bits of BLAKE2b keyed by the secret.
    static func checksum(_ secret: SecureBytes) throws -> UInt32 {
        let mac = try BLAKE2b.mac(length: 16, key: secret, message: Array("casevault recovery key checksum v1".utf8))
        return (UInt32(mac[0]) << 12 | UInt32(mac[1]) << 4 | UInt32(mac[2]) >> 4) & 0xfffff
    }
}
