import CaseVault
import Foundation
import SodiumKit

/// The app's one vault, locked or unlocked, and the only way to reach it.
///
/// Every use of the vault runs on one serial queue: the library's `Vault` is
/// not made for concurrent use, and its work (Argon2id, SQLite, document
/// streams) blocks, so it stays off the server's event loops and Swift's
/// cooperative threads. Locking drops the `Vault`, whose keys live in
/// libsodium secure memory and are zeroed when freed.
final class VaultSession: @unchecked Sendable {
    enum State: Sendable {
        /// No vault at the location: the first-run pages.
        case noVault
        case locked
        case unlocked
    }

    let options: AppOptions
    /// The first run's steps and the secrets they hold (SetupProgress);
    /// locking drops those secrets with the vault.
    let setup = SetupProgress()
    /// Share files waiting for a re-pin (the Clients pages); dropped on lock.
    let repins = RepinHolds()
    private let queue = DispatchQueue(label: "casevault.app.vault", qos: .userInitiated)
    /// Only touched on `queue`.
    private var vault: Vault?
    /// What the last share or backup download left to say (dropped on lock).
    let downloads = DownloadNotes()

    private let lock = NSLock()
    private var unlocked = false
    private var inFlight = 0
    private var lastActivity = ContinuousClock.now
    /// Slows down wrong passphrases and recovery keys, wherever they are
    /// typed; used on `queue` by every check of a typed secret.
    let throttle = UnlockThrottle()

    init(options: AppOptions) {
        self.options = options
    }

    var location: VaultLocation { options.location }

    // MARK: state

    var isUnlocked: Bool { lock.withLock { unlocked } }

    /// Whether a vault exists at the location (a vault.db file).
    func state() -> State {
        if isUnlocked { return .unlocked }
        return FileManager.default.fileExists(atPath: location.database.path) ? .locked : .noVault
    }

    // MARK: running work on the vault

    /// Runs `body` on the vault queue.
    func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let job = Job(body)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let result = Result { try job.run() }
                // Drop the body (and what it holds, such as a restore's
                // unnamed upload file) before the caller goes on: released
                // after resuming, it would outlive the request's answer.
                job.clear()
                continuation.resume(with: result)
            }
        }
    }

    /// A body for the vault queue that can be let go of before its result
    /// is handed back. Touched only on that serial queue.
    private final class Job<T>: @unchecked Sendable {
        private var body: (@Sendable () throws -> T)?
        init(_ body: @escaping @Sendable () throws -> T) { self.body = body }
        func run() throws -> T { try body!() }
        func clear() { body = nil }
    }

    /// Runs `body` with the unlocked vault; `AppError.locked` when locked.
    func withVault<T: Sendable>(_ body: @escaping @Sendable (Vault) throws -> T) async throws -> T {
        try await perform {
            guard let vault = self.vault else { throw AppError.locked }
            return try body(vault)
        }
    }

    // MARK: unlocking and locking

    /// Unlocks with a typed passphrase. Wrong ones are slowed down
    /// (`throttle`: after the third in a row, waits of 2, 4, 8 ... up to 60
    /// seconds, on top of Argon2id's own second), whoever sends them;
    /// `UnlockThrottle.Wait` while a wait is due.
    func unlock(passphrase: SecureBytes) async throws {
        try await perform {
            let opened = try self.throttle.check { try LockedVault.open(self.location).unlock(passphrase: passphrase) }
            self.adopt(opened)
        }
    }

    /// Unlocks through the desktop keyring when the vault has a keyring slot
    /// and the app may use it. Returns false (and changes nothing) when it
    /// cannot; the reason is kept for the unlock page.
    func unlockWithKeyring() async -> KeyringOutcome {
        guard options.useKeyring else { return .notUsed }
        let timeout = options.keyringTimeout
        do {
            return try await perform {
                let locked = try LockedVault.open(self.location)
                guard locked.hasSlot(.keyring) else { return KeyringOutcome.notEnabled }
                let opened = try VaultKeyring(timeout: timeout).unlock(locked)
                self.adopt(opened)
                return .unlocked
            }
        } catch {
            return .failed(AppError(error))
        }
    }

    enum KeyringOutcome: Sendable {
        case unlocked
        case notUsed
        case notEnabled
        case failed(AppError)
    }

    /// Makes `vault` the session's vault (after unlock, create or restore).
    /// Called on the queue.
    func adopt(_ opened: Vault) {
        vault = opened
        lock.withLock { unlocked = true; lastActivity = .now }
    }

    /// Drops the vault and its keys.
    func lock() async {
        _ = try? await perform { self.dropVault() }
    }

    /// Locks synchronously (process exit).
    func lockNow() {
        queue.sync { dropVault() }
    }

    private func dropVault() {
        downloads.clear()
        vault = nil
        lock.withLock { unlocked = false }
        setup.sessionLocked()
        repins.clear()
    }

    // MARK: idle lock

    func requestStarted() { lock.withLock { inFlight += 1; lastActivity = .now } }
    func requestEnded() { lock.withLock { inFlight -= 1; lastActivity = .now } }
    func touch() { lock.withLock { lastActivity = .now } }

    /// Whether the vault has been idle for the idle-lock time.
    func isIdle(now: ContinuousClock.Instant = .now) -> Bool {
        lock.withLock { unlocked && inFlight == 0 && now - lastActivity >= options.idleLock }
    }

    /// Checks for idleness until cancelled; locks when idle.
    func runIdleLock() async {
        let step = min(Duration.seconds(1), options.idleLock / 4)
        while !Task.isCancelled {
            try? await Task.sleep(for: step)
            if isIdle() { await lock() }
        }
    }

    /// Seconds after which an open page should reload to show the lock.
    var idleRefreshSeconds: Int {
        Int(options.idleLock.components.seconds) + 2
    }
}
