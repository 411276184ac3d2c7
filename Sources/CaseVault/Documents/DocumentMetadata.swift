import SwiftCryptoKit
import Foundation
import SodiumKit

/// What is known about a stored document. Stored only encrypted (JSON, padded,
/// sealed under the documents subkey), so the file name, note, type, dates
/// and hash are as private as the scan itself.
public struct DocumentMetadata: Codable, Equatable, Sendable {
    /// The name the file had when added (last path component only).
    public var fileName: String
    public var type: DocumentType
    /// Unique name to refer to the document by; defaults to the file name.
    public var label: String
    /// Plaintext size in bytes.
    public var size: Int64
    /// SHA-256 of the plaintext, hex: what `sha256sum FILE` prints. Set for
    /// every document added since CaseVault hashes with SHA-256.
    public var sha256: String?
    /// BLAKE2b-512 of the plaintext, hex (`b2sum`): documents added by earlier
    /// versions carry this instead of `sha256`, and are checked against it.
    public var blake2b: String?
    public var addedAt: Date
    public var expires: CalendarDay?
    public var note: String?

    /// Longest label, file name and note accepted (bytes of UTF-8).
    static let maxLabelBytes = 200
    static let maxNoteBytes = 4000
    /// The sealed JSON is padded to a multiple of this, so its length shows
    /// only a size class, not the length of the name or note.
    static let padBlock = 256

    /// The recorded hash of the plaintext and how to recompute it: SHA-256
    /// when recorded, else an earlier version's BLAKE2b-512; nil when the
    /// metadata holds neither (never written so; reported as damage).
    func recordedDigest() throws -> (hex: String, hasher: ContentHasher)? {
        if let sha256 { return (sha256, SHA256Hasher()) }
        if let blake2b { return (blake2b, try BLAKE2bHasher(length: 64)) }
        return nil
    }
}
