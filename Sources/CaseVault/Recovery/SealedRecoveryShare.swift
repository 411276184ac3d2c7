import AgeKit
import Foundation
import SodiumKit
import SystemKit

/// A trusted person's share sealed to their own age recipient (an
/// attorney's) and signed by the applicant: `casevault-recovery-share/1`.
///
/// The age payload is two parts: the first line is the base64 Ed25519
/// signature over `"casevault recovery share v1" 0x00 ‖ body`, the rest is
/// the body, JSON: format, holder, applicant (name, `cvsign1…` key,
/// fingerprint), created, threshold, holders, and the share's words. The
/// signature is checked over the bytes received before the JSON is read,
/// and the key that made it must be the one that signed the emergency copy
/// (`RecoveryOpener` checks that after opening it).
public struct SealedRecoveryShare: Codable, Sendable {
    public static let format = "casevault-recovery-share/1"
    static let signatureContext = Array("casevault recovery share v1".utf8) + [0]
    /// A share file is small: a larger one is not ours.
    static let maxBytes = 64 * 1024

    public var format: String
    public var holder: String
    public var applicant: ShareManifest.Party
    public var created: Date
    public var threshold: Int
    public var holders: [String]
    /// The share's words (secret).
    var share: String

    /// Seals `words` for `holder` to `recipient`, signed with `signing`, into `path` (0600, never over a file).
    static func write(words: SecureBytes, holder: String, recipient: any AgePublicKeyRecipient, applicant: ShareManifest.Party,
                      signing: Ed25519SigningKey, threshold: Int, holders: [String], created: Date, to path: String) throws {
        let body = SealedRecoveryShare(format: format, holder: holder, applicant: applicant, created: created,
                                       threshold: threshold, holders: holders, share: words.revealUTF8())
        var bodyBytes = Array(try VaultJSON.encoder().encode(body))
        defer { Bytes.wipe(&bodyBytes) }
        let signature = try signing.sign(signatureContext + bodyBytes)
        var payload = Array(Data(signature).base64EncodedString().utf8) + [0x0A] + bodyBytes
        defer { Bytes.wipe(&payload) }
        let out = try AtomicOutput(path: path, existing: .refuse)
        let age = try AgeWriter(recipients: [recipient], output: out, armor: true, sealOnAllCores: false)
        try age.write(payload)
        try age.finish()
        try out.commit(durable: true)
    }

    /// Opens the sealed share at `path` with `identities`, checks its
    /// signature, and returns it with its words in secure memory.
    public static func open(path: String, identities: [any AgeSecretKeyIdentity]) throws -> (share: SealedRecoveryShare, words: SecureBytes, signer: SignerKey) {
        let payload = try CaseVaultError.mappingSystemErrors { () -> SecureBytes in
            let input = try PosixFile.openForReading(path)
            let sink = MemorySink(limit: maxBytes)
            let reader = try AgeReader(identities: identities, input: PosixInput(input))
            try reader.decrypt(to: sink)
            return try SecureBytes(copying: sink.bytes)
        }
        let (signatureText, body): ([UInt8], [UInt8]) = payload.withUnsafeBytes { p in
            guard let nl = p.firstIndex(of: 0x0A) else { return ([], []) }
            return (Array(p[0..<nl]), Array(p[(nl + 1)...]))
        }
        var bodyCopy = body
        defer { Bytes.wipe(&bodyCopy) }
        guard let signature = Data(base64Encoded: Data(signatureText)), signature.count == 64,
              var share = try? VaultJSON.decoder().decode(SealedRecoveryShare.self, from: Data(bodyCopy)),
              share.format == format else {
            throw CaseVaultError.integrity(record: path, detail: "not a sealed recovery share (\(format))")
        }
        defer { share.share = "" }
        let signer = try SignerKey(parsing: share.applicant.key)
        do {
            try Ed25519.verify(signature: Array(signature), message: signatureContext + bodyCopy, publicKey: signer.publicKey)
        } catch {
            throw CaseVaultError.integrity(record: path, detail: "the applicant's signature does not verify")
        }
        guard share.applicant.fingerprint == signer.fingerprint else {
            throw CaseVaultError.integrity(record: path, detail: "the applicant's fingerprint is not their key's")
        }
        let words = try SecureBytes(copying: Array(share.share.utf8))
        return (share, words, signer)
    }
}

/// Collects a small age payload in memory, refusing more than `limit` bytes.
private final class MemorySink: AgeOutput {
    let limit: Int
    var bytes: [UInt8] = []
    init(limit: Int) { self.limit = limit }
    func write(_ chunk: ArraySlice<UInt8>) throws {
        guard bytes.count + chunk.count <= limit else {
            throw CaseVaultError.integrity(record: "sealed recovery share", detail: "larger than a recovery share can be")
        }
        bytes += chunk
    }
    deinit { Bytes.wipe(&bytes) }
}
