import SystemKit
import AgeKit
import Foundation
import GRDB
import SodiumKit

/// The vault check for the shares side: every inbox file matches the hash
/// in its record and opens with an identity the vault keeps. (The shares
/// tables' records are checked with every table, in `Vault.checkRecords`.)
public struct SharesCheck: VaultCheckable {
    let vault: Vault

    func checkUnmapped(into report: inout CheckReport) throws {
        try vault.migrateShares()
        // The shares tables' rows are checked with every other table's
        // (Vault.checkRecords); here, the files the authenticated inbox
        // records name. A damaged record is reported there and skipped here.
        let table = try vault.tables.inboxShares
        let inbox: [InboxShare] = try vault.read { db in
            try RecordTable.inboxShare.all(db).compactMap { try? table.open($0) }
        }
        checkIndex(into: &report)
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
                    if let id = kept.first(where: { $0.publicKeyRecipient.encoded == share.manifest.recipient.key }) {
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
    /// The inbox index must say what the inbox's records say. One that does
    /// not reflect them by count is made again at the next inbox command
    /// (InboxIndex.load) and is no problem; one that does, yet differs,
    /// would mislead listings and the pin decision: every writer keeps it,
    /// so that is a bug, reported. A bucket or record that does not open is
    /// reported with every table's rows (Vault.checkRecords) and skipped here.
    func checkIndex(into report: inout CheckReport) {
        guard let tables = try? vault.tables else { return }
        let differs: Bool? = try? vault.read { db -> Bool in
            guard let stored = try? InboxIndex.load(db, tables, counter: 0), let built = try? InboxIndex.build(db, tables, counter: 0) else {
                return false
            }
            report.count("inbox index")
            return !stored.sameContents(as: built)
        }
        if differs == true {
            report.problem("vault.db", RecordTable.inboxIndex.rawValue,
                           "the inbox index does not match the inbox's records (shares and pinned keys): listings and the pin check read the index")
        }
    }

    /// The current and retired identities that authenticate.
    func keptIdentities() -> [any AgeSecretKeyIdentity] {
        let keys = vault.shareKeys
        var out: [any AgeSecretKeyIdentity] = []
        if let current = try? keys.ageIdentity() { out.append(current) }
        if let ids = try? keys.retiredAgeIdentities(skippingDamaged: true) { out += ids }
        return out
    }
}

extension Vault {
    /// The shares part of the vault check.
    public var sharesCheck: VaultCheckable { SharesCheck(vault: self) }
}
