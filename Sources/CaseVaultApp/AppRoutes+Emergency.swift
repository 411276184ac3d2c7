import CaseVault
import CaseVaultText
import Foundation
import Hummingbird
import HTTPTypes
import SodiumKit

/// The emergency page (what `casevault emergency` shows, large, to show at a
/// counter or print) and the printable kit (what `casevault kit` writes).
extension AppRoutes {
    func registerEmergency(on router: Router<AppContext>) {
        // A read: gathering the sheet marks no code used. The Mark used
        // buttons post to the code's use action.
        router.get("/emergency") { _, _ -> Response in
            let emergency = try await session.withVault { vault in
                EmergencyPage(sheet: try vault.emergencySheet(), keyringEnabled: try vault.slotKinds().contains(.keyring))
            }
            return views.response("emergency", page(AppLanguage.text("app.emergency.title"), section: "emergency"), emergency.model)
        }

        // The kit without the recovery key: boxes to fill in by hand. Served
        // as the very page the CLI writes; `?download=1` as a file to keep.
        router.get("/emergency/kit") { request, _ -> Response in
            // The language is read here: the vault closure runs on another queue.
            let language = AppLanguage.current
            let kit = try await session.withVault { vault in try kitPage(vault, recoveryKey: nil, language: language) }
            return kitResponse(kit, download: request.uri.queryParameters.get("download") == "1")
        }

        // The kit with the recovery key printed in its boxes, as
        // `kit --include-recovery-key`: only a key that opens this vault goes
        // on paper (a typo in a printed key would be found only when needed).
        // Shown, never offered as a download: a browser's downloads folder is
        // no place for the key.
        router.post("/emergency/kit") { request, context -> Response in
            let form = try await FormFields.read(request, context: context, secretNames: ["recovery-key"])
            guard let typed = form.secret("recovery-key") else {
                throw AppError.invalid(AppLanguage.text("app.emergency.kit_key_missing"))
            }
            let location = session.location
            let language = AppLanguage.current
            let kit = try await session.withVault { [session] vault -> KitPage in
                let recovery = try RecoveryKey.parse(typed)
                // A key that is well formed but wrong counts as a wrong try.
                _ = try session.throttle.check { try LockedVault.open(location).unlock(recoveryKey: recovery) }
                return try kitPage(vault, recoveryKey: try recovery.formatted().revealUTF8(), language: language)
            }
            return kitResponse(kit, download: false)
        }
    }

    /// The kit's facts, from the open vault (its slots and representatives).
    private func kitPage(_ vault: Vault, recoveryKey: String?, language: Language) throws -> KitPage {
        KitPage(vaultPath: vault.location.path, vaultID: vault.vaultIDHex,
                unlocksWith: try vault.slotKinds().map(\.rawValue), generated: CalendarDay.today(),
                recoveryKey: recoveryKey, representatives: try KitRepresentatives.load(vault), language: language)
    }

    /// The kit page under its own policy: the app's CSP allows no inline
    /// style, and the kit must stay one self-contained file (the CLI writes
    /// it to disk), so this response allows exactly its one style element,
    /// by hash, and nothing else: no script, no image, no form, no frame.
    private func kitResponse(_ kit: KitPage, download: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src \(KitPage.styleHashSource); form-action 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        if download {
            headers[.contentDisposition] = "attachment; filename=\"casevault-kit.html\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: kit.html())))
    }
}
