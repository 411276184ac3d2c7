import CaseVault
import Foundation
import Hummingbird

/// The app's routes, one file per feature (`AppRoutes+Codes.swift` ...), all
/// sharing these parts. Every route that changes anything is a POST; a GET
/// only reads.
struct AppRoutes: Sendable {
    let views: Views
    let session: VaultSession
    let gate: SessionGate
    let address: AppAddress
    let stopper: AppStopper

    func register(on router: Router<AppContext>) {
        StaticAssets.register(on: router)
        registerSession(on: router)
        registerHome(on: router)
        registerCodes(on: router)
        registerIdentifiers(on: router)
        registerDocuments(on: router)
        registerEmergency(on: router)
        registerSettings(on: router)
        registerRepresentatives(on: router)
        registerExport(on: router)
        registerBackup(on: router)
        registerIdentity(on: router)
        registerInbox(on: router)
        registerShares(on: router)
        registerRecovery(on: router)
        registerSetup(on: router)
        registerLanguage(on: router)
    }

    /// The layout's values for a page of the open vault (navigation, Lock
    /// button, and the reload that shows the lock when idle time is up).
    func page(_ title: String, section: String = "") -> PageInfo {
        PageInfo(title: title, section: section, unlocked: true, idleRefreshSeconds: session.idleRefreshSeconds)
    }

    /// A page for a locked or missing vault (no navigation).
    func openPage(_ title: String) -> PageInfo {
        PageInfo(title: title)
    }

    /// Where an error page's "Go back" leads: the list page of the section
    /// the failed request belonged to.
    static func backTarget(for path: String) -> String {
        if path.hasPrefix("/shares") || path.hasPrefix("/identity") { return "/clients" }
        for section in ["/codes", "/ids", "/documents", "/emergency", "/settings", "/setup", "/representatives", "/export", "/backup", "/clients"] where path.hasPrefix(section) {
            return section
        }
        return "/"
    }
}
