import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the connection's
/// two ports (for the peer-owner check).
struct AppContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's port (its end of the loopback connection).
    let remotePort: Int?
    /// Our port.
    let localPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
        localPort = source.channel.localAddress?.port
    }

    /// Bodies are read with explicit limits (forms) or streamed (uploads);
    /// anything that collects without a limit gets this much.
    var maxUploadSize: Int { 64 * 1024 }
}
