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

/// One stored key slot: the master key wrapped under a key-encryption key (KEK).
///
/// `check` is a keyed BLAKE2b of a fixed string under the KEK. It lets an
/// unlock tell "wrong secret" (check differs) from "slot damaged" (check
/// matches but the wrapped key fails to authenticate). It gives an attacker
/// nothing the wrapped key does not already give: both test a guess.
struct KeySlot: Equatable {
    var kind: KeySlotKind
    var kdf: PassphraseKDF?
    var check: [UInt8]
    var nonce: [UInt8]
    var wrapped: [UInt8]

    static let checkMessage = Array("casevault key slot check v1".utf8)

    /// Wraps `masterKey` under `kek`.
    static func make(kind: KeySlotKind, kdf: PassphraseKDF?, kek: SecureBytes, masterKey: SecureBytes, vaultID: [UInt8]) throws -> KeySlot {
        let sealed = try XChaCha20Poly1305.sealSecure(masterKey, associatedData: AssociatedData.keySlot(vaultID: vaultID, kind: kind), key: kek)
        let check = try BLAKE2b.mac(length: 16, key: kek, message: checkMessage + Array(kind.rawValue.utf8))
        return KeySlot(kind: kind, kdf: kdf, check: check, nonce: sealed.nonce, wrapped: sealed.ciphertext)
    }

    enum UnwrapFailure: Error { case wrongSecret, damaged }

    /// Unwraps the master key, or says whether the secret was wrong or the slot damaged.
    func unwrap(kek: SecureBytes, vaultID: [UInt8]) throws -> SecureBytes {
        let ad = AssociatedData.keySlot(vaultID: vaultID, kind: kind)
        do {
            return try XChaCha20Poly1305.openSecure(.init(nonce: nonce, ciphertext: wrapped), associatedData: ad, key: kek)
        } catch SodiumError.authenticationFailed {
            let expected = try BLAKE2b.mac(length: 16, key: kek, message: Self.checkMessage + Array(kind.rawValue.utf8))
            throw Bytes.constantTimeEquals(expected, check) ? UnwrapFailure.damaged : UnwrapFailure.wrongSecret
        } catch SodiumError.invalidLength {
            throw UnwrapFailure.damaged
        }
    }

    /// KEK for a high-entropy secret (recovery key, keyring secret): a keyed
    /// BLAKE2b with a per-kind label. Argon2id would add nothing for 160+ bits.
    static func kek(highEntropySecret secret: SecureBytes, kind: KeySlotKind) throws -> SecureBytes {
        try BLAKE2b.keyedHash(length: 32, key: secret, message: Array("casevault \(kind.rawValue) slot kek v1".utf8))
    }
}
