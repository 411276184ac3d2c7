import Foundation
import SodiumKit

/// Who may use the app: the holder of the one-time launch token, then of the
/// session cookie it was exchanged for.
///
/// The token (32 random bytes) is only in the launch file (0600). Its first
/// valid use opens exactly one session and burns it: a replayed launch URL,
/// from history or from another user who saw it, opens nothing. Choosing
/// CaseVault in the menu again while it runs asks this app for a new
/// launch file with a new token (`newToken`); at most `maxUnspent` tokens
/// wait unspent, the oldest dropped first. The session
/// id (32 random bytes) is only in an HttpOnly, SameSite=Strict cookie.
/// Both are compared in constant time against their BLAKE2b digests, so the
/// gate holds no value an attacker could read back and use.
final class SessionGate: @unchecked Sendable {
    static let cookieName = "casevault_session"
    private let lock = NSLock()
    private var tokenDigests: [[UInt8]] = []
    private var sessionDigests: [[UInt8]] = []

    /// Unspent launch tokens kept at most.
    static let maxUnspent = 4

    /// The first launch file's token. Each token opens one session.
    let token: String

    init() {
        token = Bytes.hex(Random.bytes(32))
        tokenDigests = [SessionGate.digest(token)]
    }

    /// A further one-time token, for a new launch file.
    func newToken() -> String {
        let token = Bytes.hex(Random.bytes(32))
        lock.lock(); defer { lock.unlock() }
        tokenDigests.append(SessionGate.digest(token))
        if tokenDigests.count > Self.maxUnspent { tokenDigests.removeFirst(tokenDigests.count - Self.maxUnspent) }
        return token
    }

    /// Exchanges a launch token for a new session id, once. Nil when the
    /// token is wrong or was used already.
    func exchange(token candidate: String) -> String? {
        let d = SessionGate.digest(candidate)
        lock.lock(); defer { lock.unlock() }
        // Every unspent token is compared, in constant time each.
        var match: Int?
        for (i, expected) in tokenDigests.enumerated() where Bytes.constantTimeEquals(d, expected) { match = i }
        guard let match else { return nil }
        tokenDigests.remove(at: match)
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
