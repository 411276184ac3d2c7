import SodiumKit

/// An age file key: 16 random bytes, one per file, in secure memory.
///
/// Its own type (as rage's `FileKey`), so that a recipient's wrap key, a
/// payload key or a vault key cannot be passed where the file key goes: the
/// compiler refuses it. Only AgeKit reads its bytes.
public struct FileKey: Sendable {
    /// Bytes of a file key (spec: "File key").
    public static let byteCount = 16

    let secureBytes: SecureBytes

    /// Wraps bytes that are a file key (an unwrapped stanza body); refuses
    /// any other length.
    init(_ bytes: SecureBytes) throws {
        guard bytes.count == Self.byteCount else {
            throw AgeError.malformedHeader("the unwrapped file key is not \(Self.byteCount) bytes")
        }
        secureBytes = bytes
    }

    /// A fresh random file key; one per file, never reused.
    static func random() throws -> FileKey { try FileKey(try SecureBytes.random(count: byteCount)) }
}
