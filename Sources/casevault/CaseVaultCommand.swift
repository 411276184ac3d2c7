import ArgumentParser

/// The root command: `casevault`.
struct CaseVaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casevault",
        abstract: "An end-to-end encrypted vault for immigration backup codes, case numbers and document scans.",
        discussion: "Start with `casevault init`; `casevault` alone explains and offers it. Exit codes are listed in docs/cli.md.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, StatusCommand.self, CheckCommand.self, PasswdCommand.self, RecoverCommand.self,
            CodeCommand.self, IdCommand.self, DocCommand.self, EmergencyCommand.self, KitCommand.self, KeyringCommand.self, AgeCommand.self, ShamirCommand.self, RecoveryCommand.self,
            IdentityCommand.self, RepCommand.self, ExportCommand.self, ShareCommand.self,
            BackupCommand.self, RestoreCommand.self, AcceptOlderCommand.self,
            AppCommand.self, RemindCommand.self, HelpExitCodesCommand.self,
        ]
    )

    /// No command given: explain, and offer `init` when there is no vault (FirstRun).
    func run() throws {
        try FirstRun.run()
    }
}
