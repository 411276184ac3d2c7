import AgeKit
import CaseVault
import Foundation

/// Slows down guessing of the secrets typed into the app: the passphrase
/// (the unlock page, and Settings where it is asked again), the recovery
/// key (a forgotten passphrase, the emergency kit, a backup sealed to it)
/// and what opens a backup (the restore).
///
/// After the third wrong secret in a row, each further check must wait 2,
/// 4, 8 … up to 60 seconds after the last wrong one (on top of Argon2id's
/// own second per try), whoever sends it; a check sent during the wait is
/// refused without being tried, and a right secret starts the count again.
/// One count for every form, not one per form: moving from the unlock page
/// to Settings or to the recovery form gains no tries. (The first run's
/// recovery-key check is not counted here: it allows three wrong keys in
/// all, then removes the new vault.)
///
/// Checks run through `check(_:)` on the vault's serial queue, so secrets
/// posted together are judged one after another: a wrong one's wait
/// applies to the next even if it was already sent.
final class UnlockThrottle: @unchecked Sendable {
    /// Wrong secrets in a row before the waits begin.
    static let freeTries = 3
    /// The longest wait, in seconds.
    static let longestWait = 60

    /// A check refused because a wait is due; its message says how long.
    struct Wait: Error, Sendable {
        /// Whole seconds left, rounded up (at least 1).
        let seconds: Int

        var message: String {
            AppLanguage.text("app.unlock.wait", ["seconds": "\(seconds)"])
        }
    }

    private let lock = NSLock()
    private let now: @Sendable () -> ContinuousClock.Instant
    private var failures = 0
    private var nextAllowed: ContinuousClock.Instant?

    /// `now` is the clock (a test gives its own).
    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.now = now
    }

    /// Runs `attempt`, which checks a typed secret, unless a wait is due
    /// (then throws `Wait` without running it). A wrong secret (the
    /// library's `wrongSecret` kind, or an age file that the secret does not
    /// open) counts; success starts the count again; any other failure (a
    /// damaged file, a full disk) leaves it as it was.
    func check<T>(_ attempt: () throws -> T) throws -> T {
        if let seconds = secondsToWait() { throw Wait(seconds: seconds) }
        do {
            let result = try attempt()
            lock.withLock { failures = 0; nextAllowed = nil }
            return result
        } catch where Self.isWrongSecret(error) {
            lock.withLock {
                failures += 1
                if failures >= Self.freeTries {
                    let seconds = min(Self.longestWait, 1 << min(failures - Self.freeTries + 1, 6))
                    nextAllowed = now() + .seconds(seconds)
                }
            }
            throw error
        }
    }

    /// Seconds left before the next check may run (rounded up); nil when none.
    func secondsToWait() -> Int? {
        lock.withLock {
            guard let t = nextAllowed else { return nil }
            let left = t - now()
            guard left > .zero else { return nil }
            let (seconds, attoseconds) = left.components
            return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
        }
    }

    /// Whether `error` says the secret was wrong (not that something else
    /// failed). A recovery key with a typo its checksum caught was not tried
    /// against anything, so it is not counted.
    static func isWrongSecret(_ error: Error) -> Bool {
        switch error {
        case CaseVaultError.malformedRecoveryKey: return false
        case let e as CaseVaultError: return e.kind == .wrongSecret
        case let e as AgeError: return e.kind == .noMatch
        default: return false
        }
    }
}
