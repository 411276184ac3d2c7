import CSodium

/// Argon2id password hashing (`crypto_pwhash`) to derive keys from passphrases.
public enum Argon2id {
    public static let saltBytes = Int(crypto_pwhash_saltbytes())

    /// Cost parameters. They are stored beside what they protect so that a vault
    /// created with one strength keeps opening after defaults change.
    public struct Parameters: Codable, Equatable, Sendable {
        public var opsLimit: UInt64
        public var memLimit: UInt64

        public init(opsLimit: UInt64, memLimit: UInt64) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }

        public static var interactive: Parameters {
            Parameters(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()), memLimit: UInt64(crypto_pwhash_memlimit_interactive()))
        }
        public static var moderate: Parameters {
            Parameters(opsLimit: UInt64(crypto_pwhash_opslimit_moderate()), memLimit: UInt64(crypto_pwhash_memlimit_moderate()))
        }
        public static var sensitive: Parameters {
            Parameters(opsLimit: UInt64(crypto_pwhash_opslimit_sensitive()), memLimit: UInt64(crypto_pwhash_memlimit_sensitive()))
        }

        /// Whether libsodium accepts these limits. Checked before running the
        /// KDF so a tampered parameter cannot ask for unbounded time or memory.
        public var isWithinLibsodiumBounds: Bool {
            opsLimit >= UInt64(crypto_pwhash_opslimit_min()) && opsLimit <= UInt64(crypto_pwhash_opslimit_sensitive()) * 4
                && memLimit >= UInt64(crypto_pwhash_memlimit_min()) && memLimit <= UInt64(crypto_pwhash_memlimit_sensitive()) * 2
        }
    }

    /// Derives `length` bytes from `passphrase` and `salt` into secure memory.
    public static func deriveKey(length: Int, passphrase: SecureBytes, salt: [UInt8], parameters: Parameters) throws -> SecureBytes {
        Sodium.ensureInitialized()
        guard salt.count == saltBytes else { throw SodiumError.invalidLength(what: "salt", expected: saltBytes, actual: salt.count) }
        guard parameters.isWithinLibsodiumBounds else { throw SodiumError.keyDerivationFailed }
        let out = try SecureBytes(count: length)
        let rc = out.withUnsafeMutableBytes { o in
            passphrase.withUnsafeBytes { p in
                crypto_pwhash(o.bindMemory(to: UInt8.self).baseAddress!, UInt64(length),
                              p.bindMemory(to: CChar.self).baseAddress!, UInt64(p.count),
                              salt, parameters.opsLimit, Int(parameters.memLimit),
                              crypto_pwhash_alg_argon2id13())
            }
        }
        guard rc == 0 else { throw SodiumError.keyDerivationFailed }
        return out
    }
}
