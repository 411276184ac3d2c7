import Foundation
import GRDB
import SodiumKit
import XCTest
@testable import CaseVault

/// A vault in a private temporary directory, removed at deinit.
final class TestVault {
    let root: URL
    let location: VaultLocation
    let passphrase = "test passphrase, not a secret"
    var vault: Vault!
    var recovery: RecoveryKey!

    init(create: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("cv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        location = VaultLocation(directory: root.appendingPathComponent("vault"))
        if create {
            (vault, recovery) = try Vault.create(at: location, passphrase: secure(passphrase), strength: .interactive)
        }
    }

    func reopen() throws -> Vault {
        try LockedVault.open(location).unlock(passphrase: secure(passphrase))
    }

    /// Raw access to vault.db, as someone holding the file would have.
    func raw(_ body: (Database) throws -> Void) throws {
        let q = try DatabaseQueue(path: location.database.path)
        try q.write(body)
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

func secure(_ s: String) throws -> SecureBytes { try SecureBytes(copying: Array(s.utf8)) }

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrowsVaultError<T>(_ body: @autoclosure () throws -> T, _ expected: (CaseVaultError) -> Bool,
                                  _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), message, file: file, line: line) { error in
        guard let e = error as? CaseVaultError else { return XCTFail("not a CaseVaultError: \(error)", file: file, line: line) }
        XCTAssertTrue(expected(e), "unexpected error: \(e)", file: file, line: line)
    }
}
