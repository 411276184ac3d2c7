import ArgumentParser
import CaseVault

/// `casevault share reindex`: makes the inbox index again from the inbox's
/// records.
///
/// The index (docs/shares.md, "The inbox index") is derived data: every
/// client's name, pin and share summaries, sealed in buckets so that a
/// listing decrypts a few hundred small records instead of every share.
/// Every writer keeps it in the same transaction as the records, so this is
/// a repair, for when `check` reports the index (a bucket damaged on disk,
/// or an index that disagrees with the records). The records are the truth:
/// each is authenticated as it is read, and one that does not open stops
/// the command with nothing written.
struct ShareReindex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Make the inbox index again from the kept shares (a repair for when `check` reports the inbox index).",
        discussion: "Reads and authenticates every kept share's record and pinned key, and writes a new index in one transaction. Writes nothing if a record does not open.")
    @OptionGroup var global: GlobalOptions

    struct ReindexJSON: Encodable {
        let clients: Int
        let shares: Int
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        try vault.inbox.rebuildIndex()
        let counts = try vault.inbox.counts()
        if global.json {
            Output.json(ReindexJSON(clients: counts.clients, shares: counts.shares))
        } else {
            Output.line("The inbox index was made again: \(counts.clients) client\(counts.clients == 1 ? "" : "s"), \(counts.shares) share\(counts.shares == 1 ? "" : "s").")
        }
    }
}
