import SodiumKit

/// A purpose subkey (records, documents or shares), derived from the master
/// key (`MasterKey.subkey`). It seals the rows of its purpose's tables
/// (`RecordTable.purpose`) or, for documents, documents.db's rows and the
/// document keys. Carries its purpose, so a store given the wrong one refuses
/// it (`require`).
public struct PurposeKey: Sendable {
    public let purpose: KeyPurpose
    let secureBytes: SecureBytes

    init(purpose: KeyPurpose, secureBytes: SecureBytes) {
        self.purpose = purpose
        self.secureBytes = secureBytes
    }

    /// Stops at a subkey of another purpose: a programming error, never data.
    func require(_ expected: KeyPurpose) -> PurposeKey {
        precondition(purpose == expected, "a \(purpose) subkey where the \(expected) subkey is needed")
        return self
    }

    public func constantTimeEquals(_ other: PurposeKey) -> Bool {
        purpose == other.purpose && secureBytes.constantTimeEquals(other.secureBytes)
    }
}
