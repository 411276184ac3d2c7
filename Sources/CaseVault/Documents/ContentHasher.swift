import SwiftCryptoKit
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

/// Feeds two hashers at once; its digest is the first one's. Verifying a
/// document an earlier version added checks its recorded BLAKE2b while
/// computing its SHA-256 in the same pass.
final class TeeHasher: ContentHasher, @unchecked Sendable {
    private let primary: ContentHasher
    private let secondary: ContentHasher

    init(_ primary: ContentHasher, _ secondary: ContentHasher) {
        self.primary = primary
        self.secondary = secondary
    }

    func update(_ buffer: ChunkBuffer) {
        primary.update(buffer)
        secondary.update(buffer)
    }

    func update(_ bytes: ArraySlice<UInt8>) {
        primary.update(bytes)
        secondary.update(bytes)
    }

    func finalize() -> [UInt8] { primary.finalize() }
}
