import CaseVault
import SodiumKit
import SystemKit

/// Gets an unlocked vault for a command: the only unlock path of the CLI.
///
/// Order: the keyring (when the vault has a keyring slot and --no-keyring is
/// not given), then --passphrase-file, then a prompt on the terminal. Without
/// any of them the command fails with `passphraseUnavailable`.
enum VaultAccess {
    static func location(_ o: GlobalOptions) -> VaultLocation {
        VaultLocation.resolve(explicit: o.vault)
    }

    static func openLocked(_ o: GlobalOptions) throws -> LockedVault {
        try LockedVault.open(location(o))
    }

    static func unlock(_ o: GlobalOptions) throws -> Vault {
        try unlockReporting(o).vault
    }

    static func unlock(_ locked: LockedVault, _ o: GlobalOptions) throws -> Vault {
        try unlockReporting(locked, o).vault
    }

    /// How a vault was unlocked (emergency says so on its screen).
    enum UnlockMethod: String, Encodable {
        case keyring
        case passphrase
    }

    /// Unlocks and says how. `noKeyringNote`, when given, is printed on stderr
    /// if the vault has no keyring slot (emergency: where the keyring would
    /// have spared typing a passphrase).
    static func unlockReporting(_ o: GlobalOptions, noKeyringNote: String? = nil) throws -> (vault: Vault, method: UnlockMethod) {
        try unlockReporting(try openLocked(o), o, noKeyringNote: noKeyringNote)
    }

    static func unlockReporting(_ locked: LockedVault, _ o: GlobalOptions, noKeyringNote: String? = nil) throws -> (vault: Vault, method: UnlockMethod) {
        if !o.noKeyring && !locked.hasSlot(.keyring), let note = noKeyringNote {
            Output.err(note)
        }
        if !o.noKeyring && locked.hasSlot(.keyring) {
            do {
                return (try KeyringSettings.vaultKeyring().unlock(locked), .keyring)
            } catch let e as CaseVaultError {
                // One line saying why, then the passphrase; or, with no way
                // to get a passphrase, one error that says both.
                guard o.passphraseFile != nil || SecretInput.hasTerminal else {
                    throw CLIError(
                        message: "keyring: \(e.keyringReason); cannot fall back to the passphrase: no terminal and no --passphrase-file",
                        hint: "\(e.hint); or pass --passphrase-file FILE", exit: ExitCode(.keyring))
                }
                Output.err("keyring: \(e.keyringReason); falling back to the passphrase")
            }
        }
        return (try unlockWithPassphrase(locked, o), .passphrase)
    }

    /// The passphrase path alone (keyring enable must prove the passphrase).
    static func unlockWithPassphrase(_ locked: LockedVault, _ o: GlobalOptions) throws -> Vault {
        let passphrase = try readPassphrase(o, prompt: "Passphrase for \(locked.location.path): ")
        return try locked.unlock(passphrase: passphrase)
    }

    /// The passphrase from --passphrase-file, else from the terminal with echo off.
    static func readPassphrase(_ o: GlobalOptions, prompt: String) throws -> SecureBytes {
        if let f = o.passphraseFile { return try SecretInput.readFirstLine(path: f) }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.passphraseUnavailable(reason: "standard input is not a terminal and no --passphrase-file was given")
        }
        return try SecretInput.prompt(prompt)
    }

    /// The recovery key as typed: the first line of `file` (--recovery-key-file),
    /// else from the terminal with echo off after `prompt`.
    static func readRecoveryKey(_ file: String?, prompt: String = "Recovery key: ") throws -> SecureBytes {
        if let file { return try SecretInput.readFirstLine(path: file) }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.passphraseUnavailable(reason: "no terminal to type the recovery key on; pass --recovery-key-file FILE")
        }
        return try SecretInput.prompt(prompt)
    }

    /// A new passphrase: from `file`, else typed twice on the terminal.
    static func readNewPassphrase(file: String?, what: String = "New passphrase") throws -> SecureBytes {
        if let file { return try SecretInput.readFirstLine(path: file) }
        guard SecretInput.hasTerminal else {
            throw CaseVaultError.passphraseUnavailable(reason: "no terminal to type a new passphrase on; pass it with a file option")
        }
        SecretInput.tell("Choose a passphrase of at least \(PassphrasePolicy.minimumBytes) characters (four or five random words work well).\n")
        let first = try SecretInput.prompt("\(what): ")
        try PassphrasePolicy.check(first)
        let second = try SecretInput.prompt("Type it again: ")
        guard first.constantTimeEquals(second) else {
            throw CaseVaultError.weakPassphrase(reason: "the two entries differ")
        }
        return first
    }
}
