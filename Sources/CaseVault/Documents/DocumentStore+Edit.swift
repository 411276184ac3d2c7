import Foundation
import GRDB
import SodiumKit

extension DocumentStore {
    /// What an edit changes of a stored document: its words and its expiry
    /// date, never its file (a new scan is a new document). Each field left
    /// nil stays as it is.
    public struct DocumentEdit: Sendable {
        public var type: DocumentType?
        public var label: String?
        /// `.some(nil)` removes the expiry date.
        public var expires: CalendarDay??
        /// `.some(nil)` removes the note.
        public var note: String??

        public init(type: DocumentType? = nil, label: String? = nil, expires: CalendarDay?? = nil, note: String?? = nil) {
            self.type = type
            self.label = label
            self.expires = expires
            self.note = note
        }

        /// Whether it changes nothing at all.
        public var isEmpty: Bool { type == nil && label == nil && expires == nil && note == nil }
    }

    /// Changes `document`'s type, label, expiry date or note, and returns it
    /// as stored.
    ///
    /// Only the row's sealed metadata is rewritten, under a fresh nonce and
    /// bound as before to the vault and the document's id; the wrapped key
    /// and the ciphertext file are untouched. The new metadata is checked as
    /// an add checks it (text rule, lengths, a label no other document has),
    /// inside the write transaction, so two edits or an edit and an add
    /// cannot both take one label.
    func editUnmapped(_ document: Document, _ edit: DocumentEdit) throws -> Document {
        var metadata = document.metadata
        if let type = edit.type { metadata.type = type }
        if let label = edit.label {
            try DocumentStore.validate(text: label, field: "label", limit: DocumentMetadata.maxLabelBytes, allowNewlines: false)
            guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CaseVaultError.invalidInput(field: "label", reason: "it is only spaces", expected: "a short name such as green-card or passport")
            }
            metadata.label = label
        }
        if let expires = edit.expires { metadata.expires = expires }
        if let note = edit.note {
            if let note { try DocumentStore.validate(text: note, field: "note", limit: DocumentMetadata.maxNoteBytes, allowNewlines: true) }
            metadata.note = note
        }
        let id = document.id
        return try lock.shared {
            try db.vaultWrite(path: dbPath) { db in
                try verifyGeneration(db)
                guard var row = try DocumentRow.fetchOne(db, key: Data(id)) else {
                    throw CaseVaultError.notFound(what: "document", name: document.shortID)
                }
                // What is stored now, not what the caller read earlier: a
                // field this edit leaves alone keeps another process's change.
                var stored = try open(row).metadata
                if let type = edit.type { stored.type = type }
                if edit.label != nil {
                    stored.label = metadata.label
                    let others = try DocumentRow.fetchAll(db).filter { $0.id != row.id }.map(open)
                    try ensureLabelIsFree(stored.label, in: others)
                }
                if edit.expires != nil { stored.expires = metadata.expires }
                if edit.note != nil { stored.note = metadata.note }
                let json = try [UInt8](DocumentStore.encoder.encode(stored))
                let sealed = try XChaCha20Poly1305.seal(Bytes.pad(json, blockSize: DocumentMetadata.padBlock),
                                                        associatedData: DocumentFormat.metadataAD(vaultID: vaultID, documentID: id),
                                                        key: key.secureBytes)
                row.metaNonce = Data(sealed.nonce)
                row.metaSealed = Data(sealed.ciphertext)
                try row.update(db)
                return Document(id: id, metadata: stored)
            }
        }
    }
}
