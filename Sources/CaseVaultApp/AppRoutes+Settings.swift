import CaseVault
import Foundation
import Hummingbird
import SodiumKit

/// Settings: where the vault is and when it locks, keyring unlock on or
/// off (`casevault keyring enable|disable`), a passphrase change
/// (`casevault passwd`, a key rotation) and the integrity check
/// (`casevault check`).
extension AppRoutes {
    func registerSettings(on router: Router<AppContext>) {
        router.get("/settings") { request, _ -> Response in
            let done = request.uri.queryParameters.get("done").flatMap(SettingsNotice.init(rawValue:))
            return try await settingsPage(notice: done?.text)
        }

        // As `keyring enable`: the passphrase, not the open session, proves
        // the choice, since the keyring then opens the vault without it.
        router.post("/settings/keyring/enable") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["passphrase"])
            guard session.options.useKeyring else {
                return try await settingsPage(error: SettingsNotice.t("no_keyring_window"), status: .badRequest)
            }
            guard let passphrase = form.secret("passphrase") else {
                return try await settingsPage(error: SettingsNotice.t("type_passphrase"), status: .badRequest)
            }
            let timeout = session.options.keyringTimeout
            do {
                try await session.withVault { [session] vault in
                    _ = try session.throttle.check { try LockedVault.open(vault.location).unlock(passphrase: passphrase) }
                    _ = try VaultKeyring(timeout: timeout).enable(vault)
                }
            } catch let e as CaseVaultError where e.kind == .wrongSecret {
                return try await settingsPage(error: SettingsNotice.t("not_your_passphrase"), status: .forbidden)
            } catch let wait as UnlockThrottle.Wait {
                return try await settingsPage(error: wait.message + " " + SettingsNotice.t("keyring_unchanged"), status: .tooManyRequests)
            } catch let e as CaseVaultError where e.kind == .keyring {
                return try await settingsPage(error: SettingsNotice.t("keyring_failed", ["reason": KeyringWords.reason(e)]),
                                              status: .conflict)
            }
            return AppResponses.seeOther("/settings?done=\(SettingsNotice.keyringOn.rawValue)")
        }

        router.post("/settings/keyring/disable") { _, _ -> Response in
            let timeout = session.options.keyringTimeout
            let touch = session.options.useKeyring
            let done = try await session.withVault { vault in try VaultKeyring(timeout: timeout).disable(vault, touchKeyring: touch) }
            let notice: SettingsNotice = done.itemProblem != nil ? .keyringOffItemLeft
                : (done.slotRemoved || done.itemRemoved) ? .keyringOff : .keyringWasOff
            return AppResponses.seeOther("/settings?done=\(notice.rawValue)")
        }

        // As `passwd`: the current passphrase even though the vault is open
        // (changing it is a decision only its holder makes), then a rotation.
        router.post("/settings/passphrase") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["current", "passphrase", "passphrase_again"])
            let current: SecureBytes
            let new: SecureBytes
            do {
                guard let c = form.secret("current") else { throw AppError.invalid(SettingsNotice.t("type_current")) }
                current = c
                new = try NewPassphrase.read(form, first: "passphrase", again: "passphrase_again")
            } catch let e as AppError {
                return try await settingsPage(error: SettingsNotice.t("not_changed", ["problem": e.message]), status: .badRequest)
            }
            let change: Vault.KeyChange
            do {
                change = try await session.withVault { [session] vault in
                    _ = try session.throttle.check { try LockedVault.open(vault.location).unlock(passphrase: current) }
                    return try vault.changePassphrase(to: new)
                }
            } catch let e as CaseVaultError where e == .wrongPassphrase {
                return try await settingsPage(error: SettingsNotice.t("not_current"), status: .forbidden)
            } catch let wait as UnlockThrottle.Wait {
                return try await settingsPage(error: wait.message + " " + SettingsNotice.t("passphrase_unchanged"), status: .tooManyRequests)
            }
            // The answer may hold a new recovery key: shown here, once.
            return views.response("settings-passphrase-done", page(SettingsNotice.t("changed_title"), section: "settings"), try KeyChangeWords.model(change))
        }

        // Writes nothing; a POST because it reads everything and takes a while.
        router.post("/settings/check") { _, _ -> Response in
            let outcome = try await session.withVault { vault in try VaultCheckOutcome(vault) }
            return views.response("settings-check", page(SettingsNotice.t("check_title"), section: "settings"), outcome.model)
        }
    }

    private func settingsPage(notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let useKeyring = session.options.useKeyring
        let timeout = session.options.keyringTimeout
        // The words are made on the vault queue: the request's language is read here.
        let language = AppLanguage.current
        let keyring = try await session.withVault { vault -> KeyringWords.Facts in
            // Looks at the slot and the keyring, changing neither.
            let hasSlot = try vault.slotKinds().contains(.keyring)
            guard useKeyring else {
                return KeyringWords.Facts(hasSlot: hasSlot, text: hasSlot
                    ? SettingsNotice.t("keyring_state.on_not_used", [:], language)
                    : SettingsNotice.t("keyring_state.off", [:], language))
            }
            let status = VaultKeyring(timeout: timeout).status(try LockedVault.open(vault.location))
            return KeyringWords.Facts(hasSlot: hasSlot, text: KeyringWords.explanation(status, language), state: status.state)
        }
        var model: [String: Any] = [
            "vault": session.location.path,
            "idleText": SettingsNotice.t("idle", ["idle": session.options.idleLock.words]),
            "keyringState": keyring.text,
            "keyringUsable": useKeyring,
            "canEnable": useKeyring && keyring.state != .enabled,
            "enableLabel": SettingsNotice.t(keyring.hasSlot ? "keyring_on_again" : "keyring_on_button"),
            "canDisable": keyring.hasSlot || keyring.state == .leftoverItem,
        ]
        if let notice { model["notice"] = notice }
        if let error { model["error"] = error }
        return views.response("settings", page(AppLanguage.text("app.nav.settings"), section: "settings"), model, status: status)
    }
}
