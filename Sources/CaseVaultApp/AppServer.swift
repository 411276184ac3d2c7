import CaseVault
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SystemKit

/// `casevault app`: serves the vault to the user's own browser on 127.0.0.1.
///
/// Order of the defences on each request (outermost first): security
/// headers on every answer; only this user's connections; only our Host;
/// only same-origin state changes; only a session's requests; the vault's
/// state (first run, locked); failures as pages; idle tracking.
public enum AppServer {
    /// Serves until SIGINT, SIGTERM or the Quit button. `ready` is called once the socket
    /// listens and the launch file exists; `opener` opens the launch file
    /// (the desktop's opener), unless `options.openBrowser` is false.
    public static func run(_ options: AppOptions, ready: @escaping @Sendable (AppReady) -> Void) async throws {
        let gate = SessionGate()
        let session = VaultSession(options: options)
        let address = AppAddress()
        let views = try Views()
        let stopper = AppStopper()
        let router = Router(context: AppContext.self)
        router.add(middleware: SecurityHeadersMiddleware<AppContext>())
        router.add(middleware: PeerOwnerMiddleware(owner: LoopbackPeer.currentUser))
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: HostCheckMiddleware(address: address))
        router.add(middleware: SameOriginMiddleware(address: address))
        router.add(middleware: SessionMiddleware(gate: gate, views: views))
        router.add(middleware: ErrorPageMiddleware(views: views, session: session))
        router.add(middleware: VaultStateMiddleware(session: session))
        router.add(middleware: ActivityMiddleware(session: session))
        AppRoutes(views: views, session: session, gate: gate, address: address, stopper: stopper).register(on: router)

        let launch = LaunchHolder()
        // The server logs nothing: a request line can hold the launch token.
        let quiet = Logger(label: "casevault.app", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: options.port ?? 0), serverName: nil),
            onServerRunning: { channel in
                guard let port = channel.localAddress?.port else { return }
                address.set(port: port)
                do {
                    let file = try LaunchFile.write(url: "\(address.base)/launch?token=\(gate.token)", port: port)
                    launch.set(file)
                    ready(AppReady(address: address.base + "/", launchFile: file.path))
                    if options.openBrowser { DesktopOpener.open(file.path) }
                } catch {
                    ready(AppReady(address: address.base + "/", launchFile: ""))
                }
            },
            logger: quiet)

        let idle = Task { await session.runIdleLock() }
        defer {
            idle.cancel()
            session.lockNow()
            launch.remove()
        }
        // What Application.runService does, with the group kept for Quit.
        let group = ServiceGroup(configuration: .init(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet))
        await stopper.attach(group)
        try await group.run()
    }
}

/// The launch file once written, for removal at exit.
final class LaunchHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var file: LaunchFile?
    func set(_ f: LaunchFile) { lock.withLock { file = f } }
    func remove() { lock.withLock { file?.remove(); file = nil } }
}
