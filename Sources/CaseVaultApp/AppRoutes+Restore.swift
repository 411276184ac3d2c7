import AgeKit
import CaseVault
import Foundation
import Hummingbird
import SodiumKit

/// The restore from a backup file, as `casevault restore` does: a new
/// computer after a lost laptop.
///
/// Two POSTs: the file (streamed as it arrives into a private file of
/// ciphertext: BackupUpload), then what opens it. The library rebuilds the
/// vault beside its folder, checks every record and document, and leaves
/// out what is damaged, naming it; a wrong secret or a bad file leaves no
/// vault behind, and the upload stays for another try.
extension AppRoutes {
    func registerRestore(on router: Router<AppContext>) {
        router.get("/setup/restore") { _, _ -> Response in
            guard session.state() == .noVault, resumePath() == nil else { return AppResponses.seeOther("/setup") }
            return uploadPage(error: nil)
        }

        router.post("/setup/restore") { request, _ -> Response in
            // Refused before a byte of the file is read.
            guard session.state() == .noVault, resumePath() == nil else { return AppResponses.seeOther("/setup") }
            let upload: BackupUpload
            do {
                upload = try await BackupUpload.receive(request, for: session.location)
            } catch let e as AppError {
                if case .invalid(let text) = e { return uploadPage(error: text, status: .badRequest) }
                throw e
            }
            session.setup.keep(upload: upload)
            return AppResponses.seeOther("/setup/restore/unlock")
        }

        router.get("/setup/restore/unlock") { _, _ -> Response in
            guard session.state() == .noVault else { return AppResponses.seeOther("/setup") }
            guard let upload = session.setup.pendingUpload else { return AppResponses.seeOther("/setup/restore") }
            return unlockBackupPage(upload, error: nil, recoveryChosen: false)
        }

        router.post("/setup/restore/unlock") { request, context -> Response in
            let form = try await FormFields.read(request, context: context,
                                                 secretNames: ["backup_passphrase", "vault_passphrase", "recovery_key"])
            guard session.state() == .noVault else {
                // A reload after the restore: its result, once.
                return AppResponses.seeOther(session.isUnlocked && session.setup.restoreResult != nil ? "/setup/restore/done" : "/setup")
            }
            guard let upload = session.setup.pendingUpload else { return AppResponses.seeOther("/setup/restore") }
            let byRecoveryKey = form["method"] == "recovery-key"
            do {
                let unlock = try restoreUnlock(form, byRecoveryKey: byRecoveryKey)
                let result = try await restore(upload, unlock: unlock)
                session.setup.restoreDone(result)
                upload.discard()
            } catch let e as AppError {
                guard case .invalid(let text) = e else { throw e }
                return unlockBackupPage(upload, error: text, recoveryChosen: byRecoveryKey, status: .badRequest)
            } catch let wait as UnlockThrottle.Wait {
                return unlockBackupPage(upload, error: wait.message, recoveryChosen: byRecoveryKey, status: .tooManyRequests)
            }
            return AppResponses.seeOther("/setup/restore/done")
        }

        router.post("/setup/restore/cancel") { _, _ -> Response in
            session.setup.dropUpload()
            return AppResponses.seeOther("/setup/restore")
        }

        router.get("/setup/restore/done") { _, _ -> Response in
            guard session.isUnlocked, let r = session.setup.restoreResult else { return AppResponses.seeOther("/") }
            return views.response("restore-done", page(RestoreWords.t("done_title"), section: "home"), RestoreWords.model(r))
        }
    }

    private func uploadPage(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = ["aboutText": RestoreWords.t("about", ["vault": session.location.path])]
        if let error { model["error"] = error }
        return views.response("restore-upload", openPage(RestoreWords.t("title")), model, status: status)
    }

    private func unlockBackupPage(_ upload: BackupUpload, error: String?, recoveryChosen: Bool,
                                  status: HTTPResponse.Status = .ok) -> Response {
        let size = RestoreWords.size(upload.size)
        var model: [String: Any] = ["recoveryChosen": recoveryChosen,
                                    "receivedText": upload.fileName.map { RestoreWords.t("received_name", ["name": $0, "size": size]) }
                                        ?? RestoreWords.t("received", ["size": size])]
        if let error { model["error"] = error }
        return views.response("restore-unlock", openPage(RestoreWords.t("open_title")), model, status: status)
    }

    /// What opens a backup, as it crosses to the vault queue.
    enum RestoreSecret: Sendable {
        case recoveryKey(RecoveryKey)
        case passphrase(backup: SecureBytes, vault: SecureBytes)

        var unlock: BackupRestorer.Unlock {
            switch self {
            case .recoveryKey(let key): return .recoveryKey(key)
            case .passphrase(let backup, let vault): return .passphrase(backup: backup, vault: vault)
            }
        }
    }

    /// What opens the backup, from the form; a page saying what is missing otherwise.
    private func restoreUnlock(_ form: FormFields, byRecoveryKey: Bool) throws -> RestoreSecret {
        if byRecoveryKey {
            guard let typed = form.secret("recovery_key") else {
                throw AppError.invalid(RestoreWords.t("type_key"))
            }
            do {
                return .recoveryKey(try RecoveryKey.parse(typed))
            } catch let e as CaseVaultError where e.kind == .wrongSecret {
                throw AppError.invalid(RestoreWords.t("key_invalid", ["problem": RestoreWords.keyProblem(e)]))
            }
        }
        guard let backup = form.secret("backup_passphrase"), let vault = form.secret("vault_passphrase") else {
            throw AppError.invalid(RestoreWords.t("type_both"))
        }
        return .passphrase(backup: backup, vault: vault)
    }

    /// Restores into the app's vault location and opens the result as the
    /// session's vault (with the same secret that verified it).
    private func restore(_ upload: BackupUpload, unlock: RestoreSecret) async throws -> RestoreResult {
        let session = self.session
        do {
            return try await session.perform { () -> RestoreResult in
                // The upload is held here: replaced or dropped meanwhile, its
                // file stays open until this restore has read it.
                // A wrong backup passphrase, vault passphrase or recovery key counts as a wrong try.
                let s = try session.throttle.check {
                    try BackupRestorer.restore(file: upload.path, to: session.location, unlock: unlock.unlock)
                }
                let locked = try LockedVault.open(session.location)
                switch unlock {
                case .recoveryKey(let key): session.adopt(try locked.unlock(recoveryKey: key))
                case .passphrase(_, let passphrase): session.adopt(try locked.unlock(passphrase: passphrase))
                }
                return RestoreResult(codeEntries: s.codeEntries, identifiers: s.identifiers, documents: s.documents,
                                     inboxShares: s.inboxShares, notRestored: s.notRestored)
            }
        } catch let e as ShareError where e.kind == .malformed {
            throw AppError.invalid(RestoreWords.t("cannot_restore", ["problem": e.message]))
        } catch let e as AgeError {
            throw RestoreWords.appError(e, byRecoveryKey: { if case .recoveryKey = unlock { return true } else { return false } }())
        } catch let e as CaseVaultError {
            switch e {
            case .wrongPassphrase:
                throw AppError.invalid(RestoreWords.t("wrong_vault_passphrase"))
            case .wrongRecoveryKey:
                throw AppError.invalid(RestoreWords.t("wrong_key"))
            default:
                throw e
            }
        }
    }
}
