import Foundation

/// The address the app listens on, known once the socket is bound.
///
/// The Host and Origin checks compare against it; until it is set every
/// request is refused.
final class AppAddress: @unchecked Sendable {
    private let lock = NSLock()
    private var boundPort: Int?

    var port: Int? { lock.withLock { boundPort } }

    func set(port: Int) { lock.withLock { boundPort = port } }

    /// `Host` values that name this app: the loopback address or `localhost`, with our port.
    func allowedHosts() -> [String] {
        guard let p = port else { return [] }
        return ["127.0.0.1:\(p)", "localhost:\(p)"]
    }

    /// Origins of this app's own pages.
    func allowedOrigins() -> [String] { allowedHosts().map { "http://" + $0 } }

    var base: String { "http://127.0.0.1:\(port ?? 0)" }
}
