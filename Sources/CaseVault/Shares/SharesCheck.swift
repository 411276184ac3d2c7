import SystemKit
import AgeKit
import Foundation
import GRDB
import SodiumKit

/// `casevault check` for the shares side: every record of the shares tables
/// authenticates under the shares subkey, and every inbox file matches the
/// hash in its record.
public struct SharesCheck: VaultCheckable {
    let vault: Vault

    func checkUnmapped(into report: inout CheckReport) throws {
        let store = "vault.db"
        try vault.migrateShares()
        let cipher = try vault.sharesCipher
        let key = try vault.subkey(for: .shares)
        var inbox: [InboxShare] = []
        try vault.read { db in
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
        // Every identity the vault keeps (a problem with one is reported above
        // as its share_secret row; the others still count).
        let kept = keptIdentities()
        for share in inbox {
            report.count("inbox files")
            let file: PosixFile
            do { file = try vault.openInboxFile(share.file) } catch {
                report.problem("inbox", share.file, "the share file is missing or unreadable")
                continue
            }
            do {
                let h = try HashingInput(PosixInput(file))
                // A share is only worth keeping if something opens it: the
                // identity it was sent to must still be kept (identity new
                // --replace once dropped it). Shares imported with an
                // identity file (-i) need that file, not the vault.
                if share.identityFile != true {
                    if let id = kept.first(where: { $0.recipient.encoded == share.manifest.recipient.key }) {
                        do {
                            _ = try AgeReader(identities: [id], input: h)
                        } catch let e as AgeError {
                            report.problem("inbox", share.file, "the share does not open with the identity it was sent to (\(e.description))")
                        }
                    } else {
                        report.problem("inbox", share.file, "no identity kept in this vault opens it: it was sent to "
                                       + "\(share.manifest.recipient.fingerprint), which is no longer kept (replaced by an older casevault?), "
                                       + "unless it was imported with an identity file (-i)")
                    }
                }
                if Bytes.hex(try h.finish()) != share.fileHash { report.problem("inbox", share.file, "the share file does not match its record") }
            } catch CaseVaultError.unsafeVault(let path, let reason, _) {
                report.problem("inbox", share.file, "\(path): \(reason)")
            } catch {
                report.problem("inbox", share.file, "the share file is missing or unreadable")
            }
        }
    }
}

extension SharesCheck {
    /// The current and retired identities that authenticate.
    func keptIdentities() -> [X25519Identity] {
        let keys = vault.shareKeys
        var out: [X25519Identity] = []
        if let current = try? keys.ageIdentity() { out.append(current) }
        if let ids = try? keys.retiredAgeIdentities(skippingDamaged: true) { out += ids }
        return out
    }
}

extension Vault {
    /// The shares part of `casevault check`.
    public var sharesCheck: VaultCheckable { SharesCheck(vault: self) }
}
