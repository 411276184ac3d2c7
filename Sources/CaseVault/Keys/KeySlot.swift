import Foundation
import SodiumKit

/// The ways to unwrap the master key. Each is one row of `key_slot`.
public enum KeySlotKind: String, Sendable, CaseIterable, Codable {
    /// Argon2id of the passphrase.
    case passphrase
    /// The recovery key printed at init.
    case recovery
    /// A random secret kept in the desktop keyring.
    case keyring
}

/// Argon2id settings stored with a passphrase slot.
struct PassphraseKDF: Codable, Equatable {
    var algorithm: String
    var opsLimit: UInt64
    var memLimit: UInt64
    var salt: [UInt8]

    static let argon2id = "argon2id13"

    var parameters: Argon2id.Parameters { .init(opsLimit: opsLimit, memLimit: memLimit) }
}

/// The public half of a sealed slot (recovery key, keyring): stored in the
/// slot's `kdf` column as JSON, `{"algorithm": "casevault-x25519-v2", ...}`.
///
/// The slot's secret determines an X25519 key pair; the vault keeps only its
/// public key. That is what lets a passphrase change wrap a *new* master key
/// for the recovery key and the keyring without knowing either secret
/// (docs/design.md, "Key rotation").
struct SlotAgreement: Codable, Equatable {
    var algorithm: String
    /// The slot's X25519 public key (derived from the slot's KEK).
    var publicKey: [UInt8]
    /// The ephemeral X25519 public key of the last wrap.
    var ephemeral: [UInt8]

    static let x25519 = "casevault-x25519-v2"
}

/// One stored key slot: the master key wrapped under a key-encryption key (KEK).
///
/// Two ways to wrap:
/// - **direct** (the passphrase slot, and recovery/keyring slots made before
///   format 2): XChaCha20-Poly1305 under the KEK itself;
/// - **sealed** (recovery and keyring slots from format 2 on): the KEK
///   derives an X25519 key pair; the master key is sealed to its public key
///   with an ephemeral X25519 exchange, a BLAKE2b key derivation and
///   XChaCha20-Poly1305 (as age's X25519 recipient composes them). Anyone
///   holding the master key can wrap a new one to the stored public key;
///   only the secret's holder can open it.
///
/// `check` is a keyed BLAKE2b of a fixed string under the KEK. It lets an
/// unlock tell "wrong secret" (check differs) from "slot damaged" (check
/// matches but the wrapped key fails to authenticate). It gives an attacker
/// nothing the wrapped key does not already give: both test a guess. A
/// sealed slot keeps its check value across re-wraps (it depends only on
/// the KEK and the kind).
struct KeySlot: Equatable {
    var kind: KeySlotKind
    var kdf: PassphraseKDF?
    var agreement: SlotAgreement? = nil
    var check: [UInt8]
    var nonce: [UInt8]
    var wrapped: [UInt8]

    var isSealed: Bool { agreement != nil }

    static let checkMessage = Array("casevault key slot check v1".utf8)

    /// Wraps `masterKey` under `kek`.
    static func make(kind: KeySlotKind, kdf: PassphraseKDF?, kek: KeyEncryptionKey, masterKey: MasterKey, vaultID: [UInt8]) throws -> KeySlot {
        let sealed = try XChaCha20Poly1305.sealSecure(masterKey.secureBytes, associatedData: AssociatedData.keySlot(vaultID: vaultID, kind: kind), key: kek.secureBytes)
        let check = try BLAKE2b.mac(length: 16, key: kek.secureBytes, message: checkMessage + Array(kind.rawValue.utf8))
        return KeySlot(kind: kind, kdf: kdf, check: check, nonce: sealed.nonce, wrapped: sealed.ciphertext)
    }

    /// A sealed slot for a high-entropy secret's KEK (recovery key, keyring).
    static func makeSealed(kind: KeySlotKind, kek: KeyEncryptionKey, masterKey: MasterKey, vaultID: [UInt8]) throws -> KeySlot {
        let publicKey = try X25519.publicKey(secret: try agreementSecret(kek: kek))
        let check = try BLAKE2b.mac(length: 16, key: kek.secureBytes, message: checkMessage + Array(kind.rawValue.utf8))
        return try resealed(kind: kind, publicKey: publicKey, check: check, masterKey: masterKey, vaultID: vaultID)
    }

    /// This sealed slot wrapping another master key (a rotation): needs
    /// neither the slot's secret nor its KEK.
    func rewrapped(masterKey: MasterKey, vaultID: [UInt8]) throws -> KeySlot {
        guard let agreement else { preconditionFailure("only sealed slots can be re-wrapped without their secret") }
        return try Self.resealed(kind: kind, publicKey: agreement.publicKey, check: check, masterKey: masterKey, vaultID: vaultID)
    }

    private static func resealed(kind: KeySlotKind, publicKey: [UInt8], check: [UInt8], masterKey: MasterKey, vaultID: [UInt8]) throws -> KeySlot {
        let ephemeralSecret = try X25519.generateSecret()
        let ephemeral = try X25519.publicKey(secret: ephemeralSecret)
        let shared = try X25519.sharedSecret(secret: ephemeralSecret, publicKey: publicKey)
        let key = try wrapKey(shared: shared, ephemeral: ephemeral, publicKey: publicKey)
        let sealed = try XChaCha20Poly1305.sealSecure(masterKey.secureBytes, associatedData: AssociatedData.keySlot(vaultID: vaultID, kind: kind), key: key)
        return KeySlot(kind: kind, kdf: nil,
                       agreement: SlotAgreement(algorithm: SlotAgreement.x25519, publicKey: publicKey, ephemeral: ephemeral),
                       check: check, nonce: sealed.nonce, wrapped: sealed.ciphertext)
    }

    /// The slot's X25519 secret: a keyed BLAKE2b of a label under the KEK.
    static func agreementSecret(kek: KeyEncryptionKey) throws -> SecureBytes {
        try BLAKE2b.keyedHash(length: X25519.scalarBytes, key: kek.secureBytes, message: Array("casevault slot x25519 v2".utf8))
    }

    /// The wrapping key of one sealed wrap. The ephemeral and the slot's
    /// public keys are hashed in, so a wrap is bound to both ends of its
    /// exchange (as age binds them in its X25519 recipient).
    private static func wrapKey(shared: SecureBytes, ephemeral: [UInt8], publicKey: [UInt8]) throws -> SecureBytes {
        try BLAKE2b.keyedHash(length: XChaCha20Poly1305.keyBytes, key: shared,
                              message: Array("casevault slot wrap v2".utf8) + ephemeral + publicKey)
    }

    enum UnwrapFailure: Error { case wrongSecret, damaged }

    /// Unwraps the master key, or says whether the secret was wrong or the slot damaged.
    func unwrap(kek: KeyEncryptionKey, vaultID: [UInt8]) throws -> SecureBytes {
        let ad = AssociatedData.keySlot(vaultID: vaultID, kind: kind)
        var key = kek.secureBytes
        if let agreement {
            guard agreement.algorithm == SlotAgreement.x25519 else { throw UnwrapFailure.damaged }
            let secret = try Self.agreementSecret(kek: kek)
            // A different public key means a different secret: the check
            // value below tells wrong from damaged, as for direct slots.
            if try X25519.publicKey(secret: secret) == agreement.publicKey {
                do {
                    let shared = try X25519.sharedSecret(secret: secret, publicKey: agreement.ephemeral)
                    key = try Self.wrapKey(shared: shared, ephemeral: agreement.ephemeral, publicKey: agreement.publicKey)
                } catch {
                    throw UnwrapFailure.damaged
                }
            }
        }
        do {
            return try XChaCha20Poly1305.openSecure(.init(nonce: nonce, ciphertext: wrapped), associatedData: ad, key: key)
        } catch SodiumError.authenticationFailed {
            let expected = try BLAKE2b.mac(length: 16, key: kek.secureBytes, message: Self.checkMessage + Array(kind.rawValue.utf8))
            throw Bytes.constantTimeEquals(expected, check) ? UnwrapFailure.damaged : UnwrapFailure.wrongSecret
        } catch SodiumError.invalidLength {
            throw UnwrapFailure.damaged
        }
    }

    /// KEK for a high-entropy secret (recovery key, keyring secret): a keyed
    /// BLAKE2b with a per-kind label. Argon2id would add nothing for 160+ bits.
    static func kek(highEntropySecret secret: SecureBytes, kind: KeySlotKind) throws -> KeyEncryptionKey {
        KeyEncryptionKey(secureBytes: try BLAKE2b.keyedHash(length: 32, key: secret, message: Array("casevault \(kind.rawValue) slot kek v1".utf8)))
    }
}
