import Hummingbird
import HTTPTypes

/// Adds the headers every response carries, errors included.
///
/// - CSP: only our own files; no inline script or style (`'self'` only, no
///   `'unsafe-inline'`), no plugins, not framable, forms post only to us,
///   no `<base>`. A response may set its own stricter CSP (an inline
///   document view adds `sandbox`); this one fills in when it has none.
/// - `Cache-Control: no-store` on everything but the static files: pages
///   carry vault data, and a shared machine's browser cache must not keep it.
/// - `nosniff`, `no-referrer`, `X-Frame-Options: DENY` (older browsers),
///   `Cross-Origin-Resource-Policy: same-origin` (no other origin, not even
///   another loopback port, can embed our responses), and
///   `Cross-Origin-Opener-Policy: same-origin`.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        SecurityHeadersMiddleware.apply(to: &response.headers, path: request.uri.path)
        return response
    }

    static func apply(to headers: inout HTTPFields, path: String) {
        if headers[.contentSecurityPolicy] == nil {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        if !path.hasPrefix("/static/") || headers[.cacheControl] == nil {
            headers[.cacheControl] = "no-store"
        }
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        headers[.crossOriginResourcePolicy] = "same-origin"
        headers[.crossOriginOpenerPolicy] = "same-origin"
    }
}
