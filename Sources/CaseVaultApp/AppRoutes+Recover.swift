import CaseVault
import CaseVaultText
import Foundation
import Hummingbird
import SodiumKit

/// A forgotten passphrase, as `casevault recover` does: the recovery key
/// and a new passphrase (typed twice). The vault gets a new master key
/// and a new recovery key, shown once in the answer to this POST (the
/// typed one is used up). The vault is then open.
///
/// A reload of that answer posts the form again: the vault is unlocked
/// by then, so the browser is sent home and the new key is not shown again
/// (and the old key opens nothing any more anyway).
extension AppRoutes {
    func registerRecover(on router: Router<AppContext>) {
        router.get("/unlock/recover") { _, _ -> Response in
            switch session.state() {
            case .unlocked: return AppResponses.seeOther("/")
            case .noVault: return AppResponses.seeOther("/setup")
            case .locked: return recoverForm(error: nil)
            }
        }

        router.post("/unlock/recover") { request, context -> Response in
            let form = try await FormFields.read(request, context: context,
                                                 secretNames: ["recovery_key", "passphrase", "passphrase_again"])
            switch session.state() {
            case .unlocked: return AppResponses.seeOther("/")
            case .noVault: return AppResponses.seeOther("/setup")
            case .locked: break
            }
            let key: RecoveryKey
            let passphrase: SecureBytes
            do {
                guard let typed = form.secret("recovery_key") else {
                    throw AppError.invalid(Self.recoverText("type_key"))
                }
                do {
                    key = try RecoveryKey.parse(typed)
                } catch let e as CaseVaultError where e.kind == .wrongSecret {
                    throw AppError.invalid(Self.recoverText("key_invalid", ["problem": RestoreWords.keyProblem(e)]))
                }
                passphrase = try NewPassphrase.read(form, first: "passphrase", again: "passphrase_again")
            } catch let e as AppError {
                return recoverForm(error: e.message, status: .badRequest)
            }
            let change: Vault.KeyChange
            do {
                change = try await recover(key, newPassphrase: passphrase)
            } catch let e as CaseVaultError where e == .wrongRecoveryKey {
                return recoverForm(error: Self.recoverText("wrong_key", ["vault": session.location.path]), status: .forbidden)
            } catch let wait as UnlockThrottle.Wait {
                return recoverForm(error: wait.message + " " + Self.recoverText("not_changed"), status: .tooManyRequests)
            }
            var model = try KeyChangeWords.model(change)
            model["vault"] = session.location.path
            return views.response("recover-done", page(Self.recoverText("done_title")), model)
        }
    }

    private func recoverForm(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = ["vaultText": Self.recoverText("vault", ["vault": session.location.path])]
        if let error { model["error"] = error }
        return views.response("recover", openPage(Self.recoverText("title")), model, status: status)
    }

    /// The forgotten-passphrase pages' words (`app.recover.KEY`), in the request's language.
    static func recoverText(_ key: String, _ values: [String: String] = [:]) -> String {
        AppLanguage.text("app.recover." + key, values)
    }

    /// Unlocks with the recovery key, rotates every key under the new
    /// passphrase with a new recovery key, and opens the vault in the
    /// session; on the vault queue, so two posts run one after the other
    /// (the second finds the old key used up).
    private func recover(_ key: RecoveryKey, newPassphrase: SecureBytes) async throws -> Vault.KeyChange {
        let session = self.session
        return try await session.perform { () -> Vault.KeyChange in
            let vault = try session.throttle.check { try LockedVault.open(session.location).unlock(recoveryKey: key) }
            let change = try vault.changePassphrase(to: newPassphrase, replaceRecoveryKey: true)
            session.adopt(vault)
            return change
        }
    }
}
