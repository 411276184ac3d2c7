import Hummingbird

/// Refuses a request whose Host is not this app's loopback address.
///
/// DNS rebinding: a site can make its own name resolve to 127.0.0.1 and
/// have the browser send requests here as same-origin to *that site*. Those
/// requests carry the site's name in Host, so an exact allow-list of
/// `127.0.0.1:PORT` and `localhost:PORT` stops them.
struct HostCheckMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let address: AppAddress

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let host = request.head.authority?.lowercased(), address.allowedHosts().contains(host) else {
            return AppResponses.plain(.misdirectedRequest, AppLanguage.text("app.refused.host"))
        }
        return try await next(request, context)
    }
}
