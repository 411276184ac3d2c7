import Hummingbird
import HTTPTypes

/// The stylesheet, script and icon, compiled into the binary and served
/// from `/static/`. Nothing is fetched from anywhere else: the CSP's
/// `default-src 'self'` would refuse it anyway.
enum StaticAssets {
    struct Asset: Sendable {
        let contentType: String
        let body: String
    }

    static let all: [String: Asset] = [
        "app.css": Asset(contentType: "text/css; charset=utf-8", body: AppStylesheet.css),
        "app.js": Asset(contentType: "text/javascript; charset=utf-8", body: AppScript.js),
        "icon.svg": Asset(contentType: "image/svg+xml", body: icon),
    ]

    static func register(on router: Router<AppContext>) {
        router.get("/static/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let asset = all[name] else {
                return Response(status: .notFound)
            }
            var headers = HTTPFields()
            headers[.contentType] = asset.contentType
            // No vault data in these: a browser may keep them for a day.
            headers[.cacheControl] = "private, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
        }
    }

    /// A shield with a keyhole, in the brand colour.
    static let icon = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7z" fill="#1d4e89"/><circle cx="16" cy="14" r="3.5" fill="#fff"/><path d="M14.5 16h3l1 7h-5z" fill="#fff"/></svg>
"""#
}
