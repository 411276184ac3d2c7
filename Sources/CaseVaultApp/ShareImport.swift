import CaseVault
import CaseVaultText
import Foundation
import Hummingbird
import NIOCore

/// Importing shares from an upload of several files, as `share import`
/// does for each: every file is verified in full (age, the signature, that
/// it is addressed to this vault's identity, the signer against the key
/// pinned for the client, every entry's size and hash) before it is kept
/// in the inbox; a refused file leaves nothing kept and nothing pinned.
///
/// The files are received first, each streamed into a ShareUpload (its
/// ciphertext, unnamed), and imported only once the whole form arrived: a
/// form cut off keeps nothing.
enum ShareImport {
    /// What became of one file.
    struct Outcome: Sendable {
        enum Result: Sendable {
            /// Kept in the inbox (`heldBack` when flagged as a look-alike).
            case kept(inboxID: String, client: String, clientID: String, contents: String, documents: [String], pin: String, heldBack: Bool)
            /// Not kept; `repinToken` when only a re-pin is missing (the file is held for it).
            case refused(reason: String, changedKey: ChangedKey?)
        }

        struct ChangedKey: Sendable {
            let client: String
            let pinned: String
            let presented: String
            var token: String?
        }

        let fileName: String
        var result: Result

        var model: [String: Any] {
            var m: [String: Any] = ["fileName": fileName.isEmpty ? InboxPages.t("no_name") : fileName]
            switch result {
            case .kept(let id, let client, let clientID, let contents, let documents, let pin, let heldBack):
                m["kept"] = true
                m["heldBack"] = heldBack
                m["shareLink"] = "/shares/\(id)"
                m["clientLink"] = "/clients/\(clientID)"
                m["client"] = heldBack ? LookalikeName.revealed(client) : client
                m["fromText"] = InboxPages.t("from", ["client": heldBack ? LookalikeName.revealed(client) : client])
                m["pin"] = pin
                if !heldBack {
                    m["contents"] = contents
                    if !documents.isEmpty { m["documents"] = documents; m["hasDocuments"] = true }
                }
            case .refused(let reason, let changed):
                m["refused"] = true
                m["reason"] = reason
                if let changed, let token = changed.token {
                    m["repinLink"] = "/clients/repin/\(token)"
                    m["client"] = changed.client
                }
            }
            return m
        }
    }

    /// Receives every file of the import form into its own ShareUpload in
    /// `directory` (the vault's folder). Throws, keeping nothing, for a
    /// form cut off or malformed.
    static func receive(_ request: Request, into directory: String) async throws -> [ShareUpload] {
        guard let boundary = MultipartHeaders.boundary(contentType: request.headers[.contentType]) else {
            throw AppError.badRequest(InboxPages.t("bad_format"))
        }
        let form = ShareUploadForm(boundary: boundary)
        let receiver = Receiver(directory: directory)
        for try await buffer in request.body {
            let events = try form.parse(buffer)
            if !events.isEmpty { try await receiver.handle(events) }
        }
        guard form.isComplete else {
            throw AppError.badRequest(InboxPages.t("cut_off"))
        }
        return try await receiver.finish()
    }

    /// Writes the files' bytes, off the server's threads (writes block),
    /// one batch of events at a time, in order.
    private final class Receiver: @unchecked Sendable {
        private let directory: String
        private let queue = DispatchQueue(label: "casevault.app.share-upload")
        /// Only touched on `queue`.
        private var done: [ShareUpload] = []
        private var current: ShareUpload?

        init(directory: String) { self.directory = directory }

        func handle(_ events: [ShareUploadForm.Event]) async throws {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
                queue.async {
                    c.resume(with: Result {
                        for event in events {
                            switch event {
                            case .begin(let name): self.current = try ShareUpload.create(in: self.directory, fileName: name)
                            case .bytes(let b): try self.current?.append(b)
                            case .end:
                                if let file = self.current {
                                    try file.flush()
                                    self.done.append(file)
                                }
                                self.current = nil
                            }
                        }
                    })
                }
            }
        }

        func finish() async throws -> [ShareUpload] {
            try await withCheckedThrowingContinuation { c in
                queue.async { c.resume(returning: self.done) }
            }
        }
    }

    /// Verifies `upload` and keeps it in the inbox (on the vault's queue).
    /// `repin`: the attorney confirmed a new key for its client. Its words
    /// are in `language`, read on the request's task before.
    static func importOne(_ upload: ShareUpload, vault: Vault, repin: Bool = false, language: Language) -> Outcome {
        guard upload.size > 0 else {
            return Outcome(fileName: upload.fileName, result: .refused(reason: InboxPages.t("empty_file", [:], language), changedKey: nil))
        }
        do {
            let identities = try vault.shareKeys.ageIdentities()
            guard !identities.isEmpty else { throw ShareError.noIdentity }
            let opener = ShareOpener(identities: identities, inbox: vault.inbox, expected: nil, repin: repin)
            let r = try opener.open(path: upload.path, action: .importToInbox)
            let m = r.manifest
            var heldBack = false
            if case .flagged = r.pin { heldBack = true }
            return Outcome(fileName: upload.fileName, result: .kept(
                inboxID: r.inboxID ?? "", client: m.sender.name, clientID: try vault.inbox.client(named: m.sender.name)?.id ?? "",
                contents: ShareWords.contents(m, language), documents: m.documentEntries.map(ShareWords.documentName),
                pin: ShareWords.pin(r.pin, client: m.sender.name, signer: r.signer.fingerprint, language), heldBack: heldBack))
        } catch {
            let (reason, changed) = ShareWords.refusal(error, language)
            return Outcome(fileName: upload.fileName, result: .refused(
                reason: reason, changedKey: changed.map { Outcome.ChangedKey(client: $0.client, pinned: $0.pinned, presented: $0.presented) }))
        }
    }
}
