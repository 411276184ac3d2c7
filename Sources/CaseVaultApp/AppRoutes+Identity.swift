import CaseVault
import Foundation
import Hummingbird

/// Identity: the keys this vault receives and signs shares with, as
/// `identity show` prints them, and creating the age identity when there is
/// none, as `identity new` does (the signing key is made with it, as
/// `identity show` makes it). A GET only reads: a vault without a signing
/// key shows a button that makes one.
extension AppRoutes {
    func registerIdentity(on router: Router<AppContext>) {
        router.get("/identity") { request, _ -> Response in
            let identity = try await session.withVault { vault in try IdentityPage(vault) }
            var notice: String?
            switch request.uri.queryParameters.get("done") {
            case "created": notice = AppLanguage.text("app.identity.created")
            case "signing": notice = AppLanguage.text("app.identity.signing_ready")
            default: break
            }
            return views.response("identity", page(AppLanguage.text("app.identity.title"), section: "clients"), identity.model(notice: notice))
        }

        router.post("/identity") { _, _ -> Response in
            try await session.withVault { vault in
                // Refused (nothing changed) when there is one: replacing it
                // is the command line's `identity new --replace`, which asks.
                _ = try vault.shareKeys.createAgeIdentity(replace: false)
                _ = try vault.shareKeys.signingKeyCreatingIfNeeded()
            }
            return AppResponses.seeOther("/identity?done=created")
        }

        router.post("/identity/signing-key") { _, _ -> Response in
            try await session.withVault { vault in _ = try vault.shareKeys.signingKeyCreatingIfNeeded() }
            return AppResponses.seeOther("/identity?done=signing")
        }
    }
}
