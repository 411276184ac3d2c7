import Hummingbird

/// Turns any failure thrown by a route into a page in plain words.
///
/// The page names what went wrong and what to do; it never shows a stack
/// trace, an internal type name or a secret. A locked vault sends the
/// browser to the unlock page instead.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let views: Views
    let session: VaultSession

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            // Hummingbird's own (a body over its limit, an unknown route).
            let app: AppError = error.status == .notFound ? .notFound
                : .badRequest(AppLanguage.text("app.error.unhandled", ["status": "\(error.status.code)"]))
            return page(for: app, path: request.uri.path, status: error.status)
        } catch {
            let app = AppError(error)
            if case .locked = app { return AppResponses.seeOther("/unlock") }
            return page(for: app, path: request.uri.path, status: app.status)
        }
    }

    private func page(for error: AppError, path: String, status: HTTPResponse.Status) -> Response {
        let unlocked = session.isUnlocked
        let info = PageInfo(title: error.localizedTitle, unlocked: unlocked)
        var model: [String: Any] = [
            "heading": error.localizedTitle, "message": error.localizedMessage,
            "back": unlocked ? AppRoutes.backTarget(for: path) : "/",
        ]
        // Mustache treats an empty string as true: leave "What to do" out instead.
        if !error.advice.isEmpty { model["advice"] = error.advice }
        return views.response("error", info, model, status: status)
    }
}
