import ArgumentParser
import Foundation
import CaseVault
import SodiumKit

/// `casevault init`: creates a vault and prints its recovery key once.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new vault.",
        discussion: """
            Asks for a passphrase (or reads --passphrase-file), creates the vault directory (0700) \
            and prints the recovery key once. On a terminal (without --passphrase-file or --json) it walks \
            through the passphrase, the recovery key (type back its last group), the keyring and the \
            USCIS backup code. Write the recovery key on paper: it is the only way \
            back in if the passphrase is forgotten. init never touches an existing vault.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Argon2id strength: interactive, moderate (default) or sensitive.", valueName: "strength"))
    var kdf: KDFStrength = .moderate

    func run() throws {
        let location = VaultAccess.location(global)
        try Vault.refuseOccupied(location)
        if InitWalkthrough.applies(global) {
            // A person at a terminal: talk them through (InitWalkthrough).
            return try InitWalkthrough(location: location, kdf: kdf, useKeyring: !global.noKeyring).run()
        }
        let passphrase = try VaultAccess.readNewPassphrase(file: global.passphraseFile, what: "Passphrase")
        let (vault, recovery) = try Vault.create(at: location, passphrase: passphrase, strength: kdf)
        let key = try recovery.formatted()
        if global.json {
            Output.json(InitResult(vault: location.path, vaultId: vault.vaultIDHex, kdf: kdf.rawValue, recoveryKey: key.revealUTF8()))
            return
        }
        Output.line("Created a vault at \(location.path)")
        Output.line("")
        Output.line("Recovery key (shown only now; write it on paper and keep it apart from this computer):")
        Output.line("")
        Output.line("    \(key.revealUTF8())")
        Output.line("")
        Output.line("With it, `casevault recover` sets a new passphrase if you forget yours.")
        Output.line("Next: `casevault code add uscis` to store your USCIS backup code.")
    }

    struct InitResult: Encodable {
        let vault: String
        let vaultId: String
        let kdf: String
        let recoveryKey: String
    }
}

extension KDFStrength: ExpressibleByArgument {}

