import Foundation
import ServiceLifecycle

/// Ends the app from inside it: the Quit button.
///
/// Started from the applications menu, the app has no terminal to press
/// Ctrl-C in, and would otherwise run (locked) until the user logs out. Quit
/// asks the service group for the same graceful shutdown SIGTERM gives:
/// requests in flight finish, the vault locks, the launch file goes.
final class AppStopper: @unchecked Sendable {
    private let lock = NSLock()
    private var group: ServiceGroup?
    private var requested = false

    /// The group to stop; a stop asked for before it exists happens now.
    func attach(_ group: ServiceGroup) async {
        let stopNow = lock.withLock { () -> Bool in
            self.group = group
            return requested
        }
        if stopNow { await group.triggerGracefulShutdown() }
    }

    /// Stops the app shortly after the current answer has been sent.
    func stopSoon() {
        let group = lock.withLock { () -> ServiceGroup? in
            requested = true
            return self.group
        }
        guard let group else { return }
        Task {
            // Let the "stopped" page reach the browser before the server closes.
            try? await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
        }
    }
}
