import AgeKit
import SodiumKit

/// The age identity that opens the emergency copy, derived from the secret
/// the trusted people's SLIP-0039 shares give back (docs/recovery.md).
///
/// `seed = HKDF-SHA-256(IKM = master secret (16 or 32 bytes),
/// salt = "casevault recovery identity v1", info = "age mlkem768x25519 identity", 32)`,
/// the 32-byte seed of a post-quantum age identity (`mlkem768x25519`:
/// ML-KEM-768 with X25519, as `identity new` makes by default), so the copy
/// stays sealed against a later quantum computer, as shares do.
/// The vault keeps only the identity's recipient, so it can re-make the copy
/// (`refresh`) without the secret, and only k shares together open it.
///
/// One function on purpose: the copy's identity type is decided here only.
public enum RecoveryIdentity {
    static let salt = Array("casevault recovery identity v1".utf8)
    static let info = Array("age mlkem768x25519 identity".utf8)

    /// The identity for `masterSecret`.
    public static func derive(from masterSecret: SecureBytes) throws -> MLKEMX25519Identity {
        let seed = try HKDF.deriveKey(ikm: masterSecret, salt: salt, info: info, length: 32)
        return try MLKEMX25519Identity(seed: seed)
    }
}
