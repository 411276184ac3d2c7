import Crypto
import SodiumKit

/// Incremental SHA-256 of document contents: the digest `sha256sum` (Linux),
/// `shasum -a 256` (macOS) and `Get-FileHash` (Windows) print, so a user or
/// an attorney can check a file with the tools their system already has.
///
/// Why not libsodium, which provides every other primitive: libsodium 1.0.18
/// implements SHA-256 in portable C, about 130 MB/s here, so hashing a
/// 256 MiB scan would take 2 s, five times the whole encryption. swift-crypto
/// (BoringSSL on Linux, CryptoKit on Apple platforms) uses the CPU's SHA
/// instructions: about 1,070 MB/s on the same machine. Only public or
/// plaintext bytes pass through here, never a key: no secret key ever enters
/// swift-crypto, and key material stays in SodiumKit's secure memory.
///
/// Not thread-safe: one thread feeds it at a time (the document pipeline
/// orders its calls on one serial queue).
public final class SHA256Hasher: @unchecked Sendable {
    public static let digestBytes = 32
    private var state = Crypto.SHA256()
    private var finished = false

    public init() {}

    /// One-shot digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let h = SHA256Hasher()
        h.update(bytes)
        return h.finalize()
    }

    /// Absorbs the used bytes of `buffer`.
    public func update(_ buffer: ChunkBuffer) {
        buffer.withUnsafeBytes { update($0) }
    }

    /// Absorbs `bytes`.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs `bytes` without copying them.
    public func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs the bytes `raw` points to.
    public func update(_ raw: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256Hasher used after finalize")
        if raw.count > 0 { state.update(bufferPointer: raw) }
    }

    /// The digest; the hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "SHA256Hasher finalized twice")
        finished = true
        return Array(state.finalize())
    }
}
