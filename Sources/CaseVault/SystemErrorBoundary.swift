import AgeKit
import Foundation
import SystemKit

// The library's entry points that read or write files, each mapping the
// SystemError its work may throw (SystemKit knows nothing of CaseVault) to
// a CaseVaultError with `CaseVaultError(_:)`, the one mapping function.
// Each does what its `…Unmapped` implementation beside the feature says.
// VaultDirectory, DocumentLock and ShareExtractor map their own calls.

extension DocumentStore {
    /// Adds the file at `path` (DocumentStore+Add.swift).
    public func add(file path: String, _ options: NewDocument = NewDocument(), now: Date = Date(),
                    progress: ((Int64, Int64) -> Void)? = nil) throws -> Document {
        try CaseVaultError.mappingSystemErrors { try addUnmapped(file: path, options, now: now, progress: progress) }
    }

    /// Adds the bytes an upload feeds to `source` (DocumentStore+Add.swift,
    /// DocumentUpload.swift).
    public func add(from source: DocumentSource, fileName: String, _ options: NewDocument = NewDocument(), now: Date = Date(),
                    progress: ((Int64) -> Void)? = nil) throws -> Document {
        try CaseVaultError.mappingSystemErrors { try addUnmapped(from: source, fileName: fileName, options, now: now, progress: progress) }
    }

    /// Starts decrypting `document` for a reader that takes it chunk by
    /// chunk (DocumentStore+Read.swift, DocumentStream.swift).
    public func stream(_ document: Document) throws -> DocumentStream {
        try CaseVaultError.mappingSystemErrors { try streamUnmapped(document) }
    }

    /// Decrypts `document` to a new file at `path` (DocumentStore+Read.swift).
    public func export(_ document: Document, to path: String, overwrite: Bool = false,
                       progress: ((Int64, Int64) -> Void)? = nil) throws {
        try CaseVaultError.mappingSystemErrors { try exportUnmapped(document, to: path, overwrite: overwrite, progress: progress) }
    }

    /// Decrypts `document` to an open descriptor (DocumentStore+Read.swift).
    public func write(_ document: Document, toFileDescriptor fd: Int32, name: String = "standard output",
                      progress: ((Int64, Int64) -> Void)? = nil) throws {
        try CaseVaultError.mappingSystemErrors { try writeUnmapped(document, toFileDescriptor: fd, name: name, progress: progress) }
    }

    /// Reads `document` whole and checks it (DocumentStore+Read.swift).
    public func verify(_ document: Document, progress: ((Int64, Int64) -> Void)? = nil) throws {
        try CaseVaultError.mappingSystemErrors { try verifyUnmapped(document, progress: progress) }
    }

    /// The document's SHA-256 (DocumentStore+Read.swift).
    public func sha256(_ document: Document) throws -> String {
        try CaseVaultError.mappingSystemErrors { try sha256Unmapped(document) }
    }

    /// Changes `document`'s type, label, expiry or note (DocumentStore+Edit.swift).
    @discardableResult
    public func edit(_ document: Document, _ edit: DocumentEdit) throws -> Document {
        try CaseVaultError.mappingSystemErrors { try editUnmapped(document, edit) }
    }

    /// Removes `document` (DocumentStore+Remove.swift).
    public func remove(_ document: Document) throws {
        try CaseVaultError.mappingSystemErrors { try removeUnmapped(document) }
    }

    /// Checks the documents (DocumentStore+Check.swift).
    public func check(into report: inout CheckReport) throws {
        try CaseVaultError.mappingSystemErrors { try checkUnmapped(into: &report) }
    }
}

extension BackupWriter {
    /// Writes a backup to a new file at `path` (BackupWriter.swift).
    public func write(to path: String, key: BackupKey, workFactor: Int = ScryptRecipient.defaultWorkFactor, now: Date = Date()) throws -> Summary {
        try CaseVaultError.mappingSystemErrors { try writeUnmapped(to: .file(path), key: key, workFactor: workFactor, now: now) }
    }

    /// Writes a backup to a reader that takes it as it is written (BackupWriter.swift).
    public func write(to stream: SealedStream, key: BackupKey, workFactor: Int = ScryptRecipient.defaultWorkFactor, now: Date = Date()) throws -> Summary {
        try CaseVaultError.mappingSystemErrors { try writeUnmapped(to: .stream(stream), key: key, workFactor: workFactor, now: now) }
    }
}

extension BackupRestorer {
    /// Restores a backup into a new vault (BackupRestorer.swift).
    public static func restore(file: String, to location: VaultLocation, unlock: Unlock) throws -> Summary {
        try CaseVaultError.mappingSystemErrors { try restoreUnmapped(file: file, to: location, unlock: unlock) }
    }
}

extension ShareOpener {
    /// Opens the share at `path` (ShareOpener.swift).
    public func open(path: String, action: Action, now: Date = Date()) throws -> Result {
        try CaseVaultError.mappingSystemErrors { try openUnmapped(path: path, action: action, now: now) }
    }

    /// Imports several share files, each on its own (ShareOpener+ImportAll.swift).
    public func importAll(paths: [String], now: Date = Date()) throws -> [ImportOutcome] {
        try CaseVaultError.mappingSystemErrors { try importAllUnmapped(paths: paths, now: now) }
    }

    /// Opens a share kept in the inbox (ShareOpener.swift).
    public func openImported(_ share: InboxShare, action: Action) throws -> Result {
        try CaseVaultError.mappingSystemErrors { try openImportedUnmapped(share, action: action) }
    }
}

extension ShareExporter {
    /// Writes a share (ShareExporter.swift).
    public func export(to representative: String, selection: ShareSelection, senderName: String?, destination: Destination,
                       armor: Bool = false, now: Date = Date()) throws -> ShareManifest {
        try CaseVaultError.mappingSystemErrors {
            try exportUnmapped(to: representative, selection: selection, senderName: senderName, destination: destination, armor: armor, now: now)
        }
    }
}

extension SharesCheck {
    /// Checks the shares tables and inbox files (SharesCheck.swift).
    public func check(into report: inout CheckReport) throws {
        try CaseVaultError.mappingSystemErrors { try checkUnmapped(into: &report) }
    }
}
