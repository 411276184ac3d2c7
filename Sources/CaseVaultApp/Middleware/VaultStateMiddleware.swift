import Hummingbird

/// Sends a request for vault pages to the first-run pages when there is no
/// vault, and to the unlock page when it is locked. Nothing of the vault is
/// reached through a locked session.
struct VaultStateMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let session: VaultSession

    /// Pages that work without an unlocked vault.
    static func isOpenPath(_ path: String) -> Bool {
        path == "/launch" || path == "/unlock" || path == "/unlock/keyring" || path == "/locked" || path == "/lock"
            || path.hasPrefix("/static/") || path == "/setup" || path.hasPrefix("/setup/")
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if VaultStateMiddleware.isOpenPath(path) { return try await next(request, context) }
        switch session.state() {
        case .unlocked: return try await next(request, context)
        case .locked: return AppResponses.seeOther("/unlock")
        case .noVault: return AppResponses.seeOther("/setup")
        }
    }
}
