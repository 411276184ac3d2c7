import AgeKit
import Foundation
import GRDB
import SodiumKit

/// The two private keys of shares, kept in vault.db `share_secret`:
/// - the representative's age X25519 identity (`age-identity`), which opens
///   shares sent to this vault;
/// - the applicant's Ed25519 signing seed (`signing-seed`), which signs the
///   manifest of every share this vault exports.
///
/// - earlier age identities (`retired-age-identity-<random id>`), kept when
///   `identity new --replace` made a new one, so that shares sent to them
///   still open.
///
/// Each is sealed straight from secure memory (`sealSecure`, no JSON, no
/// String) under the shares subkey, with associated data binding it to this
/// vault, the table and its row name: a secret moved to the other row, or
/// into another vault, does not open.
public struct ShareKeys {
    let vault: Vault
    static let table = RecordTable.shareSecret
    static let identityRow = "age-identity"
    static let signingRow = "signing-seed"
    static let profileRow = "me"
    static let retiredPrefix = "retired-age-identity-"

    /// The vault's age identity, or nil if `identity new` was never run.
    public func ageIdentity() throws -> X25519Identity? {
        try secret(Self.identityRow).map { try X25519Identity(secretKey: $0) }
    }

    /// Earlier identities, replaced by `identity new --replace` and kept so
    /// that shares sent to them still open; oldest first.
    /// With `skippingDamaged`, one that does not authenticate is left out
    /// (`check` reports it as its row) instead of failing the whole list.
    public func retiredAgeIdentities(skippingDamaged: Bool = false) throws -> [X25519Identity] {
        try vault.migrateShares()
        let ids = try vault.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM \(Self.table.rawValue) WHERE id LIKE ? ORDER BY rowid", arguments: [Self.retiredPrefix + "%"])
        }
        return try ids.compactMap { id in
            do {
                return try secret(id).map { try X25519Identity(secretKey: $0) }
            } catch CaseVaultError.integrity where skippingDamaged {
                return nil
            }
        }
    }

    /// Every identity that opens shares sent to this vault: the current one
    /// first, then the retired ones. What `share open`, `import` and
    /// `extract` try, so a share opens with the identity it was sent to.
    public func ageIdentities() throws -> [X25519Identity] {
        try (ageIdentity().map { [$0] } ?? []) + retiredAgeIdentities()
    }

    /// Creates the age identity. Refuses to replace one unless `replace`.
    /// A replaced identity is not dropped: it is re-sealed under a retired
    /// row in the same transaction, so shares already sent to it (the inbox,
    /// files still on their way) keep opening.
    public func createAgeIdentity(replace: Bool) throws -> X25519Identity {
        let secretKey = try X25519.generateSecret()
        let identity = try X25519Identity(secretKey: secretKey)
        try vault.migrateShares()
        let row = try seal(secretKey, row: Self.identityRow)
        try vault.write { db in
            if let current = try Self.table.fetch(db, id: Self.identityRow) {
                guard replace else { throw CaseVaultError.alreadyExists(what: "age identity", name: "this vault's") }
                let retiredRow = Self.retiredPrefix + RecordCipher.newID()
                try Self.table.insert(db, try seal(try open(current, row: Self.identityRow), row: retiredRow))
                try Self.table.update(db, row)
            } else {
                try Self.table.insert(db, row)
            }
        }
        return identity
    }

    /// The signing key, or nil if none was made yet.
    public func signingKey() throws -> Ed25519SigningKey? {
        try secret(Self.signingRow).map { try Ed25519SigningKey(seed: $0) }
    }

    /// The signing key, made now if this vault has none (first export or
    /// `identity show`). Two processes racing both see the same key: the
    /// insert happens in an immediate transaction that checks first.
    public func signingKeyCreatingIfNeeded() throws -> Ed25519SigningKey {
        if let k = try signingKey() { return k }
        try vault.migrateShares()
        let seed = try Ed25519SigningKey.generateSeed()
        let row = try seal(seed, row: Self.signingRow)
        try vault.write { db in
            if try Self.table.fetch(db, id: Self.signingRow) == nil { try Self.table.insert(db, row) }
        }
        guard let k = try signingKey() else { throw CaseVaultError.notFound(what: "signing key", name: "this vault's") }
        return k
    }

    /// The name this vault signs shares with (what the representative sees).
    public func senderName() throws -> String? {
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        return try vault.read { db in
            try RecordTable.shareProfile.fetch(db, id: Self.profileRow).map {
                try cipher.open(Profile.self, row: $0, table: RecordTable.shareProfile.rawValue).name
            }
        }
    }

    /// Sets the sender name.
    public func setSenderName(_ name: String) throws {
        let name = try VaultText.name(name, field: "sender name")
        try vault.migrateShares()
        let row = try vault.sharesCipher.seal(Profile(name: name), table: RecordTable.shareProfile.rawValue, id: Self.profileRow)
        try vault.write { db in
            if try RecordTable.shareProfile.fetch(db, id: Self.profileRow) != nil {
                try RecordTable.shareProfile.update(db, row)
            } else {
                try RecordTable.shareProfile.insert(db, row)
            }
        }
    }

    struct Profile: Codable { var name: String }

    private func seal(_ secret: SecureBytes, row: String) throws -> EncryptedRow {
        let sealed = try XChaCha20Poly1305.sealSecure(secret, associatedData: ad(row), key: try vault.subkey(for: .shares))
        return EncryptedRow(id: row, nonce: sealed.nonce, ciphertext: sealed.ciphertext)
    }

    private func secret(_ row: String) throws -> SecureBytes? {
        try vault.migrateShares()
        guard let r = try vault.read({ try Self.table.fetch($0, id: row) }) else { return nil }
        return try open(r, row: row)
    }

    private func open(_ r: EncryptedRow, row: String) throws -> SecureBytes {
        do {
            let s = try XChaCha20Poly1305.openSecure(.init(nonce: r.nonce, ciphertext: r.ciphertext), associatedData: ad(row),
                                                     key: try vault.subkey(for: .shares))
            guard s.count == 32 else { throw SodiumError.authenticationFailed }
            return s
        } catch {
            throw CaseVaultError.integrity(record: "\(Self.table.rawValue)/\(row)", detail: "the sealed key does not authenticate (changed, damaged, or moved)")
        }
    }

    private func ad(_ row: String) -> [UInt8] {
        AssociatedData.record(vaultID: vault.vaultID, table: Self.table.rawValue, id: row)
    }
}
