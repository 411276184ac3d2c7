import SodiumKit

/// Someone a file is encrypted to: wraps the file key into stanzas.
///
/// Together with `AgeIdentity` this is the whole extension surface of the
/// format: a new recipient type is a new pair of these.
public protocol AgeRecipient {
    /// Wraps the 16-byte file key for this recipient.
    func wrap(fileKey: FileKey) throws -> [AgeStanza]

    /// Labels that must be the same for every recipient of one file (as
    /// age's `RecipientWithLabels`): a post-quantum recipient says
    /// `postquantum`, so that a classic recipient beside it, which would
    /// undo its protection, is refused. Empty by default.
    var labels: Set<String> { get }
}

extension AgeRecipient {
    public var labels: Set<String> { [] }
}

/// A key that can open files: unwraps the file key from a header's stanzas.
public protocol AgeIdentity {
    /// Returns the file key from the stanza addressed to this identity.
    ///
    /// Throws `AgeError.noMatchingIdentity` (or `.incorrectPassphrase`) when
    /// no stanza is for this identity, so the caller can try the next one,
    /// and any other `AgeError` when a stanza of its type is malformed, which
    /// stops decryption.
    func unwrap(stanzas: [AgeStanza]) throws -> FileKey
}
