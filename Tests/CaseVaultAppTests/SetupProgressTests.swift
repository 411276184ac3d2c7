import XCTest
import SodiumKit
@testable import CaseVaultApp

final class SetupProgressTests: XCTestCase {
    func testTheRecoveryKeyIsHeldUntilCheckedThenDropped() throws {
        let p = SetupProgress()
        XCTAssertEqual(p.step, .none)
        XCTAssertFalse(p.holdsVaultPages)
        let key = try SecureBytes(copying: Array("ABCD-EFGH".utf8))
        p.created(recoveryKey: key, madeDirectory: true)
        XCTAssertEqual(p.step, .checkRecoveryKey)
        XCTAssertTrue(p.holdsVaultPages)
        XCTAssertTrue(p.createdDirectory)
        guard case .held(let held) = p.checkTarget else { return XCTFail("the key is not held") }
        XCTAssertTrue(held === key)
        p.recoveryKeyChecked(next: .keyring, note: nil)
        XCTAssertEqual(p.step, .keyring)
        XCTAssertFalse(p.holdsVaultPages)
        guard case .none = p.checkTarget else { return XCTFail("a check is still due") }
    }

    func testThreeMismatchesLeaveNoTries() throws {
        let p = SetupProgress()
        p.created(recoveryKey: try SecureBytes(copying: [1]), madeDirectory: false)
        XCTAssertEqual(p.recoveryKeyMismatch(), 2)
        XCTAssertEqual(p.recoveryKeyMismatch(), 1)
        XCTAssertEqual(p.recoveryKeyMismatch(), 0)
        p.finish()
        XCTAssertEqual(p.step, .none)
        XCTAssertFalse(p.createdDirectory)
    }

    /// Locking drops the key: the check then goes by the vault's own slot.
    /// Later steps end (their work is in Settings).
    func testLockingDropsTheKeyAndEndsLaterSteps() throws {
        let p = SetupProgress()
        p.created(recoveryKey: try SecureBytes(copying: [1, 2, 3]), madeDirectory: false)
        p.sessionLocked()
        XCTAssertEqual(p.step, .recoveryKeyInterrupted)
        XCTAssertTrue(p.holdsVaultPages)
        guard case .vaultSlot = p.checkTarget else { return XCTFail("the key is still held after a lock") }
        p.recoveryKeyChecked(next: .backupCode, note: "skipped")
        XCTAssertEqual(p.note, "skipped")
        p.sessionLocked()
        XCTAssertEqual(p.step, .none)
        XCTAssertNil(p.note)
    }
}
