import CaseVault
import Foundation
import Hummingbird

/// Launch, unlock, lock.
extension AppRoutes {
    func registerSession(on router: Router<AppContext>) {
        // The one GET that changes state, by necessity: the browser opens the
        // launch file's URL. The token works once; a replay gets the
        // how-to-open page. The session cookie is HttpOnly (no script reads
        // it), SameSite=Strict (no other site's page sends it) and Path=/.
        router.get("/launch") { request, _ -> Response in
            guard let token = request.uri.queryParameters.get("token"), let session = gate.exchange(token: token) else {
                return views.response("how-to-open", PageInfo(title: AppLanguage.text("app.how_to_open.title")), status: .forbidden)
            }
            // Opening the app is asking to use the vault: try the keyring
            // once, as the CLI does; the unlock page follows if it cannot.
            if self.session.state() == .locked { _ = await self.session.unlockWithKeyring() }
            // A 200 page that moves on by itself, not a redirect: the browser
            // came here from the launch file (another site, for cookies), and
            // a SameSite=Strict cookie is not sent along a redirect chain that
            // started on another site. The page's own refresh is same-origin.
            var response = views.response("launched", PageInfo(title: AppLanguage.text("app.launched.heading"), moveOn: "/"))
            response.setCookie(Cookie(name: SessionGate.cookieName, value: session, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }

        router.get("/unlock") { _, _ -> Response in
            switch self.session.state() {
            case .unlocked: return AppResponses.seeOther("/")
            case .noVault: return AppResponses.seeOther("/setup")
            case .locked: break
            }
            // The keyring is tried here only by a button (a POST): a GET changes nothing.
            let hasKeyring = (try? await self.session.perform { try LockedVault.open(self.session.location).hasSlot(.keyring) }) ?? false
            return views.response("unlock", openPage(AppLanguage.text("app.unlock.title")), unlockModel(keyring: hasKeyring && self.session.options.useKeyring))
        }

        router.post("/unlock") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["passphrase"])
            guard let passphrase = form.secret("passphrase") else {
                throw AppError.invalid(AppLanguage.text("app.unlock.missing"))
            }
            do {
                try await self.session.unlock(passphrase: passphrase)
            } catch let e as CaseVaultError where e.kind == .wrongSecret {
                var model = unlockModel(keyring: false)
                model["failed"] = AppLanguage.text("app.unlock.wrong")
                return views.response("unlock", openPage(AppLanguage.text("app.unlock.title")), model, status: .forbidden)
            } catch let wait as UnlockThrottle.Wait {
                var model = unlockModel(keyring: false)
                model["failed"] = wait.message
                return views.response("unlock", openPage(AppLanguage.text("app.unlock.title")), model, status: .tooManyRequests)
            }
            return AppResponses.seeOther("/")
        }

        router.post("/unlock/keyring") { _, _ -> Response in
            switch await self.session.unlockWithKeyring() {
            case .unlocked: return AppResponses.seeOther("/")
            case .notUsed, .notEnabled:
                var model = unlockModel(keyring: false)
                model["failed"] = AppLanguage.text("app.unlock.keyring_off")
                return views.response("unlock", openPage(AppLanguage.text("app.unlock.title")), model, status: .forbidden)
            case .failed(let error):
                var model = unlockModel(keyring: false)
                model["failed"] = AppLanguage.text("app.unlock.keyring_failed", ["problem": error.message])
                return views.response("unlock", openPage(AppLanguage.text("app.unlock.title")), model, status: .forbidden)
            }
        }

        router.post("/lock") { _, _ -> Response in
            await self.session.lock()
            return AppResponses.seeOther("/unlock")
        }

        // Quit: lock, say so, and end the app (a POST, like Lock; a GET of
        // /quit is the how-to-open page or a 404, and stops nothing).
        router.post("/quit") { _, _ -> Response in
            await self.session.lock()
            self.stopper.stopSoon()
            let model: [String: Any] = [
                "heading": AppLanguage.text("app.quit.heading"),
                "lines": [AppLanguage.text("app.quit.locked"), AppLanguage.text("app.quit.again")],
            ]
            return views.response("message", openPage(AppLanguage.text("app.quit.title")), model)
        }

        // Open pages reload this when their idle time is up: back to where
        // the user was if still unlocked, else to the unlock page.
        router.get("/locked") { _, _ -> Response in
            self.session.isUnlocked ? AppResponses.seeOther("/") : AppResponses.seeOther("/unlock")
        }
    }

    private func unlockModel(keyring: Bool) -> [String: Any] {
        ["vault": session.location.path, "keyring": keyring]
    }
}
