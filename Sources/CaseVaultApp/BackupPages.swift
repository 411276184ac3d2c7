import CaseVault
import CaseVaultText
import Foundation
import SodiumKit

/// The backup page's parts: what seals the backup (read from the form and
/// checked before anything is made), the check of the vault that comes
/// first, and the words for what a backup left out.
enum BackupPages {
    /// The backup pages' words (`app.backup.KEY`) in `language` (work on
    /// the vault queue, and a download's end, pass the language read before).
    static func t(_ key: String, _ values: [String: String] = [:], _ language: Language = AppLanguage.current) -> String {
        Catalogue.text("app.backup." + key, language, values)
    }

    /// The passphrase field's hint, with the policy's minimum.
    static func passphraseHint() -> String {
        t("passphrase_hint", ["minimum": "\(PassphrasePolicy.minimumBytes)"])
    }

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
                    throw AppError.invalid(t("type_key"))
                }
                do {
                    return .recoveryKey(try RecoveryKey.parse(typed))
                } catch let e as CaseVaultError {
                    guard case .malformedRecoveryKey(let reason) = e else { throw e }
                    throw AppError.invalid(t("key_invalid", ["problem": reason]))
                }
            case "passphrase":
                guard let first = form.secret("backup_passphrase"), let again = form.secret("backup_passphrase_again") else {
                    throw AppError.invalid(t("passphrase_both"))
                }
                do {
                    try PassphrasePolicy.check(first)
                } catch let e as CaseVaultError where e.kind == .weakSecret {
                    throw AppError.invalid(t("passphrase_short", ["count": "\(PassphrasePolicy.minimumBytes)"]))
                }
                guard first.constantTimeEquals(again) else {
                    throw AppError.invalid(t("passphrase_differ"))
                }
                return .passphrase(first)
            default:
                throw AppError.invalid(t("choose_method"))
            }
        }

        /// For the recovery key: that it opens this vault, as `backup
        /// --recovery-key` checks it (a backup sealed to a mistyped key
        /// could never be opened). On the vault's queue (so its refusal is
        /// in the `language` read before); a wrong key counts in the app's
        /// `throttle` as any typed secret does.
        func checkKey(_ vault: Vault, throttle: UnlockThrottle, language: Language) throws {
            guard case .recoveryKey(let key) = self else { return }
            do {
                _ = try throttle.check { try LockedVault.open(vault.location).unlock(recoveryKey: key) }
            } catch let e as CaseVaultError where e == .wrongRecoveryKey {
                throw AppError.invalid(t("wrong_key", [:], language))
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
        /// document chunk, the inbox files). Writes nothing. On the vault
        /// queue: the items are named in `language`, read before.
        init(_ vault: Vault, language: Language) throws {
            let outcome = try VaultCheckOutcome(vault)
            items = outcome.report.problems.map { p in
                ["item": DamageWords.item(p.record, store: p.store, labels: outcome.labels, language), "reason": p.problem]
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

        /// The note in `language` (read when the download began: its end
        /// runs off the request's task).
        func note(_ language: Language) -> DownloadNotes.Note {
            func w(_ key: String, _ values: [String: String] = [:]) -> String { t(key, values, language) }
            let docs = w(documents == 1 ? "documents_one" : "documents", ["count": "\(documents)"])
            let what = inboxShares > 0
                ? w("holds_shares", ["documents": docs, "shares": w(inboxShares == 1 ? "shares_one" : "shares", ["count": "\(inboxShares)"])])
                : w("holds", ["documents": docs])
            guard !omitted.isEmpty else {
                return .init(failed: false, heading: w("whole_heading"), lines: [w("whole", ["what": what])])
            }
            return .init(failed: false, heading: w("left_out_heading"),
                         lines: [w("left_out", ["what": what])]
                            + omitted.map { "\(DamageWords.omission($0, language)): \($0.reason)" }
                            + [w("left_out_after")])
        }
    }
}
