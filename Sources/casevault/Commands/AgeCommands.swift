import AgeKit
import ArgumentParser

/// `casevault age`: the age v1 file format on its own, for any age file.
///
/// These commands work on files only and never open the vault: their
/// `--passphrase-file` is the age passphrase, not the vault's.
struct AgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "age",
        abstract: "Encrypt and decrypt age files (age-encryption.org/v1).",
        discussion: "Files work with the stock `age` tool both ways. These commands never open the vault.",
        subcommands: [AgeKeygenCommand.self, AgeEncryptCommand.self, AgeDecryptCommand.self]
    )
}
