import AgeKit
import SwiftCryptoKit
import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// An attorney's vault and clients who send it shares, built in the test
/// (signed by each client's own key, sealed to the vault's identity) and
/// imported through the library's real import path.
final class InboxFixture {
    let attorney: TestVault
    let identity: X25519Identity
    let scratch: URL
    private var keys: [String: Ed25519SigningKey] = [:]
    private var files = 0

    init() throws {
        attorney = try TestVault()
        identity = try attorney.vault.shareKeys.createAgeIdentity(replace: false, postQuantum: false) as! X25519Identity
        scratch = attorney.root.appendingPathComponent("shares")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    var inbox: Inbox { attorney.vault.inbox }

    /// The signing key of `client` (made on first use); `fresh` makes a new one.
    func key(_ client: String, fresh: Bool = false) throws -> Ed25519SigningKey {
        if let k = keys[client], !fresh { return k }
        let k = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        keys[client] = k
        return k
    }

    /// A share file from `sender`, made `day` days after 2027-01-15, with the
    /// codes text (when `codes`) and the documents named `documents`.
    func shareFile(from sender: String, key: Ed25519SigningKey? = nil, day: Double = 0, codes: Bool = true,
                   documents: [String] = [], shareID: String? = nil) throws -> String {
        let key = try key ?? self.key(sender)
        let signer = try SignerKey(publicKey: key.publicKey)
        var contents: [(String, [UInt8])] = codes ? [(ShareManifest.codesPath, Array("USCIS: ABCD-1234\n".utf8))] : []
        for d in documents { contents.append((ShareManifest.documentsPrefix + d, Array("%PDF \(d)".utf8))) }
        let m = ShareManifest(format: ShareManifest.currentFormat, shareID: shareID ?? Bytes.hex(Random.bytes(16)),
                              sender: .init(name: sender, key: signer.encoded, fingerprint: signer.fingerprint),
                              recipient: .init(name: "Jane Doe", key: identity.recipient.encoded,
                                               fingerprint: KeyFingerprint.of(identity.recipient.publicKey, kind: .ageX25519)),
                              created: Date(timeIntervalSince1970: 1_800_000_000 + day * 86_400),
                              entries: contents.map { .init(path: $0.0, size: Int64($0.1.count), sha256: Bytes.hex(SHA256Hasher.hash($0.1))) })
        let mbytes = try m.encoded()
        var tarBytes: [UInt8] = []
        let tar = TarWriter { tarBytes.append(contentsOf: $0) }
        try tar.addFile(path: ShareManifest.manifestPath, contents: mbytes)
        try tar.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(try key.sign(ShareManifest.signedMessage(mbytes))))
        for (path, bytes) in contents { try tar.addFile(path: path, contents: bytes) }
        try tar.finish()
        files += 1
        let path = scratch.appendingPathComponent("share-\(files).age").path
        try Data(try Age.encrypt(tarBytes, to: [identity.recipient])).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Imports a share from `sender` into `vault` (the attorney's by default).
    @discardableResult
    func send(_ sender: String, key: Ed25519SigningKey? = nil, day: Double = 0, codes: Bool = true, documents: [String] = [],
              repin: Bool = false, into vault: Vault? = nil, now: Date = Date()) throws -> ShareOpener.Result {
        let file = try shareFile(from: sender, key: key, day: day, codes: codes, documents: documents)
        let inbox = (vault ?? attorney.vault).inbox
        return try ShareOpener(identities: [identity], inbox: inbox, expected: nil, repin: repin).open(path: file, action: .importToInbox, now: now)
    }

    /// Asserts that the index kept on the vault, the one its buckets hold
    /// (a fresh unlock) and one made from the records all say the same.
    func assertIndexMatchesRecords(_ what: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let vault = attorney.vault!
        let kept = try vault.inbox.index()
        let tables = try vault.tables
        let (stored, built) = try vault.read { db in
            (try InboxIndex.load(db, tables, counter: 0), try InboxIndex.build(db, tables, counter: 0))
        }
        let loaded = try XCTUnwrap(stored, "\(what): the buckets are stale", file: file, line: line)
        XCTAssertTrue(kept.sameContents(as: built), "\(what): the kept index differs from the records: \(kept.clients) \(built.clients)", file: file, line: line)
        XCTAssertTrue(loaded.sameContents(as: built), "\(what): the stored index differs from the records", file: file, line: line)
        // Same handles and order in the kept and the stored index.
        XCTAssertEqual(kept.ordered.map(\.id), loaded.ordered.map(\.id), what, file: file, line: line)
    }
}
