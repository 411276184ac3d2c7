import AgeKit
import ArgumentParser
import CaseVault
import Foundation
import SodiumKit
#if canImport(Glibc)
import Glibc
#endif

extension ShareError: ReportableError {}

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
            The identity is kept in the vault, sealed under the vault key. With -o FILE it is written \
            instead as a plain age identity file (mode 0600) that `age -d -i FILE` reads; no vault is needed then.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .short, help: ArgumentHelp("Write a plain age identity file instead of keeping it in the vault.", valueName: "file"))
    var output: String?
    @Flag(help: "Replace the vault's existing identity (shares sent to the old one will no longer open).") var replace = false

    func run() throws {
        let recipient: X25519Recipient
        if let output {
            let id = try X25519Identity.generate()
            recipient = id.recipient
            try IdentityFile.write(id, to: output)
        } else {
            let vault = try VaultAccess.unlock(global)
            recipient = try vault.shareKeys.createAgeIdentity(replace: replace).recipient
        }
        let fingerprint = KeyFingerprint.of(recipient.publicKey, kind: .ageX25519)
        if global.json { Output.json(["recipient": recipient.encoded, "fingerprint": fingerprint]); return }
        Output.line("Recipient:   \(recipient.encoded)")
        Output.line("Fingerprint: \(fingerprint)")
        Output.line("Give the recipient to your clients; confirm the fingerprint with them by phone.")
    }
}

struct IdentityShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the age recipient and the signing key, each with a fingerprint to read aloud.",
        discussion: "The signing key is created the first time it is needed (here, or at the first export).")
    @OptionGroup var global: GlobalOptions

    struct JSON: Encodable {
        let recipient: String?
        let recipientFingerprint: String?
        let signingKey: String
        let signingFingerprint: String
        let senderName: String?
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let id = try vault.shareKeys.ageIdentity()
        let signer = try SignerKey(publicKey: try vault.shareKeys.signingKeyCreatingIfNeeded().publicKey)
        let name = try vault.shareKeys.senderName()
        let recipientFP = id.map { KeyFingerprint.of($0.recipient.publicKey, kind: .ageX25519) }
        if global.json {
            Output.json(JSON(recipient: id?.recipient.encoded, recipientFingerprint: recipientFP,
                             signingKey: signer.encoded, signingFingerprint: signer.fingerprint, senderName: name))
            return
        }
        if let id, let recipientFP {
            Output.line("Age recipient (shares to you):   \(id.recipient.encoded)")
            Output.line("  fingerprint:                   \(recipientFP)")
        } else {
            Output.line("Age recipient: none (create one with `casevault identity new` to receive shares)")
        }
        Output.line("Signing key (shares from you):   \(signer.encoded)")
        Output.line("  fingerprint:                   \(signer.fingerprint)")
        if let name { Output.line("Shares are signed as:            \(name)") }
    }
}

/// Writes an age identity file the way age-keygen does, mode 0600, never over an existing file.
enum IdentityFile {
    static func write(_ id: X25519Identity, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw CaseVaultError.alreadyExists(what: "file", name: path) }
            throw CaseVaultError.io(operation: "create", path: path, reason: String(cString: strerror(errno)))
        }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(path) }
        }
        let out = FileDescriptorOutput(fd)
        let header = "# created: \(ISO8601DateFormatter().string(from: Date()))\n# public key: \(id.recipient.encoded)\n"
        try out.write(Array(header.utf8))
        try out.write(secure: try id.encoded())
        try out.write(Array("\n".utf8))
        guard fsync(fd) == 0 else { throw CaseVaultError.io(operation: "write", path: path, reason: String(cString: strerror(errno))) }
        ok = true
    }
}
