import SwiftCryptoKit
import Foundation
import SodiumKit

/// `casevault-share/manifest.json`: what a share holds, who made it, for whom
/// and when, and the SHA-256 of every other entry (docs/shares.md).
///
/// The exact bytes of this file are what the sender signs; the reader checks
/// the signature over the bytes it received before decoding anything else,
/// and then every entry against this list.
public struct ShareManifest: Codable, Sendable, Equatable {
    /// Format 2 lists SHA-256 per entry. Format 1 (CaseVault's first
    /// release) listed BLAKE2b-512; shares in it are still read and checked.
    public static let currentFormat = "casevault-share/2"
    package static let blake2bFormat = "casevault-share/1"
    public static let directory = "casevault-share"
    public static let manifestPath = "casevault-share/manifest.json"
    public static let signaturePath = "casevault-share/manifest.sig"
    public static let codesPath = "casevault-share/codes-and-identifiers.txt"
    public static let documentsPrefix = "casevault-share/documents/"
    /// Domain separation: a manifest signature can never be taken for a
    /// signature over anything else this key might sign later.
    static let signatureContext = Array("casevault share manifest v1".utf8) + [0]
    package static let maxManifestBytes = 4 << 20

    public struct Party: Codable, Sendable, Equatable {
        public var name: String
        /// Sender: `cvsign1…` (Ed25519). Recipient: `age1pq1…` (post-quantum) or `age1…` (X25519).
        public var key: String
        public var fingerprint: String

        package init(name: String, key: String, fingerprint: String) {
            self.name = name
            self.key = key
            self.fingerprint = fingerprint
        }
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var path: String
        public var size: Int64
        /// SHA-256 of the entry's bytes, hex: what `sha256sum` (Linux),
        /// `shasum -a 256` (macOS) and `Get-FileHash` (Windows) print.
        public var sha256: String?
        /// Format 1 only: BLAKE2b-512 of the entry's bytes, hex (`b2sum`).
        public var blake2b: String?

        public init(path: String, size: Int64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }

        package init(path: String, size: Int64, blake2b: String) {
            self.path = path
            self.size = size
            self.blake2b = blake2b
        }

        /// The listed hash and a hasher to check it with, by the manifest's
        /// format; nil if the entry lacks its format's hash (or has both).
        func digest(format: String) throws -> (hex: String, hasher: ContentHasher)? {
            switch (format, sha256, blake2b) {
            case (ShareManifest.currentFormat, let h?, nil) where h.count == 64 && h.allSatisfy(\.isHexDigit):
                return (h.lowercased(), SHA256Hasher())
            case (ShareManifest.blake2bFormat, nil, let h?) where h.count == 128 && h.allSatisfy(\.isHexDigit):
                return (h.lowercased(), try BLAKE2bHasher(length: 64))
            default:
                return nil
            }
        }
    }

    public var format: String
    /// Random, 128 bits, 32 lowercase hex digits (`isShareID`): tells two
    /// shares of one sender apart (and a re-import). Chosen by the sender, so
    /// it is data: the inbox keys shares by an id of its own.
    public var shareID: String
    public var sender: Party
    public var recipient: Party
    public var created: Date
    public var entries: [Entry]

    /// The memberwise initialiser, for the package's fuzz hooks (Fuzz/).
    package static func make(format: String, shareID: String, sender: Party, recipient: Party, created: Date, entries: [Entry]) -> ShareManifest {
        ShareManifest(format: format, shareID: shareID, sender: sender, recipient: recipient, created: created, entries: entries)
    }

    public var documentEntries: [Entry] { entries.filter { $0.path.hasPrefix(Self.documentsPrefix) } }

    /// Pretty-printed: the signed bytes are meant to be read (docs/shares.md).
    static let encoder = VaultJSON.encoder(VaultJSON.readable)

    package func encoded() throws -> [UInt8] { try [UInt8](Self.encoder.encode(self)) + [0x0a] }

    package static func decode(_ bytes: [UInt8]) throws -> ShareManifest {
        let m: ShareManifest
        do { m = try VaultJSON.decoder().decode(ShareManifest.self, from: Data(bytes)) } catch {
            throw ShareError.malformed("the manifest is not valid JSON of a share manifest")
        }
        guard m.format == currentFormat || m.format == blake2bFormat else {
            throw ShareError.malformed("manifest format '\(m.format)' is not \(currentFormat)")
        }
        guard isShareID(m.shareID) else {
            // Not echoed: it is what is wrong (an escape sequence, 3 MB...).
            throw ShareError.malformed("the manifest's share id is not 32 lowercase hex digits")
        }
        return m
    }

    /// What ShareExporter writes (both formats): 128 random bits as 32
    /// lowercase hex digits. Anything else is refused: the id is printed and
    /// stored, so an escape sequence, an empty id or a 3 MB one must not get
    /// in, and one fixed form leaves no two spellings of one id.
    static func isShareID(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    package static func signedMessage(_ manifestBytes: [UInt8]) -> [UInt8] { signatureContext + manifestBytes }

    /// `manifest.sig`: the detached Ed25519 signature, base64, one line.
    package static func signatureFile(_ signature: [UInt8]) -> [UInt8] {
        Array((Data(signature).base64EncodedString() + "\n").utf8)
    }

    package static func parseSignatureFile(_ bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let d = Data(base64Encoded: text), d.count == Ed25519SigningKey.signatureBytes else {
            throw ShareError.malformed("manifest.sig is not a base64 Ed25519 signature")
        }
        return [UInt8](d)
    }
}
