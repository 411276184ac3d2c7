import SodiumKit

/// A key-encryption key: what a key slot wraps the master key under. Made
/// from the passphrase (Argon2id), the recovery key or the keyring secret
/// (keyed BLAKE2b, `KeySlot.kek`); used for nothing else.
struct KeyEncryptionKey {
    let secureBytes: SecureBytes

    /// The passphrase's KEK: Argon2id with the slot's parameters.
    static func passphrase(_ passphrase: SecureBytes, salt: [UInt8], parameters: Argon2id.Parameters) throws -> KeyEncryptionKey {
        KeyEncryptionKey(secureBytes: try Argon2id.deriveKey(length: 32, passphrase: passphrase, salt: salt, parameters: parameters))
    }
}
