import ArgumentParser
import CaseVault

/// `casevault status`: where the vault is, what it holds, what needs attention.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the vault's location, contents and warnings.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let codes = try vault.codes.list()
        let ids = try vault.identifiers.list()
        var warnings: [String] = []
        // What needs attention is the library's one decision (VaultAttention,
        // as the app's Home and `remind`); the words are the CLI's.
        for item in try VaultAttention(vault).items {
            switch item {
            case .codesRunningLow(let label, let unused):
                warnings.append("\(label): \(unused) unused code\(unused == 1 ? "" : "s") left; generate new ones and run `casevault code replace \(label)`")
            case .singleCodeUsed(let label):
                warnings.append("\(label): the backup code was used; if the site gave you a new one, run `casevault code replace \(label)`")
            case .uscisCodeNotReplaced(let label, let days):
                warnings.append("\(label): the backup code was last replaced \(days) days ago; consider a new one from USCIS and `casevault code replace \(label)`")
            case .documentExpiring(_, let type, let label, let expires, let days):
                // Renewals take months, so warn 180 days ahead (docs/documents.md).
                warnings.append("document \(label) (\(type.rawValue)) " + (days < 0 ? "expired \(-days) days ago" : "expires in \(days) days")
                                + " on \(expires.description); start the renewal now")
            }
        }
        let store = try vault.existingDocuments()
        // A link, FIFO or device under a document file's name is left alone
        // (never followed: one planted there made status overwrite its target).
        for f in try store?.foreignFiles() ?? [] { warnings.append(f.warning + "; `casevault check` lists such files") }
        let slots = try vault.slotKinds().map(\.rawValue)
        let report = StatusReport(
            vault: vault.location.path, vaultId: vault.vaultIDHex, unlock: slots,
            codes: .init(entries: codes.count, unused: codes.reduce(0) { $0 + $1.entry.unusedCount }),
            identifiers: ids.count, warnings: warnings)
        if global.json { Output.json(report); return }
        Output.line("Vault:        \(report.vault)")
        Output.line("Vault id:     \(report.vaultId)")
        Output.line("Unlocks with: \(slots.joined(separator: ", "))")
        Output.line("Backup codes: \(report.codes.entries) entr\(report.codes.entries == 1 ? "y" : "ies"), \(report.codes.unused) unused code\(report.codes.unused == 1 ? "" : "s")")
        Output.line("Identifiers:  \(report.identifiers)")
        if !warnings.isEmpty {
            Output.line("")
            Output.line("Warnings:")
            for w in warnings { Output.line("  - \(w)") }
        }
    }

    struct StatusReport: Encodable {
        struct Codes: Encodable { let entries: Int; let unused: Int }
        let vault: String
        let vaultId: String
        let unlock: [String]
        let codes: Codes
        let identifiers: Int
        let warnings: [String]
    }
}
