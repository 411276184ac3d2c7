import SodiumKit

/// A stored document as listed: its id and its decrypted metadata.
public struct Document: Sendable, Equatable {
    /// 16 random bytes; also names the ciphertext file.
    public let id: [UInt8]
    public let metadata: DocumentMetadata

    /// The full id in hex (32 characters).
    public var idHex: String { Bytes.hex(id) }
    /// The id as shown in listings; any unique prefix of 4 or more hex digits is accepted.
    public var shortID: String { String(idHex.prefix(8)) }

    /// Days until expiry from `today` (negative once expired); nil without an expiry date.
    public func daysUntilExpiry(from today: CalendarDay = .today()) -> Int? {
        metadata.expires.map { $0.days(since: today) }
    }
}
