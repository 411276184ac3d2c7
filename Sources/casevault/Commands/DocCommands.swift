import ArgumentParser

/// `casevault doc`: placeholder until its issue lands; it has no subcommands yet.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Document scans, stored apart from codes.",
        subcommands: []
    )
}
