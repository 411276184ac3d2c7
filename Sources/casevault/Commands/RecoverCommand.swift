import ArgumentParser
import CaseVault
import SodiumKit
import SystemKit

/// `casevault recover`: sets a new passphrase with the recovery key.
struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Set a new passphrase using the recovery key.",
        discussion: """
            The recovery key you type is then used up: the vault gets a new master key and a new recovery key, \
            shown once. Write the new one down; the old one opens nothing any more.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("recovery-key-file"), help: ArgumentHelp("Read the recovery key from the first line of FILE (- for standard input).", valueName: "file"))
    var recoveryKeyFile: String?

    @Option(name: .customLong("new-passphrase-file"), help: ArgumentHelp("Read the new passphrase from the first line of FILE (- for standard input).", valueName: "file"))
    var newPassphraseFile: String?

    func validate() throws {
        if recoveryKeyFile == "-" && newPassphraseFile == "-" {
            throw ValidationError("--recovery-key-file and --new-passphrase-file cannot both read standard input")
        }
    }

    func run() throws {
        let locked = try VaultAccess.openLocked(global)
        let typed = try VaultAccess.readRecoveryKey(recoveryKeyFile)
        let vault = try locked.unlock(recoveryKey: try RecoveryKey.parse(typed))
        let new = try VaultAccess.readNewPassphrase(file: newPassphraseFile)
        let change = try vault.changePassphrase(to: new, replaceRecoveryKey: true)
        try KeyChangeReport.print(change, vault: vault, global: global, done: "New passphrase set.", jsonKey: "recovered")
    }
}
