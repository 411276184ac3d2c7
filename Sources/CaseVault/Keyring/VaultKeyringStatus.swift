import KeyringKit

/// A vault's keyring status: the vault side, the service
/// side, and whether the two agree.
public struct VaultKeyringStatus: Sendable {
    /// The overall state, in words a person can act on.
    public enum State: String, Sendable {
        /// Slot and item present, and the item opens the slot.
        case enabled
        /// Slot and item present, but the item does not open the slot.
        case mismatch
        /// The vault has a slot but the keyring has no item.
        case itemMissing = "item-missing"
        /// The vault has a slot; the keyring could not be asked (see problem).
        case unavailable
        /// No slot, no item.
        case disabled
        /// No slot but an item: an interrupted enable or disable, or an
        /// unreachable keyring at disable. Harmless: it opens nothing.
        case leftoverItem = "leftover-item"
    }

    public let state: State
    /// The vault has a keyring slot.
    public let slot: Bool
    /// Bus, service and collection as KeyringKit saw them.
    public let service: KeyringStatus
    /// The item, when one was found.
    public let item: KeyringItem?
    /// Why the item could not be checked, when it could not.
    public let problem: KeyringError?

    /// A one-line explanation of `state`, in plain words (a front end that
    /// names its own commands says the step its own way: `state` and
    /// `problem` are all it needs).
    public var explanation: String {
        switch state {
        case .enabled: return "commands unlock the vault through the keyring while the keyring is unlocked"
        case .mismatch: return "the keyring item does not open this vault (restored from a backup, or the item changed); turn keyring unlock on again"
        case .itemMissing: return "the vault has a keyring slot but the keyring has no item for it; turn keyring unlock on again, or turn it off"
        case .unavailable: return "the vault has a keyring slot but the keyring cannot be used now: \(problem?.reason ?? "unknown"); commands fall back to the passphrase"
        case .disabled: return "commands ask for the passphrase; turning keyring unlock on stores an unlock secret in the keyring"
        case .leftoverItem: return "a keyring item is left from an interrupted enable or disable; it opens nothing; turning keyring unlock off removes it"
        }
    }
}

extension VaultKeyring {
    /// Looks at the vault's slot and the keyring's item without changing either.
    public func status(_ locked: LockedVault) -> VaultKeyringStatus {
        let slot = locked.hasSlot(.keyring)
        let serviceStatus = service.status()
        if let problem = serviceStatus.problem {
            return .init(state: slot ? .unavailable : .disabled, slot: slot, service: serviceStatus, item: nil, problem: problem)
        }
        let item: KeyringItem?
        do {
            // This location's item; with a slot, else any item of the vault
            // (older, or the vault moved or copied here), as unlock tries.
            // Without a slot only this location's item is a leftover: a
            // copy's item elsewhere is not this vault's to remove.
            let items = try service.search(schema: KeyringItemIdentity.schema,
                                           attributes: KeyringItemIdentity.attributes(vaultIDHex: locked.vaultIDHex))
            let own = items.filter { KeyringItemIdentity.belongs($0, vaultIDHex: locked.vaultIDHex, location: locked.location) }
            item = own.first ?? (slot ? items.first : nil)
        } catch {
            return .init(state: slot ? .unavailable : .disabled, slot: slot, service: serviceStatus, item: nil, problem: error)
        }
        guard let item else {
            // A locked collection hides nothing from a search in
            // gnome-keyring, but other services may: say "locked" then.
            if serviceStatus.collectionLocked == true && slot {
                return .init(state: .unavailable, slot: slot, service: serviceStatus, item: nil,
                             problem: .locked(collection: serviceStatus.collection ?? "default"))
            }
            return .init(state: slot ? .itemMissing : .disabled, slot: slot, service: serviceStatus, item: nil, problem: nil)
        }
        guard slot else {
            return .init(state: .leftoverItem, slot: false, service: serviceStatus, item: item, problem: nil)
        }
        // Check that the item really opens the slot (cheap: BLAKE2b and one
        // AEAD open, no Argon2id). The unlocked vault is dropped at once.
        do {
            _ = try unlock(locked)
            return .init(state: .enabled, slot: true, service: serviceStatus, item: item, problem: nil)
        } catch let e as CaseVaultError {
            if e == Self.mismatch {
                return .init(state: .mismatch, slot: true, service: serviceStatus, item: item, problem: nil)
            }
            if item.locked {
                return .init(state: .unavailable, slot: true, service: serviceStatus, item: item,
                             problem: .locked(collection: serviceStatus.collection ?? "default"))
            }
            return .init(state: .unavailable, slot: true, service: serviceStatus, item: item,
                         problem: .failed(detail: e.message))
        } catch {
            return .init(state: .unavailable, slot: true, service: serviceStatus, item: item,
                         problem: .failed(detail: "\(error)"))
        }
    }
}
