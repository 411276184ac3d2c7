import Hummingbird

/// Tells the vault session when the user is active, for the idle lock.
///
/// A request in progress (a long upload or download) counts as activity
/// for as long as it runs. `/locked`, which open pages reload when their
/// idle time is up, does not count: a page left open must not keep the
/// vault unlocked.
struct ActivityMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let session: VaultSession

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/locked" || path.hasPrefix("/static/") { return try await next(request, context) }
        session.requestStarted()
        defer { session.requestEnded() }
        var response = try await next(request, context)
        // A streamed body (a download) is activity while it is sent.
        let session = self.session
        // (Re-wrapped with its length, so a download keeps its Content-Length.)
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer.map { buffer in
                session.touch()
                return buffer
            })
        }
        return response
    }
}
