import Hummingbird

/// Refuses requests made on behalf of another site or another loopback port.
///
/// - A state-changing request (anything but GET and HEAD) must say
///   `Sec-Fetch-Site: same-origin`; a browser that sends no Sec-Fetch-Site
///   must send an `Origin` equal to ours. Neither: refused. SameSite=Strict
///   alone is not enough: another port on 127.0.0.1 is the *same site*, so
///   its forms would carry our cookie.
/// - A GET from another site or port is allowed only as a top-level
///   navigation (a link the user followed); no other origin may load our
///   pages as images, scripts or frames (with CORP and frame-ancestors).
struct SameOriginMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let address: AppAddress

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let site = request.headers[.secFetchSite]?.lowercased()
        let isRead = request.method == .get || request.method == .head
        if isRead {
            if let site, site != "same-origin", site != "none" {
                let mode = request.headers[.secFetchMode]?.lowercased()
                let dest = request.headers[.secFetchDest]?.lowercased()
                guard mode == "navigate", dest == "document" || dest == nil else {
                    return AppResponses.plain(.forbidden, "CaseVault's pages open only in CaseVault's own window.")
                }
            }
            return try await next(request, context)
        }
        if let site {
            guard site == "same-origin" else {
                return AppResponses.plain(.forbidden, AppLanguage.text("app.refused.cross_site"))
            }
        } else {
            guard let origin = request.headers[.origin]?.lowercased(), address.allowedOrigins().contains(origin) else {
                return AppResponses.plain(.forbidden, AppLanguage.text("app.refused.no_origin"))
            }
        }
        return try await next(request, context)
    }
}
