import SodiumKit

/// SLIP-0039 (Shamir's Secret-Sharing for Mnemonic Codes): a master secret
/// split into word shares, in groups, any threshold of which give it back.
///
/// Interoperable with the spec's reference implementation (`shamir-mnemonic`)
/// both ways; Tests/CLITests/ShamirCLITests checks that against it.
public enum Slip39 {
    /// One group of a split: `threshold` of its `count` members make the group's share.
    public struct Group: Equatable, Sendable {
        public let threshold: Int
        public let count: Int
        public init(threshold: Int, count: Int) {
            self.threshold = threshold
            self.count = count
        }
    }

    /// The longest master secret accepted, in bytes (256 bits).
    public static let maxSecretBytes = 32
    /// The shortest, in bytes (128 bits, the spec's minimum).
    public static let minSecretBytes = 16
    /// The highest iteration exponent (4 bits in the share).
    public static let maxIterationExponent = 15

    /// Splits `masterSecret` into shares: one array per group, in group order.
    ///
    /// The secret is first encrypted with `passphrase` (empty for none:
    /// SLIP-0039 always encrypts) under a fresh random 15-bit identifier.
    /// Extendable shares (the default, as the reference's) decrypt under
    /// another identifier too, so more shares of the same secret can be made.
    public static func split(masterSecret: SecureBytes, groupThreshold: Int = 1, groups: [Group], passphrase: SecureBytes,
                             extendable: Bool = true, iterationExponent: Int = 1) throws -> [[Slip39Share]] {
        let n = masterSecret.count
        guard n >= minSecretBytes, n <= maxSecretBytes, n % 2 == 0 else { throw Slip39Error.secretLength(bytes: n) }
        try checkPassphrase(passphrase)
        guard (0...maxIterationExponent).contains(iterationExponent) else {
            throw Slip39Error.invalidParameters("the iteration exponent must be 0 to \(maxIterationExponent)")
        }
        guard (1...ShamirSharing.maxShareCount).contains(groups.count) else {
            throw Slip39Error.invalidParameters("there must be 1 to \(ShamirSharing.maxShareCount) groups")
        }
        guard (1...groups.count).contains(groupThreshold) else {
            throw Slip39Error.invalidParameters("the group threshold must be 1 to the number of groups (\(groups.count))")
        }
        for g in groups {
            guard (1...ShamirSharing.maxShareCount).contains(g.count) else {
                throw Slip39Error.invalidParameters("a group has 1 to \(ShamirSharing.maxShareCount) shares")
            }
            guard (1...g.count).contains(g.threshold) else {
                throw Slip39Error.invalidParameters("the threshold must be 1 to the number of shares (\(g.count))")
            }
            guard !(g.threshold == 1 && g.count > 1) else {
                // The spec forbids it: use 1 of 1 (every share would be the group's secret).
                throw Slip39Error.invalidParameters("a threshold of 1 with more than one share is not allowed (every share would be the whole secret): use 1 of 1")
            }
        }
        let identifier = Int(Random.uniform(1 << 15))
        let encrypted = try Slip39Cipher.encrypt(masterSecret, passphrase: passphrase, iterationExponent: iterationExponent,
                                                 identifier: identifier, extendable: extendable)
        let groupShares = try ShamirSharing.split(threshold: groupThreshold, count: groups.count, secret: encrypted)
        return try zip(groups, groupShares).map { group, groupShare in
            try ShamirSharing.split(threshold: group.threshold, count: group.count, secret: groupShare.y).map { member in
                Slip39Share(identifier: identifier, extendable: extendable, iterationExponent: iterationExponent,
                            groupIndex: Int(groupShare.x), groupThreshold: groupThreshold, groupCount: groups.count,
                            memberIndex: Int(member.x), memberThreshold: group.threshold, value: member.y)
            }
        }
    }

    /// The master secret from shares given as text (one share each), checked
    /// one by one in order, then combined and decrypted with `passphrase`.
    public static func combine(_ texts: [SecureBytes], passphrase: SecureBytes) throws -> SecureBytes {
        guard !texts.isEmpty else { throw Slip39Error.noShares }
        let set = Slip39ShareSet()
        for (i, text) in texts.enumerated() {
            try set.add(try Slip39Share(words: text, number: i + 1), number: i + 1)
        }
        return try set.masterSecret(passphrase: passphrase)
    }

    /// Refuses a passphrase outside printable ASCII (32-126), as the spec requires.
    public static func checkPassphrase(_ passphrase: SecureBytes) throws {
        let ok = passphrase.withUnsafeBytes { p in p.allSatisfy { (0x20...0x7E).contains($0) } }
        guard ok else { throw Slip39Error.passphraseNotPrintableASCII }
    }
}
