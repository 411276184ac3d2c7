import SodiumKit

/// Shares collected one at a time, each checked as it comes: that it
/// belongs to the same set as the first (identifier, extendable flag,
/// iteration exponent, group threshold and count, length; the member
/// threshold within a group) and that its index is new in its group.
/// `progress` says how many more are needed; `masterSecret` combines them.
public final class Slip39ShareSet {
    private var shares: [(number: Int, share: Slip39Share)] = []

    public init() {}

    /// How far the set is from opening.
    public struct Progress: Equatable, Sendable {
        /// Shares still needed at least (0 when complete).
        public let moreShares: Int
        /// Groups still to complete (0 when complete; 0 or 1 for a set of one group).
        public let moreGroups: Int
        /// How many groups must be complete.
        public let groupThreshold: Int
        public var isComplete: Bool { moreShares == 0 && moreGroups == 0 }
    }

    /// Number of shares added.
    public var count: Int { shares.count }

    /// The set's first share (its parameters are the set's), if any.
    public var first: Slip39Share? { shares.first?.share }

    /// Adds a share numbered `number` (1-based, for errors), after checking
    /// it against the shares already added. A refused share is not added.
    public func add(_ share: Slip39Share, number: Int) throws {
        if let (firstNumber, first) = shares.first {
            let checks: [(Bool, String)] = [
                (share.identifier == first.identifier, "identifiers"),
                (share.extendable == first.extendable, "extendable-backup flags"),
                (share.iterationExponent == first.iterationExponent, "iteration exponents"),
                (share.groupThreshold == first.groupThreshold, "group thresholds"),
                (share.groupCount == first.groupCount, "group counts"),
                (share.valueLength == first.valueLength, "lengths"),
            ]
            if let differs = checks.first(where: { !$0.0 }) {
                throw Slip39Error.differentSet(share: number, firstShare: firstNumber, differs: differs.1)
            }
        }
        for (earlier, other) in shares where other.groupIndex == share.groupIndex {
            if other.memberThreshold != share.memberThreshold {
                throw Slip39Error.differentSet(share: number, firstShare: earlier, differs: "member thresholds")
            }
            if other.memberIndex == share.memberIndex {
                throw Slip39Error.repeatedIndex(share: number, earlierShare: earlier, sameShare: other.value.constantTimeEquals(share.value))
            }
        }
        shares.append((number, share))
    }

    /// Shares of each group present, by group index.
    private var groups: [Int: [Slip39Share]] {
        Dictionary(grouping: shares.map(\.share), by: \.groupIndex)
    }

    /// How many more shares (and groups) are needed.
    public var progress: Progress {
        guard let first = shares.first?.share else { return Progress(moreShares: 1, moreGroups: 1, groupThreshold: 1) }
        let present = groups.values.map { max(0, $0[0].memberThreshold - $0.count) }
        let complete = present.filter { $0 == 0 }.count
        let moreGroups = max(0, first.groupThreshold - complete)
        if moreGroups == 0 { return Progress(moreShares: 0, moreGroups: 0, groupThreshold: first.groupThreshold) }
        // Cheapest first among the groups begun; a group not begun needs at least one share.
        let begun = present.filter { $0 > 0 }.sorted()
        let fromBegun = begun.prefix(moreGroups).reduce(0, +)
        let notBegun = max(0, moreGroups - begun.count)
        return Progress(moreShares: fromBegun + notBegun, moreGroups: first.groupCount == 1 ? 0 : moreGroups,
                        groupThreshold: first.groupThreshold)
    }

    /// The master secret: every complete group's secret, then the encrypted
    /// master secret from the groups, each recombination checked against its
    /// digest, then decrypted with `passphrase` (empty for none).
    public func masterSecret(passphrase: SecureBytes) throws -> SecureBytes {
        try Slip39.checkPassphrase(passphrase)
        guard let first = shares.first?.share else { throw Slip39Error.noShares }
        let p = progress
        guard p.isComplete else {
            throw Slip39Error.tooFew(moreShares: p.moreShares, moreGroups: p.moreGroups, groupThreshold: p.groupThreshold)
        }
        var groupSecrets: [SecretShare] = []
        for (index, members) in groups.sorted(by: { $0.key < $1.key }) where members.count >= members[0].memberThreshold {
            let secret = try ShamirSharing.recover(threshold: members[0].memberThreshold,
                                                   shares: members.map { SecretShare(x: UInt8($0.memberIndex), y: $0.value) })
            groupSecrets.append(SecretShare(x: UInt8(index), y: secret))
        }
        let encrypted = try ShamirSharing.recover(threshold: first.groupThreshold, shares: groupSecrets)
        for g in groupSecrets { g.y.wipe() }
        return try Slip39Cipher.decrypt(encrypted, passphrase: passphrase, iterationExponent: first.iterationExponent,
                                        identifier: first.identifier, extendable: first.extendable)
    }
}
