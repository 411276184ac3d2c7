import SystemKit
import Foundation
import GRDB
import SodiumKit

extension DocumentStore {
    /// Options of a new document (everything but its bytes).
    public struct NewDocument: Sendable {
        public var type: DocumentType
        public var label: String?
        public var expires: CalendarDay?
        public var note: String?

        public init(type: DocumentType = .other, label: String? = nil, expires: CalendarDay? = nil, note: String? = nil) {
            self.type = type
            self.label = label
            self.expires = expires
            self.note = note
        }
    }

    /// Encrypts the file at `path` into the store, streaming it in chunks
    /// under a fresh per-document key. `progress` gets (bytes done, file size).
    ///
    /// The document becomes visible only when its row commits, after its
    /// ciphertext file is complete and fsynced under a temporary name; the
    /// file gets its final name after the commit (DocumentStore+Files). A
    /// failure at any point (full disk, unreadable file, killed process)
    /// leaves no visible document, or a whole one.
    @discardableResult
    func addUnmapped(file path: String, _ options: NewDocument, now: Date,
                     progress: ((Int64, Int64) -> Void)? = nil) throws -> Document {
        let fileName = PathParts(path).name
        let label = try validateNew(fileName: fileName, options)
        let input = try PosixFile.openForReading(path)
        let total = input.size
        return try add(input, fileName: fileName, label: label, options, now: now) { progress?($0, max(total, $0)) }
    }

    /// Encrypts the bytes written to `source`'s upload into the store, as
    /// they arrive, until the upload finishes. `fileName` is the name the
    /// file had (without its folder). `progress` gets the bytes done.
    ///
    /// Everything `addUnmapped(file:)` promises holds: the document is
    /// visible only once whole. An upload aborted (or released without
    /// finishing) fails the add, which removes its temporary file: a cut-off
    /// upload leaves no document and no file. A failure of the add (a label
    /// taken, a full disk) is handed to the upload, whose next write throws it.
    @discardableResult
    func addUnmapped(from source: DocumentSource, fileName: String, _ options: NewDocument, now: Date,
                     progress: ((Int64) -> Void)? = nil) throws -> Document {
        try source.consume { input in
            // The name of the file only, as `addUnmapped(file:)` keeps: a
            // front end strips any folder a browser sent with it.
            guard !fileName.contains("/") else {
                throw CaseVaultError.invalidInput(field: "file name", reason: "it contains a slash", expected: "the file's name without its folder")
            }
            let label = try validateNew(fileName: fileName, options)
            return try add(input, fileName: fileName, label: label, options, now: now) { progress?($0) }
        }
    }

    /// Checks a new document's file name and options; returns its label
    /// (the file name unless one is given).
    private func validateNew(fileName: String, _ options: NewDocument) throws -> String {
        let label = options.label ?? fileName
        try DocumentStore.validate(text: label, field: "label", limit: DocumentMetadata.maxLabelBytes, allowNewlines: false)
        // A label of spaces alone cannot be told apart in a list, or typed back (as for codes).
        guard !label.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CaseVaultError.invalidInput(field: "label", reason: "it is only spaces", expected: "a short name such as green-card or passport")
        }
        try DocumentStore.validate(text: fileName, field: "file name", limit: 1024, allowNewlines: false)
        if let note = options.note {
            try DocumentStore.validate(text: note, field: "note", limit: DocumentMetadata.maxNoteBytes, allowNewlines: true)
        }
        return label
    }

    /// Streams `input` into a new document (the two adds above).
    private func add<Input: PlaintextInput>(_ input: Input, fileName: String, label: String, _ options: NewDocument, now: Date,
                                            progress: @escaping (Int64) -> Void) throws -> Document {
        // Fail before streaming gigabytes if the label is taken (checked again at commit).
        try ensureLabelIsFree(label, in: try list())

        return try lock.shared {
            let id = Random.bytes(16)
            let documentKey = try DocumentKey.generate()
            let temporary = temporaryName(id)
            var output: PosixFile?
            var committed = false
            defer {
                if !committed, let output { try? blobs.unlink(temporary, ifSameAs: output) }
            }
            let result: DocumentEncryptor.Result
            do {
                // O_CREAT | O_EXCL | O_NOFOLLOW: a new file, never an existing name or a link.
                guard let file = try blobs.openFile(temporary, .createNew) else { throw CaseVaultError(SystemError.taken("create", temporaryPath(id))) }
                output = file
                file.writeLimit = .max  // whole chunks (PosixFile.writeLimit)
                let writer = DocumentEncryptor(chunkSize: chunkSize, vaultID: vaultID, documentID: id)
                result = try writer.encrypt(from: input, to: file, key: documentKey, progress: progress)
                try file.sync()
            }
            // The file's name must outlast a crash once the row commits.
            try blobs.sync()

            let metadata = DocumentMetadata(fileName: fileName, type: options.type, label: label, size: result.size,
                                            sha256: Bytes.hex(result.sha256), addedAt: DocumentStore.wholeSeconds(now), expires: options.expires, note: options.note)
            let row = try sealRow(id: id, documentKey: documentKey, metadata: metadata)
            try db.vaultWrite(path: dbPath) { db in
                try verifyGeneration(db)
                let existing = try DocumentRow.fetchAll(db).map(open)
                try ensureLabelIsFree(label, in: existing)
                try row.insert(db)
            }
            committed = true
            // The document is stored. Readers find its file under either
            // name, and if this rename does not happen or is lost (a crash,
            // a power cut), the next open of the store does it: its failure
            // is not the add's, and it needs no fsync of its own.
            try? blobs.rename(temporary, blobName(id))
            return Document(id: id, metadata: metadata)
        }
    }

    /// The JSON metadata keeps whole seconds; round now so the returned
    /// Document equals the one read back.
    static func wholeSeconds(_ d: Date) -> Date {
        Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down))
    }

    func ensureLabelIsFree(_ label: String, in documents: [Document]) throws {
        if documents.contains(where: { $0.metadata.label == label }) {
            throw CaseVaultError.alreadyExists(what: "document", name: label)
        }
    }

    /// Refuses empty or over-long text, and any character the vault's text
    /// rule refuses (`VaultText`: controls, bidi controls, invisible
    /// characters...), naming it by code point, never echoing the text.
    static func validate(text: String, field: String, limit: Int, allowNewlines: Bool) throws {
        guard !text.isEmpty else {
            throw CaseVaultError.invalidInput(field: field, reason: "it is empty", expected: "some text")
        }
        guard text.utf8.count <= limit else {
            throw CaseVaultError.invalidInput(field: field, reason: "it is longer than \(limit) bytes", expected: "at most \(limit) bytes")
        }
        if let bad = VaultText.problem(in: text, allowLineBreaks: allowNewlines) {
            throw CaseVaultError.invalidInput(field: field, reason: "it contains \(bad)", expected: "plain text")
        }
    }
}
