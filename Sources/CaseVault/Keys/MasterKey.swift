import SodiumKit

/// The vault's master key: 32 random bytes in secure memory, wrapped by each
/// key slot under a key-encryption key, from which the purpose subkeys are
/// derived (`subkey(_:)`). It encrypts nothing itself.
///
/// A type of its own so that the compiler refuses it where a KEK, a subkey or
/// a document key is expected, and the other way round. The bytes stay in
/// the `SecureBytes` (never copied out); SodiumKit's primitives are given
/// that storage through `secureBytes`.
struct MasterKey {
    static let byteCount = 32

    let secureBytes: SecureBytes

    /// Takes an unwrapped key; nil when it is not 32 bytes.
    init?(unwrapped bytes: SecureBytes) {
        guard bytes.count == Self.byteCount else { return nil }
        secureBytes = bytes
    }

    private init(_ bytes: SecureBytes) { secureBytes = bytes }

    /// A new random master key (a new vault, or a key rotation).
    static func random() throws -> MasterKey {
        MasterKey(try SecureBytes.random(count: byteCount))
    }

    /// The subkey for `purpose` (`crypto_kdf` with the purpose's context).
    func subkey(_ purpose: KeyPurpose) throws -> PurposeKey {
        PurposeKey(purpose: purpose, secureBytes: try SubkeyDerivation.derive(id: purpose.subkeyID, context: purpose.context, from: secureBytes))
    }

    func constantTimeEquals(_ other: MasterKey) -> Bool { secureBytes.constantTimeEquals(other.secureBytes) }
}
