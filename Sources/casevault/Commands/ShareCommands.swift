import AgeKit
import ArgumentParser
import CaseVault
import Foundation
import SodiumKit

/// `casevault share ...`: shares received from clients (representative side).
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Open, verify, extract and keep the shares clients send you.",
        subcommands: [ShareOpen.self, ShareImport.self, ShareList.self, ShareExtract.self, SharePin.self, ShareRemove.self, ShareReindex.self])
}

/// Options shared by `share open` and `share import`.
struct ShareSourceOptions: ParsableArguments {
    @Option(name: .short, help: ArgumentHelp("An age identity file to decrypt with (default: the vault's identity).", valueName: "file"))
    var identity: String?
    @Option(name: .customLong("from"), help: ArgumentHelp("The signer to expect: a cvsign1… key, or a client name already pinned.", valueName: "signer"))
    var from: String?
    @Flag(help: "Accept a signing key different from the one pinned for this client, and pin it instead (after checking by phone).")
    var repin = false
}

struct ShareResultJSON: Encodable {
    /// The inbox's own id (imported shares only).
    let id: String?
    let shareID: String
    let from: String
    let signingKey: String
    let signerFingerprint: String
    let to: String
    let created: Date
    let pin: String
    /// The pinned client a flagged sender looks like.
    let looksLike: String?
    let entries: [ShareManifest.Entry]
}

enum ShareSupport {
    /// Builds the opener: identities from -i FILE or the vault; pins in the vault when there is one.
    static func opener(_ global: GlobalOptions, _ source: ShareSourceOptions, needVault: Bool) throws -> ShareOpener {
        var vault: Vault? = nil
        var identities: [any AgeSecretKeyIdentity] = []
        if let file = source.identity {
            identities = try AgePublicKeys.parseIdentityFile(try SecureFile.read(path: file))
            if needVault || (try? VaultAccess.openLocked(global)) != nil { vault = try VaultAccess.unlock(global) }
        } else {
            let v = try VaultAccess.unlock(global)
            vault = v
            identities = try ShareSupport.identities(v, file: nil)
        }
        var expected: SignerKey? = nil
        if let from = source.from {
            if from.lowercased().hasPrefix("cvsign1") {
                expected = try SignerKey(parsing: from)
            } else if let pin = try vault?.inbox.pin(for: from) {
                expected = try SignerKey(parsing: pin.key)
            } else {
                throw CaseVaultError.notFound(what: "pinned client", name: from)
            }
        }
        return ShareOpener(identities: identities, inbox: vault?.inbox, expected: expected, repin: source.repin)
    }

    /// The identities to open a share with: those of `file` (-i), else the
    /// vault's current identity and the earlier ones it replaced (a share
    /// opens with whichever it was sent to).
    static func identities(_ vault: Vault, file: String?) throws -> [any AgeSecretKeyIdentity] {
        if let file { return try AgePublicKeys.parseIdentityFile(try SecureFile.read(path: file)) }
        let identities = try vault.shareKeys.ageIdentities()
        guard !identities.isEmpty else { throw ShareError.noIdentity }
        return identities
    }

    static func pinText(_ p: PinStatus, _ r: ShareOpener.Result) -> String {
        switch p {
        case .notPinned: return "not pinned (no vault); check the fingerprint \(r.signer.fingerprint) with the client"
        case .firstShare: return "first share from '\(r.manifest.sender.name)': key \(r.signer.fingerprint) is now pinned; confirm it with the client by phone"
        case .matches: return "signed by the key pinned for '\(r.manifest.sender.name)'"
        case .repinned(let old): return "new key \(r.signer.fingerprint) pinned for '\(r.manifest.sender.name)' (was \(old))"
        case .flagged(let client, let pinned):
            return "NOT pinned: the name looks like pinned client '\(client)' (key \(pinned)), but key \(r.signer.fingerprint) signed it"
        }
    }

    /// The warning for a share held back because its sender looks like a pinned client.
    static func warnFlagged(_ r: ShareOpener.Result) {
        guard case .flagged(let client, let pinned) = r.pin else { return }
        let step = r.inboxID.map { "`casevault share pin \($0.prefix(12))`" } ?? "`casevault share import FILE`, then `casevault share pin ID`"
        Output.warn("'\(LookalikeName.revealed(r.manifest.sender.name))' looks like your client '\(LookalikeName.revealed(client))' "
                    + "but is signed by another key (\(r.signer.fingerprint), not \(pinned)): it is not pinned and will not be extracted. "
                    + "Call '\(client)' on a number you already had; if this really is someone else, pin the key with \(step)")
    }

    static func pinWord(_ p: PinStatus) -> String {
        switch p {
        case .notPinned: return "not-pinned"
        case .firstShare: return "pinned-now"
        case .matches: return "matches-pin"
        case .repinned: return "repinned"
        case .flagged: return "flagged"
        }
    }

    static func json(_ r: ShareOpener.Result) -> ShareResultJSON {
        let m = r.manifest
        var looksLike: String? = nil
        if case .flagged(let client, _) = r.pin { looksLike = client }
        return ShareResultJSON(id: r.inboxID, shareID: m.shareID, from: m.sender.name, signingKey: m.sender.key, signerFingerprint: r.signer.fingerprint,
                               to: m.recipient.name, created: m.created, pin: pinWord(r.pin), looksLike: looksLike, entries: m.entries)
    }

    static func print(_ r: ShareOpener.Result, json: Bool, extracted: String?) {
        let m = r.manifest
        if json {
            Output.json(Self.json(r))
            warnFlagged(r)
            return
        }
        // An imported share is named by the inbox's own id, never by the
        // id its sender chose (which may copy another client's).
        var flagged = false
        if case .flagged = r.pin { flagged = true }
        let sender = flagged ? LookalikeName.revealed(m.sender.name) : m.sender.name
        Output.line("Share \((r.inboxID ?? m.shareID).prefix(12)) from \(sender) to \(m.recipient.name), made \(Output.date(m.created))")
        Output.line("Signature: valid, key \(r.signer.fingerprint); \(pinText(r.pin, r))")
        Output.line("Contents (every entry matches the signed manifest):")
        for e in m.entries {
            let name = e.path.hasPrefix(ShareManifest.directory + "/") ? String(e.path.dropFirst(ShareManifest.directory.count + 1)) : e.path
            Output.line("  \(name)  (\(e.size) bytes)")
        }
        if let extracted { Output.line("Extracted to \(extracted)") }
        warnFlagged(r)
    }
}

struct ShareOpen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Decrypt and verify a share, then list its contents or extract them.",
        discussion: """
            Every entry is checked against the signed manifest and the signature against the sender's key: \
            the key given with --from, else the key pinned from this client's first share. A share signed \
            by another key is refused unless --repin is given. With --extract DIR the files are written \
            (mode 0600) only once everything verified; a refused share writes nothing.
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ShareSourceOptions
    @Argument(help: "The share file (.age).") var file: String
    @Option(name: .customLong("extract"), help: ArgumentHelp("Extract into DIR (must not exist, or be empty).", valueName: "dir"))
    var extract: String?

    func run() throws {
        let opener = try ShareSupport.opener(global, source, needVault: false)
        let r = try opener.open(path: file, action: extract.map { .extract(to: $0) } ?? .list)
        ShareSupport.print(r, json: global.json, extracted: extract)
    }
}

struct ShareImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify shares and keep them in this vault, each under its client.",
        discussion: """
            Each share file is kept as received (encrypted to this vault's identity) under the vault's inbox/ directory, \
            once it verified in full. With several files, each is verified and kept or refused on its own: a refused \
            one is named on stderr with why, and the others are still imported. The exit code is 0 when every file \
            was imported, else that of the first file refused (as for one file).
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: ShareSourceOptions
    @Argument(help: "The share files (.age).") var files: [String]

    /// `--json` with several files: what was imported and what was refused.
    struct ManyJSON: Encodable {
        struct Refused: Encodable {
            let file: String
            let message: String
            let hint: String
            let exitCode: Int32
        }
        let imported: [ShareResultJSON]
        let refused: [Refused]
    }

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one share file") }
    }

    func run() throws {
        let opener = try ShareSupport.opener(global, source, needVault: true)
        // One file: as it always was (its error is the command's error).
        guard files.count > 1 else {
            let r = try opener.open(path: files[0], action: .importToInbox)
            report(r)
            return
        }
        var imported: [ShareResultJSON] = []
        var refused: [ManyJSON.Refused] = []
        // Verified one by one, recorded together (one commit per batch).
        for outcome in try opener.importAll(paths: files) {
            switch outcome.result {
            case .success(let r):
                if global.json { imported.append(ShareSupport.json(r)) } else { report(r) }
            case .failure(let error):
                let (message, hint, exit) = ErrorReporter.describe(error)
                refused.append(.init(file: outcome.path, message: message, hint: hint, exitCode: exit.rawValue))
                Output.err("error: \(outcome.path): \(message)")
                if !hint.isEmpty { Output.err("hint: \(hint)") }
            }
        }
        if global.json { Output.json(ManyJSON(imported: imported, refused: refused)) }
        guard let first = refused.first else { return }
        throw ImportRefusals(count: refused.count, total: files.count, exit: ExitCode(rawValue: first.exitCode) ?? .failure,
                             jsonAlreadyPrinted: global.json)
    }

    private func report(_ r: ShareOpener.Result) {
        ShareSupport.print(r, json: global.json, extracted: nil)
        guard !global.json else { return }
        if case .flagged = r.pin {
            Output.line("Imported as \((r.inboxID ?? "").prefix(12)), flagged: not pinned, not extracted until `casevault share pin`.")
        } else {
            Output.line("Imported for client '\(r.manifest.sender.name)' as \((r.inboxID ?? "").prefix(12)).")
        }
    }

    /// Several files, some refused (each already named on stderr): the exit
    /// code of the first refused.
    struct ImportRefusals: ReportableError {
        let count: Int
        let total: Int
        let exit: ExitCode
        let jsonAlreadyPrinted: Bool
        var message: String { "\(count) of \(total) share files were not imported (each is named above with why); the others were" }
        var hint: String { "fix or replace the refused files and import them again; those imported are kept" }
    }
}

struct ShareList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List clients and the shares each has sent, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this client.", valueName: "name")) var client: String?

    struct ClientJSON: Encodable {
        let client: String
        let fingerprint: String
        let pinned: Bool
        /// Other clients in this list whose names look the same.
        let looksLike: [String]
        let shares: [ItemJSON]
    }
    struct ItemJSON: Encodable {
        /// The inbox's own id (what `share extract` takes).
        let id: String
        /// The id the sender chose.
        let shareID: String
        let created: Date
        let receivedAt: Date
        /// Held back: its sender looks like this pinned client (`share pin` confirms it).
        let flagged: String?
        let entries: [String]
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let inbox = vault.inbox
        // The inbox index answers without decrypting any share's record.
        let clients: [(client: InboxClient, shares: [InboxShareSummary])]
        if let client {
            clients = try inbox.client(named: client).map { [($0, try inbox.shares(ofClient: $0.id))] } ?? []
        } else {
            clients = try inbox.allClientsWithShares()
        }
        if global.json {
            Output.json(["clients": clients.map { c, shares in
                ClientJSON(client: c.name, fingerprint: c.fingerprint, pinned: c.pinned, looksLike: c.looksLike,
                           shares: shares.map {
                               ItemJSON(id: $0.id, shareID: $0.shareID, created: $0.created, receivedAt: $0.receivedAt,
                                        flagged: $0.looksLike, entries: $0.entries.map(\.path))
                           })
            }])
            return
        }
        if clients.isEmpty { Output.line(client == nil ? "No shares imported yet. Import one with `casevault share import FILE`." : "No shares from '\(client!)'."); return }
        // Written in blocks: an attorney's list may be 40,000 lines.
        var out = Output.Buffer()
        for (c, shares) in clients {
            let marked = !c.looksLike.isEmpty || c.flaggedShares > 0
            let shown = marked ? LookalikeName.revealed(c.name) : c.name
            let pinned = c.pinned ? "" : ", not pinned"
            let alike = c.looksLike.isEmpty ? "" : "  [looks like \(c.looksLike.map { "'\(LookalikeName.revealed($0))'" }.joined(separator: ", "))]"
            out.line("\(shown)  (key \(c.fingerprint)\(pinned), \(c.shareCount) share\(c.shareCount == 1 ? "" : "s"))\(alike)")
            for s in shares {
                let docs = s.documents.count
                let what = [s.hasCodes ? "codes and identifiers" : nil, docs > 0 ? "\(docs) document\(docs == 1 ? "" : "s")" : nil].compactMap { $0 }.joined(separator: ", ")
                let flag = s.looksLike.map { "  [flagged: looks like '\(LookalikeName.revealed($0))'; after a phone check: casevault share pin \(s.id.prefix(12))]" } ?? ""
                out.line("  \(s.id.prefix(12))  \(Output.date(s.created))  \(what)\(flag)")
            }
        }
        out.flush()
    }
}

struct ShareExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Verify an imported share again and extract it into a new directory.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The share's id as `casevault share list` shows it (at least 6 hex digits).") var id: String
    @Argument(help: "The directory to create.") var dir: String
    @Option(name: .short, help: ArgumentHelp("The age identity file it was imported with (default: the vault's identity).", valueName: "file"))
    var identity: String?

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        let identities = try ShareSupport.identities(vault, file: identity)
        let share = try vault.inbox.find(id)
        let opener = ShareOpener(identities: identities, inbox: vault.inbox, expected: nil, repin: false)
        let r = try opener.openImported(share, action: .extract(to: dir))
        ShareSupport.print(r, json: global.json, extracted: dir)
    }
}

struct SharePin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Pin the key of a flagged share (its sender looks like a pinned client) as a client of its own.",
        discussion: """
            A share whose sender's name looks like a pinned client's (a joiner, a no-break space, a Cyrillic \
            letter...) but is signed by another key is imported flagged: not pinned, not extracted. Call the \
            pinned client on a number you already had; if the share is really from someone else, this command \
            verifies the kept share again and pins its key for its sender's name. `share list` still marks the \
            two names as looking alike.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The share's id as `casevault share list` shows it (at least 6 hex digits).") var id: String
    @Option(name: .short, help: ArgumentHelp("The age identity file it was imported with (default: the vault's identity).", valueName: "file"))
    var identity: String?

    struct PinJSON: Encodable {
        let id: String
        let client: String
        let fingerprint: String
        let pin: String
    }

    func run() throws {
        let vault = try VaultAccess.unlock(global)
        // Every kept identity: a flagged share may have been sent to an earlier one.
        let identities = try ShareSupport.identities(vault, file: identity)
        let share = try vault.inbox.find(id)
        // Verified again (file hash, signature, every entry) before its key is pinned.
        let r = try ShareOpener(identities: identities, inbox: vault.inbox, expected: nil, repin: false).openImported(share, action: .list)
        let status = try vault.inbox.confirm(share)
        let name = r.manifest.sender.name
        if global.json {
            Output.json(PinJSON(id: share.inboxID, client: name, fingerprint: r.signer.fingerprint, pin: ShareSupport.pinWord(status)))
            return
        }
        switch status {
        case .firstShare:
            Output.line("Pinned key \(r.signer.fingerprint) for '\(LookalikeName.revealed(name))', a client of its own; share \(share.inboxID.prefix(12)) can now be extracted.")
        default:
            Output.line("'\(LookalikeName.revealed(name))' signs with its pinned key \(r.signer.fingerprint); share \(share.inboxID.prefix(12)) is not flagged.")
        }
    }
}
