import CaseVault
import Foundation
import Hummingbird
import SodiumKit

/// Steps 3 and 4 of the first-run walkthrough (the keyring, the USCIS
/// backup code) and its last page. Each POST acts only when its step is
/// the current one; otherwise it sends the browser to the current step.
extension AppRoutes {
    func registerWalkthroughLaterSteps(on router: Router<AppContext>) {
        router.get("/setup/keyring") { _, _ -> Response in
            guard session.setup.step == .keyring else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            guard session.isUnlocked else { return AppResponses.seeOther("/unlock") }
            var model: [String: Any] = ["step": Self.stepText(3)]
            if let note = session.setup.note { model["note"] = note }
            return views.response("setup-keyring", walkthroughPage(AppLanguage.text("app.setup.keyring.title")), model)
        }

        router.post("/setup/keyring") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            guard session.setup.step == .keyring else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            let note: String
            if form["choice"] == "enable" {
                note = await enableKeyringDuringSetup()
            } else {
                note = AppLanguage.text("app.setup.keyring.off_note")
            }
            session.setup.advance(to: .backupCode, note: note)
            return AppResponses.seeOther("/setup/code")
        }

        router.get("/setup/code") { _, _ -> Response in
            guard session.setup.step == .backupCode else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            guard session.isUnlocked else { return AppResponses.seeOther("/unlock") }
            return codePage(error: nil)
        }

        router.post("/setup/code") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["code"])
            guard session.setup.step == .backupCode else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            if form["choice"] != "skip" {
                guard let code = form.secret("code") else {
                    return codePage(error: AppLanguage.text("app.setup.code.missing"), status: .badRequest)
                }
                do {
                    try await session.withVault { vault in
                        let codes = try CodeParser.parse(code.revealUTF8())
                        _ = try vault.codes.add(label: "uscis", account: nil, codes: codes, kind: .single)
                    }
                } catch let e as CaseVaultError where e.kind == .invalidInput {
                    // The parser names what is wrong (line numbers, never the text).
                    return codePage(error: AppLanguage.text("app.setup.code.unreadable", [
                        "problem": e.message, "advice": FormProblem.sentence(e.advice)]), status: .badRequest)
                }
            }
            session.setup.finish()
            return AppResponses.seeOther("/setup/done")
        }

        router.get("/setup/done") { _, _ -> Response in
            if let step = resumePath() { return AppResponses.seeOther(step) }
            guard session.isUnlocked else { return AppResponses.seeOther("/setup") }
            let facts = try await session.withVault { vault -> [Bool] in
                [try vault.slotKinds().contains(.keyring),
                 try vault.codes.list().contains { $0.entry.label.lowercased() == "uscis" }]
            }
            return views.response("setup-done", page(AppLanguage.text("app.setup.done.title"), section: "home"),
                                  ["keyring": facts[0], "uscis": facts[1]])
        }
    }

    private func codePage(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = ["step": Self.stepText(4)]
        if let note = session.setup.note { model["note"] = note }
        if let error { model["error"] = error }
        return views.response("setup-code", walkthroughPage(AppLanguage.text("app.setup.code.title")), model, status: status)
    }

    /// Turns keyring unlock on for the new vault; returns what happened, in
    /// plain words, for the next step's page. A keyring that cannot take
    /// the item changes nothing: the vault opens with its passphrase.
    private func enableKeyringDuringSetup() async -> String {
        let timeout = session.options.keyringTimeout
        do {
            try await session.withVault { vault in _ = try VaultKeyring(timeout: timeout).enable(vault) }
            return AppLanguage.text("app.setup.keyring.on_note")
        } catch let e as CaseVaultError {
            return AppLanguage.text("app.setup.keyring.failed_note", ["reason": KeyringWords.reason(e)])
        } catch {
            return AppLanguage.text("app.setup.keyring.failed_plain_note")
        }
    }
}
