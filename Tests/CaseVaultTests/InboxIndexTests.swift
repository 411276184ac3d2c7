import Foundation
import GRDB
import SodiumKit
import XCTest
@testable import CaseVault

/// The inbox index (issue 17, "Scale"): listing, paging and searching the
/// attorney's clients from the sealed index, kept right through every
/// change of the inbox, every key rotation and every unlock.
final class InboxIndexTests: XCTestCase {
    var f: InboxFixture!
    override func setUpWithError() throws { f = try InboxFixture() }

    func date(_ day: Double) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + day * 86_400) }
    func received(_ n: Int) -> Date { Date(timeIntervalSince1970: 1_900_000_000 + Double(n)) }

    func testClientsArePagedNewestFirstWithTotals() throws {
        try f.send("Ana Silva", day: 1, now: received(1))
        try f.send("Bruno Costa", day: 5, documents: ["I-797.pdf", "passport.jpg"], now: received(2))
        try f.send("Carla Dias", day: 3, now: received(3))
        try f.send("Ana Silva", day: 7, codes: false, documents: ["card.pdf"], now: received(4))
        // Made the same day as Bruno's, received later: newer.
        try f.send("Diego Ruiz", day: 5, now: received(5))

        let first = try f.inbox.clients(offset: 0, limit: 2)
        XCTAssertEqual(first.items.map(\.name), ["Ana Silva", "Diego Ruiz"])
        XCTAssertEqual(first.total, 4)
        XCTAssertTrue(first.hasMore)
        let second = try f.inbox.clients(offset: 2, limit: 2)
        XCTAssertEqual(second.items.map(\.name), ["Bruno Costa", "Carla Dias"])
        XCTAssertFalse(second.hasMore)
        let beyond = try f.inbox.clients(offset: 10, limit: 2)
        XCTAssertEqual(beyond.items, [])
        XCTAssertEqual(beyond.total, 4)
        XCTAssertEqual(try f.inbox.allClients().map(\.name), ["Ana Silva", "Diego Ruiz", "Bruno Costa", "Carla Dias"])
        XCTAssertEqual(try f.inbox.counts().clients, 4)
        XCTAssertEqual(try f.inbox.counts().shares, 5)

        let ana = first.items[0]
        XCTAssertTrue(ana.pinned)
        XCTAssertEqual(ana.shareCount, 2)
        XCTAssertEqual(ana.newestShare, date(7))
        XCTAssertEqual(ana.lastReceived, received(4))
        XCTAssertEqual(ana.fingerprint, try SignerKey(publicKey: try f.key("Ana Silva").publicKey).fingerprint)
        XCTAssertEqual(ana.looksLike, [])
        let shares = try f.inbox.shares(ofClient: ana.id)
        XCTAssertEqual(shares.map(\.created), [date(7), date(1)])
        XCTAssertEqual(shares[0].documents.map(\.document), ["card.pdf"])
        XCTAssertFalse(shares[0].hasCodes)
        XCTAssertTrue(shares[1].hasCodes)
        XCTAssertEqual(shares.map(\.clientID), [ana.id, ana.id])
        XCTAssertEqual(try f.inbox.client(id: ana.id), ana)
        XCTAssertEqual(try f.inbox.client(named: "ANA SILVA"), ana)
        XCTAssertEqual(try f.inbox.shares(ofClient: "no such handle"), [])
        let bruno = try f.inbox.shares(ofClient: second.items[0].id)[0]
        XCTAssertEqual(bruno.entries.map(\.path), [ShareManifest.codesPath, ShareManifest.documentsPrefix + "I-797.pdf",
                                                   ShareManifest.documentsPrefix + "passport.jpg"])
        XCTAssertEqual(try f.inbox.summary(ofShare: bruno.id), bruno)
        // The full record of a listed share, for opening it.
        XCTAssertEqual(try f.inbox.share(id: bruno.id).manifest.shareID, bruno.shareID)
        try f.assertIndexMatchesRecords()
    }

    func testSearchIgnoresCaseAccentsWidthAndSpacing() throws {
        let names = ["María López", "Nguyễn Văn An", "Jürgen Straße", "Ølga Nowak", "\u{FF2B}enji Tanaka", "Zoë d’Arc"]
        for (i, n) in names.enumerated() { try f.send(n, day: Double(i)) }
        func found(_ q: String?) throws -> [String] { try f.inbox.clients(matching: q, limit: 100).items.map(\.name) }
        XCTAssertEqual(try found("lopez"), ["María López"])
        XCTAssertEqual(try found("LÓPEZ"), ["María López"])
        XCTAssertEqual(try found("  maría   lópez "), ["María López"])
        XCTAssertEqual(try found("Mar\u{200D}ia"), ["María López"], "a joiner in the query is ignored")
        XCTAssertEqual(try found("nguyen van"), ["Nguyễn Văn An"])
        XCTAssertEqual(try found("strasse"), ["Jürgen Straße"])
        XCTAssertEqual(try found("jurgen"), ["Jürgen Straße"])
        XCTAssertEqual(try found("olga"), ["Ølga Nowak"])
        XCTAssertEqual(try found("kenji"), ["\u{FF2B}enji Tanaka"])
        XCTAssertEqual(try found("zoe d’arc"), ["Zoë d’Arc"])
        XCTAssertEqual(try found("xyz"), [])
        XCTAssertEqual(try found(nil).count, names.count)
        XCTAssertEqual(try found("").count, names.count)
        // Pages of a search: totals count the matches only, newest first.
        let page = try f.inbox.clients(matching: "a", offset: 1, limit: 2)
        let all = try found("a")
        XCTAssertEqual(page.total, all.count)
        XCTAssertEqual(page.items.map(\.name), Array(all[1..<3]))
        XCTAssertEqual(all, names.reversed().filter { SearchText.matches($0, query: "a") })
    }

    func testPinnedFlaggedAndRepinnedClients() throws {
        try f.send("Maria Lopez", day: 1)
        // Another key, a name that looks the same: kept, flagged, not pinned.
        let other = try f.key("other")
        try f.send("Maria\u{A0}Lopez", key: other, day: 2)
        var clients = try f.inbox.allClients()
        XCTAssertEqual(clients.map(\.name), ["Maria\u{A0}Lopez", "Maria Lopez"])
        XCTAssertFalse(clients[0].pinned)
        XCTAssertEqual(clients[0].flaggedShares, 1)
        XCTAssertEqual(clients[0].looksLike, ["Maria Lopez"])
        XCTAssertEqual(clients[1].looksLike, ["Maria\u{A0}Lopez"])
        XCTAssertEqual(clients[0].fingerprint, try SignerKey(publicKey: other.publicKey).fingerprint)
        XCTAssertEqual(try f.inbox.shares(ofClient: clients[0].id)[0].looksLike, "Maria Lopez")
        try f.assertIndexMatchesRecords("flagged")

        // The pinned key, writing the name another way: that client, not flagged.
        try f.send("MARIA  LOPEZ", key: try f.key("Maria Lopez"), day: 3)
        XCTAssertEqual(try f.inbox.client(named: "maria  lopez")?.flaggedShares, 0)
        try f.assertIndexMatchesRecords("same key, another spelling")

        // Confirmed after a phone call: pinned as a client of its own.
        let flagged = try f.inbox.share(id: try f.inbox.shares(ofClient: clients[0].id)[0].id)
        XCTAssertEqual(try f.inbox.confirm(flagged), .firstShare)
        let confirmed = try XCTUnwrap(try f.inbox.client(id: clients[0].id))
        XCTAssertTrue(confirmed.pinned)
        XCTAssertEqual(confirmed.flaggedShares, 0)
        XCTAssertEqual(try f.inbox.pin(for: "maria\u{A0}lopez")?.key, try SignerKey(publicKey: other.publicKey).encoded)
        try f.assertIndexMatchesRecords("confirmed")

        // A new key for Maria Lopez, accepted: the old one goes to the pin's history.
        let before = try XCTUnwrap(try f.inbox.client(named: "Maria Lopez"))
        let newKey = try f.key("Maria Lopez", fresh: true)
        XCTAssertThrowsError(try f.send("Maria Lopez", key: newKey, day: 4)) { e in
            guard case ShareError.signerChanged = e else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try f.send("Maria Lopez", key: newKey, day: 4, repin: true).pin, .repinned(previous: before.fingerprint))
        clients = try f.inbox.allClients()
        let maria = try XCTUnwrap(clients.first { $0.name == "Maria Lopez" })
        XCTAssertEqual(maria.id, before.id, "the handle stays")
        XCTAssertEqual(maria.fingerprint, try SignerKey(publicKey: newKey.publicKey).fingerprint)
        XCTAssertEqual(maria.shareCount, 2)
        XCTAssertEqual(try f.inbox.pin(for: "Maria Lopez")?.previousKeys, [before.key])
        try f.assertIndexMatchesRecords("repinned")
    }

    func testRemovingSharesKeepsTheIndexRight() throws {
        try f.send("Ana Silva", day: 1)
        let newest = try f.send("Ana Silva", day: 2)
        try f.send("Bruno Costa", day: 3)
        let ana = try XCTUnwrap(try f.inbox.client(named: "Ana Silva"))
        try f.inbox.remove(id: try XCTUnwrap(newest.inboxID))
        XCTAssertEqual(try f.inbox.client(id: ana.id)?.shareCount, 1)
        XCTAssertEqual(try f.inbox.client(id: ana.id)?.newestShare, date(1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.attorney.location.path + "/inbox/\(newest.inboxID!).age"))
        XCTAssertThrowsVaultError(try f.inbox.find(newest.inboxID!), { if case .notFound = $0 { return true }; return false })
        try f.assertIndexMatchesRecords("one of two removed")
        // Its last share removed: the client leaves the list, its pin stays.
        let bruno = try XCTUnwrap(try f.inbox.client(named: "Bruno Costa"))
        try f.inbox.remove(id: try f.inbox.shares(ofClient: bruno.id)[0].id)
        XCTAssertEqual(try f.inbox.allClients().map(\.name), ["Ana Silva"])
        XCTAssertNotNil(try f.inbox.pin(for: "Bruno Costa"))
        try f.assertIndexMatchesRecords("last share removed")
        XCTAssertThrowsVaultError(try f.inbox.remove(id: "0123456789abcdef"), { if case .notFound = $0 { return true }; return false })
        // Bruno's next share is signed by the pinned key: it matches.
        XCTAssertEqual(try f.send("Bruno Costa", day: 4).pin, .matches)
        XCTAssertEqual(try f.inbox.client(named: "Bruno Costa")?.id, bruno.id)
    }

    func testTheSameShareTwiceOrACopiedShareIDIsRefused() throws {
        let file = try f.shareFile(from: "Ana Silva")
        let opener = ShareOpener(identities: [f.identity], inbox: f.inbox, expected: nil, repin: false)
        _ = try opener.open(path: file, action: .importToInbox)
        XCTAssertThrowsVaultError(try opener.open(path: file, action: .importToInbox), { if case .alreadyExists = $0 { return true }; return false })
        let id = try f.inbox.allClients()[0].id
        let copied = try f.shareFile(from: "Bruno Costa", shareID: try f.inbox.shares(ofClient: id)[0].shareID)
        XCTAssertThrowsError(try opener.open(path: copied, action: .importToInbox)) { e in
            guard case ShareError.malformed = e else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try f.inbox.counts().shares, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: f.attorney.location.path + "/inbox").count, 1, "nothing else kept")
        try f.assertIndexMatchesRecords()
    }

    /// A passphrase change re-seals every row, the index's buckets too: the
    /// listing is the same under the new key, and `check` is clean.
    func testKeyRotationResealsTheIndex() throws {
        for (i, n) in ["Ana Silva", "Bruno Costa", "Carla Dias"].enumerated() { try f.send(n, day: Double(i)) }
        let before = try f.inbox.allClients()
        let nonces = try f.attorney.vault.read { try RecordTable.inboxIndex.all($0).map(\.nonce) }
        XCTAssertFalse(nonces.isEmpty)
        try f.attorney.vault.changePassphrase(to: try secure("a new passphrase, rotated"))
        let after = try LockedVault.open(f.attorney.location).unlock(passphrase: try secure("a new passphrase, rotated"))
        XCTAssertEqual(try after.inbox.allClients(), before)
        XCTAssertTrue(Set(try after.read { try RecordTable.inboxIndex.all($0).map(\.nonce) }).isDisjoint(with: nonces))
        XCTAssertEqual(try after.check(extra: [after.sharesCheck]).problems, [])
        try f.send("Diego Ruiz", day: 9, into: after)
        XCTAssertEqual(try after.inbox.allClients().first?.name, "Diego Ruiz")
    }

    /// Records written without the index (as a restore that leaves a record
    /// out, or an older writer, would leave them): the index notices by
    /// count and is made again from the records.
    func testAStaleIndexIsMadeAgainFromTheRecords() throws {
        try f.send("Ana Silva", day: 1)
        let vault = f.attorney.vault!
        let tables = try vault.tables
        let extra = try f.inbox.share(id: try f.send("Bruno Costa", day: 2).inboxID!)
        var copy = extra
        copy.manifest.shareID = Bytes.hex(Random.bytes(16))
        copy.manifest.sender.name = "Carla Dias"
        let id = RecordCipher.newID()
        copy.file = "\(id).age"
        try vault.write { db in _ = try tables.inboxShares.insert(db, copy, id: id) }
        let fresh = try f.attorney.reopen()
        // Carla's copy has Bruno's dates: the tie goes by name.
        XCTAssertEqual(try fresh.inbox.allClients().map(\.name), ["Bruno Costa", "Carla Dias", "Ana Silva"])
        XCTAssertEqual(try fresh.inbox.counts().shares, 3)
        try f.assertIndexMatchesRecords("made again")
    }

    /// Two unlocks of one vault (the app and a CLI command): what one
    /// imports, the other lists at its next call.
    func testAnotherUnlockSeesEveryImport() throws {
        try f.send("Ana Silva", day: 1)
        let other = try f.attorney.reopen()
        XCTAssertEqual(try other.inbox.allClients().map(\.name), ["Ana Silva"])
        try f.send("Bruno Costa", day: 2)
        XCTAssertEqual(try other.inbox.allClients().map(\.name), ["Bruno Costa", "Ana Silva"])
        try f.send("Carla Dias", day: 3, into: other)
        XCTAssertEqual(try f.inbox.allClients().map(\.name), ["Carla Dias", "Bruno Costa", "Ana Silva"])
        // A pin made by one is the pin the other decides with.
        XCTAssertThrowsError(try f.send("Carla Dias", key: try f.key("Carla Dias", fresh: true), day: 4)) { e in
            guard case ShareError.signerChanged = e else { return XCTFail("\(e)") }
        }
        try f.assertIndexMatchesRecords()
    }

    /// An index whose counts match the records but whose contents differ is
    /// a bug `check` reports (every writer keeps it).
    func testCheckReportsAnIndexThatDisagreesWithTheRecords() throws {
        try f.send("Ana Silva", day: 1)
        let vault = f.attorney.vault!
        XCTAssertEqual(try vault.check(extra: [vault.sharesCheck]).problems, [])
        let index = try vault.inbox.index()
        var wrong = index.ordered[0]
        wrong.shares[0].created = date(99)
        let tables = try vault.tables
        try vault.write { db in try index.save(db, tables, changed: wrong) }
        let problems = try f.attorney.reopen().check(extra: [vault.sharesCheck]).problems
        XCTAssertEqual(problems.map(\.record), ["inbox_index"], "\(problems)")
    }

    func testBucketsRoundTripAndAnythingElseIsRefused() throws {
        try f.send("Maria Lopez", day: 1, documents: ["I-797 notice.pdf", "pasaporte ñ.jpg"])
        try f.send("Maria\u{A0}Lopez", key: try f.key("x"), day: 2)
        try f.send("محمد العلي", day: 3, codes: false, documents: ["بطاقة.pdf"])
        let index = try f.inbox.index()
        let contents = InboxIndexBucket.Contents(icuVersion: index.icuVersion, clients: index.clients.map { var c = $0; c.bucket = "b"; return c })
        let bytes = InboxIndexBucket.encode(contents)
        XCTAssertEqual(try InboxIndexBucket.decode(bytes, bucket: "b"), contents)
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try InboxIndexBucket.decode(Array(bytes.prefix(n)), bucket: "b"), "cut at \(n)")
        }
        XCTAssertThrowsError(try InboxIndexBucket.decode(bytes + [0], bucket: "b"), "a byte after the end")
        var other = bytes
        other[4] = 2
        XCTAssertThrowsError(try InboxIndexBucket.decode(other, bucket: "b"), "another version")
        // Changed bytes anywhere: refused or read, never a crash (lengths
        // and counts are checked against what is left; FuzzVault goes further).
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var m = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                m[Int.random(in: 5..<m.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? InboxIndexBucket.decode(m, bucket: "b")
        }
        // No name, key or file name is in a bucket's row in the clear.
        let rows = try f.attorney.vault.read { try RecordTable.inboxIndex.all($0) }
        let stored = rows.flatMap { $0.ciphertext + $0.nonce + Array($0.id.utf8) }
        for text in ["Maria", "Lopez", "I-797", "محمد", "cvsign1"] {
            XCTAssertNil(Data(stored).range(of: Data(text.utf8)), text)
        }
    }
}
