import CaseVault
import Foundation
import SodiumKit

/// The backup page's parts: what seals the backup (read from the form and
/// checked before anything is made), the check of the vault that comes
/// first, and the words for what a backup left out.
enum BackupPages {
    /// How the backup is sealed, as the form chose it; secrets stay in
    /// secure memory.
    enum Seal: Sendable {
        case passphrase(SecureBytes)
        case recoveryKey(RecoveryKey)

        /// Reads the form: a backup passphrase typed twice (as `backup`
        /// asks for it: at least the vault's minimum length, the two the
        /// same), or the recovery key (its checksum here; that it opens
        /// this vault is checked on the vault's queue, `checkKey`).
        static func read(_ form: FormFields) throws -> Seal {
            switch form["method"] {
            case "recovery-key":
                guard let typed = form.secret("recovery_key") else {
                    throw AppError.invalid("Type your recovery key: the one written on paper when the vault was made.")
                }
                do {
                    return .recoveryKey(try RecoveryKey.parse(typed))
                } catch let e as CaseVaultError {
                    guard case .malformedRecoveryKey(let reason) = e else { throw e }
                    throw AppError.invalid("That recovery key is not valid: \(reason). Check it against your paper.")
                }
            case "passphrase":
                guard let first = form.secret("backup_passphrase"), let again = form.secret("backup_passphrase_again") else {
                    throw AppError.invalid("Type the backup passphrase in both boxes.")
                }
                do {
                    try PassphrasePolicy.check(first)
                } catch let e as CaseVaultError where e.kind == .weakSecret {
                    throw AppError.invalid("That backup passphrase is too short: use at least \(PassphrasePolicy.minimumBytes) characters. "
                                           + "Four or five random words work well.")
                }
                guard first.constantTimeEquals(again) else {
                    throw AppError.invalid("The two backup passphrases differ. Type the same passphrase in both boxes.")
                }
                return .passphrase(first)
            default:
                throw AppError.invalid("Choose what will open the backup: a backup passphrase, or your recovery key.")
            }
        }

        /// For the recovery key: that it opens this vault, as `backup
        /// --recovery-key` checks it (a backup sealed to a mistyped key
        /// could never be opened). On the vault's queue; a wrong key counts
        /// in the app's `throttle` as any typed secret does.
        func checkKey(_ vault: Vault, throttle: UnlockThrottle) throws {
            guard case .recoveryKey(let key) = self else { return }
            do {
                _ = try throttle.check { try LockedVault.open(vault.location).unlock(recoveryKey: key) }
            } catch let e as CaseVaultError where e == .wrongRecoveryKey {
                throw AppError.invalid("That recovery key does not open this vault. Check it against your paper: "
                                       + "a backup sealed to a mistyped key could never be opened.")
            }
        }

        var key: BackupKey {
            switch self {
            case .passphrase(let p): return .passphrase(SecureBytesBox(p))
            case .recoveryKey(let k): return .recoveryKey(k)
            }
        }

        var method: String {
            if case .recoveryKey = self { return "recovery-key" }
            return "passphrase"
        }
    }

    /// What the check before a backup found, in words: each damaged item
    /// (a document by its label when its index row still opens), named as
    /// Settings' integrity check names it (`VaultCheckOutcome`, `DamageWords`).
    struct Damage: Sendable {
        let items: [[String: String]]

        /// Runs the integrity check (`casevault check`: every record, every
        /// document chunk, the inbox files). Writes nothing.
        init(_ vault: Vault) throws {
            let outcome = try VaultCheckOutcome(vault)
            items = outcome.report.problems.map { p in
                ["item": DamageWords.item(p.record, store: p.store, labels: outcome.labels), "reason": p.problem]
            }
        }

        var isEmpty: Bool { items.isEmpty }
    }

    /// "CaseVault backup 2026-12-05.age".
    static func fileName(on date: Date = Date()) -> String {
        "CaseVault backup \(DocumentPages.day(date)).age"
    }

    /// The summary of a finished backup, for the page's next visit.
    struct Done: Sendable {
        let documents: Int
        let inboxShares: Int
        let omitted: [BackupOmission]

        init(_ s: BackupWriter.Summary) {
            documents = s.documents
            inboxShares = s.inboxShares
            omitted = s.omitted
        }

        var note: DownloadNotes.Note {
            let what = "the vault's records, \(documents) document\(documents == 1 ? "" : "s")"
                + (inboxShares > 0 ? ", \(inboxShares) received share\(inboxShares == 1 ? "" : "s")" : "")
            guard !omitted.isEmpty else {
                return .init(failed: false, heading: "Your last backup was downloaded whole", lines: ["It holds \(what)."])
            }
            return .init(failed: false, heading: "Your last backup left out damaged items",
                         lines: ["It holds \(what), without these damaged items:"]
                            + omitted.map { "\(DamageWords.omission($0)): \($0.reason)" }
                            + ["Everything else is in the backup and was checked. Bring these back from another backup, or add them again."])
        }
    }
}
