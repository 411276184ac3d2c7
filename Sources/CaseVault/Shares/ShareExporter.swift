import SystemKit
import AgeKit
import SwiftCryptoKit
import Foundation
import SodiumKit

/// What goes into a share.
public struct ShareSelection: Sendable, Codable, Equatable {
    public var codeLabels: [String] = []
    public var allCodes = false
    public var identifiers = false
    public var documents: [String] = []
    public var allDocuments = false
    public init() {}

    var isEmpty: Bool { codeLabels.isEmpty && !allCodes && !identifiers && documents.isEmpty && !allDocuments }
}

/// Writes a share: an age file to one representative whose payload is a tar
/// archive (docs/shares.md):
///
///     casevault-share/manifest.json              what is inside, signed
///     casevault-share/manifest.sig               Ed25519 over the manifest
///     casevault-share/codes-and-identifiers.txt  (if codes or ids were chosen)
///     casevault-share/documents/<name>           each document, as stored
///
/// The manifest comes first and already lists every document's size and
/// SHA-256, which the document store records in each document's sealed
/// metadata at add; so documents are then streamed from the store straight
/// into the age writer without a second pass, and memory stays flat. Each
/// document is decrypted on a second thread (`DocumentStream`) while this
/// one frames and age-encrypts the previous chunks (on this thread alone
/// when the machine has two cores). Every chunk
/// authenticates under the document's key before it is used, and the stream
/// must end with its FINAL chunk at the recorded size, so the bytes shared
/// are the bytes that were hashed at add: a damaged document fails the
/// export and leaves no output file.
public struct ShareExporter {
    let vault: Vault

    public init(vault: Vault) { self.vault = vault }

    public enum Destination {
        case file(String)
        case fileDescriptor(Int32)
        /// Handed to a reader as it is written (a download): ended as
        /// complete after the last byte, or as failed on any error.
        case stream(SealedStream)
    }

    /// Exports `selection` to the representative named `to`, signed as
    /// `senderName` (remembered; needed on the first export).
    @discardableResult
    func exportUnmapped(to representative: String, selection: ShareSelection, senderName: String?, destination: Destination,
                        armor: Bool, now: Date) throws -> ShareManifest {
        let rep: Representative
        do {
            rep = try vault.representatives.find(representative)
        } catch {
            if case .stream(let stream) = destination { stream.abort() }
            throw error
        }
        return try exportUnmapped(toRecipient: rep.name, recipient: rep.recipient, selection: selection, senderName: senderName,
                                  destination: destination, armor: armor, now: now)
    }

    /// Exports `selection` to an age recipient named `name` in the manifest
    /// (a representative's, or the emergency copy's recipient derived from
    /// the trusted people's shares, docs/recovery.md).
    @discardableResult
    func exportUnmapped(toRecipient name: String, recipient recipientText: String, selection: ShareSelection, senderName: String?,
                        destination: Destination, armor: Bool, now: Date) throws -> ShareManifest {
        // A stream's reader learns how it ended: complete only after the
        // age writer finished; any failure, here or before the first byte,
        // ends it as failed (the reader never waits, nor takes a part for all).
        var completed = false
        defer {
            if case .stream(let stream) = destination {
                if completed { stream.finish() } else { stream.abort() }
            }
        }
        guard !selection.isEmpty else {
            throw CaseVaultError.invalidInput(field: "selection", reason: "nothing to export",
                                              expected: "codes, identifiers or documents to share",
                                              suggestion: .chooseWhatToShare)
        }
        let recipient = try AgePublicKeys.parseRecipient(recipientText)
        let rep = (name: name, recipient: recipientText, fingerprint: KeyFingerprint.of(recipient: recipient))
        if let senderName { try vault.shareKeys.setSenderName(senderName) }
        guard let sender = try vault.shareKeys.senderName() else {
            throw CaseVaultError.invalidInput(field: "sender name", reason: "this vault has no name to sign shares with yet",
                                              expected: "your name (remembered for later exports; your representative sees it)",
                                              suggestion: .senderName)
        }
        let signing = try vault.shareKeys.signingKeyCreatingIfNeeded()
        let signer = try SignerKey(publicKey: signing.publicKey)

        // Gather what was asked for; every label and id must exist.
        let allCodes = try vault.codes.list().map(\.entry)
        var codes: [CodeEntry] = selection.allCodes ? allCodes : []
        for label in selection.codeLabels where !selection.allCodes {
            guard let e = allCodes.first(where: { $0.label.lowercased() == label.lowercased() }) else {
                throw CaseVaultError.notFound(what: "code", name: label)
            }
            if !codes.contains(e) { codes.append(e) }
        }
        let ids = selection.identifiers ? try vault.identifiers.list().map(\.identifier) : []
        var docs: [Document] = []
        var store: DocumentStore? = nil
        if selection.allDocuments || !selection.documents.isEmpty {
            // A vault that never stored a document has no documents.db: do not create one here.
            let s = try vault.existingDocuments()
            store = s
            docs = selection.allDocuments ? try s?.list() ?? [] : []
            for ref in selection.documents where !selection.allDocuments {
                guard let s else { throw CaseVaultError.notFound(what: "document", name: ref) }
                let d = try s.resolve(ref)
                if !docs.contains(d) { docs.append(d) }
            }
        }

        // The manifest, then its signature.
        let created = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var entries: [ShareManifest.Entry] = []
        var codesBytes: [UInt8]? = nil
        if !codes.isEmpty || selection.identifiers {
            let text = Array(CodesText.render(sender: sender, recipient: rep.name, created: created, codes: codes, identifiers: ids).utf8)
            codesBytes = text
            entries.append(.init(path: ShareManifest.codesPath, size: Int64(text.count), sha256: Bytes.hex(SHA256Hasher.hash(text))))
        }
        let names = try ShareFileName.unique(docs.map(\.metadata.fileName))
        for (d, name) in zip(docs, names) {
            guard let store else { break }
            // Recorded at add; a document an earlier version added records
            // BLAKE2b only, and its SHA-256 is computed here (a verifying pass).
            let sha256 = try d.metadata.sha256 ?? store.sha256(d)
            entries.append(.init(path: ShareManifest.documentsPrefix + name, size: d.metadata.size, sha256: sha256))
        }
        let manifest = ShareManifest(format: ShareManifest.currentFormat, shareID: Bytes.hex(Random.bytes(16)),
                                     sender: .init(name: sender, key: signer.encoded, fingerprint: signer.fingerprint),
                                     recipient: .init(name: rep.name, key: rep.recipient, fingerprint: rep.fingerprint),
                                     created: created, entries: entries)
        let manifestBytes = try manifest.encoded()
        let signature = try signing.sign(ShareManifest.signedMessage(manifestBytes))

        // Stream it all out.
        var file: AtomicOutput? = nil
        let output: AgeOutput
        switch destination {
        case .file(let path):
            let f = try AtomicOutput(path: path)
            file = f
            output = f
        case .fileDescriptor(let fd):
            output = FileDescriptorOutput(fd)
        case .stream(let stream):
            output = stream.output
        }
        // With documents, one core decrypts them (DocumentStream) while this
        // thread seals. On two cores, sealing here alone measured faster and
        // lighter than also sealing on a worker (export of 256 MiB: 0.44
        // against 0.47 s, 0.79 against 0.86 s of CPU; docs/shares.md).
        let sealOnAllCores = docs.isEmpty || ProcessInfo.processInfo.activeProcessorCount > 2
        let age = try AgeWriter(recipients: [recipient], output: output, armor: armor, sealOnAllCores: sealOnAllCores)
        try ShareError.mappingTar {
            let tar = TarWriter(mtime: created) { try age.write($0) }
            try tar.addFile(path: ShareManifest.manifestPath, contents: manifestBytes)
            try tar.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(signature))
            if let codesBytes { try tar.addFile(path: ShareManifest.codesPath, contents: codesBytes) }
            for (d, name) in zip(docs, names) {
                guard let store else { break }
                try tar.beginFile(path: ShareManifest.documentsPrefix + name, size: d.metadata.size)
                let stream = try store.stream(d)
                var count: Int64 = 0
                while let chunk = try stream.nextBuffer() {
                    try age.write(chunk)
                    count += Int64(chunk.count)
                }
                try stream.finish()
                try tar.wroteExternally(count)
                try tar.endFile()
            }
            try tar.finish()
        }
        try age.finish()
        try file?.commit(durable: false)
        completed = true
        return manifest
    }
}
