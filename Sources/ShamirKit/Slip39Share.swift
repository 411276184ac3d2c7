import SodiumKit

/// One SLIP-0039 share, decoded: its public parameters and its secret value.
///
/// Layout of the words (10 bits each):
/// ```
/// identifier (15 bits) ‖ extendable flag (1) ‖ iteration exponent (4)     2 words
/// group index (4) ‖ group threshold - 1 (4) ‖ group count - 1 (4)
///   ‖ member index (4) ‖ member threshold - 1 (4)                         2 words
/// share value, left-padded with zero bits to a multiple of 10 bits        13 words for 16 bytes, 26 for 32
/// RS1024 checksum                                                          3 words
/// ```
public struct Slip39Share: Sendable {
    public let identifier: Int
    public let extendable: Bool
    public let iterationExponent: Int
    public let groupIndex: Int
    public let groupThreshold: Int
    public let groupCount: Int
    public let memberIndex: Int
    public let memberThreshold: Int
    /// The share's y values: secret.
    let value: SecureBytes

    static let metadataWords = 7
    static let minimumWords = metadataWords + 13

    init(identifier: Int, extendable: Bool, iterationExponent: Int, groupIndex: Int, groupThreshold: Int, groupCount: Int,
         memberIndex: Int, memberThreshold: Int, value: SecureBytes) {
        self.identifier = identifier
        self.extendable = extendable
        self.iterationExponent = iterationExponent
        self.groupIndex = groupIndex
        self.groupThreshold = groupThreshold
        self.groupCount = groupCount
        self.memberIndex = memberIndex
        self.memberThreshold = memberThreshold
        self.value = value
    }

    /// Number of bytes of the share's value (the master secret's length).
    public var valueLength: Int { value.count }

    /// Decodes a share typed or read as words (any case, separated by white
    /// space). `number` (1-based) names it in errors.
    public init(words text: SecureBytes, number: Int = 1) throws {
        var indices = try Self.wordIndices(text, number: number)
        defer { for i in indices.indices { indices[i] = 0 } }
        try self.init(indices: indices, number: number)
    }

    /// Decodes a share from its word indices.
    init(indices: [UInt16], number: Int) throws {
        let n = indices.count
        guard n >= Self.minimumWords else { throw Slip39Error.wrongLength(share: number, words: n) }
        let valueWords = n - Self.metadataWords
        let padding = (10 * valueWords) % 16
        guard padding <= 8 else { throw Slip39Error.wrongLength(share: number, words: n) }

        let idExp = (UInt32(indices[0]) << 10) | UInt32(indices[1])
        let extendable = (idExp >> 4) & 1 == 1
        guard RS1024.verify(indices, extendable: extendable) else {
            let position = RS1024.likelyWrongPosition(indices)
            throw Slip39Error.badChecksum(share: number, likelyWrongWord: position.map { $0 + 1 },
                                          typed: position.map { Slip39Wordlist.words[Int(indices[$0])] })
        }
        let params = (UInt32(indices[2]) << 10) | UInt32(indices[3])
        let groupThreshold = Int((params >> 12) & 0xF) + 1
        let groupCount = Int((params >> 8) & 0xF) + 1
        guard groupThreshold <= groupCount else { throw Slip39Error.badGroupParameters(share: number) }

        let value = try SecureBytes(count: (10 * valueWords - padding) / 8)
        let paddingOK = value.withUnsafeMutableBytes { out -> Bool in
            var acc: UInt32 = 0
            var bits = 0
            var written = 0
            var first = true
            for w in indices[4..<(n - RS1024.checksumWords)] {
                acc = (acc << 10) | UInt32(w)
                bits += 10
                if first {
                    first = false
                    if acc >> UInt32(bits - padding) != 0 { acc = 0; return false }
                    bits -= padding
                    acc &= (1 << UInt32(bits)) - 1
                }
                while bits >= 8 {
                    out[written] = UInt8((acc >> UInt32(bits - 8)) & 0xFF)
                    written += 1
                    bits -= 8
                    acc &= (1 << UInt32(bits)) - 1
                }
            }
            acc = 0
            return true
        }
        guard paddingOK else { throw Slip39Error.badPadding(share: number) }

        self.init(identifier: Int(idExp >> 5), extendable: extendable, iterationExponent: Int(idExp & 0xF),
                  groupIndex: Int(params >> 16), groupThreshold: groupThreshold, groupCount: groupCount,
                  memberIndex: Int((params >> 4) & 0xF), memberThreshold: Int(params & 0xF) + 1, value: value)
    }

    /// The share's words, as text in secure memory: lowercase words separated by single spaces.
    public func mnemonic() throws -> SecureBytes {
        var indices = wordIndices()
        defer { for i in indices.indices { indices[i] = 0 } }
        let words = indices.map { Slip39Wordlist.bytes[Int($0)] }
        let length = words.reduce(0) { $0 + $1.count } + words.count - 1
        let text = try SecureBytes(count: length)
        text.withUnsafeMutableBytes { t in
            var at = 0
            for (i, w) in words.enumerated() {
                if i > 0 { t[at] = 0x20; at += 1 }
                for b in w { t[at] = b; at += 1 }
            }
        }
        return text
    }

    /// The word indices: metadata, value and checksum.
    func wordIndices() -> [UInt16] {
        let idExp = (UInt32(identifier) << 5) | (extendable ? 16 : 0) | UInt32(iterationExponent)
        let params = (UInt32(groupIndex) << 16) | (UInt32(groupThreshold - 1) << 12) | (UInt32(groupCount - 1) << 8)
            | (UInt32(memberIndex) << 4) | UInt32(memberThreshold - 1)
        var data: [UInt16] = [UInt16(idExp >> 10), UInt16(idExp & 1023), UInt16(params >> 10), UInt16(params & 1023)]
        let valueWords = (value.count * 8 + 9) / 10
        data.reserveCapacity(valueWords + 7)
        value.withUnsafeBytes { v in
            // Leading padding bits are zeros: start the count there.
            var acc: UInt32 = 0
            var bits = valueWords * 10 - v.count * 8
            for b in v {
                acc = (acc << 8) | UInt32(b)
                bits += 8
                while bits >= 10 {
                    data.append(UInt16((acc >> UInt32(bits - 10)) & 1023))
                    bits -= 10
                    acc &= (1 << UInt32(bits)) - 1
                }
            }
            acc = 0
        }
        return data + RS1024.checksum(data, extendable: extendable)
    }

    /// The indices of the words in `text`; an unknown word is named.
    static func wordIndices(_ text: SecureBytes, number: Int) throws -> [UInt16] {
        var indices: [UInt16] = []
        var word: [UInt8] = []
        word.reserveCapacity(16)
        defer { Bytes.wipe(&word) }
        var position = 0
        func finish() throws {
            guard !word.isEmpty else { return }
            position += 1
            guard let index = Slip39Wordlist.index(of: word[...]) else {
                throw Slip39Error.unknownWord(share: number, position: position, word: Self.shown(word))
            }
            indices.append(UInt16(index))
            for i in word.indices { word[i] = 0 }
            word.removeAll(keepingCapacity: true)
        }
        try text.withUnsafeBytes { t in
            for byte in t {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: try finish()
                case 0x41...0x5A: word.append(byte | 0x20)
                default: word.append(byte)
                }
            }
            try finish()
        }
        return indices
    }

    /// A word that is not in the list, for an error message: printable ASCII
    /// kept, anything else shown as `?`, at most 24 characters.
    private static func shown(_ word: [UInt8]) -> String {
        String(decoding: word.prefix(24).map { (0x21...0x7E).contains($0) ? $0 : 0x3F }, as: UTF8.self)
    }
}
