import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// A kept share read again away from the vault (KeptShare): every entry
/// handed on by its manifest path, the whole share checked, and a kept file
/// changed or swapped on disk refused.
extension ShareTests {
    private func importHandBuilt(_ name: String, files: [(String, [UInt8])]) throws -> (InboxShare, Ed25519SigningKey) {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let r = try opener().open(path: try write(try parts(key: key, files: files), key: key, to: name), action: .importToInbox)
        return (try attorney.vault.inbox.find(try XCTUnwrap(r.inboxID)), key)
    }

    func testAKeptShareIsReadAgainEntryByEntry() throws {
        let (share, _) = try importHandBuilt("kept.age", files: [codes, scan])
        var got: [String: [UInt8]] = [:]
        let r = try attorney.vault.inbox.openKept(share).read { path, bytes in got[path, default: []] += bytes }
        XCTAssertEqual(got, [codes.0: codes.1, scan.0: scan.1], "every entry, and nothing else")
        XCTAssertEqual(r.manifest, share.manifest)
        XCTAssertEqual(r.inboxID, share.inboxID)
        // One reading per KeptShare: the file is read from its start once.
        let once = try attorney.vault.inbox.openKept(share)
        _ = try once.read()
        XCTAssertThrowsError(try once.read())
    }

    func testAKeptShareChangedOnDiskIsRefused() throws {
        let (share, key) = try importHandBuilt("kept.age", files: [codes, scan])
        let stored = attorney.location.directory.appendingPathComponent("inbox/\(share.file)")
        let original = [UInt8](try Data(contentsOf: stored))
        // A byte of the payload: its age chunk no longer authenticates.
        var damaged = original
        damaged[damaged.count - 40] ^= 1
        try Data(damaged).write(to: stored)
        XCTAssertThrowsError(try attorney.vault.inbox.openKept(share).read())
        // Another valid share of the same signer in its place: not the one imported.
        let other = try write(try parts(key: key, files: [codes]), key: key, to: "other.age")
        try Data(contentsOf: URL(fileURLWithPath: other)).write(to: stored)
        XCTAssertThrowsError(try attorney.vault.inbox.openKept(share).read()) { e in
            guard case ShareError.contentMismatch = e else { return XCTFail("\(e)") }
        }
        // The original back: it reads again.
        try Data(original).write(to: stored)
        XCTAssertNoThrow(try attorney.vault.inbox.openKept(share).read())
    }

    func testAVaultWithoutIdentityOpensNoKeptShare() throws {
        let (share, _) = try importHandBuilt("kept.age", files: [codes])
        XCTAssertThrowsError(try applicant.vault.inbox.openKept(share)) { e in
            XCTAssertEqual(e as? ShareError, .noIdentity)
        }
    }
}
