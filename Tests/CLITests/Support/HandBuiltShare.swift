import AgeKit
import SwiftCryptoKit
import Foundation
import SodiumKit
import XCTest
@testable import CaseVault

/// A share built by hand and signed with its own key, as an attacker (any
/// client, or anyone who knows the attorney's age recipient) can make one:
/// a valid signature only says which key signed. Everything the exporter
/// would refuse to write (hostile file names, share ids, look-alike sender
/// names) can be put in it; the binary under test must refuse or flag it.
struct HandBuiltShare {
    let key: Ed25519SigningKey
    var sender: String
    var shareID: String = Bytes.hex(Random.bytes(16))
    var files: [(path: String, bytes: [UInt8])] = [(ShareManifest.codesPath, Array("USCIS: ABCD-1234-EF\n".utf8))]

    init(sender: String, key: Ed25519SigningKey? = nil) throws {
        self.key = try key ?? Ed25519SigningKey(seed: try Ed25519SigningKey.generateSeed())
        self.sender = sender
    }

    /// Adds a document entry named `name` under `documents/`.
    mutating func document(_ name: String, _ bytes: [UInt8] = Array("%PDF-1.4\n".utf8)) {
        files.append((ShareManifest.documentsPrefix + name, bytes))
    }

    /// The signed tar payload, sealed with `casevault age encrypt` to the
    /// representative whose identity file is `identityFile` (post-quantum or
    /// classic; the stock `age` here has no post-quantum recipients).
    func write(to path: String, identityFile: String) throws {
        let text = try String(contentsOfFile: identityFile, encoding: .utf8)
        let recipient = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("# public key: ") }?.dropFirst(14))
        let parsed = try AgePublicKeys.parseRecipient(String(recipient))
        let signer = try SignerKey(publicKey: key.publicKey)
        let manifest = ShareManifest(format: ShareManifest.currentFormat, shareID: shareID,
                                     sender: .init(name: sender, key: signer.encoded, fingerprint: signer.fingerprint),
                                     recipient: .init(name: "Jane Doe", key: parsed.encoded, fingerprint: KeyFingerprint.of(recipient: parsed)),
                                     created: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
                                     entries: files.map { .init(path: $0.path, size: Int64($0.bytes.count), sha256: Bytes.hex(SHA256Hasher.hash($0.bytes))) })
        let manifestBytes = try manifest.encoded()
        var tar: [UInt8] = []
        let writer = TarWriter { tar.append(contentsOf: $0) }
        try writer.addFile(path: ShareManifest.manifestPath, contents: manifestBytes)
        try writer.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(try key.sign(ShareManifest.signedMessage(manifestBytes))))
        for f in files { try writer.addFile(path: f.path, contents: f.bytes) }
        try writer.finish()
        let age = try CLI.run(["age", "encrypt", "-r", parsed.encoded, "-o", path], stdin: Data(tar))
        XCTAssertEqual(age.status, 0, age.stderr)
    }
}
