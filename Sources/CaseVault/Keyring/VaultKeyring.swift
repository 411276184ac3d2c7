import Foundation
import KeyringKit
import SodiumKit

/// Unlocking a vault through the desktop keyring (freedesktop Secret Service).
///
/// What is stored where:
/// - the keyring item holds a random 32-byte *unlock secret* (as hex text),
///   never the passphrase and never the master key;
/// - the vault's `keyring` key slot holds the master key wrapped
///   (XChaCha20-Poly1305, associated data = vault id + slot kind) under a KEK
///   derived from that secret with keyed BLAKE2b (`KeySlot.kek`).
/// So the item alone opens nothing (it needs vault.db's slot), and vault.db
/// alone opens nothing without the item or the passphrase. A 256-bit random
/// secret needs no slow KDF: it cannot be guessed.
///
/// Order of writes (docs/keyring.md, "Crash safety"): every step leaves the
/// passphrase slot untouched, so any interruption still unlocks with the
/// passphrase, and `status` names the in-between states.
/// - enable: (1) remove an old keyring slot, (2) store the new item,
///   (3) read it back, (4) add the slot. An interruption after (1) or (2)
///   leaves "item without slot": harmless, it opens nothing.
/// - disable: (1) remove the slot, (2) delete the item. An interruption, or
///   an unreachable keyring, leaves the same harmless "item without slot".
public struct VaultKeyring: Sendable {
    /// Bytes of the random unlock secret.
    public static let secretBytes = 32

    public let service: KeyringService

    public init(service: KeyringService = KeyringService()) {
        self.service = service
    }

    /// A keyring whose every call is bounded by `timeout` seconds.
    public init(timeout: Double) {
        self.service = KeyringService(timeout: timeout)
    }

    /// The default bound on one keyring call, in seconds.
    public static let defaultTimeout = KeyringService.defaultTimeout

    /// What `enable` stored.
    public struct Enabled: Sendable {
        public let label: String
        public let attributes: [String: String]
        public let collection: String
    }

    /// Stores a new unlock secret in the keyring and adds the vault's keyring slot.
    public func enable(_ vault: Vault) throws -> Enabled {
        // Check first, so that a keyring that cannot take the item changes
        // nothing in the vault (an existing keyring unlock keeps working).
        let state = service.status()
        if let problem = state.problem { throw problem.vaultError }
        guard state.collectionLocked == false, let collection = state.collection else {
            throw KeyringError.locked(collection: state.collection ?? "default").vaultError
        }
        let attributes = KeyringItemIdentity.attributes(vaultIDHex: vault.vaultIDHex, location: vault.location)
        let label = KeyringItemIdentity.label(vaultIDHex: vault.vaultIDHex, path: vault.location.path)
        if try vault.slotKinds().contains(.keyring) {
            try vault.removeSlot(.keyring)                                        // (1)
        }
        let secret = try SecureBytes.random(count: Self.secretBytes)
        do {
            try service.store(schema: KeyringItemIdentity.schema, label: label, attributes: attributes, secret: secret)  // (2)
            // (3) A service that accepts an item but cannot give it back
            // (a write-only or misbehaving backend) must not leave a slot
            // that nothing can open.
            let back = try service.lookup(schema: KeyringItemIdentity.schema, attributes: attributes)
            guard back.constantTimeEquals(secret) else {
                throw KeyringError.failed(detail: "the stored item reads back different")
            }
        } catch let e as KeyringError {
            throw e.vaultError
        }
        try vault.setSlot(.keyring, secret: secret)                                 // (4)
        // (5) An item stored by an older casevault for this location (no
        // `path`) opens nothing now: remove it. Best effort: a leftover is
        // harmless, and `disable` removes it too.
        _ = try? service.delete(schema: KeyringItemIdentity.schema, attributes: KeyringItemIdentity.attributes(vaultIDHex: vault.vaultIDHex)) {
            $0.attributes["path"] == nil && KeyringItemIdentity.belongs($0, vaultIDHex: vault.vaultIDHex, location: vault.location)
        }
        return Enabled(label: label, attributes: attributes, collection: collection)
    }

    /// What `disable` did.
    public struct Disabled: Sendable {
        /// The vault had a keyring slot and it was removed.
        public let slotRemoved: Bool
        /// An item was deleted from the keyring.
        public let itemRemoved: Bool
        /// Why the keyring item could not be deleted (the vault side is done).
        public let itemProblem: KeyringError?
    }

    /// Removes the vault's keyring slot, then the keyring item.
    ///
    /// Only this location's item is deleted (KeyringItemIdentity): a copy
    /// of the vault elsewhere (same vault id, same slot) keeps unlocking
    /// with its own. An item bound to a directory that holds no vault any
    /// more (the vault was moved) is deleted too: nothing can use it.
    ///
    /// The slot goes first: once it is gone the item opens nothing, so a
    /// keyring that cannot be reached does not stop `disable`; the problem
    /// is returned for the caller to report. With `touchKeyring` false only
    /// the slot is removed (`--no-keyring`).
    public func disable(_ vault: Vault, touchKeyring: Bool = true) throws -> Disabled {
        let hadSlot = try vault.slotKinds().contains(.keyring)
        if hadSlot { try vault.removeSlot(.keyring) }
        guard touchKeyring else { return Disabled(slotRemoved: hadSlot, itemRemoved: false, itemProblem: nil) }
        do {
            let id = vault.vaultIDHex, location = vault.location
            let removed = try service.delete(schema: KeyringItemIdentity.schema, attributes: KeyringItemIdentity.attributes(vaultIDHex: id)) { item in
                if KeyringItemIdentity.belongs(item, vaultIDHex: id, location: location) { return true }
                guard let path = item.attributes["path"] else { return false }
                return !FileManager.default.fileExists(atPath: VaultLocation(directory: URL(fileURLWithPath: path)).database.path)
            }
            return Disabled(slotRemoved: hadSlot, itemRemoved: removed > 0, itemProblem: nil)
        } catch {
            return Disabled(slotRemoved: hadSlot, itemRemoved: false, itemProblem: error)
        }
    }

    /// Unlocks with the keyring item, or throws `CaseVaultError.keyring`
    /// saying why not (the caller falls back to the passphrase).
    ///
    /// An item that is not 32 bytes of hex, or whose secret does not open the
    /// slot, is reported as "does not match this vault", never as a wrong
    /// passphrase.
    public func unlock(_ locked: LockedVault) throws -> Vault {
        guard locked.hasSlot(.keyring) else {
            throw CaseVaultError.keyring(reason: "keyring unlock is not enabled for this vault",
                                         suggestion: .enableKeyring)
        }
        let secret: SecureBytes
        do {
            secret = try lookup(vaultIDHex: locked.vaultIDHex, location: locked.location)
        } catch .malformedItem {
            throw Self.mismatch
        } catch {
            throw error.vaultError
        }
        guard secret.count == Self.secretBytes else { throw Self.mismatch }
        do {
            return try locked.unlock(slot: .keyring, secret: secret)
        } catch CaseVaultError.keyring {
            throw Self.mismatch
        }
    }

    /// The secret of this location's item; else of any item of this vault
    /// (an older item without `path`, or the vault was moved or copied here:
    /// the slot decides whether it opens).
    func lookup(vaultIDHex: String, location: VaultLocation) throws(KeyringError) -> SecureBytes {
        do {
            return try service.lookup(schema: KeyringItemIdentity.schema,
                                      attributes: KeyringItemIdentity.attributes(vaultIDHex: vaultIDHex, location: location))
        } catch .itemNotFound {
            return try service.lookup(schema: KeyringItemIdentity.schema, attributes: KeyringItemIdentity.attributes(vaultIDHex: vaultIDHex))
        }
    }

    static let mismatch = CaseVaultError.keyring(
        reason: "the keyring item does not match this vault (was the vault restored from a backup, or the item changed?)",
        suggestion: .unlockWithPassphraseThenEnableKeyring)
}
