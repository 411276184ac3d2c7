import Foundation
import GRDB
import SodiumKit

/// `casevault check` for the shares side: every record of the shares tables
/// authenticates under the shares subkey, and every inbox file matches the
/// hash in its record.
public struct SharesCheck: VaultCheckable {
    let vault: Vault

    public func check(into report: inout CheckReport) throws {
        let store = "vault.db"
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        let key = try vault.subkey(for: .shares)
        var inbox: [InboxShare] = []
        try vault.db.vaultRead(path: vault.dbPath) { db in
            for table in RecordTable.sharesTables {
                for row in try table.all(db) {
                    report.count(table.rawValue)
                    let name = "\(table.rawValue)/\(row.id)"
                    do {
                        switch table {
                        case .shareSecret:
                            _ = try XChaCha20Poly1305.openSecure(.init(nonce: row.nonce, ciphertext: row.ciphertext),
                                                                 associatedData: AssociatedData.record(vaultID: vault.vaultID, table: table.rawValue, id: row.id), key: key)
                        case .shareProfile: _ = try cipher.open(ShareKeys.Profile.self, row: row, table: table.rawValue)
                        case .representative: _ = try cipher.open(Representative.self, row: row, table: table.rawValue)
                        case .pinnedSender: _ = try cipher.open(PinnedSender.self, row: row, table: table.rawValue)
                        case .inboxShare: inbox.append(try cipher.open(InboxShare.self, row: row, table: table.rawValue))
                        default: break
                        }
                    } catch let e as CaseVaultError {
                        guard case .integrity(_, let detail) = e else { throw e }
                        report.problem(store, name, detail)
                    } catch {
                        report.problem(store, name, "the sealed key does not authenticate")
                    }
                }
            }
        }
        for share in inbox {
            report.count("inbox files")
            do {
                let h = try HashingInput(PosixInput(try vault.openInboxFile(share.file)))
                if Bytes.hex(try h.finish()) != share.fileHash { report.problem("inbox", share.file, "the share file does not match its record") }
            } catch CaseVaultError.unsafeVault(let path, let reason, _) {
                report.problem("inbox", share.file, "\(path): \(reason)")
            } catch {
                report.problem("inbox", share.file, "the share file is missing or unreadable")
            }
        }
    }
}

extension Vault {
    /// The shares part of `casevault check`.
    public var sharesCheck: VaultCheckable { SharesCheck(vault: self) }
}
