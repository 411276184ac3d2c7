import CSecret

/// One opened Secret Service proxy and the bus connection under it.
///
/// GLib keeps the session bus as a weak singleton: if nothing holds it, it
/// is closed and the next step connects again (a second Hello, about a
/// millisecond). Holding the connection for the life of the call keeps
/// one connection per call.
final class ServiceHandle {
    let connection: GObjectRef<OpaquePointer>
    let service: UnsafeMutablePointer<CSecret.SecretService>

    init(connection: GObjectRef<OpaquePointer>, service: UnsafeMutablePointer<CSecret.SecretService>) {
        self.connection = connection
        self.service = service
    }

    deinit { g_object_unref(service) }

    /// D-Bus paths of the unlocked and the locked items that match.
    ///
    /// One `SearchItems` call: no item proxies and no unlock (libsecret's own
    /// `secret_service_lookup` unlocks locked matches, which prompts).
    func searchPaths(schema: KeyringSchema, attributes: [String: String],
                     deadline: Deadline) throws(KeyringError) -> (unlocked: [String], locked: [String]) {
        let table = makeAttributeTable(attributes)
        defer { g_hash_table_unref(table) }
        var unlocked: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>? = nil
        var locked: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>? = nil
        var error: UnsafeMutablePointer<GError>? = nil
        let ok = secret_service_search_for_dbus_paths_sync(service, schema.pointer, table, deadline.cancellable,
                                                           &unlocked, &locked, &error)
        defer { g_strfreev(unlocked); g_strfreev(locked) }
        guard ok != 0 else { throw classify(error, deadline: deadline) }
        return (Self.strings(unlocked), Self.strings(locked))
    }

    /// The secret of the item at `path` (opens the transfer session if
    /// needed; never unlocks). Nil when the item has no secret to give.
    func secret(at path: String, deadline: Deadline) throws(KeyringError) -> OpaquePointer? {
        var error: UnsafeMutablePointer<GError>? = nil
        let value = secret_service_get_secret_for_dbus_path_sync(service, path, deadline.cancellable, &error)
        if value == nil, error != nil || deadline.expired { throw classify(error, deadline: deadline) }
        return value
    }

    private static func strings(_ v: UnsafeMutablePointer<UnsafeMutablePointer<gchar>?>?) -> [String] {
        guard let v else { return [] }
        var out: [String] = []
        var i = 0
        while let p = v[i] {
            out.append(String(cString: p))
            i += 1
        }
        return out
    }
}
