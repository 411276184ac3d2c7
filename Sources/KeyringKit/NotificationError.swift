import CSecret

/// Why a desktop notification was not delivered. No case carries the
/// notification's text.
public enum NotificationError: Error, Equatable, Sendable {
    /// No D-Bus session bus could be reached.
    case noSessionBus(detail: String)
    /// Nothing on the session bus provides `org.freedesktop.Notifications`.
    case noServer(detail: String)
    /// The notification server did not answer in time.
    case timeout(seconds: Double)
    /// The server refused the call, or another failure.
    case failed(detail: String)

    /// One line for a person, without the notification's text.
    public var reason: String {
        switch self {
        case .noSessionBus(let d): return "no D-Bus session bus (\(d))"
        case .noServer(let d): return "no notification server on the session bus (\(d))"
        case .timeout(let s): return "the notification server did not answer within \(KeyringError.seconds(s))"
        case .failed(let d): return "the notification was refused (\(d))"
        }
    }

    /// Classifies a `GError` from the Notify call and frees it.
    init(_ error: UnsafeMutablePointer<GError>?, deadline: Deadline) {
        defer { if let error { g_error_free(error) } }
        guard let error else { self = .failed(detail: "no error detail"); return }
        if deadline.expired { self = .timeout(seconds: deadline.seconds); return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "no detail"
        if error.pointee.domain == g_dbus_error_quark() {
            switch GDBusError(rawValue: UInt32(bitPattern: error.pointee.code)) {
            case G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER:
                self = .noServer(detail: "nothing provides or can start it"); return
            case G_DBUS_ERROR_NO_REPLY, G_DBUS_ERROR_TIMEOUT, G_DBUS_ERROR_TIMED_OUT:
                self = .timeout(seconds: deadline.seconds); return
            case G_DBUS_ERROR_DISCONNECTED, G_DBUS_ERROR_NO_SERVER:
                self = .noSessionBus(detail: message); return
            default: break
            }
            if let remote = g_dbus_error_get_remote_error(error) {
                defer { g_free(remote) }
                if String(cString: remote).hasPrefix("org.freedesktop.DBus.Error.Spawn.") {
                    self = .noServer(detail: message); return
                }
            }
        }
        if error.pointee.domain == g_io_error_quark(),
           error.pointee.code == Int32(G_IO_ERROR_CANCELLED.rawValue) || error.pointee.code == Int32(G_IO_ERROR_TIMED_OUT.rawValue) {
            self = .timeout(seconds: deadline.seconds); return
        }
        self = .failed(detail: message)
    }
}
