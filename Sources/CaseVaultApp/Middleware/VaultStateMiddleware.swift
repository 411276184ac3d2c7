import Hummingbird

/// Sends a request for vault pages to the first-run pages when there is no
/// vault (or a new one's recovery key is still to be checked), and to the
/// unlock page when it is locked. Nothing of the vault is
/// reached through a locked session.
struct VaultStateMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let session: VaultSession

    /// Pages that work without an unlocked vault.
    static func isOpenPath(_ path: String) -> Bool {
        path == "/launch" || path == "/unlock" || path == "/unlock/keyring" || path == "/unlock/recover" || path == "/locked" || path == "/lock" || path == "/quit"
            || path.hasPrefix("/static/") || path == "/setup" || path.hasPrefix("/setup/")
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if VaultStateMiddleware.isOpenPath(path) { return try await next(request, context) }
        switch session.state() {
        case .unlocked:
            // A new vault whose recovery key is not yet checked back: the
            // walkthrough first (as `init` does before anything else).
            if session.setup.holdsVaultPages { return AppResponses.seeOther("/setup") }
            return try await next(request, context)
        case .locked: return AppResponses.seeOther("/unlock")
        case .noVault: return AppResponses.seeOther("/setup")
        }
    }
}
