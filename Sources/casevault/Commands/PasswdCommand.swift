import ArgumentParser
import CaseVault

/// `casevault passwd`: changes the passphrase without re-encrypting data.
struct PasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change the vault passphrase.",
        discussion: """
            The vault gets a new master key: every record is re-encrypted and every document key re-wrapped \
            (document files do not move), so the old passphrase opens nothing written after the change, even \
            with an old copy of the key slot. The recovery key and keyring unlock keep working. An interrupted \
            change leaves either the old or the new passphrase working.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("Read the new passphrase from the first line of FILE (- for standard input).", valueName: "file"))
    var newPassphraseFile: String?

    @Option(help: ArgumentHelp("Also change the Argon2id strength: interactive, moderate or sensitive.", valueName: "strength"))
    var kdf: KDFStrength?

    func validate() throws {
        if global.passphraseFile == "-" && newPassphraseFile == "-" {
            throw ValidationError("--passphrase-file and --new-passphrase-file cannot both read standard input")
        }
    }

    func run() throws {
        // The current passphrase is required even when the keyring could unlock:
        // changing it is a decision only its holder makes.
        let locked = try VaultAccess.openLocked(global)
        let current = try VaultAccess.readPassphrase(global, prompt: "Current passphrase: ")
        let vault = try locked.unlock(passphrase: current)
        let new = try VaultAccess.readNewPassphrase(file: newPassphraseFile)
        let change = try vault.changePassphrase(to: new, strength: kdf)
        try KeyChangeReport.print(change, vault: vault, global: global, done: "Passphrase changed.", jsonKey: "changed")
    }
}
