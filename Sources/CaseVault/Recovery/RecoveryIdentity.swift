import AgeKit
import SodiumKit

/// The age identity that opens the emergency copy, derived from the secret
/// the trusted people's SLIP-0039 shares give back (docs/recovery.md).
///
/// `X25519 secret key = HKDF-SHA-256(IKM = master secret (16 or 32 bytes),
/// salt = "casevault recovery identity v1", info = "age X25519 identity", 32)`.
/// The vault keeps only the identity's recipient, so it can re-make the copy
/// (`refresh`) without the secret, and only k shares together open it.
///
/// One function on purpose: post-quantum age identities are being added on
/// another branch, and the emergency copy's identity type is switched here.
public enum RecoveryIdentity {
    static let salt = Array("casevault recovery identity v1".utf8)
    static let info = Array("age X25519 identity".utf8)

    /// The identity for `masterSecret`.
    public static func derive(from masterSecret: SecureBytes) throws -> X25519Identity {
        let key = try HKDF.deriveKey(ikm: masterSecret, salt: salt, info: info, length: 32)
        return try X25519Identity(secretKey: key)
    }
}
