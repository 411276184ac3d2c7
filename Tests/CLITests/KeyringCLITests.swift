import Foundation
import XCTest

/// `casevault keyring ...` and the keyring step of every command, through the
/// built binary, against real gnome-keyring daemons on real session buses:
/// the one scripts/with-keyring.sh starts for `make test`, and private ones
/// that scripts/keyring-session.sh starts per test (locked, no service, hung).
final class KeyringCLITests: XCTestCase {
    var dir: TempDir!
    var vault: String { dir.path("vault") }
    var passphraseFile: String!

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["CASEVAULT_TEST_KEYRING"] == "1" else {
            XCTFail("the keyring tests need a private session D-Bus with an unlocked gnome-keyring: run them through "
                    + "`make test` (or scripts/with-keyring.sh swift test --skip-build)")
            throw KeyringSessionError.noTestKeyring
        }
        dir = try TempDir()
        passphraseFile = try dir.write("passphrase", "keyring test passphrase, not secret\n")
        let r = try casevault(["init", "--vault", vault, "--passphrase-file", passphraseFile, "--kdf", "interactive", "--no-keyring"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let add = try casevault(["code", "add", "uscis", "--vault", vault, "--passphrase-file", passphraseFile, "--no-keyring"],
                                stdin: Data("ABCD-EFGH-1234\n".utf8))
        XCTAssertEqual(add.status, 0, add.stderr)
    }

    override func tearDownWithError() throws {
        // Leave no item behind in the shared test keyring.
        if let id = try? vaultID() { _ = try? tool(["secret-tool", "clear", "application", "casevault", "vault", id]) }
    }

    // MARK: - Enable, unlock, disable

    func testEnableThenUnlockWithoutPassphraseThenDisableThenPassphraseNeededAgain() throws {
        let enable = try casevault(["keyring", "enable", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(enable.status, 0, enable.stderr)
        XCTAssertTrue(enable.stdout.contains("Keyring unlock enabled"), enable.stdout)

        let show = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("ABCDEFGH1234") || show.stdout.contains("ABCD-EFGH-1234"), show.stdout)
        XCTAssertEqual(show.stderr, "", "an unlock through the keyring prints nothing on stderr")

        let disable = try casevault(["keyring", "disable", "--vault", vault])
        XCTAssertEqual(disable.status, 0, disable.stderr)
        XCTAssertTrue(disable.stdout.contains("the keyring item was removed"), disable.stdout)

        let again = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(again.status, 4, again.stderr)
        XCTAssertTrue(again.stderr.contains("error: no passphrase"), again.stderr)
        XCTAssertFalse(again.stderr.contains("keyring:"), "no keyring step once disabled")
        XCTAssertFalse(try search(try vaultID()).contains("label ="), "the item is gone after disable")
    }

    /// A passphrase change rotates the master key; the keyring slot is
    /// re-wrapped to its stored public key, so keyring unlock keeps working
    /// with the same item (docs/design.md, "Key rotation").
    func testKeyringUnlockFollowsAPassphraseChange() throws {
        try enable()
        let newPass = try dir.write("new-passphrase", "a changed passphrase, not secret\n")
        let passwd = try casevault(["passwd", "--vault", vault, "--passphrase-file", passphraseFile, "--new-passphrase-file", newPass])
        XCTAssertEqual(passwd.status, 0, passwd.stderr)
        XCTAssertFalse(passwd.stdout.contains("keyring enable"), passwd.stdout)
        let show = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertEqual(show.stderr, "", "fell back from the keyring")
    }

    func testTheItemIsFoundBySecretToolWithTheDocumentedAttributesAndLabel() throws {
        try enable()
        let id = try vaultID()
        let out = try search(id)
        XCTAssertEqual(out.components(separatedBy: "label = ").count - 1, 1, "exactly one item per vault: \(out)")
        let path = URL(fileURLWithPath: vault).standardizedFileURL.path
        XCTAssertTrue(out.contains("label = CaseVault unlock key (vault \(id.prefix(8)), \(path))"), out)
        XCTAssertTrue(out.contains("attribute.application = casevault"), out)
        XCTAssertTrue(out.contains("attribute.vault = \(id)"), out)
        XCTAssertTrue(out.contains("attribute.path = \(URL(fileURLWithPath: vault).resolvingSymlinksInPath().path)"), out)
        XCTAssertTrue(out.contains("schema = org.casevault.VaultUnlock"), out)
        // The item holds a random 256-bit secret as hex: not the passphrase.
        let secret = try tool(["secret-tool", "lookup", "application", "casevault", "vault", id]).stdout
        XCTAssertEqual(secret.count, 64)
        XCTAssertTrue(secret.allSatisfy { $0.isHexDigit }, "the stored secret is hex text (contents not shown)")
        XCTAssertFalse(secret.contains("keyring test passphrase"))
    }

    func testTheItemAloneOpensNothingWithoutTheVaultSlot() throws {
        try enable()
        // Remove only the vault's slot: the item stays in the keyring...
        let r = try casevault(["keyring", "disable", "--no-keyring", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try search(try vaultID()).contains("label = CaseVault unlock key"))
        // ...and opens nothing.
        let show = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(show.status, 4, show.stderr)
        let status = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(status["state"] as? String, "leftover-item")
    }

    func testEnableNeedsThePassphraseEvenWhenTheKeyringWorks() throws {
        try enable()
        let r = try casevault(["keyring", "enable", "--vault", vault])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("no passphrase"), r.stderr)
        let flag = try casevault(["keyring", "enable", "--no-keyring", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(flag.status, 2, flag.stderr)
    }

    func testNoKeyringSkipsTheKeyring() throws {
        try enable()
        let r = try casevault(["code", "show", "uscis", "--no-keyring", "--vault", vault])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertFalse(r.stderr.contains("keyring:"), r.stderr)
        let ok = try casevault(["code", "show", "uscis", "--no-keyring", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stderr, "")
        let status = try casevault(["keyring", "status", "--no-keyring", "--json", "--vault", vault]).json()
        XCTAssertEqual(status["state"] as? String, "not-checked")
        XCTAssertEqual(status["slot"] as? Bool, true)
    }

    func testStatusSaysEnabledAndTheServiceAnswers() throws {
        var s = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(s["state"] as? String, "disabled")
        try enable()
        s = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(s["state"] as? String, "enabled")
        XCTAssertEqual(s["slot"] as? Bool, true)
        XCTAssertEqual(s["sessionBus"] as? Bool, true)
        XCTAssertEqual(s["secretService"] as? Bool, true)
        XCTAssertEqual(s["collectionLocked"] as? Bool, false)
        XCTAssertEqual(s["collection"] as? String, "Login")
        let text = try casevault(["keyring", "status", "--vault", vault])
        XCTAssertEqual(text.status, 0)
        XCTAssertTrue(text.stdout.contains("Keyring unlock:  enabled"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Collection:      Login (unlocked)"), text.stdout)
    }

    func testAMissingItemFallsBackAndStatusSaysItemMissing() throws {
        try enable()
        XCTAssertEqual(try tool(["secret-tool", "clear", "application", "casevault", "vault", try vaultID()]).status, 0)
        try assertFallback(reason: "no keyring item for this vault")
        let s = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(s["state"] as? String, "item-missing")
    }

    func testHelpListsTheSubcommands() throws {
        let r = try casevault(["keyring", "--help"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for word in ["enable", "disable", "status", "--no-keyring on any command skips the keyring"] {
            XCTAssertTrue(r.stdout.contains(word), "help lacks \(word): \(r.stdout)")
        }
    }

    // MARK: - An item that no longer matches

    func testAVaultRestoredFromBackupIsReportedAsMismatchNotWrongPassphrase() throws {
        try enable()
        let backup = dir.path("backup")
        try FileManager.default.copyItem(atPath: vault, toPath: backup)
        try enable()  // a new secret replaces the item
        try FileManager.default.removeItem(atPath: vault)
        try FileManager.default.moveItem(atPath: backup, toPath: vault)
        // An older copy put back in place is refused until accepted (the
        // state record, docs/design.md); then the keyring item is the mismatch.
        let refused = try casevault(["code", "show", "uscis", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(refused.status, 6, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("older than the one this computer last saw"), refused.stderr)
        XCTAssertEqual(try casevault(["accept-older", "--vault", vault, "--passphrase-file", passphraseFile]).status, 0)
        try assertMismatch()
        // Enabling again repairs it.
        try enable()
        let show = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertEqual(show.stderr, "")
    }

    func testAnEditedItemIsReportedAsMismatch() throws {
        try enable()
        let id = try vaultID()
        for edited in [String(repeating: "ab", count: 32), "0123", "not hex at all"] {
            // The item's own attributes, so this edits it rather than adding another.
            let r = try tool(["secret-tool", "store", "--label", "edited", "xdg:schema", "org.casevault.VaultUnlock",
                              "application", "casevault", "vault", id, "path", boundPath(vault)], stdin: Data(edited.utf8))
            XCTAssertEqual(r.status, 0, r.stderr)
            try assertMismatch()
        }
    }

    // MARK: - Copies of a vault

    /// A vault copied with `cp -a` (same vault id, same keyring slot) or
    /// restored from a backup: `keyring disable` there removes only that
    /// location's item; the original still unlocks through the keyring.
    /// (Before, disable in the copy deleted the item by vault id, the
    /// original's included, and `enable` in the copy replaced it.)
    func testDisableOrEnableInACopyLeavesTheOriginalsItem() throws {
        try enable()
        let id = try vaultID()
        let copy = dir.path("copy")
        XCTAssertEqual(try tool(["cp", "-a", vault, copy]).status, 0)
        let bp = try dir.write("bp", "backup passphrase for the test\n")
        let b = try casevault(["backup", "-o", dir.path("b.age"), "--backup-passphrase-file", bp, "--vault", vault])
        XCTAssertEqual(b.status, 0, b.stderr)
        let restored = dir.path("restored")
        let r = try casevault(["restore", dir.path("b.age"), "--vault", restored, "--backup-passphrase-file", bp,
                               "--passphrase-file", passphraseFile, "--no-keyring"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for other in [copy, restored] {
            // The other location unlocks through the original's item (its slot is the original's).
            XCTAssertEqual(try casevault(["code", "show", "uscis", "--vault", other]).status, 0)
            let d = try casevault(["keyring", "disable", "--vault", other, "--json"])
            XCTAssertEqual(d.status, 0, d.stderr)
            XCTAssertEqual(try d.json()["itemRemoved"] as? Bool, false, d.stdout)
            try assertOriginalUnlocksThroughTheKeyring(id)
            XCTAssertEqual(try casevault(["keyring", "status", "--json", "--vault", other]).json()["state"] as? String, "disabled")
            // Enabling there adds that location's own item, beside the original's.
            XCTAssertEqual(try casevault(["keyring", "enable", "--vault", other, "--passphrase-file", passphraseFile]).status, 0)
            XCTAssertEqual(try search(id).components(separatedBy: "label = ").count - 1, 2)
            try assertOriginalUnlocksThroughTheKeyring(id)
            XCTAssertEqual(try casevault(["code", "show", "uscis", "--vault", other]).stderr, "")
            XCTAssertEqual(try casevault(["keyring", "disable", "--vault", other]).status, 0)
            try assertOriginalUnlocksThroughTheKeyring(id)
        }
        // The original's own disable removes its item.
        XCTAssertEqual(try casevault(["keyring", "disable", "--vault", vault]).status, 0)
        XCTAssertFalse(try search(id).contains("label ="))
    }

    /// An item stored by an earlier casevault (no `path` attribute) still
    /// unlocks; a copy's disable leaves it; the original's removes it, and so
    /// does enabling again (replaced by a path-bound item).
    func testAnItemWithoutPathFromAnEarlierVersionStillWorks() throws {
        try enable()
        let id = try vaultID()
        let path = boundPath(vault)
        // Re-store the same secret as an earlier version did: no path attribute.
        let secret = try tool(["secret-tool", "lookup", "application", "casevault", "vault", id, "path", path])
        XCTAssertEqual(secret.status, 0)
        let label = "CaseVault unlock key (vault \(id.prefix(8)), \(URL(fileURLWithPath: vault).standardizedFileURL.path))"
        // (gnome-keyring replaces any item whose attributes include the new
        // item's: clear the path-bound item first, or the store would rewrite it.)
        XCTAssertEqual(try tool(["secret-tool", "clear", "application", "casevault", "vault", id, "path", path]).status, 0)
        XCTAssertEqual(try tool(["secret-tool", "store", "--label", label, "xdg:schema", "org.casevault.VaultUnlock",
                                 "application", "casevault", "vault", id], stdin: secret.stdoutData).status, 0)
        XCTAssertEqual(try search(id).components(separatedBy: "label = ").count - 1, 1)
        XCTAssertFalse(try search(id).contains("attribute.path"))
        try assertOriginalUnlocksThroughTheKeyring(id)

        let copy = dir.path("copy")
        XCTAssertEqual(try tool(["cp", "-a", vault, copy]).status, 0)
        XCTAssertEqual(try casevault(["keyring", "disable", "--vault", copy]).status, 0)
        try assertOriginalUnlocksThroughTheKeyring(id)
        XCTAssertEqual(try casevault(["keyring", "status", "--json", "--vault", vault]).json()["state"] as? String, "enabled")

        try enable()
        XCTAssertTrue(try search(id).contains("attribute.path = \(path)"))
        XCTAssertEqual(try search(id).components(separatedBy: "label = ").count - 1, 1, "the earlier item was replaced")
        XCTAssertEqual(try casevault(["keyring", "disable", "--vault", vault]).status, 0)
        XCTAssertFalse(try search(id).contains("label ="))
    }

    private func assertOriginalUnlocksThroughTheKeyring(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let show = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertEqual(show.status, 0, show.stderr, file: file, line: line)
        XCTAssertEqual(show.stderr, "", "the original unlocks through the keyring", file: file, line: line)
        XCTAssertTrue(try search(id).contains("label = CaseVault unlock key"), "secret-tool still finds an item", file: file, line: line)
    }

    private func boundPath(_ p: String) -> String { URL(fileURLWithPath: p).resolvingSymlinksInPath().path }

    // MARK: - Faults: each falls back to the passphrase with one line

    func testNoSessionBusFallsBack() throws {
        try enable()
        let empty = dir.path("runtime")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        try assertFallback(reason: "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)",
                           env: ["XDG_RUNTIME_DIR": empty], unset: ["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"])
        try assertFallback(reason: "no D-Bus session bus (Could not connect",
                           env: ["DBUS_SESSION_BUS_ADDRESS": "unix:path=\(dir.path("no-bus-here"))"])
        let s = try casevault(["keyring", "status", "--json", "--vault", vault], unset: ["DBUS_SESSION_BUS_ADDRESS"],
                              env: ["XDG_RUNTIME_DIR": empty]).json()
        XCTAssertEqual(s["sessionBus"] as? Bool, false)
        XCTAssertEqual(s["state"] as? String, "unavailable")
        XCTAssertEqual(s["problemCode"] as? String, "no-session-bus")
    }

    func testNoSecretServiceFallsBack() throws {
        try enable()
        let session = try KeyringSession(.noService)
        try assertFallback(reason: "no Secret Service on the session bus", env: session.env)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault], env: session.env).json()
        XCTAssertEqual(s["sessionBus"] as? Bool, true)
        XCTAssertEqual(s["secretService"] as? Bool, false)
        XCTAssertEqual(s["problemCode"] as? String, "no-secret-service")
    }

    func testALockedCollectionFallsBack() throws {
        // A keyring of its own, with the item in it, then locked.
        let session = try KeyringSession(.unlocked)
        let e = try casevault(["keyring", "enable", "--vault", vault, "--passphrase-file", passphraseFile], env: session.env)
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertEqual(try casevault(["code", "show", "uscis", "--vault", vault], env: session.env).status, 0)
        try session.lock()
        try assertFallback(reason: "the keyring collection 'Login' is locked", env: session.env)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault], env: session.env).json()
        XCTAssertEqual(s["collectionLocked"] as? Bool, true)
        XCTAssertEqual(s["secretService"] as? Bool, true)
        XCTAssertEqual(s["state"] as? String, "unavailable")
        XCTAssertEqual(s["problemCode"] as? String, "locked")
        XCTAssertEqual((s["item"] as? [String: Any])?["locked"] as? Bool, true)
    }

    func testEnableOnALockedCollectionChangesNothing() throws {
        let session = try KeyringSession(.locked)
        let r = try casevault(["keyring", "enable", "--vault", vault, "--passphrase-file", passphraseFile], env: session.env)
        XCTAssertEqual(r.status, 10, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: keyring: the keyring collection 'Login' is locked"), r.stderr)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault], env: session.env).json()
        XCTAssertEqual(s["slot"] as? Bool, false)
    }

    func testAServiceThatDoesNotAnswerIsCutOffByTheTimeout() throws {
        try enable()
        let session = try KeyringSession(.hung)
        // The default bound (3 s), not libsecret's ~50 s.
        var start = Date()
        try assertFallback(reason: "the Secret Service did not answer within 3 s", env: session.env, interactiveToo: false)
        var elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 3)
        XCTAssertLessThan(elapsed, 10, "cut off near 3 s")
        // A shorter bound from the environment.
        var env = session.env
        env["CASEVAULT_KEYRING_TIMEOUT"] = "1"
        start = Date()
        let r = try casevault(["code", "show", "uscis", "--vault", vault], env: env)
        elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(r.status, 10, r.stderr)
        XCTAssertTrue(r.stderr.contains("did not answer within 1 s"), r.stderr)
        XCTAssertLessThan(elapsed, 6)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault], env: env).json()
        XCTAssertEqual(s["problemCode"] as? String, "timeout")
    }

    func testDisableWithoutAReachableKeyringRemovesTheSlotAndWarns() throws {
        try enable()
        let r = try casevault(["keyring", "disable", "--vault", vault, "--passphrase-file", passphraseFile],
                              unset: ["DBUS_SESSION_BUS_ADDRESS"], env: ["XDG_RUNTIME_DIR": dir.url.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: the keyring item could not be removed: no D-Bus session bus"), r.stderr)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(s["state"] as? String, "leftover-item")
        let again = try casevault(["keyring", "disable", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try casevault(["keyring", "status", "--json", "--vault", vault]).json()["state"] as? String, "disabled")
    }

    // MARK: - Helpers

    private func enable(file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try casevault(["keyring", "enable", "--vault", vault, "--passphrase-file", passphraseFile])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    }

    /// `secret-tool search --all` (split over stdout and stderr) without its
    /// `secret =` lines, so no secret reaches a failure message.
    private func search(_ id: String) throws -> String {
        let r = try tool(["secret-tool", "search", "--all", "application", "casevault", "vault", id])
        return (r.stdout + r.stderr).split(separator: "\n").filter { !$0.hasPrefix("secret = ") }.joined(separator: "\n")
    }

    private func vaultID() throws -> String {
        let s = try casevault(["keyring", "status", "--no-keyring", "--json", "--vault", vault]).json()
        return s["vaultId"] as? String ?? ""
    }

    /// With a passphrase file: exit 0 and exactly one `keyring:` line naming
    /// `reason`. Without one (no terminal): exit 10 and one error saying both.
    private func assertFallback(reason: String, env: [String: String] = [:], unset: [String] = [],
                                interactiveToo: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let ok = try casevault(["code", "show", "uscis", "--vault", vault, "--passphrase-file", passphraseFile], unset: unset, env: env)
        XCTAssertEqual(ok.status, 0, ok.stderr, file: file, line: line)
        let lines = ok.stderr.split(separator: "\n").filter { !$0.contains("fd limit") }
        XCTAssertEqual(lines.count, 1, ok.stderr, file: file, line: line)
        XCTAssertTrue(lines.first?.hasPrefix("keyring: \(reason)") == true, ok.stderr, file: file, line: line)
        XCTAssertTrue(lines.first?.hasSuffix("; falling back to the passphrase") == true, ok.stderr, file: file, line: line)
        guard interactiveToo else { return }
        let fail = try casevault(["code", "show", "uscis", "--vault", vault], unset: unset, env: env)
        XCTAssertEqual(fail.status, 10, fail.stderr, file: file, line: line)
        XCTAssertTrue(fail.stderr.contains("error: keyring: \(reason)"), fail.stderr, file: file, line: line)
        XCTAssertTrue(fail.stderr.contains("cannot fall back to the passphrase"), fail.stderr, file: file, line: line)
        XCTAssertTrue(fail.stderr.contains("hint: "), fail.stderr, file: file, line: line)
        XCTAssertFalse(fail.stdout.contains("ABCD"), "no code printed", file: file, line: line)
    }

    private func assertMismatch(file: StaticString = #filePath, line: UInt = #line) throws {
        try assertFallback(reason: "the keyring item does not match this vault", file: file, line: line)
        let r = try casevault(["code", "show", "uscis", "--vault", vault])
        XCTAssertFalse(r.stderr.contains("wrong passphrase"), r.stderr, file: file, line: line)
        let s = try casevault(["keyring", "status", "--json", "--vault", vault]).json()
        XCTAssertEqual(s["state"] as? String, "mismatch", file: file, line: line)
    }

    /// Runs the built casevault with no controlling terminal (setsid), so a
    /// fallback can never wait on a prompt, whatever terminal runs the tests.
    private func casevault(_ args: [String], stdin: Data? = nil, unset: [String] = [],
                           env: [String: String] = [:]) throws -> CLIResult {
        try tool(["setsid", "-w", CLI.binary.path] + args, stdin: stdin, unset: unset, env: env)
    }

    private func tool(_ argv: [String], stdin: Data? = nil, unset: [String] = [],
                      env: [String: String] = [:]) throws -> CLIResult {
        try CLI.tool(argv, stdin: stdin, env: env, unset: unset)
    }
}

enum KeyringSessionError: Error {
    case noTestKeyring
    case didNotStart(String)
}

/// A private session bus in a given state (scripts/keyring-session.sh),
/// stopped when this object goes away.
final class KeyringSession {
    enum Mode: String { case unlocked, locked, noService = "no-service", hung }

    private let process = Process()
    private let input = Pipe()
    let address: String
    var env: [String: String] { ["DBUS_SESSION_BUS_ADDRESS": address] }

    init(_ mode: Mode) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/keyring-session.sh")
        process.executableURL = script
        process.arguments = [mode.rawValue]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var data = Data()
        while !data.contains(0x0a) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("DBUS_SESSION_BUS_ADDRESS=") else {
            try? input.fileHandleForWriting.close()
            throw KeyringSessionError.didNotStart("keyring-session.sh \(mode.rawValue) printed '\(line)'")
        }
        address = String(line.dropFirst("DBUS_SESSION_BUS_ADDRESS=".count))
    }

    /// Locks the session's login collection.
    func lock() throws {
        let p = Process()
        p.executableURL = process.executableURL
        p.arguments = ["lock"]
        var e = ProcessInfo.processInfo.environment
        e["DBUS_SESSION_BUS_ADDRESS"] = address
        p.environment = e
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw KeyringSessionError.didNotStart("lock failed") }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
