import SystemKit
import AgeKit
import Foundation
import SodiumKit

/// Opens a share file: verifies it, then lists, extracts or imports it.
public struct ShareOpener {
    public enum Action: Sendable {
        /// Verify only (the caller prints the manifest).
        case list
        /// Verify and write the entries into a new directory.
        case extract(to: String)
        /// Verify and keep the share in the vault's inbox.
        case importToInbox
    }

    public struct Result: Sendable {
        public let manifest: ShareManifest
        public let signer: SignerKey
        public let pin: PinStatus
        /// The inbox's own id for an imported share (`InboxShare.inboxID`).
        public var inboxID: String? = nil
    }

    /// Age identities to try (the vault's, or those of an identity file).
    public let identities: [any AgeSecretKeyIdentity]
    /// Where pins are kept; nil when there is no vault (then nothing is pinned).
    public let inbox: Inbox?
    /// The key the share must be signed with (`--from`), if given.
    public let expected: SignerKey?
    /// Accept (and pin) a key other than the pinned one.
    public let repin: Bool

    public init(identities: [any AgeSecretKeyIdentity], inbox: Inbox?, expected: SignerKey?, repin: Bool) {
        self.identities = identities
        self.inbox = inbox
        self.expected = expected
        self.repin = repin
    }

    /// Verifies the share at `path` and performs `action`. Nothing is written
    /// (no file, no pin, no inbox entry) unless the whole share verified.
    func openUnmapped(path: String, action: Action, now: Date) throws -> Result {
        let input = try PosixFile.openForReading(path)
        var pin = PinStatus.notPinned
        // --from with a key: the attorney named the key, which is the
        // explicit step a sender name that looks like a client's needs.
        let confirmed = expected != nil
        var extracting = false
        if case .extract = action { extracting = true }
        let trust: (ShareManifest, SignerKey) throws -> Void = { manifest, signer in
            if let expected, expected != signer {
                throw ShareError.unexpectedSigner(expected: expected.fingerprint, presented: signer.fingerprint)
            }
            if let inbox { pin = try inbox.check(manifest, signer, repin: repin, confirmed: confirmed) }
            // Nothing of a look-alike is written before it is confirmed.
            if extracting { try Self.refuseFlagged(pin, manifest, signer, inboxID: nil) }
        }
        switch action {
        case .list:
            let v = try ShareReader.read(input: PosixInput(input), identities: identities, trust: trust, sink: nil)
            if let inbox { pin = try inbox.recordPin(v.manifest, v.signer, repin: repin, confirmed: confirmed, now: now) }
            return Result(manifest: v.manifest, signer: v.signer, pin: pin)
        case .extract(let dir):
            let sink = try ShareExtractor(target: dir)
            let v = try ShareReader.read(input: PosixInput(input), identities: identities, trust: trust, sink: sink)
            if let inbox { pin = try inbox.recordPin(v.manifest, v.signer, repin: repin, confirmed: confirmed, now: now) }
            try Self.refuseFlagged(pin, v.manifest, v.signer, inboxID: nil)
            try sink.commit()
            return Result(manifest: v.manifest, signer: v.signer, pin: pin)
        case .importToInbox:
            guard let inbox else { throw ShareError.noIdentity }
            let (v, id, recorded) = try inbox.importShare(input: input, reader: { tee in
                try ShareReader.read(input: tee, identities: identities, trust: trust, sink: nil)
            }, repin: repin, confirmed: confirmed, now: now)
            return Result(manifest: v.manifest, signer: v.signer, pin: recorded, inboxID: id)
        }
    }

    /// A share whose sender looks like a pinned client is not extracted.
    static func refuseFlagged(_ pin: PinStatus, _ m: ShareManifest, _ signer: SignerKey, inboxID: String?) throws {
        guard case .flagged(let client, let pinned) = pin else { return }
        throw ShareError.lookalikeSender(sender: LookalikeName.revealed(m.sender.name), looksLike: LookalikeName.revealed(client),
                                         presented: signer.fingerprint, pinned: pinned, inboxID: inboxID)
    }

    /// Re-opens a share kept in the inbox (list or extract), checking the
    /// stored file against its record and its signer against the one recorded.
    func openImportedUnmapped(_ share: InboxShare, action: Action) throws -> Result {
        guard let inbox else { throw ShareError.noIdentity }
        let recorded = try SignerKey(parsing: share.manifest.sender.key)
        let file = try inbox.vault.openInboxFile(share.file)
        let hashing = try HashingInput(PosixInput(file))
        let trust: (ShareManifest, SignerKey) throws -> Void = { m, s in
            guard s == recorded, m.shareID == share.manifest.shareID else {
                throw ShareError.contentMismatch("the stored share file is not the one that was imported")
            }
        }
        var extractor: ShareExtractor? = nil
        if case .extract(let dir) = action {
            if let client = share.looksLike {
                let pinned = try inbox.pin(for: client)?.fingerprint ?? "?"
                try Self.refuseFlagged(.flagged(looksLike: client, pinnedFingerprint: pinned), share.manifest, recorded, inboxID: share.inboxID)
            }
            extractor = try ShareExtractor(target: dir)
        }
        let v = try ShareReader.read(input: hashing, identities: identities, trust: trust, sink: extractor)
        guard Bytes.hex(try hashing.finish()) == share.fileHash else {
            throw ShareError.contentMismatch("the stored share file was changed since it was imported")
        }
        try extractor?.commit()
        let pin: PinStatus = share.looksLike.map { .flagged(looksLike: $0, pinnedFingerprint: (try? inbox.pin(for: $0))??.fingerprint ?? "?") } ?? .matches
        return Result(manifest: v.manifest, signer: v.signer, pin: pin, inboxID: share.inboxID)
    }
}
