import CaseVault
import SwiftCryptoKit
import Foundation
import SodiumKit

extension ShareFuzzHooks {
    /// The seed corpus for FuzzShares (Fuzz/corpus/shares): real share
    /// payloads as ShareExporter lays them out, signed by the fixed key and
    /// addressed to the fixed identity, so the fuzzer starts past the
    /// signature check. Deterministic (fixed share ID, date and mtime;
    /// Ed25519 signatures are deterministic), so `ShareFuzzHooksTests` can
    /// check the committed files are exactly these.
    package static func seeds() throws -> [(name: String, tar: [UInt8])] {
        let codes = Array("""
            CaseVault share from Ana Pérez to Smith & Lee LLP, 2026-01-02
            USCIS backup codes
              1234-5678-90
              2345-6789-01
            A-Number: A123456789
            Receipt: IOE1234567890

            """.utf8)
        let pdf = Array(String(repeating: "%PDF-1.4\n", count: 40).utf8)
        let jpeg: [UInt8] = [0xff, 0xd8, 0xff, 0xe0] + (0..<700).map { UInt8($0 % 251) } + [0xff, 0xd9]
        let unicodeName = ShareManifest.documentsPrefix + "Tarjeta de residente – José Núñez – " + String(repeating: "ñ", count: 40) + ".jpg"
        return [
            ("codes-only", try share(format: ShareManifest.currentFormat, [(ShareManifest.codesPath, codes)])),
            ("codes-and-documents", try share(format: ShareManifest.currentFormat, [
                (ShareManifest.codesPath, codes),
                (ShareManifest.documentsPrefix + "passport.pdf", pdf),
                (unicodeName, jpeg),
                (ShareManifest.documentsPrefix + "empty.txt", []),
            ])),
            ("format1-blake2b", try share(format: ShareManifest.blake2bFormat, [
                (ShareManifest.documentsPrefix + "i-797.pdf", pdf),
            ])),
        ]
    }

    /// A share payload holding `files` (path, contents) under a signed manifest.
    static func share(format: String, _ files: [(String, [UInt8])]) throws -> [UInt8] {
        guard let identity, let signingKey else { throw ShareError.noIdentity }
        let signer = try SignerKey(publicKey: signingKey.publicKey)
        let entries: [ShareManifest.Entry] = files.map { path, data in
            format == ShareManifest.blake2bFormat
                ? .init(path: path, size: Int64(data.count), blake2b: Bytes.hex(BLAKE2b.hash(length: 64, data)))
                : .init(path: path, size: Int64(data.count), sha256: Bytes.hex(SHA256Hasher.hash(data)))
        }
        let created = Date(timeIntervalSince1970: 1_767_312_000)
        let manifest = ShareManifest.make(format: format, shareID: String(repeating: "5a", count: 16),
                                     sender: .init(name: "Ana Pérez", key: signer.encoded, fingerprint: signer.fingerprint),
                                     recipient: .init(name: "Smith & Lee LLP", key: identity.recipient.encoded,
                                                      fingerprint: KeyFingerprint.of(identity.recipient.publicKey, kind: .ageX25519)),
                                     created: created, entries: entries)
        let manifestBytes = try manifest.encoded()
        let signature = try signingKey.sign(ShareManifest.signedMessage(manifestBytes))
        var out: [UInt8] = []
        let tar = TarWriter(mtime: created) { out.append(contentsOf: $0) }
        try tar.addFile(path: ShareManifest.manifestPath, contents: manifestBytes)
        try tar.addFile(path: ShareManifest.signaturePath, contents: ShareManifest.signatureFile(signature))
        for (path, data) in files { try tar.addFile(path: path, contents: data) }
        try tar.finish()
        return out
    }
}
