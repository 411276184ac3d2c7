import AgeKit
import Foundation

/// What the vault keeps of a trusted-people recovery setup: public facts
/// only, sealed like every record (vault.db `recovery_setup`, under the
/// shares subkey). Never a share, never the split secret.
public struct RecoverySetup: Codable, Sendable, Equatable {
    /// A trusted person.
    public struct Holder: Codable, Sendable, Equatable {
        public var name: String
        /// The age recipient their share was sealed to; nil for a paper sheet.
        public var sealedTo: String?
    }

    /// `age1…`: the emergency copy is sealed to it.
    public var recipient: String
    /// The SLIP-0039 identifier of the shares (the first words tell it), so a
    /// drill can tell a share of this setup from another.
    public var setIdentifier: Int
    /// How many shares open the copy.
    public var threshold: Int
    public var holders: [Holder]
    /// What the copy holds, chosen as for an export; `refresh` uses it again.
    public var selection: ShareSelection
    public var createdAt: Date
    public var refreshedAt: Date
    /// The signing key's fingerprint the sheets show.
    public var signerFingerprint: String

    /// The recipient's fingerprint.
    public var recipientFingerprint: String {
        (try? AgePublicKeys.parseRecipient(recipient)).map { KeyFingerprint.of(recipient: $0) } ?? "?"
    }
}
