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

    /// The service as the GDBusProxy it is (for plain D-Bus calls).
    var proxy: UnsafeMutablePointer<GDBusProxy> {
        UnsafeMutableRawPointer(service).assumingMemoryBound(to: GDBusProxy.self)
    }

    /// `SearchItems` on the service: how many unlocked and locked items
    /// match. One D-Bus call, no item proxies, no unlock (libsecret's own
    /// lookup unlocks locked matches, which prompts).
    func countMatches(schema: KeyringSchema, attributes: [String: String],
                      deadline: Deadline) throws(KeyringError) -> (unlocked: Int, locked: Int) {
        // libsecret stores the schema name as `xdg:schema` and matches on it.
        var all = attributes
        all["xdg:schema"] = schema.name
        let entryType = g_variant_type_new("{ss}")
        defer { g_variant_type_free(entryType) }
        var entries: [OpaquePointer?] = all.sorted { $0.key < $1.key }.map { k, v in
            g_variant_new_dict_entry(g_variant_new_string(k), g_variant_new_string(v))
        }
        let dict = entries.withUnsafeMutableBufferPointer { buf in
            g_variant_new_array(entryType, buf.baseAddress, gsize(buf.count))
        }
        var children: [OpaquePointer?] = [dict]
        let parameters = children.withUnsafeMutableBufferPointer { g_variant_new_tuple($0.baseAddress, 1) }
        entries.removeAll()
        var error: UnsafeMutablePointer<GError>? = nil
        guard let reply = g_dbus_proxy_call_sync(proxy, "SearchItems", parameters, G_DBUS_CALL_FLAGS_NONE,
                                                 Int32(min(deadline.seconds * 1000, 60_000)),
                                                 deadline.cancellable, &error) else {
            throw classify(error, deadline: deadline)
        }
        defer { g_variant_unref(reply) }
        guard g_variant_n_children(reply) == 2 else { throw .failed(detail: "unexpected SearchItems reply") }
        let unlocked = g_variant_get_child_value(reply, 0)
        let locked = g_variant_get_child_value(reply, 1)
        defer { g_variant_unref(unlocked); g_variant_unref(locked) }
        return (Int(g_variant_n_children(unlocked)), Int(g_variant_n_children(locked)))
    }
}
