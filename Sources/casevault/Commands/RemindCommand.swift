import ArgumentParser
import CaseVault
import Foundation
import KeyringKit

/// `casevault remind`: one desktop notification when something needs
/// attention (documents to renew, codes running low, an old USCIS code),
/// `--json` for the findings, `--ics FILE` for a calendar of renewal dates,
/// `--enable`/`--disable` for a daily systemd user timer.
///
/// Meant to run unattended (the timer): it unlocks through the keyring only
/// and never prompts. Without a keyring unlock (none set up, the keyring
/// locked, no session bus) it sends nothing, prints nothing and exits 0:
/// a locked keyring on a timer is normal, not an error.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Send one desktop notification when documents need renewing or codes run low.",
        discussion: """
            The notification names only the kind of thing and when ("Passport expires in 30 days"), never a \
            code, a number or a label: anyone near the screen can read it. It is sent once per stage \
            (180, 90, 30 and 7 days before an expiry, once expired; a code list running low), not every day. \
            Unlocks through the keyring only (or --passphrase-file); without it, sends nothing and exits 0.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("ics"), help: ArgumentHelp("Write the documents' renewal dates as an iCalendar file (0600), and send nothing.", valueName: "FILE"))
    var ics: String?

    @Flag(help: "Install and start a systemd user timer that runs `casevault remind` daily.")
    var enable = false

    @Flag(help: "Stop and remove the daily timer.")
    var disable = false

    func validate() throws {
        if enable && disable { throw ValidationError("--enable and --disable do not go together") }
        if (enable || disable) && (ics != nil || global.json) {
            throw ValidationError("--enable and --disable go alone (no --ics, no --json)")
        }
    }

    func run() throws {
        if enable { try RemindTimer.enable(); return }
        if disable { try RemindTimer.disable(); return }
        guard let vault = try unlockQuietly() else {
            if global.json { Output.json(RemindReport(unlocked: false, items: [], notified: false)) }
            return
        }
        let due = try VaultAttention(vault)
        if let ics {
            let documents = try vault.existingDocuments()?.list() ?? []
            let written = try RenewalCalendar.write(documents, to: ics)
            if global.json { Output.json(CalendarReport(file: ics, events: written)) } else {
                Output.line("Wrote \(written) renewal date\(written == 1 ? "" : "s") to \(ics)")
            }
            return
        }
        if global.json {
            Output.json(RemindReport(unlocked: true, items: due.items.map(RemindReport.Item.init), notified: false))
            return
        }
        try notifyOnce(due.items, vault: vault)
    }

    /// Sends the notification when at least one item reached a stage not
    /// notified before, then records the stages now due.
    private func notifyOnce(_ items: [AttentionItem], vault: Vault) throws {
        let log = try ReminderLog(vault: vault)
        let marks = Set(try items.map(log.mark))
        let sent = log.sent()
        guard !marks.isSubset(of: sent) else {
            // Nothing new; forget stages no longer due.
            if marks != sent { try log.record(marks) }
            return
        }
        let notice = RemindNotice(items)
        do {
            try DesktopNotification.send(appName: "CaseVault", summary: notice.summary, body: notice.body, desktopEntry: "casevault")
        } catch {
            throw CLIError(message: "remind: \(error.reason); nothing was sent",
                           hint: "run it in a desktop session (a notification server on the session bus), or use `casevault remind --json`",
                           exit: .desktopService)
        }
        try log.record(marks)
    }

    /// The keyring unlock alone, or nil when there is none to be had.
    /// `--passphrase-file` is the one other way in (never a prompt).
    private func unlockQuietly() throws -> Vault? {
        let locked = try VaultAccess.openLocked(global)
        if global.passphraseFile != nil { return try VaultAccess.unlock(locked, global) }
        guard !global.noKeyring, locked.hasSlot(.keyring) else { return nil }
        do {
            return try KeyringSettings.vaultKeyring().unlock(locked)
        } catch let e as CaseVaultError where e.kind == .keyring {
            return nil
        }
    }

    struct CalendarReport: Encodable {
        let file: String
        let events: Int
    }
}
