import Foundation
import SodiumKit

/// Who may use the app: the holder of the one-time launch token, then of the
/// session cookie it was exchanged for.
///
/// The token (32 random bytes) is only in the launch file (0600). Its first
/// valid use opens exactly one session and burns it: a replayed launch URL,
/// from history or from another user who saw it, opens nothing. The session
/// id (32 random bytes) is only in an HttpOnly, SameSite=Strict cookie.
/// Both are compared in constant time against their BLAKE2b digests, so the
/// gate holds no value an attacker could read back and use.
final class SessionGate: @unchecked Sendable {
    static let cookieName = "casevault_session"
    private let lock = NSLock()
    private var tokenDigest: [UInt8]?
    private var sessionDigests: [[UInt8]] = []

    /// Sessions a token may open in one run: one. A lost tab is reopened by
    /// restarting the app (a new launch file).
    let token: String

    init() {
        token = Bytes.hex(Random.bytes(32))
        tokenDigest = SessionGate.digest(token)
    }

    /// Exchanges the launch token for a new session id, once. Nil when the
    /// token is wrong or was used already.
    func exchange(token candidate: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        guard let expected = tokenDigest,
              Bytes.constantTimeEquals(SessionGate.digest(candidate), expected) else { return nil }
        tokenDigest = nil
        let session = Bytes.hex(Random.bytes(32))
        sessionDigests.append(SessionGate.digest(session))
        return session
    }

    /// Whether a session cookie value opens a session.
    func isValid(session candidate: String?) -> Bool {
        guard let candidate, candidate.utf8.count == 64 else { return false }
        let d = SessionGate.digest(candidate)
        lock.lock(); defer { lock.unlock() }
        var found = false
        for s in sessionDigests where Bytes.constantTimeEquals(d, s) { found = true }
        return found
    }

    private static func digest(_ text: String) -> [UInt8] {
        BLAKE2b.hash(Array(text.utf8))
    }
}
