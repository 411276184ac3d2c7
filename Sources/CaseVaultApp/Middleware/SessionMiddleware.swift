import Hummingbird

/// Lets through only requests with a valid session cookie.
///
/// Open without a session: the launch exchange (`/launch`) and the static
/// files (no vault data). Everything else without a session gets the
/// how-to-open page (GET) or a refusal (other methods), and no vault data.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let gate: SessionGate
    let views: Views

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/launch" || path.hasPrefix("/static/") {
            return try await next(request, context)
        }
        guard gate.isValid(session: request.cookies[SessionGate.cookieName]?.value) else {
            if request.method == .get || request.method == .head {
                // The switch goes back home: the page asked for is not
                // named on a page shown without a session.
                return AppLanguage.$returnPath.withValue("/") {
                    views.response("how-to-open", PageInfo(title: AppLanguage.text("app.how_to_open.title")), status: .forbidden)
                }
            }
            return AppResponses.plain(.forbidden, AppLanguage.text("app.refused.no_session"))
        }
        return try await next(request, context)
    }
}
