import CaseVault
import Foundation
import Hummingbird
import SodiumKit

/// The first run: the walkthrough that creates a vault, as `casevault init`
/// does on a terminal (a passphrase, the recovery key shown once and typed
/// back, the desktop keyring, the USCIS backup code); the restore from a
/// backup (AppRoutes+Restore.swift); the recovery-key unlock
/// (AppRoutes+Recover.swift).
///
/// Each step is a POST that first asks SetupProgress which step is
/// current, so a reload or a second click never makes a second vault and
/// never shows the recovery key again. The key is shown in the answer to
/// the POST that made the vault, never by a GET.
extension AppRoutes {
    func registerSetup(on router: Router<AppContext>) {
        registerWalkthrough(on: router)
        registerWalkthroughLaterSteps(on: router)
        registerRestore(on: router)
        registerRecover(on: router)
    }

    private func registerWalkthrough(on router: Router<AppContext>) {
        router.get("/setup") { _, _ -> Response in
            if let step = resumePath() { return AppResponses.seeOther(step) }
            switch session.state() {
            case .unlocked: return AppResponses.seeOther("/")
            case .locked: return AppResponses.seeOther("/unlock")
            case .noVault: break
            }
            return views.response("setup-welcome", openPage(AppLanguage.text("app.setup.welcome.title")),
                                  ["noVault": AppLanguage.text("app.setup.welcome.no_vault", ["vault": session.location.path])])
        }

        router.get("/setup/create") { _, _ -> Response in
            if let step = resumePath() { return AppResponses.seeOther(step) }
            guard session.state() == .noVault else { return AppResponses.seeOther("/setup") }
            return createForm(error: nil)
        }

        router.post("/setup/create") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["passphrase", "passphrase_again"])
            // A reload of this POST, or a second click: the walkthrough is
            // under way (or a vault exists), so nothing is made or shown.
            if let step = resumePath() { return AppResponses.seeOther(step) }
            guard session.state() == .noVault else { return AppResponses.seeOther("/setup") }
            let passphrase: SecureBytes
            do {
                passphrase = try NewPassphrase.read(form, first: "passphrase", again: "passphrase_again")
            } catch let e as AppError {
                return createForm(error: e.message, status: .badRequest)
            }
            guard let key = try await createVault(passphrase) else {
                return AppResponses.seeOther(resumePath() ?? "/setup")
            }
            return views.response("setup-recovery-key", walkthroughPage(AppLanguage.text("app.setup.key.title")),
                                  ["key": key.revealUTF8(), "step": Self.stepText(2),
                                   "made": AppLanguage.text("app.setup.key.made", ["vault": session.location.path])])
        }

        router.get("/setup/recovery-key") { _, _ -> Response in
            guard session.setup.holdsVaultPages else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            guard session.isUnlocked else { return AppResponses.seeOther("/unlock") }
            return checkPage(error: nil)
        }

        router.post("/setup/recovery-key") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["recovery_key"])
            guard session.setup.holdsVaultPages else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            guard session.isUnlocked else { return AppResponses.seeOther("/unlock") }
            guard let typed = form.secret("recovery_key") else {
                return checkPage(error: AppLanguage.text("app.setup.check.missing"), status: .badRequest)
            }
            if try await recoveryKeyMatches(typed) {
                let (next, note) = await stepAfterRecoveryKey()
                session.setup.recoveryKeyChecked(next: next, note: note)
                return AppResponses.seeOther(resumePath() ?? "/setup")
            }
            let left = session.setup.recoveryKeyMismatch()
            if left > 0 {
                return checkPage(error: AppLanguage.text(left == 1 ? "app.setup.check.mismatch_one" : "app.setup.check.mismatch",
                                                        ["left": "\(left)"]), status: .badRequest)
            }
            // A vault whose recovery key may not be on paper is one forgotten
            // passphrase away from loss; it is still empty: remove it (as `init` does).
            try await removeNewVault()
            return views.response("message", openPage(AppLanguage.text("app.setup.check.start_again")), [
                "heading": AppLanguage.text("app.setup.again.heading"),
                "lines": [AppLanguage.text("app.setup.again.removed", ["count": "\(SetupProgress.checkAttempts)"]),
                          AppLanguage.text("app.setup.again.carefully")],
                "next": ["href": "/setup/create", "label": AppLanguage.text("app.setup.welcome.create")],
            ], status: .badRequest)
        }

        router.post("/setup/start-again") { _, _ -> Response in
            guard session.setup.holdsVaultPages else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            guard session.isUnlocked else { return AppResponses.seeOther("/unlock") }
            try await removeNewVault()
            return AppResponses.seeOther("/setup/create")
        }
    }

    /// Where a walkthrough under way continues, if one is.
    func resumePath() -> String? {
        switch session.setup.step {
        case .none: return nil
        case .checkRecoveryKey, .recoveryKeyInterrupted: return "/setup/recovery-key"
        case .keyring: return "/setup/keyring"
        case .backupCode: return "/setup/code"
        }
    }

    /// A walkthrough page: no navigation (one step at a time), and the
    /// reload that shows the lock when idle time is up, so that a page
    /// left open does not keep showing what it showed.
    func walkthroughPage(_ title: String) -> PageInfo {
        PageInfo(title: title, idleRefreshSeconds: session.idleRefreshSeconds)
    }

    /// "Step N of 4" in the request's language.
    static func stepText(_ n: Int) -> String {
        AppLanguage.text("app.setup.step", ["n": "\(n)"])
    }

    private func createForm(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = ["step": Self.stepText(1)]
        if let error { model["error"] = error }
        return views.response("setup-create", openPage(AppLanguage.text("app.setup.create.title")), model, status: status)
    }

    private func checkPage(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = ["interrupted": session.setup.step == .recoveryKeyInterrupted, "step": Self.stepText(2)]
        if let error { model["error"] = error }
        return views.response("setup-check", walkthroughPage(AppLanguage.text("app.setup.check.title")), model, status: status)
    }

    /// Creates the vault and makes it the session's; returns the recovery key
    /// to show, or nil when a walkthrough was already under way.
    ///
    /// On the vault queue, which also puts two clicks one after the other:
    /// the second finds the walkthrough under way and makes nothing.
    private func createVault(_ passphrase: SecureBytes) async throws -> SecureBytes? {
        let session = self.session
        return try await session.perform { () -> SecureBytes? in
            guard session.setup.step == .none else { return nil }
            let location = session.location
            let hadDirectory = FileManager.default.fileExists(atPath: location.path)
            // Argon2id at the default strength: about a second.
            let (vault, recovery) = try Vault.create(at: location, passphrase: passphrase)
            let shown = try recovery.formatted()
            session.adopt(vault)
            session.setup.created(recoveryKey: shown, madeDirectory: !hadDirectory)
            return shown
        }
    }

    /// Whether `typed` is the new vault's recovery key: the key as shown
    /// while it is held, else (the app locked meanwhile) the vault's own
    /// recovery slot, which only the right key opens.
    private func recoveryKeyMatches(_ typed: SecureBytes) async throws -> Bool {
        let parsed: RecoveryKey
        do {
            parsed = try RecoveryKey.parse(typed)
        } catch let e as CaseVaultError where e.kind == .wrongSecret {
            return false  // mistyped (a character outside the alphabet, or its checksum)
        }
        let session = self.session
        switch session.setup.checkTarget {
        case .held(let shown):
            return try parsed.formatted().constantTimeEquals(shown)
        case .vaultSlot:
            do {
                _ = try await session.perform { _ = try LockedVault.open(session.location).unlock(recoveryKey: parsed) }
                return true
            } catch let e as CaseVaultError where e.kind == .wrongSecret {
                return false
            }
        case .none:
            return false
        }
    }

    /// Step 3 unless the keyring cannot be offered (the app was started
    /// without it, or the desktop has none that answers): then step 4,
    /// saying why step 3 was skipped.
    private func stepAfterRecoveryKey() async -> (SetupProgress.Step, String?) {
        guard session.options.useKeyring else {
            return (.backupCode, AppLanguage.text("app.setup.keyring.no_keyring_note"))
        }
        let timeout = session.options.keyringTimeout
        let status = try? await session.perform { VaultKeyring(timeout: timeout).service.status() }
        guard let status, status.usable else {
            let reason = status?.problem?.reason ?? (status?.collectionLocked == true ? "the keyring is locked" : "it does not answer")
            return (.backupCode, AppLanguage.text("app.setup.keyring.unavailable_note", ["reason": reason]))
        }
        return (.keyring, nil)
    }

    /// Removes the walkthrough's new vault, which must still be empty, and
    /// ends the walkthrough: the first run starts over.
    private func removeNewVault() async throws {
        let empty = try await session.withVault { vault -> Bool in
            try vault.codes.list().isEmpty && vault.identifiers.list().isEmpty && vault.existingDocuments() == nil
        }
        guard empty else {
            throw AppError.invalid(AppLanguage.text("app.setup.not_empty"))
        }
        await session.lock()
        NewVaultRemoval.remove(session.location, directory: session.setup.createdDirectory)
        session.setup.finish()
    }
}
