/// What a search shows of an item, without its secret.
public struct KeyringItem: Sendable, Equatable {
    /// The label keyring managers display.
    public var label: String
    /// The item's attributes, including libsecret's `xdg:schema`.
    public var attributes: [String: String]
    /// Whether the item is locked (its secret cannot be read without the
    /// user unlocking its collection).
    public var locked: Bool
}
