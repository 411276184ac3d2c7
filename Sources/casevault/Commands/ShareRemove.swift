import ArgumentParser
import CaseVault

/// `casevault share remove ID`: deletes one imported share.
///
/// The record and its summary in the inbox index go in one transaction,
/// then the kept file. The client's pinned key stays, so a later share from
/// that client is still checked against it.
struct ShareRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an imported share (its record and its kept file); the client's pinned key stays.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The share's id as `casevault share list` shows it (at least 6 hex digits).") var id: String
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let share = try vault.inbox.find(id)
        let short = String(share.inboxID.prefix(12))
        let what = "share \(short) from '\(share.manifest.sender.name)' (\(Output.date(share.manifest.created)))"
        try Confirmation.remove(global, yes: yes, question: "Remove \(what)? Its kept file is deleted.", label: what, removed: share.inboxID) {
            try vault.inbox.remove(id: share.inboxID)
        }
    }
}
