import ArgumentParser

/// `casevault keyring`: placeholder until its issue lands; it has no subcommands yet.
struct KeyringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyring",
        abstract: "Unlock the vault through the desktop keyring.",
        subcommands: []
    )
}
