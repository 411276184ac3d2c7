import CSecret

/// A libsecret schema: a name and the attribute names items of it carry.
///
/// libsecret keeps pointers to the schema's C strings for as long as a call
/// runs, and Swift strings passed as C pointers dangle after the call that
/// converted them. So this class owns `strdup`ed copies and a heap-allocated
/// `SecretSchema`, frees them in `deinit`, and the owner keeps the schema in
/// a `static let` (alive for the whole process).
public final class KeyringSchema: @unchecked Sendable {
    /// The schema name; libsecret stores it on each item as `xdg:schema`.
    public let name: String
    /// Attribute names; every item of this schema carries exactly these.
    public let attributeNames: [String]
    let pointer: UnsafeMutablePointer<SecretSchema>
    private var owned: [UnsafeMutablePointer<CChar>] = []

    /// A schema whose attributes are all strings (at most 32 of them).
    public init(name: String, attributeNames: [String]) {
        precondition(!attributeNames.isEmpty && attributeNames.count < 32, "a schema has 1 to 31 attributes")
        self.name = name
        self.attributeNames = attributeNames
        pointer = .allocate(capacity: 1)
        // Zero-filled: the unused attribute slots terminate the list.
        pointer.initialize(to: SecretSchema())
        let cName = strdup(name)!
        owned.append(cName)
        pointer.pointee.name = UnsafePointer(cName)
        pointer.pointee.flags = SECRET_SCHEMA_NONE
        withUnsafeMutableBytes(of: &pointer.pointee.attributes) { raw in
            let slots = raw.bindMemory(to: SecretSchemaAttribute.self)
            for (i, attr) in attributeNames.enumerated() {
                let c = strdup(attr)!
                owned.append(c)
                slots[i] = SecretSchemaAttribute(name: UnsafePointer(c), type: SECRET_SCHEMA_ATTRIBUTE_STRING)
            }
        }
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
        for p in owned { free(p) }
    }
}
