import AgeKit
import ArgumentParser
import CaseVault
import Foundation
import SodiumKit
import SystemKit

/// `casevault identity ...`: this vault's keys for shares.
struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "This vault's keys for shares: the age identity shares are sent to, and the signing key shares are signed with.",
        subcommands: [IdentityNew.self, IdentityShow.self])
}

struct IdentityNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create the age identity a client's shares are encrypted to (representative side).",
        discussion: """
            The identity is post-quantum (ML-KEM-768 + X25519, recipient age1pq1...): shares sent to it stay sealed \
            even against a future quantum computer. --classic makes an X25519 one (age1...) instead, for senders \
            whose tools only know those. The identity is kept in the vault, sealed under the vault key. With -o FILE it is written \
            instead as a plain age identity file (mode 0600) that `age -d -i FILE` reads (age 1.3 or later \
            for a post-quantum one); no vault is needed then.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .short, help: ArgumentHelp("Write a plain age identity file instead of keeping it in the vault.", valueName: "file"))
    var output: String?
    @Flag(help: "Replace the vault's identity. The earlier one is kept, so shares sent to it still open; clients need the new recipient.")
    var replace = false
    @Flag(help: "With --replace: do not ask, even when imported shares were sent to the current identity.") var yes = false
    @Flag(help: "Make a classic X25519 identity (age1...) instead of a post-quantum one.") var classic = false

    func validate() throws {
        if yes && !replace { throw ValidationError("--yes goes with --replace") }
        if replace && output != nil { throw ValidationError("--replace is for the vault's identity, not for a file written with -o") }
    }

    func run() throws {
        let recipient: any AgePublicKeyRecipient
        var previous: (fingerprint: String, shares: Int)? = nil
        if let output {
            let id: any AgeSecretKeyIdentity = classic ? try X25519Identity.generate() : try MLKEMX25519Identity.generate()
            recipient = id.publicKeyRecipient
            do { try id.writeFile(to: output) } catch let e as SystemError { throw CaseVaultError(e) }
        } else {
            let vault = try VaultAccess.unlock(global)
            if replace, let current = try vault.shareKeys.ageIdentity() {
                let fingerprint = KeyFingerprint.of(recipient: current.publicKeyRecipient)
                let shares = try vault.inbox.sharesSent(to: current.publicKeyRecipient.encoded)
                if shares > 0 {
                    let these = shares == 1 ? "1 imported share was" : "\(shares) imported shares were"
                    try Confirmation.requireTyped(
                        yes: yes, word: "replace",
                        question: "\(these) sent to the current identity (\(fingerprint)). It will be kept and still open "
                            + "\(shares == 1 ? "it" : "them"); clients must be given the new recipient.",
                        refusal: "\(these) sent to the current identity (\(fingerprint)); replacing it needs confirmation",
                        expected: "--yes to replace it (the current identity is kept and still opens \(shares == 1 ? "that share" : "those shares"))")
                }
                previous = (fingerprint, shares)
            }
            recipient = try vault.shareKeys.createAgeIdentity(replace: replace, postQuantum: !classic).publicKeyRecipient
        }
        let fingerprint = KeyFingerprint.of(recipient: recipient)
        let kind = recipient.isPostQuantum ? "post-quantum" : "classic"
        if global.json {
            var doc = ["recipient": recipient.encoded, "fingerprint": fingerprint, "kind": kind]
            if let previous { doc["previousFingerprint"] = previous.fingerprint; doc["sharesSentToPrevious"] = String(previous.shares) }
            Output.json(doc)
            return
        }
        Output.line("Recipient:   \(recipient.encoded)")
        Output.line("Fingerprint: \(fingerprint)")
        Output.line("Kind:        \(kind)\(recipient.isPostQuantum ? " (ML-KEM-768 + X25519)" : " (X25519)")")
        Output.line("Give the recipient to your clients; confirm the fingerprint with them by phone.")
        if let previous {
            Output.line("The earlier identity (\(previous.fingerprint)) is kept: shares sent to it still open"
                        + (previous.shares > 0 ? " (\(previous.shares) in the inbox)." : "."))
        }
    }
}

struct IdentityShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the age recipient and the signing key, each with a fingerprint to read aloud.",
        discussion: "The signing key is created the first time it is needed (here, or at the first export).")
    @OptionGroup var global: GlobalOptions

    struct JSON: Encodable {
        struct Earlier: Encodable { let recipient: String; let fingerprint: String; let kind: String }
        let recipient: String?
        let recipientFingerprint: String?
        /// "post-quantum" or "classic".
        let recipientKind: String?
        let signingKey: String
        let signingFingerprint: String
        let senderName: String?
        /// Identities replaced by `identity new --replace`, kept to open shares sent to them.
        let earlierRecipients: [Earlier]
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let id = try vault.shareKeys.ageIdentity()
        let earlier = try vault.shareKeys.retiredAgeIdentities().map {
            JSON.Earlier(recipient: $0.publicKeyRecipient.encoded, fingerprint: KeyFingerprint.of(recipient: $0.publicKeyRecipient),
                         kind: $0.publicKeyRecipient.isPostQuantum ? "post-quantum" : "classic")
        }
        let signer = try SignerKey(publicKey: try vault.shareKeys.signingKeyCreatingIfNeeded().publicKey)
        let name = try vault.shareKeys.senderName()
        let recipientFP = id.map { KeyFingerprint.of(recipient: $0.publicKeyRecipient) }
        let recipientKind = id.map { $0.publicKeyRecipient.isPostQuantum ? "post-quantum" : "classic" }
        if global.json {
            Output.json(JSON(recipient: id?.publicKeyRecipient.encoded, recipientFingerprint: recipientFP, recipientKind: recipientKind,
                             signingKey: signer.encoded, signingFingerprint: signer.fingerprint, senderName: name,
                             earlierRecipients: earlier))
            return
        }
        if let id, let recipientFP, let recipientKind {
            Output.line("Age recipient (shares to you):   \(id.publicKeyRecipient.encoded)")
            Output.line("  fingerprint:                   \(recipientFP)")
            Output.line("  kind:                          \(recipientKind)")
            if !id.publicKeyRecipient.isPostQuantum {
                Output.line("  (shares to a classic recipient could be opened by a future quantum computer; "
                            + "`casevault identity new --replace` makes a post-quantum one and keeps this one for shares already sent)")
            }
        } else {
            Output.line("Age recipient: none (create one with `casevault identity new` to receive shares)")
        }
        Output.line("Signing key (shares from you):   \(signer.encoded)")
        Output.line("  fingerprint:                   \(signer.fingerprint)")
        if let name { Output.line("Shares are signed as:            \(name)") }
        if !earlier.isEmpty {
            Output.line("Earlier identities, kept to open shares sent to them:")
            for e in earlier { Output.line("  \(e.recipient)  (\(e.fingerprint), \(e.kind))") }
        }
    }
}
