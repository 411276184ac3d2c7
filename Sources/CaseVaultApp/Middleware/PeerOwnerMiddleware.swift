import Hummingbird
import SystemKit

/// Serves only connections made by this app's own user.
///
/// Another local user can connect to a loopback port; the launch token and
/// cookie already keep them out of the vault, and this keeps them out of
/// everything: their connection gets an empty 403, whatever it sends (a
/// stolen cookie included).
struct PeerOwnerMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let owner: UInt32

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        guard let client = context.remotePort, let server = context.localPort,
              LoopbackPeer.owner(clientPort: client, serverPort: server) == owner else {
            return Response(status: .forbidden)
        }
        return try await next(request, context)
    }
}
