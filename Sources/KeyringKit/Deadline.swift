import CSecret
import Dispatch

/// A `GCancellable` that a timer cancels after `seconds`.
///
/// libsecret's synchronous calls wait on D-Bus replies with GDBus's default
/// timeout of about 25 s per message (about 50 s for a whole lookup seen
/// here), far too long for a command a person is waiting on. Every KeyringKit
/// call passes this cancellable to each libsecret step, so the whole call,
/// not each message, is bounded. `g_cancellable_cancel` is thread-safe; the
/// timer runs on a Dispatch queue while the calling thread is blocked inside
/// libsecret's private main loop.
final class Deadline {
    let seconds: Double
    let cancellable: UnsafeMutablePointer<GCancellable>
    private var timer: DispatchWorkItem?

    init(seconds: Double) {
        self.seconds = seconds
        cancellable = g_cancellable_new()
        let target = Cancellation(cancellable)
        let item = DispatchWorkItem { g_cancellable_cancel(target.pointer) }
        timer = item
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: item)
    }

    /// True once the timer fired.
    var expired: Bool { g_cancellable_is_cancelled(cancellable) != 0 }

    deinit {
        timer?.cancel()
        g_object_unref(cancellable)
    }

    /// Holds its own reference, so a timer firing after the call returned
    /// cancels a live (unused) object rather than freed memory.
    private final class Cancellation: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<GCancellable>
        init(_ p: UnsafeMutablePointer<GCancellable>) {
            pointer = p
            g_object_ref(p)
        }
        deinit { g_object_unref(pointer) }
    }
}
