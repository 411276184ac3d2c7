import CSecret

/// Owns one GObject reference and drops it in `deinit`.
final class GObjectRef<T> {
    let pointer: T
    private let raw: UnsafeMutableRawPointer
    init(taking pointer: T, raw: UnsafeMutableRawPointer) {
        self.pointer = pointer
        self.raw = raw
    }
    deinit { g_object_unref(raw) }
}

/// Builds a `GHashTable` of string attributes that frees its own copies.
func makeAttributeTable(_ attributes: [String: String]) -> OpaquePointer {
    let table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free)!
    for (k, v) in attributes {
        g_hash_table_insert(table, g_strdup(k), g_strdup(v))
    }
    return table
}

/// Reads the attributes libsecret returns for an item (a string-to-string table).
func readAttributeTable(_ table: OpaquePointer) -> [String: String] {
    var out: [String: String] = [:]
    var iter = GHashTableIter()
    g_hash_table_iter_init(&iter, table)
    var key: gpointer? = nil
    var value: gpointer? = nil
    while g_hash_table_iter_next(&iter, &key, &value) != 0 {
        if let key, let value {
            out[String(cString: key.assumingMemoryBound(to: CChar.self))] =
                String(cString: value.assumingMemoryBound(to: CChar.self))
        }
    }
    return out
}

/// Turns a `GError` from a step of a call into a typed error and frees it.
///
/// The D-Bus error names come from the bus daemon (no owner, not
/// activatable, activation failed) or from the Secret Service API
/// (`org.freedesktop.Secret.Error.IsLocked`). A cancelled call was cancelled
/// by our own deadline, so it is a timeout.
func classify(_ error: UnsafeMutablePointer<GError>?, deadline: Deadline, collection: String = "default") -> KeyringError {
    defer { if let error { g_error_free(error) } }
    if deadline.expired { return .timeout(seconds: deadline.seconds) }
    guard let error else { return .failed(detail: "no error detail") }
    let domain = error.pointee.domain
    let code = error.pointee.code
    let message = error.pointee.message.map { String(cString: $0) } ?? "no detail"
    if domain == g_io_error_quark() {
        if code == Int32(G_IO_ERROR_CANCELLED.rawValue) || code == Int32(G_IO_ERROR_TIMED_OUT.rawValue) {
            return .timeout(seconds: deadline.seconds)
        }
    }
    if domain == g_dbus_error_quark() {
        let remote = g_dbus_error_get_remote_error(error).map { p -> String in
            defer { g_free(p) }
            return String(cString: p)
        }
        if remote == "org.freedesktop.Secret.Error.IsLocked" { return .locked(collection: collection) }
        if remote == "org.freedesktop.Secret.Error.NoSuchObject" { return .itemNotFound }
        if let remote, remote.hasPrefix("org.freedesktop.DBus.Error.Spawn.") { return .noService(detail: message) }
        switch GDBusError(rawValue: UInt32(bitPattern: code)) {
        case G_DBUS_ERROR_SERVICE_UNKNOWN, G_DBUS_ERROR_NAME_HAS_NO_OWNER:
            return .noService(detail: "nothing provides or can start it")
        case G_DBUS_ERROR_NO_REPLY, G_DBUS_ERROR_TIMEOUT, G_DBUS_ERROR_TIMED_OUT:
            return .timeout(seconds: deadline.seconds)
        case G_DBUS_ERROR_DISCONNECTED, G_DBUS_ERROR_NO_SERVER:
            return .noSessionBus(detail: message)
        default:
            break
        }
    }
    if domain == secret_error_get_quark() && code == Int32(SECRET_ERROR_IS_LOCKED.rawValue) {
        return .locked(collection: collection)
    }
    if domain == secret_error_get_quark() && code == Int32(SECRET_ERROR_NO_SUCH_OBJECT.rawValue) {
        return .itemNotFound
    }
    return .failed(detail: message)
}
