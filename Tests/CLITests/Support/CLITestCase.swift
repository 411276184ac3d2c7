import Foundation
import XCTest

/// What most CLI test classes set up: a temporary directory holding a
/// passphrase file, and `casevault` run on a vault in it with that file and
/// the keyring off.
class CLITestCase: XCTestCase {
    var dir: TempDir!
    /// The passphrase file's path.
    var pass: String!
    /// The vault most tests use.
    var vault: String { dir.path("vault") }
    /// What the passphrase file holds (a class may use its own).
    var passphrase: String { "correct horse battery staple\n" }

    /// True to start each test with a new, empty vault at `vault` (interactive KDF).
    var startsWithVault: Bool { false }
    /// `vaultFlags(vault)`.
    var base: [String] { vaultFlags(vault) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = try TempDir()
        pass = try dir.write("pass", passphrase)
        if startsWithVault {
            XCTAssertEqual(try CLI.run(["init", "--kdf", "interactive"] + base).status, 0)
        }
    }

    /// `--vault path --passphrase-file pass --no-keyring`.
    func vaultFlags(_ path: String) -> [String] { ["--vault", path, "--passphrase-file", pass, "--no-keyring"] }

    /// Runs `casevault args` on the vault at `path` with the passphrase file and no keyring.
    @discardableResult
    func runOn(_ path: String, _ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        try CLI.run(args + vaultFlags(path), stdin: stdin.map { Data($0.utf8) }, file: file, line: line)
    }
}
