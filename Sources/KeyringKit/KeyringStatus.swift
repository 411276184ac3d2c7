/// What `SecretService.status()` found, step by step.
public struct KeyringStatus: Sendable, Equatable {
    /// A session bus was reached.
    public var busReachable: Bool
    /// A Secret Service answered on it.
    public var serviceAnswers: Bool
    /// The default collection's label, when there is one.
    public var collection: String?
    /// Whether the default collection is locked (nil when unknown).
    public var collectionLocked: Bool?
    /// Why the first step that failed failed (nil when everything answered).
    public var problem: KeyringError?

    /// True when items can be stored and read without a prompt.
    public var usable: Bool { problem == nil && collectionLocked == false }
}
