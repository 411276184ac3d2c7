import AgeKit
import Foundation
import GRDB
import SodiumKit

/// The two private keys of shares, kept in vault.db `share_secret`:
/// - the representative's age identity (`age-identity`), which opens
///   shares sent to this vault: post-quantum (ML-KEM-768 + X25519) since
///   issue 18, X25519 before;
/// - the applicant's Ed25519 signing seed (`signing-seed`), which signs the
///   manifest of every share this vault exports.
///
/// - earlier age identities (`retired-age-identity-<random id>`), kept when
///   `identity new --replace` made a new one, so that shares sent to them
///   still open.
///
/// An identity row holds either the 32-byte X25519 scalar (rows written
/// before post-quantum identities; still read as such) or the identity's
/// own text, `AGE-SECRET-KEY-PQ-1…`, which names its type: a kind byte of
/// our own would be one more format to get right. Both stay in secure memory.
///
/// Each is sealed straight from secure memory (`sealSecure`, no JSON, no
/// String) under the shares subkey, with associated data binding it to this
/// vault, the table and its row name: a secret moved to the other row, or
/// into another vault, does not open.
public struct ShareKeys {
    let vault: Vault
    static let identityRow = "age-identity"
    static let signingRow = "signing-seed"
    static let profileRow = "me"
    static let retiredPrefix = "retired-age-identity-"

    /// The vault's age identity, or nil if `identity new` was never run.
    public func ageIdentity() throws -> (any AgeSecretKeyIdentity)? {
        try secret(Self.identityRow).map { try Self.identity(from: $0) }
    }

    /// An identity from its stored secret: 32 bytes are a classic X25519
    /// scalar (the only kind before issue 18), anything else the identity's text.
    static func identity(from secret: SecureBytes) throws -> any AgeSecretKeyIdentity {
        if secret.count == X25519.scalarBytes { return try X25519Identity(secretKey: secret) }
        return try AgePublicKeys.parseIdentity(secret)
    }

    /// Earlier identities, replaced by `identity new --replace` and kept so
    /// that shares sent to them still open; oldest first.
    /// With `skippingDamaged`, one that does not authenticate is left out
    /// (`check` reports it as its row) instead of failing the whole list.
    public func retiredAgeIdentities(skippingDamaged: Bool = false) throws -> [any AgeSecretKeyIdentity] {
        try vault.migrateShares()
        let ids = try vault.tables.shareSecrets.ids(prefix: Self.retiredPrefix)
        return try ids.compactMap { id in
            do {
                return try secret(id).map { try Self.identity(from: $0) }
            } catch CaseVaultError.integrity where skippingDamaged {
                return nil
            }
        }
    }

    /// Every identity that opens shares sent to this vault: the current one
    /// first, then the retired ones. What `share open`, `import` and
    /// `extract` try, so a share opens with the identity it was sent to.
    public func ageIdentities() throws -> [any AgeSecretKeyIdentity] {
        try (ageIdentity().map { [$0] } ?? []) + retiredAgeIdentities()
    }

    /// Creates the age identity: post-quantum unless `postQuantum` is false
    /// (`identity new --classic`). Refuses to replace one unless `replace`.
    /// A replaced identity is not dropped: it is re-sealed under a retired
    /// row in the same transaction, so shares already sent to it (the inbox,
    /// files still on their way) keep opening.
    public func createAgeIdentity(replace: Bool, postQuantum: Bool = true) throws -> any AgeSecretKeyIdentity {
        let identity: any AgeSecretKeyIdentity
        let secretKey: SecureBytes
        if postQuantum {
            identity = try MLKEMX25519Identity.generate()
            secretKey = try identity.encoded()
        } else {
            secretKey = try X25519.generateSecret()
            identity = try X25519Identity(secretKey: secretKey)
        }
        try vault.migrateShares()
        let secrets = try vault.tables.shareSecrets
        let row = try secrets.seal(secretKey, id: Self.identityRow)
        try vault.write { db in
            if let current = try secrets.find(db, id: Self.identityRow) {
                guard replace else { throw CaseVaultError.alreadyExists(what: "age identity", name: "this vault's") }
                let retiredRow = Self.retiredPrefix + RecordCipher.newID()
                try secrets.insert(db, try secrets.seal(current, id: retiredRow))
                try secrets.update(db, row)
            } else {
                try secrets.insert(db, row)
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
        let secrets = try vault.tables.shareSecrets
        let row = try secrets.seal(seed, id: Self.signingRow)
        try vault.write { db in
            if try RecordTable.shareSecret.fetch(db, id: Self.signingRow) == nil { try secrets.insert(db, row) }
        }
        guard let k = try signingKey() else { throw CaseVaultError.notFound(what: "signing key", name: "this vault's") }
        return k
    }

    /// The name this vault signs shares with (what the representative sees).
    public func senderName() throws -> String? {
        try vault.migrateShares()
        return try vault.tables.shareProfiles.find(id: Self.profileRow)?.name
    }

    /// Sets the sender name.
    public func setSenderName(_ name: String) throws {
        let name = try VaultText.name(name, field: "sender name")
        try vault.migrateShares()
        let profiles = try vault.tables.shareProfiles
        try vault.write { db in try profiles.save(db, Profile(name: name), id: Self.profileRow) }
    }

    struct Profile: Codable { var name: String }

    private func secret(_ row: String) throws -> SecureBytes? {
        try vault.migrateShares()
        return try vault.tables.shareSecrets.find(id: row)
    }
}
