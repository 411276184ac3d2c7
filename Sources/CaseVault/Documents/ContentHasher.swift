import DigestKit
import SodiumKit

/// A streaming hash of document or share contents: SHA-256 for what is
/// written now, BLAKE2b-512 for what earlier versions wrote (documents whose
/// metadata records that hash, format-1 shares), which is still checked.
protocol ContentHasher: AnyObject, Sendable {
    func update(_ buffer: ChunkBuffer)
    func update(_ bytes: ArraySlice<UInt8>)
    func finalize() -> [UInt8]
}

extension SHA256Hasher: ContentHasher {}
extension BLAKE2bHasher: ContentHasher {}
