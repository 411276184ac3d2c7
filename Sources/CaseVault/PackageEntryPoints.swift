import Foundation
import SodiumKit

/// Doors to internal parsers for the package's own tools (the fuzz targets
/// under Fuzz/), visible to this package only, never part of the library's
/// API or of the `casevault` binary's behaviour.
///
/// They hold no key: a fuzz target that reaches the record decoders passes
/// its own key and vault id (the fixed test keys live in the fuzz targets).
package enum PackageEntryPoints {
    /// `padded` as the authenticated plaintext of a code entry record
    /// (random bytes never authenticate, so the decoder is fed directly).
    package static func decodeCodeEntry(padded: [UInt8], key: SecureBytes, vaultID: [UInt8]) throws {
        _ = try RecordCipher(key: PurposeKey(purpose: .records, secureBytes: key), vaultID: vaultID).decode(CodeEntry.self, padded: padded, record: "fuzz")
    }

    /// `padded` as the authenticated plaintext of an identifier record.
    package static func decodeIdentifier(padded: [UInt8], key: SecureBytes, vaultID: [UInt8]) throws {
        _ = try RecordCipher(key: PurposeKey(purpose: .records, secureBytes: key), vaultID: vaultID).decode(Identifier.self, padded: padded, record: "fuzz")
    }

    /// `sealed` as a sealed code entry row: a 24-byte nonce, then the
    /// ciphertext (the AEAD path, as `vault.db` is read).
    package static func openCodeEntry(sealed: [UInt8], key: SecureBytes, vaultID: [UInt8]) throws {
        guard sealed.count >= 24 else { return }
        let row = EncryptedRow(id: "fuzz", nonce: Array(sealed.prefix(24)), ciphertext: Array(sealed.dropFirst(24)))
        _ = try RecordCipher(key: PurposeKey(purpose: .records, secureBytes: key), vaultID: vaultID).open(CodeEntry.self, row: row, table: RecordTable.codeEntry.rawValue)
    }

    /// `plain` as the authenticated plaintext of an inbox index bucket
    /// (InboxIndexBucket, the compact binary form), after unpadding.
    package static func decodeInboxIndexBucket(_ plain: [UInt8]) throws {
        _ = try InboxIndexBucket.decode(plain, bucket: "fuzz")
    }

    // MARK: - The inbox bench (Bench/InboxGenerator)

    /// Seconds to compute vault.db's state digest once (what every write
    /// and every unlock computes; O(rows)).
    package static func stateDigestSeconds(_ vault: Vault) throws -> Double {
        try vault.read { db in
            let t0 = Date()
            _ = try VaultState.digest(db)
            return Date().timeIntervalSince(t0)
        }
    }

    /// Seconds to read the inbox index from its buckets (the cached one
    /// dropped first), as the first listing after an unlock does.
    package static func inboxIndexLoadSeconds(_ vault: Vault) throws -> Double {
        vault.inboxIndexCache = nil
        let t0 = Date()
        _ = try vault.inbox.index()
        return Date().timeIntervalSince(t0)
    }

    /// Seconds to make the inbox index from the records (every share and pin
    /// decrypted), as after a restore or for a vault from before the index;
    /// nothing is written.
    package static func inboxIndexBuildSeconds(_ vault: Vault) throws -> Double {
        let tables = try vault.tables
        return try vault.read { db in
            let t0 = Date()
            _ = try InboxIndex.build(db, tables, counter: 0)
            return Date().timeIntervalSince(t0)
        }
    }
}
