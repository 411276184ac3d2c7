import CaseVault
import Foundation
import SodiumKit

/// Where the first run stands, kept on the server, never in the page.
///
/// The walkthrough (create a vault, check the recovery key back, the
/// keyring, the USCIS code) and the restore (upload, then the secrets that
/// open it) are each a few POSTs. Their state lives here, so that a reload,
/// a second click or the back button can neither create a second vault nor
/// show the recovery key again: every POST first asks this object which
/// step is current and does only that step's work.
///
/// The recovery key is held in secure memory only between its one showing
/// and its check, and dropped when the check passes or the app locks
/// (`sessionLocked`): the last reference goes and libsodium zeroes it
/// (a check running on the vault queue keeps its own reference until it
/// ends). An uploaded backup is held as an open file of ciphertext,
/// dropped (and so removed) the same way.
final class SetupProgress: @unchecked Sendable {
    enum Step: Sendable, Equatable {
        /// No walkthrough under way.
        case none
        /// The vault was made and its recovery key shown once; it must be typed back.
        case checkRecoveryKey
        /// The app locked before the check: the key is gone from memory, and
        /// is checked against the vault's own recovery slot instead.
        case recoveryKeyInterrupted
        /// Step 3: the desktop keyring.
        case keyring
        /// Step 4: the USCIS backup code.
        case backupCode
    }

    /// Wrong check-backs before the new, empty vault is removed (as `init` does).
    static let checkAttempts = 3

    private let lock = NSLock()
    private var current: Step = .none
    /// The recovery key as shown (`XXXX-…`), until checked.
    private var recoveryKey: SecureBytes?
    private var failedChecks = 0
    /// Whether creating the vault also created its directory (removed again on a restart).
    private var madeDirectory = false
    /// A line for the next step's page (the keyring's outcome, a skip).
    private var pendingNote: String?
    /// The uploaded backup, ciphertext only, until restored or dropped.
    private var upload: BackupUpload?
    /// What the last restore brought back (no secret), for its result page.
    private var restored: RestoreResult?

    var step: Step { lock.withLock { current } }

    /// Whether the rest of the app waits until the recovery key is checked.
    var holdsVaultPages: Bool {
        lock.withLock { current == .checkRecoveryKey || current == .recoveryKeyInterrupted }
    }

    // MARK: the walkthrough

    /// A vault was created: its recovery key (formatted) is to be shown once, then checked.
    func created(recoveryKey key: SecureBytes, madeDirectory made: Bool) {
        lock.withLock {
            recoveryKey = key
            madeDirectory = made
            failedChecks = 0
            pendingNote = nil
            current = .checkRecoveryKey
        }
    }

    /// What a typed recovery key is checked against.
    enum CheckTarget {
        /// The key as shown, still in memory.
        case held(SecureBytes)
        /// Gone (the app locked): the vault's recovery slot decides.
        case vaultSlot
        /// No check is due.
        case none
    }

    var checkTarget: CheckTarget {
        lock.withLock {
            switch current {
            case .checkRecoveryKey: return recoveryKey.map { .held($0) } ?? .vaultSlot
            case .recoveryKeyInterrupted: return .vaultSlot
            default: return .none
            }
        }
    }

    /// The check passed: the key is dropped and the walkthrough goes on at `next`.
    func recoveryKeyChecked(next: Step, note: String?) {
        lock.withLock {
            recoveryKey = nil
            failedChecks = 0
            pendingNote = note
            current = next
        }
    }

    /// A wrong check-back; returns how many tries are left (0: start again).
    func recoveryKeyMismatch() -> Int {
        lock.withLock {
            failedChecks += 1
            return max(0, Self.checkAttempts - failedChecks)
        }
    }

    /// Whether the vault's directory was made by the walkthrough.
    var createdDirectory: Bool { lock.withLock { madeDirectory } }

    /// Moves to `step`, leaving a line for its page.
    func advance(to step: Step, note: String? = nil) {
        lock.withLock {
            current = step
            pendingNote = note
        }
    }

    /// The line left for the current step's page, if any.
    var note: String? { lock.withLock { pendingNote } }

    /// The walkthrough is over (finished, or its new vault removed).
    func finish() {
        lock.withLock {
            recoveryKey = nil
            failedChecks = 0
            pendingNote = nil
            madeDirectory = false
            current = .none
        }
    }

    // MARK: the restore

    /// Keeps an uploaded backup (replacing, and so removing, any earlier one).
    func keep(upload new: BackupUpload) {
        lock.withLock {
            upload = new
        }
    }

    var pendingUpload: BackupUpload? { lock.withLock { upload } }

    /// Drops the uploaded backup (restored, cancelled, or the app locks).
    func dropUpload() {
        lock.withLock {
            upload = nil
        }
    }

    /// Keeps what a restore brought back, for its result page.
    func restoreDone(_ result: RestoreResult) {
        lock.withLock {
            upload = nil
            restored = result
        }
    }

    var restoreResult: RestoreResult? { lock.withLock { restored } }

    // MARK: locking

    /// The app locked (idle, the Lock button, or exit): secrets go.
    ///
    /// A recovery key not yet checked is wiped; its check then goes by the
    /// vault's recovery slot. A walkthrough past that point simply ends
    /// (its remaining steps are in Settings). An uploaded backup is
    /// dropped, and the result of a restore forgotten.
    func sessionLocked() {
        lock.withLock {
            recoveryKey = nil
            switch current {
            case .checkRecoveryKey, .recoveryKeyInterrupted: current = .recoveryKeyInterrupted
            case .keyring, .backupCode, .none: current = .none
            }
            pendingNote = nil
            upload = nil
            restored = nil
        }
    }
}

/// What a restore brought back: counts, and what it could not (damaged items).
struct RestoreResult: Sendable {
    let codeEntries: Int
    let identifiers: Int
    let documents: Int
    let inboxShares: Int
    let notRestored: [BackupOmission]
}
