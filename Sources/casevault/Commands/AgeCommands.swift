import ArgumentParser

/// `casevault age`: placeholder until its issue lands; it has no subcommands yet.
struct AgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "age",
        abstract: "Encrypt and decrypt age files (age-encryption.org/v1).",
        subcommands: []
    )
}
