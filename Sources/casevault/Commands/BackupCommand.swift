import ArgumentParser
import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// `casevault backup -o FILE`: the whole vault as one age file.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole vault (codes with history, identifiers, documents, representatives, keys, pins, inbox) as one age file.",
        discussion: """
            The file is sealed with a passphrase chosen for the backup, or with --recovery-key to the vault's \
            recovery key (typed exactly as printed at init, it also opens the file with `age -d`). \
            Safe to run while the vault is in use. Restore with `casevault restore FILE --vault DIR`.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .short, help: ArgumentHelp("The backup file to create.", valueName: "file")) var output: String
    @Flag(name: .customLong("recovery-key"), help: "Seal the backup to the recovery key (asked for, or read with --recovery-key-file).")
    var recoveryKey = false
    @Option(name: .customLong("recovery-key-file"), help: ArgumentHelp("Read the recovery key from the first line of FILE.", valueName: "file"))
    var recoveryKeyFile: String?
    @Option(name: .customLong("backup-passphrase-file"), help: ArgumentHelp("Read the backup passphrase from the first line of FILE.", valueName: "file"))
    var backupPassphraseFile: String?

    func validate() throws {
        if (recoveryKey || recoveryKeyFile != nil) && backupPassphraseFile != nil {
            throw ValidationError("choose either a backup passphrase or the recovery key, not both")
        }
        if output == "-" {
            // A backup is written under a temporary name and renamed when complete, so it never
            // goes to a pipe half-written; "-" would otherwise become a file named "-".
            throw ValidationError("a backup is written to a file, not to standard output: give -o FILE")
        }
    }

    func run() throws {
        let vault: Vault
        let key: BackupKey
        if recoveryKey || recoveryKeyFile != nil {
            let rk = try RecoveryKey.parse(try VaultAccess.readRecoveryKey(recoveryKeyFile))
            // The key must open this vault: a backup sealed to a mistyped key would be lost.
            vault = try VaultAccess.openLocked(global).unlock(recoveryKey: rk)
            key = .recoveryKey(rk)
        } else {
            vault = try VaultAccess.unlock(global)
            key = .passphrase(SecureBytesBox(try VaultAccess.readNewPassphrase(file: backupPassphraseFile, what: "Backup passphrase")))
        }
        let s = try BackupWriter(vault: vault).write(to: output, key: key)
        try BackupSupport.finish(
            JSON(file: output, documents: String(s.documents), inboxShares: String(s.inboxShares), complete: s.complete, omitted: s.omitted),
            text: "Backup written to \(output): the vault's records, \(BackupSupport.counted(s.documents, "document")), \(BackupSupport.counted(s.inboxShares, "imported share"))"
                + (s.complete ? "." : ", without the damaged items below."),
            missing: s.omitted, json: global.json, what: { "the backup was written without \($0) (listed above)" },
            hint: "everything else is in the backup and was checked; run `casevault check` and restore or add the damaged items again from another copy")
    }

    struct JSON: Encodable {
        let file: String
        let documents: String
        let inboxShares: String
        /// False when damaged items were left out (exit 11).
        let complete: Bool
        let omitted: [BackupOmission]
    }
}

/// Exit 11: the command finished, but damaged items were left out; they
/// were named on stderr (and in the JSON document) before this is thrown.
struct IncompleteResult: ReportableError {
    let message: String
    let hint: String
    var exit: ExitCode { .incomplete }
    let jsonAlreadyPrinted: Bool
}

enum BackupSupport {
    /// Names each omitted item on stderr, then throws `IncompleteResult` (exit 11) if there was any.
    /// Prints a backup's or a restore's result (JSON or one line), then
    /// what it could not take along, if anything (exit 11).
    static func finish<T: Encodable>(_ result: T, text: String, missing: [BackupOmission], json: Bool,
                                     what: (String) -> String, hint: String) throws {
        if json { Output.json(result) } else { Output.line(text) }
        try reportIncomplete(missing, json: json, what: what(count(missing)), hint: hint)
    }

    /// "1 document", "2 documents".
    static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func reportIncomplete(_ items: [BackupOmission], json: Bool, what: String, hint: String) throws {
        guard !items.isEmpty else { return }
        for o in items { Output.warn("\(o.name): \(o.reason)") }
        throw IncompleteResult(message: what, hint: hint, jsonAlreadyPrinted: json)
    }

    static func count(_ items: [BackupOmission]) -> String {
        items.count == 1 ? "1 damaged item" : "\(items.count) damaged items"
    }
}

/// `casevault restore FILE --vault DIR`: a vault rebuilt from a backup, verified.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Rebuild a vault from a backup into a new directory, checking every record and document.",
        discussion: """
            The directory given with --vault must not hold a vault. A backup sealed with a passphrase also needs \
            the vault's passphrase (--passphrase-file) to check the records; one sealed to the recovery key needs only that key.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(name: .customLong("recovery-key"), help: "The backup is sealed to the recovery key (asked for, or read with --recovery-key-file).")
    var recoveryKey = false
    @Option(name: .customLong("recovery-key-file"), help: ArgumentHelp("Read the recovery key from the first line of FILE.", valueName: "file"))
    var recoveryKeyFile: String?
    @Option(name: .customLong("backup-passphrase-file"), help: ArgumentHelp("Read the backup passphrase from the first line of FILE.", valueName: "file"))
    var backupPassphraseFile: String?

    func run() throws {
        let location = VaultAccess.location(global)
        try Vault.refuseOccupied(location)  // before asking for any key
        let unlock: BackupRestorer.Unlock
        if recoveryKey || recoveryKeyFile != nil {
            unlock = .recoveryKey(try RecoveryKey.parse(try VaultAccess.readRecoveryKey(recoveryKeyFile)))
        } else {
            let backup: SecureBytes
            if let f = backupPassphraseFile { backup = try SecretInput.readFirstLine(path: f) } else {
                guard SecretInput.hasTerminal else {
                    throw CaseVaultError.passphraseUnavailable(reason: "no terminal to type the backup passphrase on; pass --backup-passphrase-file FILE")
                }
                backup = try SecretInput.prompt("Backup passphrase: ")
            }
            unlock = .passphrase(backup: backup, vault: try VaultAccess.readPassphrase(global, prompt: "Passphrase of the backed-up vault: "))
        }
        let s = try BackupRestorer.restore(file: file, to: location, unlock: unlock)
        try BackupSupport.finish(
            JSON(vault: location.path, codeEntries: String(s.codeEntries), identifiers: String(s.identifiers),
                 documents: String(s.documents), inboxShares: String(s.inboxShares), complete: s.complete, notRestored: s.notRestored),
            text: "Restored and verified \(location.path): \(s.codeEntries) code entr\(s.codeEntries == 1 ? "y" : "ies"), \(BackupSupport.counted(s.identifiers, "identifier")), "
                + "\(BackupSupport.counted(s.documents, "document")), \(BackupSupport.counted(s.inboxShares, "imported share"))"
                + (s.complete ? "." : "; not restored: the damaged items below."),
            missing: s.notRestored, json: global.json, what: { "the vault was restored without \($0) (listed above)" },
            hint: "everything else was restored and verified; bring the items named back from another backup, or add them again")
    }

    struct JSON: Encodable {
        let vault: String
        let codeEntries: String
        let identifiers: String
        let documents: String
        let inboxShares: String
        /// False when damaged items could not be brought back (exit 11).
        let complete: Bool
        let notRestored: [BackupOmission]
    }
}
