import ArgumentParser
import CaseVault

/// `casevault keyring`: unlock the vault through the desktop keyring.
struct KeyringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyring",
        abstract: "Unlock the vault through the desktop keyring (GNOME Keyring, KWallet, KeePassXC).",
        discussion: """
            `keyring enable` stores a random unlock secret (never the passphrase) in your default \
            keyring; from then on commands unlock without asking while the keyring is unlocked. \
            When the keyring cannot be used, commands say why in one line and ask for the passphrase. \
            --no-keyring on any command skips the keyring. See docs/keyring.md.
            """,
        subcommands: [KeyringEnable.self, KeyringDisable.self, KeyringStatusCommand.self])
}

struct KeyringEnable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Store an unlock secret in the keyring (asks for the passphrase once).",
        discussion: """
            Running it again replaces the secret: do that after restoring the vault from a backup.
            """)

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if global.noKeyring { throw ValidationError("`keyring enable` uses the keyring; drop --no-keyring") }
    }

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        // The passphrase, not the keyring: enabling must prove the passphrase.
        let vault = try VaultAccess.unlockWithPassphrase(locked, global)
        let done = try KeyringSettings.vaultKeyring().enable(vault)
        if global.json {
            Output.json(Result(enabled: true, vaultId: vault.vaultIDHex, collection: done.collection,
                               label: done.label, attributes: done.attributes))
            return
        }
        Output.line("Keyring unlock enabled for \(vault.location.path).")
        Output.line("Stored '\(done.label)' in the keyring collection '\(done.collection)'.")
        Output.line("Commands now unlock without the passphrase while that keyring is unlocked.")
    }

    struct Result: Encodable {
        let enabled: Bool
        let vaultId: String
        let collection: String
        let label: String
        let attributes: [String: String]
    }
}

struct KeyringDisable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Remove the vault's keyring slot and the keyring item.",
        discussion: "With --no-keyring only the vault's slot is removed and the keyring is not contacted.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let done = try KeyringSettings.vaultKeyring().disable(vault, touchKeyring: !global.noKeyring)
        if let problem = done.itemProblem {
            Output.warn("the keyring item could not be removed: \(problem.reason); it opens nothing without the vault's slot. "
                        + "Run `casevault keyring disable` again later, or `secret-tool clear application casevault vault \(vault.vaultIDHex) path \(KeyringItemIdentity.boundPath(vault.location))`")
        }
        if global.json {
            Output.json(Result(enabled: false, vaultId: vault.vaultIDHex, slotRemoved: done.slotRemoved,
                               itemRemoved: done.itemRemoved, itemProblem: done.itemProblem?.reason))
            return
        }
        if !done.slotRemoved && !done.itemRemoved {
            Output.line("Keyring unlock was not enabled for \(vault.location.path); nothing to remove.")
        } else {
            Output.line("Keyring unlock disabled for \(vault.location.path)"
                        + (done.itemRemoved ? "; the keyring item was removed." : "."))
        }
        Output.line("Commands now ask for the passphrase.")
    }

    struct Result: Encodable {
        let enabled: Bool
        let vaultId: String
        let slotRemoved: Bool
        let itemRemoved: Bool
        let itemProblem: String?
    }
}

struct KeyringStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether keyring unlock is enabled and whether the keyring answers (never asks for the passphrase).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        if global.noKeyring {
            let r = Result(vault: locked.location.path, vaultId: locked.vaultIDHex, state: "not-checked",
                           explanation: "--no-keyring: the keyring was not contacted",
                           slot: locked.hasSlot(.keyring), sessionBus: nil, secretService: nil,
                           collection: nil, collectionLocked: nil, item: nil, problem: nil, problemCode: nil)
            return print(r)
        }
        let s = KeyringSettings.vaultKeyring().status(locked)
        let r = Result(vault: locked.location.path, vaultId: locked.vaultIDHex, state: s.state.rawValue,
                       explanation: s.cliExplanation, slot: s.slot,
                       sessionBus: s.service.busReachable, secretService: s.service.serviceAnswers,
                       collection: s.service.collection, collectionLocked: s.service.collectionLocked,
                       item: s.item.map { .init(label: $0.label, attributes: $0.attributes, locked: $0.locked) },
                       problem: s.problem?.reason, problemCode: s.problem?.code)
        print(r)
    }

    private func print(_ r: Result) {
        if global.json { Output.json(r); return }
        Output.line("Vault:           \(r.vault)")
        Output.line("Keyring unlock:  \(r.state): \(r.explanation)")
        Output.line("Vault slot:      \(r.slot ? "present" : "absent")")
        Output.line("Session bus:     \(r.sessionBus.map { $0 ? "reachable" : "not reachable" } ?? "not checked")")
        Output.line("Secret Service:  \(r.secretService.map { $0 ? "answers" : "does not answer" } ?? "not checked")")
        let lockText = r.collectionLocked.map { $0 ? "locked" : "unlocked" } ?? "unknown"
        Output.line("Collection:      \(r.collection.map { "\($0) (\(lockText))" } ?? lockText)")
        Output.line("Keyring item:    \(r.item.map { "'\($0.label)'\($0.locked ? " (locked)" : "")" } ?? "none found")")
        if let p = r.problem { Output.line("Problem:         \(p)") }
    }

    struct Result: Encodable {
        struct Item: Encodable { let label: String; let attributes: [String: String]; let locked: Bool }
        let vault: String
        let vaultId: String
        let state: String
        let explanation: String
        let slot: Bool
        let sessionBus: Bool?
        let secretService: Bool?
        let collection: String?
        let collectionLocked: Bool?
        let item: Item?
        let problem: String?
        let problemCode: String?
    }
}
