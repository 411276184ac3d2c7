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
            var model: [String: Any] = [:]
            if let note = session.setup.note { model["note"] = note }
            return views.response("setup-keyring", walkthroughPage("Keyring"), model)
        }

        router.post("/setup/keyring") { request, context -> Response in
            let form = try await FormFields.read(request, context: context)
            guard session.setup.step == .keyring else { return AppResponses.seeOther(resumePath() ?? "/setup") }
            let note: String
            if form["choice"] == "enable" {
                note = await enableKeyringDuringSetup()
            } else {
                note = "Keyring unlock stays off: you type your passphrase to open CaseVault. You can turn it on later in Settings."
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
                    return codePage(error: "Paste or type the code, or press Skip.", status: .badRequest)
                }
                do {
                    try await session.withVault { vault in
                        let codes = try CodeParser.parse(code.revealUTF8())
                        _ = try vault.codes.add(label: "uscis", account: nil, codes: codes, kind: .single)
                    }
                } catch let e as CaseVaultError where e.kind == .invalidInput {
                    // The parser names what is wrong (line numbers, never the text).
                    return codePage(error: "That is not a backup code CaseVault can read: \(e.message). \(FormProblem.sentence(e.advice)) "
                                    + "Try again, or press Skip.", status: .badRequest)
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
            return views.response("setup-done", page("Your vault is ready", section: "home"),
                                  ["keyring": facts[0], "uscis": facts[1]])
        }
    }

    private func codePage(error: String?, status: HTTPResponse.Status = .ok) -> Response {
        var model: [String: Any] = [:]
        if let note = session.setup.note { model["note"] = note }
        if let error { model["error"] = error }
        return views.response("setup-code", walkthroughPage("USCIS backup code"), model, status: status)
    }

    /// Turns keyring unlock on for the new vault; returns what happened, in
    /// plain words, for the next step's page. A keyring that cannot take
    /// the item changes nothing: the vault opens with its passphrase.
    private func enableKeyringDuringSetup() async -> String {
        let timeout = session.options.keyringTimeout
        do {
            try await session.withVault { vault in _ = try VaultKeyring(timeout: timeout).enable(vault) }
            return "Keyring unlock is on: CaseVault opens without your passphrase while you are logged in to this computer."
        } catch let e as CaseVaultError {
            return "The keyring could not be used now (\(KeyringWords.reason(e))). The vault opens with your passphrase; "
                + "you can turn keyring unlock on later in Settings."
        } catch {
            return "The keyring could not be used now. The vault opens with your passphrase; you can turn keyring unlock on later in Settings."
        }
    }
}
