import AgeKit
import Foundation
import SodiumKit
import SystemKit

/// A share kept in the inbox, opened to be read again, away from the vault.
///
/// `Inbox.openKept` takes what needs the vault (the record, the file under
/// `inbox/`, the identities that open it) on the vault's own thread; `read`
/// then runs the whole verification on any one thread, without the vault:
/// a front end can stream a large document of a share to a slow reader
/// without holding the vault for as long.
///
/// `read` checks what `share extract` checks, in one pass: the file against
/// the hash its record holds, the age payload chunk by chunk, the manifest's
/// signature, that the manifest is addressed to one of the identities, that
/// the signer and share id are the ones recorded at import, and every entry
/// against its size and hash. Entries are handed to `observe` as they are
/// read, so everything `observe` gets is provisional until `read` returns:
/// the last entry's hash, the end of the archive and the file's hash are
/// checked after it.
///
/// Whether the signer is (still) the key pinned for its client is the
/// caller's to decide from the pins (`Inbox.pin(for:)`), as `share list`
/// does: the record says which key signed it at import.
///
/// A KeptShare is read once, from the start of its file; it holds the
/// identities (secret keys in secure memory) until it is released.
/// `@unchecked Sendable`: made on the vault's thread and then used by one
/// reading thread at a time, never by two at once.
public final class KeptShare: @unchecked Sendable {
    /// The record it was kept under.
    public let share: InboxShare
    let file: PosixFile
    let identities: [any AgeSecretKeyIdentity]
    private var used = false

    init(share: InboxShare, file: PosixFile, identities: [any AgeSecretKeyIdentity]) {
        self.share = share
        self.file = file
        self.identities = identities
    }

    /// Verifies the kept share in full; `observe` gets the bytes of each
    /// entry the manifest lists (its manifest path, and the bytes in order,
    /// in pieces of at most 1 MiB) as they are read. Throws the first
    /// failure (`ShareError`, `AgeError`, `CaseVaultError`); nothing of the
    /// share is written anywhere.
    public func read(observe: (String, ArraySlice<UInt8>) throws -> Void = { _, _ in }) throws -> ShareOpener.Result {
        try CaseVaultError.mappingSystemErrors { try readUnmapped(observe: observe) }
    }

    private func readUnmapped(observe: (String, ArraySlice<UInt8>) throws -> Void) throws -> ShareOpener.Result {
        guard !used else {
            throw CaseVaultError.invalidInput(field: "kept share", reason: "it was already read", expected: "a new KeptShare for each reading")
        }
        used = true
        let recorded = try SignerKey(parsing: share.manifest.sender.key)
        let expectedID = share.manifest.shareID
        let hashing = try HashingInput(PosixInput(file))
        let trust: (ShareManifest, SignerKey) throws -> Void = { m, s in
            guard s == recorded, m.shareID == expectedID else {
                throw ShareError.contentMismatch("the stored share file is not the one that was imported")
            }
        }
        let v = try withoutActuallyEscaping(observe) { observe in
            try ShareReader.read(input: hashing, identities: identities, trust: trust, sink: ObservingSink(observe))
        }
        guard Bytes.hex(try hashing.finish()) == share.fileHash else {
            throw ShareError.contentMismatch("the stored share file was changed since it was imported")
        }
        // The pin as the record has it (a look-alike stays flagged); the
        // caller compares the signer with the pins of now.
        let pin: PinStatus = share.looksLike.map { .flagged(looksLike: $0, pinnedFingerprint: "") } ?? .matches
        return ShareOpener.Result(manifest: v.manifest, signer: v.signer, pin: pin, inboxID: share.inboxID)
    }

    /// Hands the listed entries' bytes on, by manifest path (the manifest
    /// and signature, which the reader delivers first, are not entries).
    private final class ObservingSink: ShareEntrySink {
        let observe: (String, ArraySlice<UInt8>) throws -> Void
        var current: String?

        init(_ observe: @escaping (String, ArraySlice<UInt8>) throws -> Void) {
            self.observe = observe
        }

        func begin(_ path: [String]) throws {
            let full = ShareManifest.directory + "/" + path.joined(separator: "/")
            current = full == ShareManifest.manifestPath || full == ShareManifest.signaturePath ? nil : full
        }

        func write(_ bytes: ArraySlice<UInt8>) throws {
            if let current { try observe(current, bytes) }
        }

        func end() throws {
            current = nil
        }
    }
}

extension Inbox {
    /// The kept share's file, opened with the identities that may open it
    /// (the vault's current and earlier ones), for `KeptShare.read`. Runs
    /// on the vault's thread; the reading need not.
    public func openKept(_ share: InboxShare) throws -> KeptShare {
        try CaseVaultError.mappingSystemErrors {
            let identities = try vault.shareKeys.ageIdentities()
            guard !identities.isEmpty else { throw ShareError.noIdentity }
            return KeptShare(share: share, file: try vault.openInboxFile(share.file), identities: identities)
        }
    }
}
