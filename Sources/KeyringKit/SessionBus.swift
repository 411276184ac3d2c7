import CSecret
#if canImport(Glibc)
import Glibc
#endif

/// Finds the D-Bus session bus, or says why there is none.
///
/// Without `DBUS_SESSION_BUS_ADDRESS`, GLib falls back to
/// `$XDG_RUNTIME_DIR/bus` and then to X11 autolaunch, which starts a
/// `dbus-launch` process (a stray bus) when `DISPLAY` is set. A vault command
/// must not spawn a bus as a side effect, so when neither the variable nor
/// the runtime socket exists this reports "no session bus" without calling
/// GLib at all.
enum SessionBus {
    /// Connects to the session bus (GLib's per-process shared connection).
    static func connect(deadline: Deadline) throws(KeyringError) -> GObjectRef<OpaquePointer> {
        let address = getenv("DBUS_SESSION_BUS_ADDRESS").map { String(cString: $0) } ?? ""
        if address.isEmpty {
            let runtime = getenv("XDG_RUNTIME_DIR").map { String(cString: $0) } ?? ""
            var st = stat()
            let socketPath = runtime + "/bus"
            guard !runtime.isEmpty, stat(socketPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFSOCK else {
                throw .noSessionBus(detail: "DBUS_SESSION_BUS_ADDRESS is not set")
            }
        }
        var error: UnsafeMutablePointer<GError>? = nil
        guard let connection = g_bus_get_sync(G_BUS_TYPE_SESSION, deadline.cancellable, &error) else {
            if deadline.expired {
                if let error { g_error_free(error) }
                throw .timeout(seconds: deadline.seconds)
            }
            let message = error?.pointee.message.map { String(cString: $0) } ?? "cannot connect"
            if let error { g_error_free(error) }
            throw .noSessionBus(detail: message)
        }
        // GLib's shared bus connection exits the process when the bus goes
        // away. A keyring lookup is optional for casevault: losing the bus
        // must end in a fallback to the passphrase, not in an exit.
        g_dbus_connection_set_exit_on_close(connection, 0)
        return GObjectRef(taking: connection, raw: UnsafeMutableRawPointer(connection))
    }
}
