import CSecret
import SodiumKit

/// A small, safe client of the freedesktop Secret Service (GNOME Keyring,
/// KWallet, KeePassXC) through libsecret.
///
/// This type and its helpers are the only Swift code that calls libsecret or
/// GLib. Every call:
/// - is synchronous and bounded by `timeout` seconds in total (a `Deadline`
///   cancels the libsecret call), so a hung service cannot hang a command;
/// - never asks the service to unlock anything: an unlock shows a prompt on a
///   desktop and waits for a person (or fails slowly with no display), so a
///   locked collection is reported as `.locked` instead;
/// - throws a `KeyringError` that says which step failed.
///
/// Secrets cross this API only as `SecureBytes`. On the wire and inside
/// the service they are lower-case hex text (`SecretText`); libsecret keeps
/// its copies in its own secure memory (`SecretValue`), released here with
/// `secret_value_unref`, which wipes them.
public struct KeyringService: Sendable {
    /// The default bound on one call, in seconds.
    public static let defaultTimeout = 3.0
    /// The alias of the collection items are stored in.
    static let collectionAlias = "default"

    /// Bound on each public call, in seconds.
    public var timeout: Double

    /// A client whose calls each take at most `timeout` seconds.
    ///
    /// The service is the one on the session bus named
    /// `org.freedesktop.secrets`, or `$SECRET_SERVICE_BUS_NAME` when set
    /// (libsecret's own override; the tests point it at fake services).
    public init(timeout: Double = KeyringService.defaultTimeout) {
        self.timeout = timeout
    }

    /// Stores `secret` under `attributes` in the default collection, replacing
    /// an item with the same attributes.
    public func store(schema: KeyringSchema, label: String, attributes: [String: String],
                      secret: SecureBytes) throws(KeyringError) {
        let deadline = Deadline(seconds: timeout)
        let handle = try open(deadline)
        // Refuse up front rather than let libsecret try to unlock (a prompt).
        guard let state = try defaultCollection(handle, deadline) else { throw .noDefaultCollection }
        if state.locked { throw .locked(collection: state.label) }
        let text: SecureBytes
        do { text = try SecretText.encode(secret) } catch { throw .failed(detail: "out of secure memory") }
        let value = text.withUnsafeBytes { raw in
            // secret_value_new copies the bytes into libsecret's secure memory.
            raw.withMemoryRebound(to: CChar.self) { secret_value_new($0.baseAddress, $0.count, "text/plain") }
        }
        defer { secret_value_unref(UnsafeMutableRawPointer(value)) }
        let table = makeAttributeTable(attributes)
        defer { g_hash_table_unref(table) }
        var error: UnsafeMutablePointer<GError>? = nil
        let ok = secret_service_store_sync(handle.service, schema.pointer, table, Self.collectionAlias, label,
                                           value, deadline.cancellable, &error)
        if ok == 0 { throw classify(error, deadline: deadline, collection: state.label) }
    }

    /// The secret of the item with `attributes`.
    ///
    /// Throws `.itemNotFound` when no item matches and the collection is
    /// unlocked, `.locked` when the item (or, with no item visible, the
    /// default collection) is locked: a locked Secret Service answers a
    /// plain lookup with "nothing found", which would look like a missing
    /// item.
    public func lookup(schema: KeyringSchema, attributes: [String: String]) throws(KeyringError) -> SecureBytes {
        let deadline = Deadline(seconds: timeout)
        let handle = try open(deadline)
        // Ask which matches are locked, then read an unlocked one by its
        // path: nothing here can start an unlock prompt.
        let paths = try handle.searchPaths(schema: schema, attributes: attributes, deadline: deadline)
        guard let path = paths.unlocked.first else {
            let state = try defaultCollection(handle, deadline)
            if !paths.locked.isEmpty || state?.locked == true {
                throw .locked(collection: state?.label ?? Self.collectionAlias)
            }
            throw .itemNotFound
        }
        guard let value = try handle.secret(at: path, deadline: deadline) else {
            throw .malformedItem(reason: "the item has no secret")
        }
        defer { secret_value_unref(UnsafeMutableRawPointer(value)) }
        var length = 0
        guard let bytes = secret_value_get(value, &length) else { throw .malformedItem(reason: "the secret is empty") }
        let decoded: SecureBytes?
        do {
            decoded = try SecretText.decode(UnsafeRawBufferPointer(start: bytes, count: length))
        } catch {
            throw .failed(detail: "out of secure memory")
        }
        guard let decoded else { throw .malformedItem(reason: "the secret is not hex text") }
        return decoded
    }

    /// The items with `attributes`, locked or not, without their secrets.
    public func search(schema: KeyringSchema, attributes: [String: String]) throws(KeyringError) -> [KeyringItem] {
        let deadline = Deadline(seconds: timeout)
        let handle = try open(deadline)
        var items: [KeyringItem] = []
        let _: Int? = try search(handle, schema, attributes, SECRET_SEARCH_ALL, deadline) { item in
            items.append(Self.describe(item))
            return nil
        }
        return items
    }

    /// Deletes every item with `attributes`; false when there was none.
    @discardableResult
    public func clear(schema: KeyringSchema, attributes: [String: String]) throws(KeyringError) -> Bool {
        let deadline = Deadline(seconds: timeout)
        let handle = try open(deadline)
        var any = false, locked = false
        let _: Int? = try search(handle, schema, attributes, SECRET_SEARCH_ALL, deadline) { item in
            any = true
            if secret_item_get_locked(item) != 0 { locked = true }
            return nil
        }
        if !any { return false }
        if locked {
            let state = try defaultCollection(handle, deadline)
            throw .locked(collection: state?.label ?? Self.collectionAlias)
        }
        let table = makeAttributeTable(attributes)
        defer { g_hash_table_unref(table) }
        var error: UnsafeMutablePointer<GError>? = nil
        let ok = secret_service_clear_sync(handle.service, schema.pointer, table, deadline.cancellable, &error)
        if ok == 0 {
            if error == nil { return false }
            throw classify(error, deadline: deadline)
        }
        return true
    }

    /// Deletes the items with `attributes` that `shouldDelete` picks (it sees
    /// each item's label and attributes, never its secret); returns how many
    /// were deleted. Unlike `clear`, items that merely share the attributes
    /// survive: a vault copied elsewhere keeps its own item. A locked match
    /// that would be deleted is reported as `.locked`; nothing is unlocked.
    @discardableResult
    public func delete(schema: KeyringSchema, attributes: [String: String],
                       where shouldDelete: (KeyringItem) -> Bool) throws(KeyringError) -> Int {
        let deadline = Deadline(seconds: timeout)
        let handle = try open(deadline)
        let table = makeAttributeTable(attributes)
        defer { g_hash_table_unref(table) }
        var error: UnsafeMutablePointer<GError>? = nil
        let list = secret_service_search_sync(handle.service, schema.pointer, table, SECRET_SEARCH_ALL, deadline.cancellable, &error)
        if list == nil, error != nil || deadline.expired { throw classify(error, deadline: deadline) }
        defer { g_list_free_full(list, g_object_unref) }
        var chosen: [UnsafeMutablePointer<SecretItem>] = []
        var node = list
        while let n = node {
            if let data = n.pointee.data {
                let item = data.assumingMemoryBound(to: SecretItem.self)
                if shouldDelete(Self.describe(item)) { chosen.append(item) }
            }
            node = n.pointee.next
        }
        if chosen.contains(where: { secret_item_get_locked($0) != 0 }) {
            let state = try defaultCollection(handle, deadline)
            throw .locked(collection: state?.label ?? Self.collectionAlias)
        }
        var deleted = 0
        for item in chosen {
            var failure: UnsafeMutablePointer<GError>? = nil
            if secret_item_delete_sync(item, deadline.cancellable, &failure) == 0 {
                throw classify(failure, deadline: deadline)
            }
            deleted += 1
        }
        return deleted
    }

    /// Whether the bus, the service and the default collection answer, and
    /// whether that collection is locked. Never throws: the first failing
    /// step is in `problem`.
    public func status() -> KeyringStatus {
        var status = KeyringStatus(busReachable: false, serviceAnswers: false, collection: nil,
                                   collectionLocked: nil, problem: nil)
        let deadline = Deadline(seconds: timeout)
        do throws(KeyringError) {
            let handle = try open(deadline) { status.busReachable = true }
            let state = try defaultCollection(handle, deadline)
            status.serviceAnswers = true
            if let state {
                status.collection = state.label
                status.collectionLocked = state.locked
            } else {
                status.problem = .noDefaultCollection
            }
        } catch {
            status.problem = error
        }
        return status
    }

    // MARK: - Steps

    /// Opens a private (not libsecret's shared) service proxy on the bus.
    private func open(_ deadline: Deadline, connected: () -> Void = {}) throws(KeyringError) -> ServiceHandle {
        let connection = try SessionBus.connect(deadline: deadline)
        connected()
        var error: UnsafeMutablePointer<GError>? = nil
        guard let service = secret_service_open_sync(secret_service_get_type(), nil, SECRET_SERVICE_NONE,
                                                      deadline.cancellable, &error) else {
            throw classify(error, deadline: deadline)
        }
        return ServiceHandle(connection: connection, service: service)
    }

    /// The default collection's label and lock state; nil when the service
    /// has no default alias. This is also the first call that needs an
    /// answer from the service itself.
    private func defaultCollection(_ handle: ServiceHandle,
                                   _ deadline: Deadline) throws(KeyringError) -> (label: String, locked: Bool)? {
        var error: UnsafeMutablePointer<GError>? = nil
        guard let collection = secret_collection_for_alias_sync(handle.service, Self.collectionAlias,
                                                                SECRET_COLLECTION_NONE, deadline.cancellable, &error) else {
            if error == nil && !deadline.expired { return nil }
            throw classify(error, deadline: deadline)
        }
        defer { g_object_unref(collection) }
        let label = secret_collection_get_label(collection).map { p -> String in
            defer { g_free(p) }
            return String(cString: p)
        } ?? Self.collectionAlias
        return (label.isEmpty ? Self.collectionAlias : label, secret_collection_get_locked(collection) != 0)
    }

    /// Runs `visit` on each item found until it returns a value.
    private func search<R>(_ handle: ServiceHandle, _ schema: KeyringSchema,
                           _ attributes: [String: String], _ flags: SecretSearchFlags, _ deadline: Deadline,
                           visit: (UnsafeMutablePointer<SecretItem>) -> R?) throws(KeyringError) -> R? {
        let table = makeAttributeTable(attributes)
        defer { g_hash_table_unref(table) }
        var error: UnsafeMutablePointer<GError>? = nil
        let list = secret_service_search_sync(handle.service, schema.pointer, table, flags, deadline.cancellable, &error)
        if list == nil, error != nil || deadline.expired { throw classify(error, deadline: deadline) }
        defer { g_list_free_full(list, g_object_unref) }
        var node = list
        while let n = node {
            if let data = n.pointee.data, let r = visit(data.assumingMemoryBound(to: SecretItem.self)) { return r }
            node = n.pointee.next
        }
        return nil
    }

    private static func describe(_ item: UnsafeMutablePointer<SecretItem>) -> KeyringItem {
        let label = secret_item_get_label(item).map { p -> String in
            defer { g_free(p) }
            return String(cString: p)
        } ?? ""
        var attributes: [String: String] = [:]
        if let table = secret_item_get_attributes(item) {
            attributes = readAttributeTable(table)
            g_hash_table_unref(table)
        }
        return KeyringItem(label: label, attributes: attributes, locked: secret_item_get_locked(item) != 0)
    }
}
