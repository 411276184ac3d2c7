import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

final class VaultTests: XCTestCase {
    func testCreateThenUnlockWithPassphrase() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "uscis", account: nil, codes: ["ABCD-1234"])
        let again = try t.reopen()
        XCTAssertEqual(again.vaultID, t.vault.vaultID)
        XCTAssertEqual(try again.codes.find(label: "USCIS").entry.codes.map(\.code), ["ABCD-1234"])
    }

    func testWrongPassphraseIsItsOwnError() throws {
        let t = try TestVault()
        XCTAssertThrowsVaultError(try LockedVault.open(t.location).unlock(passphrase: secure("not the passphrase")),
                                  { $0 == .wrongPassphrase })
        XCTAssertEqual(CaseVaultError.wrongPassphrase.kind, .wrongSecret)  // exit 4: ExitCodeCLITests
    }

    func testRefusesExistingVaultAndNonEmptyDirectory() throws {
        let t = try TestVault()
        XCTAssertThrowsVaultError(try Vault.create(at: t.location, passphrase: secure("another passphrase"), strength: .interactive),
                                  { if case .vaultExists = $0 { return true }; return false })
        let other = VaultLocation(directory: t.root.appendingPathComponent("busy"))
        try FileManager.default.createDirectory(at: other.directory, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: other.directory.appendingPathComponent("notes.txt"))
        XCTAssertThrowsVaultError(try Vault.create(at: other, passphrase: secure("another passphrase"), strength: .interactive),
                                  { $0 == .notEmpty(path: other.path) })
        XCTAssertEqual(try String(contentsOf: other.directory.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me")
    }

    func testShortPassphraseRefused() throws {
        let t = try TestVault(create: false)
        XCTAssertThrowsVaultError(try Vault.create(at: t.location, passphrase: secure("short"), strength: .interactive),
                                  { if case .weakPassphrase = $0 { return true }; return false })
        XCTAssertFalse(FileManager.default.fileExists(atPath: t.location.database.path))
    }

    func testNoVault() throws {
        let t = try TestVault(create: false)
        XCTAssertThrowsVaultError(try LockedVault.open(t.location), { if case .noVault = $0 { return true }; return false })
    }

    func testModesAreOwnerOnly() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "x", account: nil, codes: ["1234-5678"])
        let fm = FileManager.default
        let dirMode = try fm.attributesOfItem(atPath: t.location.path)[.posixPermissions] as? Int
        XCTAssertEqual(dirMode, 0o700)
        for name in try fm.contentsOfDirectory(atPath: t.location.path) {
            let mode = try fm.attributesOfItem(atPath: t.location.directory.appendingPathComponent(name).path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600, name)
        }
    }

    func testChangePassphraseKeepsDataAndRetiresOldPassphrase() throws {
        let t = try TestVault()
        try t.vault.codes.add(label: "login.gov", account: "me@example.org", codes: ["1111-2222", "3333-4444"])
        try t.vault.changePassphrase(to: secure("a brand new passphrase"))
        XCTAssertThrowsVaultError(try t.reopen(), { $0 == .wrongPassphrase })
        let v = try LockedVault.open(t.location).unlock(passphrase: secure("a brand new passphrase"))
        XCTAssertEqual(try v.codes.find(label: "login.gov").entry.codes.count, 2)
    }

    func testRecoveryKeyOpensAndResetsPassphrase() throws {
        let t = try TestVault()
        try t.vault.identifiers.add(kind: .aNumber, value: "A12345678", label: nil, note: nil)
        let typed = try t.recovery.formatted()
        let v = try LockedVault.open(t.location).unlock(recoveryKey: try RecoveryKey.parse(typed))
        try v.changePassphrase(to: secure("recovered passphrase"))
        let again = try LockedVault.open(t.location).unlock(passphrase: secure("recovered passphrase"))
        XCTAssertEqual(try again.identifiers.list().first?.identifier.value, "A012345678")
    }

    func testAnotherVaultsRecoveryKeyIsWrongNotMalformed() throws {
        let a = try TestVault(), b = try TestVault()
        XCTAssertThrowsVaultError(try LockedVault.open(a.location).unlock(recoveryKey: b.recovery), { $0 == .wrongRecoveryKey })
    }

    func testSubkeysAreDistinctPerPurpose() throws {
        let t = try TestVault()
        let r = try t.vault.subkey(for: .records), d = try t.vault.subkey(for: .documents), s = try t.vault.subkey(for: .shares)
        XCTAssertFalse(r.constantTimeEquals(d))
        XCTAssertFalse(r.constantTimeEquals(s))
        XCTAssertFalse(d.constantTimeEquals(s))
        XCTAssertTrue(try t.reopen().subkey(for: .documents).constantTimeEquals(d))
    }

    func testKeyringStyleSlotAddAndRemove() throws {
        let t = try TestVault()
        let secret = try SecureBytes.random(count: 32)
        try t.vault.setSlot(.keyring, secret: secret)
        let locked = try LockedVault.open(t.location)
        XCTAssertTrue(locked.hasSlot(.keyring))
        XCTAssertEqual(try locked.unlock(slot: .keyring, secret: secret).vaultID, t.vault.vaultID)
        XCTAssertThrowsVaultError(try locked.unlock(slot: .keyring, secret: SecureBytes.random(count: 32)),
                                  { if case .keyring = $0 { return true }; return false })
        try t.vault.removeSlot(.keyring)
        XCTAssertFalse(try LockedVault.open(t.location).hasSlot(.keyring))
    }

    func testLocationResolutionOrder() {
        let env = ["HOME": "/home/u", "XDG_DATA_HOME": "/x", "CASEVAULT_DIR": "/c"]
        XCTAssertEqual(VaultLocation.resolve(explicit: "/e", environment: env).path, "/e")
        XCTAssertEqual(VaultLocation.resolve(explicit: nil, environment: env).path, "/c")
        XCTAssertEqual(VaultLocation.resolve(explicit: nil, environment: ["HOME": "/home/u", "XDG_DATA_HOME": "/x"]).path, "/x/casevault")
        XCTAssertEqual(VaultLocation.resolve(explicit: nil, environment: ["HOME": "/home/u"]).path, "/home/u/.local/share/casevault")
        // An empty, relative or missing HOME falls back to the password database, never the current folder.
        let account = String(cString: getpwuid(getuid())!.pointee.pw_dir)
        for env in [["HOME": ""], ["HOME": "rel"], [:]] {
            XCTAssertEqual(VaultLocation.resolve(explicit: nil, environment: env).path,
                           URL(fileURLWithPath: account).appendingPathComponent(".local/share/casevault").standardizedFileURL.path, "\(env)")
        }
        XCTAssertEqual(VaultLocation.resolve(explicit: "~/v", environment: ["HOME": "rel"]).path,
                       URL(fileURLWithPath: account + "/v").standardizedFileURL.path)
    }
}
