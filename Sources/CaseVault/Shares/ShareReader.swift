import AgeKit
import Foundation
import SodiumKit

/// Receives the entries of a share as they are verified.
package protocol ShareEntrySink: AnyObject {
    /// A new entry at `path` (components below `casevault-share/`, checked).
    func begin(_ path: [String]) throws
    func write(_ bytes: ArraySlice<UInt8>) throws
    func end() throws
}

/// Reads a share and checks it completely, in one pass:
///
/// 1. age decrypts with one of the identities (each chunk authenticated);
/// 2. the first tar entry must be `manifest.json` and the second
///    `manifest.sig`; the signature is checked over the exact manifest bytes
///    (with the domain prefix) under the key the manifest names;
/// 3. `trust` decides whether that key is acceptable (`--from`, pinned key),
///    and the manifest must be addressed to one of our identities: a share
///    signed for someone else and re-encrypted to us is refused;
/// 4. every further entry must be the next one the manifest lists, with its
///    size and hash (SHA-256; BLAKE2b-512 in format-1 shares); nothing may follow the last one, and the age
///    stream must end properly after the tar end marker.
///
/// Entries reach `sink` as they stream, so the sink must treat everything as
/// provisional until `read` returns: the extractor writes into a temporary
/// directory it deletes on any error.
package enum ShareReader {
    package static let maxSignatureFile = 1024

    package struct Verified {
        package let manifest: ShareManifest
        package let signer: SignerKey
    }

    package static func read(input: AgeInput, identities: [any AgeSecretKeyIdentity], trust: (ShareManifest, SignerKey) throws -> Void,
                     sink: ShareEntrySink?) throws -> Verified {
        try ShareError.mappingTar { try readArchive(input: input, identities: identities, trust: trust, sink: sink) }
    }

    private static func readArchive(input: AgeInput, identities: [any AgeSecretKeyIdentity], trust: (ShareManifest, SignerKey) throws -> Void,
                                    sink: ShareEntrySink?) throws -> Verified {
        let age = try AgeReader(identities: identities, input: input)
        let tar = TarReader { try age.next() }

        let manifestBytes = try smallEntry(tar, path: ShareManifest.manifestPath, limit: ShareManifest.maxManifestBytes)
        let signatureBytes = try smallEntry(tar, path: ShareManifest.signaturePath, limit: maxSignatureFile)
        let signature = try ShareManifest.parseSignatureFile(signatureBytes)
        let manifest = try ShareManifest.decode(manifestBytes)
        let signer: SignerKey
        do { signer = try SignerKey(parsing: manifest.sender.key) } catch {
            throw ShareError.malformed("the manifest's sender key is not a cvsign1 key")
        }
        do {
            try Ed25519.verify(signature: signature, message: ShareManifest.signedMessage(manifestBytes), publicKey: signer.publicKey)
        } catch {
            throw ShareError.badSignature
        }
        // From here on the manifest is what the key holder wrote, which is
        // anyone: a valid signature says who, not that they mean well.
        try validate(manifest)
        try checkParties(manifest, signer: signer)
        guard identities.contains(where: { $0.publicKeyRecipient.encoded == manifest.recipient.key }) else {
            throw ShareError.contentMismatch("it was made for \(manifest.recipient.name) (\(manifest.recipient.fingerprint)), not for this identity; someone re-encrypted it")
        }
        try trust(manifest, signer)

        try deliver(sink, ["manifest.json"], manifestBytes)
        try deliver(sink, ["manifest.sig"], signatureBytes)
        for expected in manifest.entries {
            guard let e = try tar.next() else {
                throw ShareError.contentMismatch("'\(expected.path)' is listed but missing (cut short?)")
            }
            guard e.path == expected.path, !e.isDirectory else {
                throw ShareError.contentMismatch("found '\(e.path)' where the manifest lists '\(expected.path)'")
            }
            guard e.size == expected.size else {
                throw ShareError.contentMismatch("'\(e.path)' is \(e.size) bytes; the manifest says \(expected.size)")
            }
            guard let digest = try expected.digest(format: manifest.format) else {
                throw ShareError.malformed("the manifest entry '\(expected.path)' has a bad size or hash")
            }
            try sink?.begin(Array(e.components.dropFirst()))
            while let bytes = try tar.read(max: 1 << 20) {
                digest.hasher.update(bytes)
                try sink?.write(bytes)
            }
            guard Bytes.hex(digest.hasher.finalize()) == digest.hex else {
                throw ShareError.contentMismatch("the contents of '\(e.path)' differ from the signed hash")
            }
            try sink?.end()
        }
        if let extra = try tar.next() {
            throw ShareError.contentMismatch("'\(extra.path)' is not in the signed manifest")
        }
        try tar.drainToEnd()
        return Verified(manifest: manifest, signer: signer)
    }

    /// The manifest's own rules: known paths only, each once, one level
    /// under documents/, every name a `PortableFileName` (TarPath checks each
    /// component). Names that one file system takes for the same file (equal
    /// ignoring case, or Unicode normalisation on macOS) count as the same.
    package static func validate(_ m: ShareManifest) throws {
        var seen = Set<String>()
        for e in m.entries {
            let parts = try ShareError.mappingTar { try TarPath.components(Array(e.path.utf8)) }
            let ok = e.path == ShareManifest.codesPath
                || (e.path.hasPrefix(ShareManifest.documentsPrefix) && parts.count == 3 && parts.joined(separator: "/") == e.path)
            guard ok else { throw ShareError.unsafeEntry("the manifest lists '\(e.path)', which is not a share entry") }
            guard e.size >= 0, try e.digest(format: m.format) != nil else {
                throw ShareError.malformed("the manifest entry '\(e.path)' has a bad size or hash")
            }
            guard seen.insert(PortableFileName.collisionKey(e.path)).inserted else {
                throw ShareError.unsafeEntry("the manifest lists '\(e.path)' twice (names equal ignoring case or normalisation)")
            }
        }
    }

    /// The names and fingerprints a manifest carries are printed on the
    /// attorney's terminal and in messages, and a client's name is pinned:
    /// they follow the rule for names entering the vault (`VaultText`: no
    /// control characters, which could drive the terminal, and no bidi,
    /// invisible or format characters, which could disguise a name), and each
    /// fingerprint must be its key's, so a manifest cannot show a familiar
    /// fingerprint beside another key.
    static func checkParties(_ m: ShareManifest, signer: SignerKey) throws {
        for (role, name) in [("sender", m.sender.name), ("recipient", m.recipient.name)] {
            guard (try? VaultText.name(name, field: role)) == name else {
                let why = VaultText.problem(in: name).map { "holds \($0)" } ?? "is empty, over 100 characters, or has spaces around it"
                throw ShareError.malformed("the manifest's \(role) name \(why)")
            }
        }
        guard m.sender.fingerprint == signer.fingerprint else {
            throw ShareError.malformed("the manifest's sender fingerprint is not the fingerprint of its key")
        }
        guard let r = try? AgePublicKeys.parseRecipient(m.recipient.key),
              m.recipient.fingerprint == KeyFingerprint.of(recipient: r) else {
            throw ShareError.malformed("the manifest's recipient key or fingerprint is not valid")
        }
    }

    private static func smallEntry(_ tar: TarReader, path: String, limit: Int) throws -> [UInt8] {
        guard let e = try tar.next() else { throw ShareError.malformed("the archive is empty") }
        guard e.path == path, !e.isDirectory else {
            throw ShareError.malformed("'\(path)' is not where a share has it (found '\(e.path)')")
        }
        guard e.size <= Int64(limit) else { throw ShareError.malformed("'\(path)' is larger than \(limit) bytes") }
        var out: [UInt8] = []
        while let s = try tar.read(max: limit) { out += s }
        return out
    }

    private static func deliver(_ sink: ShareEntrySink?, _ path: [String], _ bytes: [UInt8]) throws {
        guard let sink else { return }
        try sink.begin(path)
        try sink.write(bytes[...])
        try sink.end()
    }
}
