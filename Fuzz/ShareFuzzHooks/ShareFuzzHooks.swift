import AgeKit
import CaseVault
import Foundation
import SodiumKit

/// Entry points for the FuzzShares libFuzzer target, and the seeds of its
/// corpus. Their own target (Fuzz/ShareFuzzHooks), not the library: the
/// fixed keys below are never part of the product.
///
/// The fuzz input is the plaintext of a share: the tar archive an attorney's
/// casevault reads after age decryption. Random bytes never authenticate, so
/// the age layer is not fuzzed here (FuzzAge does that); instead each input
/// is wrapped in a real age file to a fixed X25519 identity and read by the
/// real `ShareReader.read`, exactly as `share open` / `inbox import` do.
///
/// Likewise a mutated manifest never carries a valid signature. So, before
/// wrapping, the hook re-signs: if the archive's first entry is
/// `manifest.json` and its second `manifest.sig` with room for a signature,
/// it signs the manifest bytes with a fixed Ed25519 key and writes that
/// signature over the entry's data. A manifest that names that key as its
/// sender and our identity as its recipient (the seeds do) then gets past the
/// signature check, and the fuzzer reaches manifest validation, the entry by
/// entry size and hash checks and the end-of-stream checks.
///
/// The same bytes also go straight to the smaller parsers (tar paths, pax
/// records, the signature file, the manifest decoder and its rules) and to a
/// bare `TarReader` fed in small chunks, to reach the buffering edges the 64
/// KiB age chunks hide. Thrown errors are expected; a crash, a hang, a
/// sanitizer report or a failed invariant below is a bug.
package enum ShareFuzzHooks {
    /// Fixed keys: the fuzzer and the seeds must agree on them across runs.
    /// (X25519Identity is not Sendable, but it only has `let` properties and
    /// this one is never mutated: safe to share.)
    nonisolated(unsafe) static let identity: X25519Identity? = {
        guard let secret = try? SecureBytes(copying: [UInt8](repeating: 0x11, count: 32)) else { return nil }
        return try? X25519Identity(secretKey: secret)
    }()
    static let signingKey: Ed25519SigningKey? = {
        guard let seed = try? SecureBytes(copying: [UInt8](repeating: 0x22, count: 32)) else { return nil }
        return try? Ed25519SigningKey(seed: seed)
    }()

    package static func run(_ bytes: [UInt8]) {
        parsers(bytes)
        // Chunks around the 512-byte block size (smaller ones are in TarTests).
        bareTar(bytes, chunk: [511, 512, 513, 700, 4096][bytes.count % 5])
        _ = try? readShare(tar: bytes)
    }

    /// The full pipeline on `tar` as a share's payload (re-signed, age-wrapped).
    /// Returns the verified manifest; checks what reached the sink against it.
    @discardableResult
    package static func readShare(tar: [UInt8]) throws -> ShareManifest {
        guard let identity, let signingKey else { throw ShareError.noIdentity }
        let payload = resigned(tar, with: signingKey)
        let file = try Age.encrypt(payload, to: [identity.recipient])
        let signer = try SignerKey(publicKey: signingKey.publicKey)
        let sink = CheckingSink()
        let verified = try ShareReader.read(input: BytesInput(file), identities: [identity], trust: { _, presented in
            guard presented == signer else { throw ShareError.unexpectedSigner(expected: signer.fingerprint, presented: presented.fingerprint) }
        }, sink: sink)
        // Invariant: what the sink received is exactly what the manifest lists.
        let listed = [ShareManifest.manifestPath, ShareManifest.signaturePath] + verified.manifest.entries.map(\.path)
        precondition(sink.delivered.map { ([ShareManifest.directory] + $0.path).joined(separator: "/") } == listed,
                     "the sink received other entries than the manifest lists")
        for (got, want) in zip(sink.delivered.dropFirst(2), verified.manifest.entries) {
            precondition(got.size == want.size, "the sink received another size than the manifest lists")
        }
        return verified.manifest
    }

    /// The small parsers, each on the raw bytes.
    static func parsers(_ bytes: [UInt8]) {
        _ = try? TarPath.components(Array(bytes.prefix(4096)))
        _ = try? TarHeader.parsePax(Array(bytes.prefix(TarReader.maxExtendedHeader)))
        _ = try? TarHeader.number(bytes.prefix(12))
        _ = try? ShareManifest.parseSignatureFile(Array(bytes.prefix(ShareReader.maxSignatureFile)))
        if let m = try? ShareManifest.decode(bytes) {
            _ = try? ShareReader.validate(m)
        }
    }

    /// Every entry of `bytes` through a bare TarReader, `chunk` bytes at a time.
    static func bareTar(_ bytes: [UInt8], chunk: Int) {
        let reader = TarReader(bytes: bytes, chunk: chunk)
        do {
            while let e = try reader.next() {
                precondition(!e.components.isEmpty && e.components.allSatisfy(safeComponent), "TarReader let an unsafe path through")
                var total: Int64 = 0
                while let s = try reader.read(max: 777) { total += Int64(s.count) }
                precondition(e.isDirectory || total == e.size, "TarReader returned another size than the header's")
            }
            try reader.drainToEnd()
        } catch {}
    }

    /// What TarReader may hand out: a name `PortableFileName` accepts.
    static func safeComponent(_ c: String) -> Bool {
        !c.isEmpty && c != "." && c != ".." && !c.contains("/") && !c.contains("\\")
            && c.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7f }
            && PortableFileName.problem(c) == nil
    }

    /// `tar` with the data of its `manifest.sig` entry replaced by a valid
    /// signature file over its `manifest.json` entry, when the layout allows;
    /// otherwise `tar` unchanged. The archive is fed as one chunk, so the
    /// slices TarReader returns index `tar` itself.
    static func resigned(_ tar: [UInt8], with key: Ed25519SigningKey) -> [UInt8] {
        var out = tar
        let reader = TarReader(bytes: tar)
        do {
            guard let m = try reader.next(), m.path == ShareManifest.manifestPath, !m.isDirectory,
                  m.size <= Int64(ShareManifest.maxManifestBytes) else { return tar }
            var manifest: [UInt8] = []
            while let s = try reader.read(max: ShareManifest.maxManifestBytes) { manifest += s }
            guard let s = try reader.next(), s.path == ShareManifest.signaturePath, !s.isDirectory else { return tar }
            let file = ShareManifest.signatureFile(try key.sign(ShareManifest.signedMessage(manifest)))
            guard s.size >= Int64(file.count), s.size <= Int64(ShareReader.maxSignatureFile),
                  let data = try reader.read(max: Int(s.size)), data.count == Int(s.size) else { return tar }
            // Signature, then newlines to the entry's end (trimmed by the reader).
            let replacement = file + [UInt8](repeating: 0x0a, count: data.count - file.count)
            out.replaceSubrange(data.startIndex..<data.endIndex, with: replacement)
            return out
        } catch {
            return tar
        }
    }

    /// Receives entries and remembers their paths and sizes; traps on a path
    /// the reader should never have let through.
    final class CheckingSink: ShareEntrySink {
        private(set) var delivered: [(path: [String], size: Int64)] = []
        private var open = false

        func begin(_ path: [String]) throws {
            precondition(!open, "begin before the previous entry ended")
            precondition(!path.isEmpty && path.allSatisfy(ShareFuzzHooks.safeComponent), "an unsafe path reached the sink")
            delivered.append((path, 0))
            open = true
        }

        func write(_ bytes: ArraySlice<UInt8>) throws {
            precondition(open, "write outside an entry")
            delivered[delivered.count - 1].size += Int64(bytes.count)
        }

        func end() throws {
            precondition(open, "end outside an entry")
            open = false
        }
    }
}
