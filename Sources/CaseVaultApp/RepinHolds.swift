import Foundation
import SodiumKit

/// Share files refused at import only because another key signed them than
/// the one pinned for their client, held for the re-pin page: the attorney
/// compares the two fingerprints, calls the client, ticks the box, and the
/// same file is imported with the new key pinned (`share import --repin`).
///
/// A held file is the upload's unnamed file of ciphertext (ShareUpload);
/// nothing of it was kept in the vault. Each is named by a random token (it
/// names nothing of the share), dropped after `lifetime`, when the vault
/// locks (VaultSession drops them all), and once used.
final class RepinHolds: @unchecked Sendable {
    struct Held: Sendable {
        let upload: ShareUpload
        let client: String
        /// Fingerprints: the key pinned now, and the key that signed the file.
        let pinned: String
        let presented: String
        let since: ContinuousClock.Instant
    }

    static let lifetime = Duration.seconds(30 * 60)
    static let most = 64

    private let lock = NSLock()
    private var held: [String: Held] = [:]

    /// Holds `upload`; returns its token.
    func hold(_ upload: ShareUpload, client: String, pinned: String, presented: String) -> String {
        let token = Bytes.hex(Random.bytes(16))
        lock.withLock {
            dropExpired()
            if held.count >= Self.most, let oldest = held.min(by: { $0.value.since < $1.value.since })?.key {
                held[oldest] = nil
            }
            held[token] = Held(upload: upload, client: client, pinned: pinned, presented: presented, since: .now)
        }
        return token
    }

    /// The file held under `token`, if any.
    func find(_ token: String) -> Held? {
        lock.withLock {
            dropExpired()
            return held[token]
        }
    }

    /// Takes the file held under `token` out (it is used once).
    func take(_ token: String) -> Held? {
        lock.withLock {
            dropExpired()
            return held.removeValue(forKey: token)
        }
    }

    /// Drops every held file (the vault locked).
    func clear() {
        lock.withLock { held.removeAll() }
    }

    private func dropExpired() {
        let now = ContinuousClock.now
        held = held.filter { now - $0.value.since < Self.lifetime }
    }
}
