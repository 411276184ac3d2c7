/// Errors raised by the libsodium layer. None of them carries secret data.
public enum SodiumError: Error, Equatable, Sendable {
    /// An authenticated decryption failed: wrong key, or the ciphertext, its
    /// nonce or its associated data changed.
    case authenticationFailed
    /// libsodium could not allocate (secure) memory.
    case outOfMemory
    /// A key derivation refused its parameters or ran out of memory.
    case keyDerivationFailed
    /// An input had the wrong length for the primitive.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// A public key was rejected (for example a low-order X25519 point).
    case invalidPublicKey
    /// A signature did not verify.
    case badSignature
    /// A lower-level failure that should not happen with valid inputs.
    case failed(String)
}
