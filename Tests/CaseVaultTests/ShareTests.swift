import AgeKit
import Foundation
import SwiftCryptoKit
import SodiumKit
import XCTest
@testable import CaseVault

/// Shares end to end in the library: export from one vault, open in another,
/// and every way a share must be refused without writing anything.
final class ShareTests: XCTestCase {
    var applicant: TestVault!
    var attorney: TestVault!
    /// Post-quantum, as `identity new` makes now.
    var identity: MLKEMX25519Identity!
    var scratch: URL!

    override func setUpWithError() throws {
        applicant = try TestVault()
        attorney = try TestVault()
        identity = try XCTUnwrap(try attorney.vault.shareKeys.createAgeIdentity(replace: false) as? MLKEMX25519Identity)
        try applicant.vault.representatives.add(name: "Jane Doe, Esq.", recipient: identity.recipient.encoded)
        scratch = applicant.root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    func opener(expected: SignerKey? = nil, repin: Bool = false, identities: [X25519Identity]? = nil) -> ShareOpener {
        ShareOpener(identities: identities ?? [identity], inbox: attorney.vault.inbox, expected: expected, repin: repin)
    }

    /// Asserts nothing but `keep` is in the scratch directory (no extracted or temporary files).
    func assertScratchHolds(_ keep: Set<String>, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: scratch.path)), keep, file: file, line: line)
    }

    // MARK: - A share built by hand, to tamper with

    struct Parts {
        var manifest: ShareManifest
        var manifestBytes: [UInt8]? = nil
        var signature: [UInt8]? = nil
        var entries: [(String, [UInt8])]
        var extra: [(String, [UInt8])] = []
    }

    func parts(key: Ed25519SigningKey, sender: String = "Maria Lopez", files: [(String, [UInt8])]) throws -> Parts {
        let signer = try SignerKey(publicKey: key.publicKey)
        let m = ShareManifest(format: ShareManifest.currentFormat, shareID: Bytes.hex(Random.bytes(16)),
                              sender: .init(name: sender, key: signer.encoded, fingerprint: signer.fingerprint),
                              recipient: .init(name: "Jane", key: identity.recipient.encoded,
                                               fingerprint: KeyFingerprint.of(recipient: identity.recipient)),
                              created: Date(timeIntervalSince1970: 1_800_000_000),
                              entries: files.map { .init(path: $0.0, size: Int64($0.1.count), sha256: Bytes.hex(SHA256Hasher.hash($0.1))) })
        return Parts(manifest: m, entries: files)
    }

    func write(_ p: Parts, key: Ed25519SigningKey, to name: String, recipient: X25519Recipient? = nil) throws -> String {
        let mbytes = try p.manifestBytes ?? p.manifest.encoded()
        let sig = try p.signature ?? key.sign(ShareManifest.signedMessage(mbytes))
        var tarBytes: [UInt8] = []
        let tar = TarWriter { tarBytes.append(contentsOf: $0) }
        try tar.addFile(path: ShareManifest.manifestPath, contents: mbytes)
        try tar.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(sig))
        for (path, bytes) in p.entries + p.extra { try tar.addFile(path: path, contents: bytes) }
        try tar.finish()
        let sealed = try Age.encrypt(tarBytes, to: [recipient ?? identity.recipient])
        try Data(sealed).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    let scan = (ShareManifest.documentsPrefix + "passport.jpg", (0..<3000).map { UInt8($0 % 256) })
    let codes = (ShareManifest.codesPath, Array("USCIS: ABCD1234EF\n".utf8))

    func testHandBuiltShareOpensAndExtracts() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let file = try write(try parts(key: key, files: [codes, scan]), key: key, to: "ok.age")
        let r = try opener().open(path: file, action: .extract(to: path("out")))
        XCTAssertEqual(r.pin, .firstShare)
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("out/documents/passport.jpg")))), scan.1)
        let attrs = try FileManager.default.attributesOfItem(atPath: path("out/documents/passport.jpg"))
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        try assertScratchHolds(["ok.age", "out"])
    }

    /// Shares from CaseVault's first release (format 1) list BLAKE2b-512:
    /// they still open and are checked against it. A manifest whose hashes
    /// do not fit its format is refused before anything is written.
    func testFormatOneSharesWithBLAKE2bStillOpenAndAreChecked() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        func formatOne(_ files: [(String, [UInt8])], listed: [[UInt8]]) throws -> Parts {
            var p = try parts(key: key, files: files)
            p.manifest.format = ShareManifest.blake2bFormat
            p.manifest.entries = zip(files, listed).map { .init(path: $0.0.0, size: Int64($0.0.1.count), blake2b: Bytes.hex(BLAKE2b.hash(length: 64, $0.1))) }
            return p
        }
        let ok = try write(try formatOne([codes, scan], listed: [codes.1, scan.1]), key: key, to: "v1.age")
        _ = try opener().open(path: ok, action: .extract(to: path("out")))
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("out/documents/passport.jpg")))), scan.1)

        var changed = scan.1
        changed[0] ^= 1
        let bad = try write(try formatOne([codes, scan], listed: [codes.1, changed]), key: key, to: "v1-bad.age")
        XCTAssertThrowsError(try opener().open(path: bad, action: .extract(to: path("out2")))) { e in
            guard case ShareError.contentMismatch(let d) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(d.contains("passport.jpg"), d)
        }
        // Format 2 with a BLAKE2b hash, and format 1 with a SHA-256: malformed.
        var mixed = try parts(key: key, files: [codes])
        mixed.manifest.entries[0].blake2b = Bytes.hex(BLAKE2b.hash(length: 64, codes.1))
        XCTAssertThrowsError(try opener().open(path: try write(mixed, key: key, to: "mixed.age"), action: .list)) { e in
            guard case ShareError.malformed = e else { return XCTFail("\(e)") }
        }
        var oldWithSHA = try parts(key: key, files: [codes])
        oldWithSHA.manifest.format = ShareManifest.blake2bFormat
        XCTAssertThrowsError(try opener().open(path: try write(oldWithSHA, key: key, to: "old-sha.age"), action: .list)) { e in
            guard case ShareError.malformed = e else { return XCTFail("\(e)") }
        }
        try assertScratchHolds(["v1.age", "v1-bad.age", "mixed.age", "old-sha.age", "out"])
    }

    /// Names in Persian, Arabic or Indic scripts use the zero-width
    /// non-joiner and joiner: they are names, not control characters, and
    /// go through a share unchanged. A bidi override still does not.
    func testNamesWithJoinersAreAccepted() throws {
        let persian = "\u{0645}\u{06CC}\u{200C}\u{0646}\u{0627} Karimi"   // "Mi<ZWNJ>na Karimi"
        let rep = try applicant.vault.representatives.add(name: "Dev\u{200D}a Rao", recipient: identity.recipient.encoded)
        XCTAssertEqual(rep.name, "Dev\u{200D}a Rao")
        XCTAssertThrowsError(try applicant.vault.representatives.add(name: "Jane\u{202E}", recipient: identity.recipient.encoded))
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let file = try write(try parts(key: key, sender: persian, files: [codes]), key: key, to: "persian.age")
        let r = try opener().open(path: file, action: .list)
        XCTAssertEqual(r.manifest.sender.name, persian)
    }

    /// Names and fingerprints from a manifest reach the attorney's terminal:
    /// a name with a terminal escape or a bidi override, or a fingerprint
    /// that is not its key's, is refused before anything is written, although
    /// the manifest is validly signed (anyone can sign with their own key).
    func testHostileNamesAndForgedFingerprintsAreRefused() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        var cases: [(String, Parts)] = []
        for name in ["Maria\u{1B}]0;owned\u{07}", "Maria\u{1B}[2J", "\u{202E}zepoL airaM", "", String(repeating: "M", count: 101)] {
            var p = try parts(key: key, files: [codes])
            p.manifest.sender.name = name
            cases.append(("sender name \(name.unicodeScalars.map { String($0.value, radix: 16) })", p))
        }
        var r = try parts(key: key, files: [codes])
        r.manifest.recipient.name = "Jane\u{1B}[31m"
        cases.append(("recipient name", r))
        var f = try parts(key: key, files: [codes])
        let other = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        f.manifest.sender.fingerprint = try SignerKey(publicKey: other.publicKey).fingerprint
        cases.append(("sender fingerprint of another key", f))
        var g = try parts(key: key, files: [codes])
        g.manifest.recipient.fingerprint = "AAAAA-AAAAA-AAAAA-AAAAA"
        cases.append(("recipient fingerprint", g))
        for (i, (what, p)) in cases.enumerated() {
            let file = try write(p, key: key, to: "hostile\(i).age")
            XCTAssertThrowsError(try opener().open(path: file, action: .extract(to: path("out"))), what) { e in
                guard case ShareError.malformed = e else { return XCTFail("\(what): \(e)") }
            }
        }
        try assertScratchHolds(Set(cases.indices.map { "hostile\($0).age" }))
        XCTAssertNil(try attorney.vault.inbox.pin(for: "Maria Lopez"), "a refused share pins nothing")
    }

    func testBadSignatureIsRefusedAndWritesNothing() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        var p = try parts(key: key, files: [codes, scan])
        var sig = try key.sign(ShareManifest.signedMessage(try p.manifest.encoded()))
        sig[5] ^= 0x40
        p.signature = sig
        let file = try write(p, key: key, to: "badsig.age")
        XCTAssertThrowsError(try opener().open(path: file, action: .extract(to: path("out")))) { XCTAssertEqual($0 as? ShareError, .badSignature) }
        try assertScratchHolds(["badsig.age"])
        XCTAssertNil(try attorney.vault.inbox.pin(for: "Maria Lopez"), "a refused share pins nothing")

        // Signed by one key, claiming another: also a bad signature.
        let other = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        var q = try parts(key: key, files: [codes])
        q.signature = try other.sign(ShareManifest.signedMessage(try q.manifest.encoded()))
        XCTAssertThrowsError(try opener().open(path: try write(q, key: key, to: "wrongkey.age"), action: .list)) {
            XCTAssertEqual($0 as? ShareError, .badSignature)
        }
    }

    func testContentsThatDisagreeWithTheManifestAreRefused() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        // Same size, one byte changed after signing.
        var p = try parts(key: key, files: [codes, scan])
        var changed = scan.1
        changed[2999] ^= 1
        p.entries = [codes, (scan.0, changed)]
        XCTAssertThrowsError(try opener().open(path: try write(p, key: key, to: "hash.age"), action: .extract(to: path("out")))) { e in
            guard case ShareError.contentMismatch(let d) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(d.contains("passport.jpg"), d)
        }
        // A listed entry missing.
        var missing = try parts(key: key, files: [codes, scan])
        missing.entries = [codes]
        XCTAssertThrowsError(try opener().open(path: try write(missing, key: key, to: "missing.age"), action: .extract(to: path("out"))))
        // An entry that is not in the manifest.
        var extra = try parts(key: key, files: [codes])
        extra.extra = [(ShareManifest.documentsPrefix + "extra.pdf", [1, 2, 3])]
        XCTAssertThrowsError(try opener().open(path: try write(extra, key: key, to: "extra.age"), action: .extract(to: path("out")))) { e in
            guard case ShareError.contentMismatch(let d) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(d.contains("not in the signed manifest"), d)
        }
        try assertScratchHolds(["hash.age", "missing.age", "extra.age"])
    }

    func testEntriesThatEscapeTheDirectoryAreRefused() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        // Signed by the sender, but naming a path outside documents/.
        let evil = ("casevault-share/documents/../../../evil.txt", Array("evil".utf8))
        let signed = try parts(key: key, files: [evil])
        XCTAssertThrowsError(try opener().open(path: try write(signed, key: key, to: "signed-escape.age"), action: .extract(to: path("out")))) { e in
            guard case ShareError.unsafeEntry = e else { return XCTFail("\(e)") }
        }
        // A valid share with a hostile tar entry appended.
        var appended = try parts(key: key, files: [codes])
        appended.extra = [("../evil.txt", Array("evil".utf8))]
        XCTAssertThrowsError(try opener().open(path: try write(appended, key: key, to: "appended.age"), action: .extract(to: path("out")))) { e in
            guard case ShareError.unsafeEntry = e else { return XCTFail("\(e)") }
        }
        try assertScratchHolds(["signed-escape.age", "appended.age"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: applicant.root.appendingPathComponent("evil.txt").path))
    }

    func testPinnedSignerAndRepin() throws {
        let first = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let second = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        XCTAssertEqual(try opener().open(path: try write(try parts(key: first, files: [codes]), key: first, to: "1.age"), action: .list).pin, .firstShare)
        XCTAssertEqual(try opener().open(path: try write(try parts(key: first, files: [codes]), key: first, to: "2.age"), action: .list).pin, .matches)
        let impostor = try write(try parts(key: second, sender: "maria lopez", files: [codes, scan]), key: second, to: "3.age")
        XCTAssertThrowsError(try opener().open(path: impostor, action: .extract(to: path("out")))) { e in
            guard case ShareError.signerChanged(let client, _, _) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(client, "Maria Lopez")
        }
        try assertScratchHolds(["1.age", "2.age", "3.age"])
        XCTAssertThrowsError(try opener().open(path: impostor, action: .importToInbox))
        XCTAssertEqual(try attorney.vault.inbox.list().count, 0)
        // --from with the old key also refuses it; --repin accepts and re-pins.
        XCTAssertThrowsError(try opener(expected: try SignerKey(publicKey: first.publicKey)).open(path: impostor, action: .list)) {
            guard case ShareError.unexpectedSigner = $0 else { return XCTFail("\($0)") }
        }
        let r = try opener(repin: true).open(path: impostor, action: .list)
        guard case .repinned = r.pin else { return XCTFail("\(r.pin)") }
        let pin = try XCTUnwrap(try attorney.vault.inbox.pin(for: "Maria Lopez"))
        XCTAssertEqual(pin.key, try SignerKey(publicKey: second.publicKey).encoded)
        XCTAssertEqual(pin.previousKeys, [try SignerKey(publicKey: first.publicKey).encoded])
    }

    func testExportOfADamagedDocumentFailsAndLeavesNoFile() throws {
        let docFile = path("scan.pdf")
        try Data((0..<200_000).map { UInt8($0 % 239) }).write(to: URL(fileURLWithPath: docFile))
        let doc = try applicant.vault.documents().add(file: docFile)
        let blob = applicant.location.directory.appendingPathComponent("documents/\(doc.idHex).cvdoc")
        var bytes = [UInt8](try Data(contentsOf: blob))
        bytes[bytes.count - 100] ^= 1
        try Data(bytes).write(to: blob)
        var sel = ShareSelection()
        sel.allDocuments = true
        XCTAssertThrowsError(try ShareExporter(vault: applicant.vault).export(to: "Jane Doe, Esq.", selection: sel, senderName: "Maria",
                                                                                destination: .file(path("out.age")))) {
            guard case CaseVaultError.integrity = $0 else { return XCTFail("\($0)") }
        }
        try assertScratchHolds(["scan.pdf"])
    }

    func testShareForAnotherRecipientReencryptedToUsIsRefused() throws {
        let key = try Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        let other = try X25519Identity.generate()
        var p = try parts(key: key, files: [codes])
        p.manifest.recipient = .init(name: "Someone Else", key: other.recipient.encoded,
                                    fingerprint: KeyFingerprint.of(other.recipient.publicKey, kind: .ageX25519))
        XCTAssertThrowsError(try opener().open(path: try write(p, key: key, to: "fwd.age"), action: .list)) { e in
            guard case ShareError.contentMismatch(let d) = e else { return XCTFail("\(e)") }
            XCTAssertTrue(d.contains("Someone Else"), d)
        }
    }

    func testExportImportFromSeveralClientsAndList() throws {
        // Two more applicants with their own vaults and keys.
        let others = try (0..<2).map { _ in try TestVault() }
        let all = [applicant!] + others
        for (i, v) in all.enumerated() where i > 0 {
            try v.vault.representatives.add(name: "Jane", recipient: identity.recipient.encoded)
        }
        try applicant.vault.codes.add(label: "USCIS", account: nil, codes: ["ABCD1234EF"])
        try applicant.vault.identifiers.add(kind: .aNumber, value: "A012345678", label: nil, note: nil)
        let docFile = path("I-797 notice.pdf")
        try Data((0..<70_000).map { UInt8($0 % 241) }).write(to: URL(fileURLWithPath: docFile))
        try applicant.vault.documents().add(file: docFile)

        var sel = ShareSelection()
        sel.allCodes = true
        sel.identifiers = true
        sel.allDocuments = true
        let names = ["Maria Lopez", "Ahmed Khan", "Li Wei"]
        var files: [String] = []
        for (i, v) in all.enumerated() {
            for n in 0..<(i == 0 ? 2 : 1) {
                let f = path("share-\(i)-\(n).age")
                var s = sel
                if i > 0 { s = ShareSelection(); s.identifiers = true }
                try ShareExporter(vault: v.vault).export(to: i == 0 ? "Jane Doe, Esq." : "Jane", selection: s, senderName: names[i],
                                                         destination: .file(f), now: Date(timeIntervalSince1970: Double(1_800_000_000 + i * 100 + n)))
                files.append(f)
            }
        }
        for f in files { _ = try opener().open(path: f, action: .importToInbox) }
        XCTAssertThrowsError(try opener().open(path: files[0], action: .importToInbox)) {
            guard case CaseVaultError.alreadyExists = $0 else { return XCTFail("\($0)") }
        }
        let listed = try attorney.vault.inbox.list()
        XCTAssertEqual(listed.map(\.manifest.sender.name), ["Li Wei", "Ahmed Khan", "Maria Lopez", "Maria Lopez"])
        XCTAssertEqual(Set(try attorney.vault.inbox.pins().map(\.client)), Set(names))
        let maria = listed[2]
        XCTAssertEqual(maria.manifest.documentEntries.map(\.path), [ShareManifest.documentsPrefix + "I-797 notice.pdf"])

        // An imported share extracts again, after re-verification.
        _ = try opener().openImported(maria, action: .extract(to: path("again")))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("again/documents/I-797 notice.pdf"))),
                       try Data(contentsOf: URL(fileURLWithPath: docFile)))
        let text = try String(contentsOfFile: path("again/codes-and-identifiers.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains("ABCD1234EF") && text.contains("A-012-345-678"), text)
        // A stored share file changed on disk is caught.
        let stored = attorney.location.directory.appendingPathComponent("inbox/\(maria.file)")
        var bytes = [UInt8](try Data(contentsOf: stored))
        bytes[bytes.count - 5] ^= 1
        try Data(bytes).write(to: stored)
        XCTAssertThrowsError(try opener().openImported(maria, action: .extract(to: path("again2"))))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("again2")))
    }
}
