import Foundation
import KeyringKit
import SodiumKit
import XCTest
@testable import CaseVault

/// VaultKeyring (library side) against the real gnome-keyring of `make test`.
final class KeyringVaultTests: XCTestCase {
    var dir: URL!
    var location: VaultLocation!
    let keyring = VaultKeyring()
    let passphrase = "library keyring test passphrase"

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["CASEVAULT_TEST_KEYRING"] == "1" else {
            XCTFail("these tests need a private session D-Bus with an unlocked gnome-keyring: run them through "
                    + "`make test` (or scripts/with-keyring.sh swift test --skip-build)")
            throw CocoaError(.featureUnsupported)
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("casevault-kr-\(UUID().uuidString)")
        location = VaultLocation(directory: dir.appendingPathComponent("vault"))
        _ = try Vault.create(at: location, passphrase: try SecureBytes(copying: Array(passphrase.utf8)), strength: .interactive)
    }

    override func tearDownWithError() throws {
        if let location, let locked = try? LockedVault.open(location) {
            _ = try? keyring.service.clear(schema: KeyringItemIdentity.schema,
                                           attributes: KeyringItemIdentity.attributes(vaultIDHex: locked.vaultIDHex))
        }
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private func unlockWithPassphrase() throws -> Vault {
        try LockedVault.open(location).unlock(passphrase: try SecureBytes(copying: Array(passphrase.utf8)))
    }

    func testEnableUnlockDisable() throws {
        let vault = try unlockWithPassphrase()
        let enabled = try keyring.enable(vault)
        XCTAssertEqual(enabled.attributes, ["application": "casevault", "vault": vault.vaultIDHex,
                                            "path": location.directory.resolvingSymlinksInPath().path])
        XCTAssertEqual(enabled.label, "CaseVault unlock key (vault \(vault.vaultIDHex.prefix(8)), \(location.path))")
        XCTAssertEqual(enabled.collection, "Login")

        let locked = try LockedVault.open(location)
        XCTAssertTrue(locked.hasSlot(.keyring))
        let opened = try keyring.unlock(locked)
        XCTAssertTrue(opened.masterKey.constantTimeEquals(vault.masterKey))
        XCTAssertEqual(keyring.status(locked).state, .enabled)

        let disabled = try keyring.disable(opened)
        XCTAssertTrue(disabled.slotRemoved)
        XCTAssertTrue(disabled.itemRemoved)
        XCTAssertNil(disabled.itemProblem)
        let after = try LockedVault.open(location)
        XCTAssertFalse(after.hasSlot(.keyring))
        XCTAssertEqual(keyring.status(after).state, .disabled)
        XCTAssertThrowsError(try keyring.unlock(after)) {
            guard case CaseVaultError.keyring(let reason, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("not enabled"), reason)
        }
    }

    func testTheKeyringSecretIsNeitherTheMasterKeyNorThePassphrase() throws {
        let vault = try unlockWithPassphrase()
        _ = try keyring.enable(vault)
        let secret = try keyring.service.lookup(schema: KeyringItemIdentity.schema,
                                                attributes: KeyringItemIdentity.attributes(vaultIDHex: vault.vaultIDHex))
        XCTAssertEqual(secret.count, VaultKeyring.secretBytes)
        XCTAssertFalse(secret.constantTimeEquals(vault.masterKey.secureBytes))
        XCTAssertFalse(secret.constantTimeEquals(try SecureBytes(copying: Array(passphrase.utf8))))
    }

    func testEnableTwiceReplacesTheSecretAndTheOldSlotNoLongerMatchesTheItem() throws {
        let vault = try unlockWithPassphrase()
        _ = try keyring.enable(vault)
        // A backup of the vault file as it is now (WAL included: the slot
        // may not be checkpointed into vault.db yet).
        let backup = dir.appendingPathComponent("backup.db")
        try FileManager.default.copyItem(at: location.database, to: backup)
        let wal = location.database.path + "-wal"
        if FileManager.default.fileExists(atPath: wal) { try FileManager.default.copyItem(atPath: wal, toPath: backup.path + "-wal") }
        _ = try keyring.enable(vault)
        XCTAssertEqual(keyring.status(try LockedVault.open(location)).state, .enabled)
        // Restore the older vault file: its slot was made for the old secret.
        try FileManager.default.removeItem(at: location.database)
        for ext in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location.database.path + ext) }
        try FileManager.default.copyItem(at: backup, to: location.database)
        if FileManager.default.fileExists(atPath: backup.path + "-wal") { try FileManager.default.copyItem(atPath: backup.path + "-wal", toPath: wal) }
        let restored = try LockedVault.open(location)
        XCTAssertThrowsError(try keyring.unlock(restored)) {
            XCTAssertEqual($0 as? CaseVaultError, VaultKeyring.mismatch)
        }
        XCTAssertEqual(keyring.status(restored).state, .mismatch)
    }

    func testAnItemWithTheWrongLengthIsAMismatch() throws {
        let vault = try unlockWithPassphrase()
        _ = try keyring.enable(vault)
        try keyring.service.store(schema: KeyringItemIdentity.schema, label: "short",
                                  attributes: KeyringItemIdentity.attributes(vaultIDHex: vault.vaultIDHex, location: location),
                                  secret: try SecureBytes.random(count: 16))
        XCTAssertThrowsError(try keyring.unlock(try LockedVault.open(location))) {
            XCTAssertEqual($0 as? CaseVaultError, VaultKeyring.mismatch)
        }
    }

    func testEnableWithoutAServiceChangesNothing() throws {
        let vault = try unlockWithPassphrase()
        setenv("SECRET_SERVICE_BUS_NAME", "org.casevault.test.Absent\(UUID().uuidString.prefix(8))", 1)
        defer { unsetenv("SECRET_SERVICE_BUS_NAME") }
        XCTAssertThrowsError(try keyring.enable(vault)) {
            guard case CaseVaultError.keyring(let reason, _) = $0 else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.hasPrefix("no Secret Service"), reason)
        }
        XCTAssertFalse(try vault.slotKinds().contains(.keyring))
    }

    func testDisableRemovesTheSlotEvenWhenTheServiceIsAbsent() throws {
        let vault = try unlockWithPassphrase()
        _ = try keyring.enable(vault)
        // libsecret's own override points it at a bus name nobody owns.
        setenv("SECRET_SERVICE_BUS_NAME", "org.casevault.test.Absent\(UUID().uuidString.prefix(8))", 1)
        let done = try keyring.disable(vault)
        unsetenv("SECRET_SERVICE_BUS_NAME")
        XCTAssertTrue(done.slotRemoved)
        XCTAssertFalse(done.itemRemoved)
        guard case .noService = done.itemProblem else { return XCTFail("\(String(describing: done.itemProblem))") }
        // The item is left over, and harmless: the real keyring says so.
        XCTAssertEqual(keyring.status(try LockedVault.open(location)).state, .leftoverItem)
    }
}
