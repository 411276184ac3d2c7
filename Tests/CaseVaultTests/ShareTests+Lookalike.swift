import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// Finding 7 in the library: a share from a new key whose sender's name
/// looks like a pinned client's is flagged, not pinned, and not extracted
/// until the attorney confirms it.
extension ShareTests {
    func newKey() throws -> Ed25519SigningKey { try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed()) }

    func testLookalikeSendersAreFlaggedNotPinned() throws {
        let maria = try newKey()
        XCTAssertEqual(try opener().open(path: try write(try parts(key: maria, files: [codes]), key: maria, to: "maria.age"), action: .importToInbox).pin,
                       .firstShare)
        let pinned = try XCTUnwrap(try attorney.vault.inbox.pin(for: "Maria Lopez"))
        let lookalikes = ["Mar\u{200D}ia Lopez", "Maria\u{A0}Lopez", "\u{41C}aria Lopez", "\u{FF2D}aria Lopez", "M\u{430}ria L\u{43E}pez"]
        for (i, name) in lookalikes.enumerated() {
            let key = try newKey()
            let file = try write(try parts(key: key, sender: name, files: [codes, scan]), key: key, to: "alike\(i).age")
            // open --extract: refused before anything is written.
            XCTAssertThrowsError(try opener().open(path: file, action: .extract(to: path("out"))), TextFixtures.shown(name)) { e in
                guard case ShareError.lookalikeSender(_, let client, _, let fp, _) = e else { return XCTFail("\(e)") }
                XCTAssertEqual(client, "Maria Lopez")
                XCTAssertEqual(fp, pinned.fingerprint)
            }
            // open: listed, flagged, not pinned; import: kept, flagged, not pinned.
            XCTAssertEqual(try opener().open(path: file, action: .list).pin, .flagged(looksLike: "Maria Lopez", pinnedFingerprint: pinned.fingerprint))
            let r = try opener().open(path: file, action: .importToInbox)
            XCTAssertEqual(r.pin, .flagged(looksLike: "Maria Lopez", pinnedFingerprint: pinned.fingerprint))
            let kept = try attorney.vault.inbox.find(try XCTUnwrap(r.inboxID))
            XCTAssertEqual(kept.looksLike, "Maria Lopez")
            XCTAssertThrowsError(try opener().openImported(kept, action: .extract(to: path("out")))) { e in
                guard case ShareError.lookalikeSender(_, _, _, _, let id) = e else { return XCTFail("\(e)") }
                XCTAssertEqual(id, kept.inboxID)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("out")))
        XCTAssertEqual(try attorney.vault.inbox.pins().map(\.client), ["Maria Lopez"], "no look-alike was pinned")
        XCTAssertEqual(try attorney.vault.inbox.pin(for: "Maria Lopez")?.key, pinned.key)

        // The explicit step: `share pin` pins the key for that exact name, and the share extracts.
        let flagged = try XCTUnwrap(try attorney.vault.inbox.list().first { $0.manifest.sender.name == "Maria\u{A0}Lopez" })
        _ = try opener().openImported(flagged, action: .list)
        XCTAssertEqual(try attorney.vault.inbox.confirm(flagged), .firstShare)
        XCTAssertEqual(Set(try attorney.vault.inbox.pins().map(\.client)), ["Maria Lopez", "Maria\u{A0}Lopez"])
        let confirmed = try attorney.vault.inbox.find(flagged.inboxID)
        XCTAssertNil(confirmed.looksLike)
        _ = try opener().openImported(confirmed, action: .extract(to: path("out")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("out/documents/passport.jpg")))
    }

    /// U+034F and the Hangul filler are invisible: a name with one is not a
    /// name the vault takes, so such a share is refused outright.
    func testNamesWithInvisibleFillersAreRefused() throws {
        for name in ["Maria\u{34F} Lopez", "Maria\u{3164}Lopez", "Maria Lopez\u{3164}", "Maria\u{115F}Lopez", "Maria\u{FFA0}Lopez"] {
            let key = try newKey()
            let file = try write(try parts(key: key, sender: name, files: [codes]), key: key, to: "filler.age")
            XCTAssertThrowsError(try opener().open(path: file, action: .importToInbox), TextFixtures.shown(name)) { e in
                guard case ShareError.malformed(let d) = e else { return XCTFail("\(e)") }
                XCTAssertTrue(d.contains("an invisible or format character"), d)
            }
        }
        XCTAssertEqual(try attorney.vault.inbox.list().count, 0)
        XCTAssertEqual(try attorney.vault.inbox.pins().count, 0)
    }

    /// The same key writing its name another way is the same client; a key
    /// the attorney named with --from is pinned without a flag.
    func testSameKeyOrANamedKeyIsNotFlagged() throws {
        let maria = try newKey()
        _ = try opener().open(path: try write(try parts(key: maria, files: [codes]), key: maria, to: "1.age"), action: .importToInbox)
        let same = try write(try parts(key: maria, sender: "Maria\u{A0}Lopez", files: [codes]), key: maria, to: "2.age")
        XCTAssertEqual(try opener().open(path: same, action: .importToInbox).pin, .matches)
        let other = try newKey()
        let named = try write(try parts(key: other, sender: "Mar\u{200D}ia Lopez", files: [codes]), key: other, to: "3.age")
        XCTAssertEqual(try opener(expected: try SignerKey(publicKey: other.publicKey)).open(path: named, action: .importToInbox).pin, .firstShare)
        XCTAssertEqual(Set(try attorney.vault.inbox.pins().map(\.client)), ["Maria Lopez", "Mar\u{200D}ia Lopez"])
        XCTAssertEqual(try attorney.vault.inbox.list().filter { $0.looksLike != nil }.count, 0)
    }
}
