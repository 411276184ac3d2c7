import AgeKit
import CaseVault
import Foundation

/// What the Identity page shows, read on the vault's queue: the age
/// recipient clients send shares to, the signing key shares from this
/// vault are signed with, each with its fingerprint to read aloud, and the
/// earlier identities kept so that shares sent to them still open (as
/// `identity show`). Nothing here is secret: both are public keys.
struct IdentityPage: Sendable {
    struct Key: Sendable {
        let text: String
        let fingerprint: String
    }

    let recipient: Key?
    /// Nil until made (the first export, `identity show`, or this page's button).
    let signing: Key?
    let senderName: String?
    let earlier: [Key]

    init(_ vault: Vault) throws {
        let keys = vault.shareKeys
        recipient = try keys.ageIdentity().map {
            Key(text: $0.publicKeyRecipient.encoded, fingerprint: KeyFingerprint.of(recipient: $0.publicKeyRecipient))
        }
        signing = try keys.signingKey().map { key in
            let signer = try SignerKey(publicKey: key.publicKey)
            return Key(text: signer.encoded, fingerprint: signer.fingerprint)
        }
        senderName = try keys.senderName()
        earlier = try keys.retiredAgeIdentities().map {
            Key(text: $0.publicKeyRecipient.encoded, fingerprint: KeyFingerprint.of(recipient: $0.publicKeyRecipient))
        }
    }

    func model(notice: String?) -> [String: Any] {
        var m: [String: Any] = ["hasEarlier": !earlier.isEmpty,
                                "earlier": earlier.map { ["recipient": $0.text, "fingerprint": $0.fingerprint,
                                                          "fingerprintText": AppLanguage.text("app.identity.earlier_fingerprint", ["fingerprint": $0.fingerprint])] }]
        if let recipient { m["recipient"] = ["text": recipient.text, "fingerprint": recipient.fingerprint] }
        if let signing { m["signing"] = ["text": signing.text, "fingerprint": signing.fingerprint] }
        if let senderName { m["senderName"] = senderName }
        if let notice { m["notice"] = notice }
        return m
    }
}
