import CSecret

/// Sends one desktop notification through the freedesktop Notifications
/// D-Bus interface (`org.freedesktop.Notifications.Notify` on the session
/// bus), with GDBus from the GIO that libsecret already links.
///
/// It lives in KeyringKit because this is the layer that may call GLib
/// (docs/design.md, "Layers"); it shares the session-bus lookup (no stray
/// `dbus-launch`) and the call deadline with the keyring calls. The caller
/// chooses the words; a notification can be read by anyone near the screen,
/// so callers must never put a secret in it.
public enum DesktopNotification {
    /// Sends a notification and returns the server's id for it.
    ///
    /// - Parameters:
    ///   - appName: shown by the server as the sender.
    ///   - desktopEntry: the `.desktop` file name without its suffix (the
    ///     `desktop-entry` hint, so servers show the application's icon).
    ///   - timeout: the whole call's bound, in seconds.
    @discardableResult
    public static func send(appName: String, summary: String, body: String, desktopEntry: String,
                            icon: String = "", timeout: Double = 5) throws(NotificationError) -> UInt32 {
        let deadline = Deadline(seconds: timeout)
        let connection: GObjectRef<OpaquePointer>
        do {
            connection = try SessionBus.connect(deadline: deadline)
        } catch {
            switch error {
            case .timeout(let s): throw .timeout(seconds: s)
            default: throw .noSessionBus(detail: error.reason)
            }
        }
        // Notify(s app_name, u replaces_id, s app_icon, s summary, s body,
        //        as actions, a{sv} hints, i expire_timeout): g_variant_new is
        // variadic (not imported), so the tuple is built from its parts.
        let stringType = g_variant_type_new("s")
        let hintType = g_variant_type_new("{sv}")
        let replyType = g_variant_type_new("(u)")
        defer {
            g_variant_type_free(stringType)
            g_variant_type_free(hintType)
            g_variant_type_free(replyType)
        }
        var hints: [OpaquePointer?] = [
            g_variant_new_dict_entry(g_variant_new_string("desktop-entry"), g_variant_new_variant(g_variant_new_string(desktopEntry))),
            // Normal urgency (1): a reminder, not an alarm.
            g_variant_new_dict_entry(g_variant_new_string("urgency"), g_variant_new_variant(g_variant_new_byte(1))),
        ]
        var parts: [OpaquePointer?] = [
            g_variant_new_string(appName),
            g_variant_new_uint32(0),
            g_variant_new_string(icon),
            g_variant_new_string(summary),
            g_variant_new_string(body),
            g_variant_new_array(stringType, nil, 0),
            hints.withUnsafeMutableBufferPointer { g_variant_new_array(hintType, $0.baseAddress, gsize($0.count)) },
            g_variant_new_int32(-1),
        ]
        let parameters = parts.withUnsafeMutableBufferPointer { g_variant_new_tuple($0.baseAddress, gsize($0.count)) }
        var error: UnsafeMutablePointer<GError>? = nil
        // The floating `parameters` reference is taken by the call.
        guard let reply = g_dbus_connection_call_sync(
            connection.pointer, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications", "Notify", parameters, replyType,
            G_DBUS_CALL_FLAGS_NONE, Int32(timeout * 1000), deadline.cancellable, &error) else {
            throw NotificationError(error, deadline: deadline)
        }
        defer { g_variant_unref(reply) }
        let child = g_variant_get_child_value(reply, 0)
        defer { if let child { g_variant_unref(child) } }
        return child.map { g_variant_get_uint32($0) } ?? 0
    }
}
