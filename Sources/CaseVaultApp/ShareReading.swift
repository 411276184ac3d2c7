import CaseVault
import Foundation
import SodiumKit

/// A kept share read again in full for its page, off the vault's queue and
/// the server's threads (a share of large documents takes a while to
/// decrypt and hash): what `KeptShare.read` checks, keeping only the first
/// bytes of each document (to decide which can be viewed in the browser)
/// and, when asked (the Show button), the codes-and-identifiers text.
enum ShareReading {
    struct Verified: Sendable {
        /// The first bytes of each document, by manifest path.
        let firstBytes: [String: [UInt8]]
        /// The codes-and-identifiers text, when asked for.
        let codes: String?
    }

    /// The most of a codes text shown on a page (a share's is a few KiB).
    static let maxCodesBytes = 1 << 20

    /// Verifies `kept` in full; throws the first failure.
    static func verify(_ kept: KeptShare, codes wanted: Bool) async throws -> Verified {
        // Read here: the global queue does not see the request's language.
        let tooLongText = AppLanguage.text("app.share.codes_too_long")
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<Verified, Error>) in
            DispatchQueue.global(qos: .userInitiated).async {
                c.resume(with: Result { try read(kept, codes: wanted, tooLongText: tooLongText) })
            }
        }
    }

    private static func read(_ kept: KeptShare, codes wanted: Bool, tooLongText: String) throws -> Verified {
        var first: [String: [UInt8]] = [:]
        var text: [UInt8] = []
        defer { Bytes.wipe(&text) }
        var tooLong = false
        _ = try kept.read { path, bytes in
            if path == ShareManifest.codesPath {
                guard wanted, !tooLong else { return }
                if text.count + bytes.count > maxCodesBytes { tooLong = true; return }
                text.append(contentsOf: bytes)
            } else if first[path, default: []].count < DocumentContentType.sniffBytes {
                first[path, default: []].append(contentsOf: bytes.prefix(DocumentContentType.sniffBytes - first[path, default: []].count))
            }
        }
        guard wanted else { return Verified(firstBytes: first, codes: nil) }
        if tooLong {
            return Verified(firstBytes: first, codes: tooLongText)
        }
        return Verified(firstBytes: first, codes: String(decoding: text, as: UTF8.self))
    }
}
