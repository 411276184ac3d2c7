import AgeKit
import Foundation
import GRDB
import ShamirKit
import SodiumKit

/// Trusted-people recovery (docs/recovery.md): a fresh secret split into
/// SLIP-0039 shares, one per trusted person, any `threshold` of which open
/// the emergency copy, a signed share sealed to the age recipient derived
/// from that secret. The vault keeps only the recipient and public facts.
public struct RecoveryStore {
    let vault: Vault
    static let row = "current"
    /// The name the emergency copy's manifest gives its recipient.
    public static let copyRecipientName = "Trusted people (emergency copy)"
    /// The split secret's length: 128 bits, SLIP-0039's 20-word shares.
    public static let secretBytes = 16

    /// A trusted person as asked for: a paper sheet, or a share sealed to `sealTo`.
    public struct Person: Sendable {
        public let name: String
        public let sealTo: String?
        public init(name: String, sealTo: String?) {
            self.name = name
            self.sealTo = sealTo
        }
    }

    /// What `setup` made: the record kept, and each person's share (in order).
    public struct Made {
        public let setup: RecoverySetup
        public let manifest: ShareManifest
        /// Each paper holder's share words, in secure memory (sealed holders' shares are already in their files).
        public let paperShares: [(holder: String, words: SecureBytes)]
        public let signer: SignerKey
        public let senderName: String
    }

    /// The current setup, if any.
    public func current() throws -> RecoverySetup? {
        try vault.migrateShares()
        return try vault.tables.recoverySetups.find(id: Self.row)
    }

    /// Makes a setup: a new secret, its shares (paper words returned;
    /// sealed ones written to `sealedSharePath(i, person)`), the emergency
    /// copy at `copyPath`, then the record. Refuses to replace a setup
    /// unless `replace`: the old shares then open only the old copy.
    public func setup(threshold: Int, people: [Person], selection: ShareSelection, senderName: String?, copyPath: String,
                      sealedSharePath: (Int, Person) -> String, replace: Bool, now: Date = Date()) throws -> Made {
        try CaseVaultError.mappingSystemErrors {
            try setupUnmapped(threshold: threshold, people: people, selection: selection, senderName: senderName, copyPath: copyPath,
                              sealedSharePath: sealedSharePath, replace: replace, now: now)
        }
    }

    private func setupUnmapped(threshold: Int, people: [Person], selection: ShareSelection, senderName: String?, copyPath: String,
                               sealedSharePath: (Int, Person) -> String, replace: Bool, now: Date) throws -> Made {
        if try current() != nil && !replace {
            throw CaseVaultError.alreadyExists(what: "recovery setup", name: "this vault's")
        }
        var names: [String] = []
        for p in people {
            let name = try VaultText.name(p.name, field: "trusted person's name")
            if names.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw CaseVaultError.invalidInput(field: "trusted people", reason: "'\(name)' is named twice", expected: "each person once")
            }
            names.append(name)
        }
        guard (2...16).contains(people.count) else {
            throw CaseVaultError.invalidInput(field: "trusted people", reason: "\(people.count) named", expected: "2 to 16 people")
        }
        guard (2...people.count).contains(threshold) else {
            throw CaseVaultError.invalidInput(field: "threshold", reason: "\(threshold) of \(people.count)",
                                              expected: "2 to the number of people (\(people.count)): with 1, every share would open the copy alone")
        }
        let recipients = try people.map { p -> (any AgePublicKeyRecipient)? in
            guard let text = p.sealTo else { return nil }
            do { return try AgePublicKeys.parseRecipient(text.trimmingCharacters(in: .whitespaces)) } catch {
                throw CaseVaultError.invalidInput(field: "recipient for \(p.name)", reason: "it is not an age recipient (mistyped or cut short?)",
                                                  expected: "the age1pq1… or age1… text their identity shows", suggestion: .representativeRecipient)
            }
        }

        // The secret exists only here, in secure memory, until it is split.
        let secret = try SecureBytes.random(count: Self.secretBytes)
        let shares = try Slip39.split(masterSecret: secret, groups: [.init(threshold: threshold, count: people.count)],
                                      passphrase: SecureBytes(count: 0))[0]
        let identity = try RecoveryIdentity.derive(from: secret)
        secret.wipe()
        let recipient = identity.recipient.encoded

        // The copy first: if it cannot be made, nothing is kept or sealed.
        let manifest = try ShareExporter(vault: vault).exportUnmapped(
            toRecipient: Self.copyRecipientName, recipient: recipient, selection: selection, senderName: senderName,
            destination: .file(copyPath), armor: false, now: now)
        let signing = try vault.shareKeys.signingKeyCreatingIfNeeded()
        let signer = try SignerKey(publicKey: signing.publicKey)
        let created = manifest.created

        var paper: [(String, SecureBytes)] = []
        var holders: [RecoverySetup.Holder] = []
        for (i, person) in people.enumerated() {
            let words = try shares[i].mnemonic()
            if let r = recipients[i] {
                try SealedRecoveryShare.write(words: words, holder: names[i], recipient: r, applicant: manifest.sender, signing: signing,
                                              threshold: threshold, holders: names, created: created, to: sealedSharePath(i, person))
                words.wipe()
                holders.append(.init(name: names[i], sealedTo: r.encoded))
            } else {
                paper.append((names[i], words))
                holders.append(.init(name: names[i], sealedTo: nil))
            }
        }
        let setup = RecoverySetup(recipient: recipient, setIdentifier: shares[0].identifier, threshold: threshold, holders: holders,
                                  selection: selection, createdAt: created, refreshedAt: created, signerFingerprint: signer.fingerprint)
        let table = try vault.tables.recoverySetups
        try vault.write { db in try table.save(db, setup, id: Self.row) }
        return Made(setup: setup, manifest: manifest, paperShares: paper, signer: signer, senderName: manifest.sender.name)
    }

    /// Re-makes the emergency copy at `copyPath` from what the vault holds
    /// now, sealed to the same recipient: the same shares open it.
    public func refresh(copyPath: String, now: Date = Date()) throws -> (RecoverySetup, ShareManifest) {
        try CaseVaultError.mappingSystemErrors {
            guard var setup = try current() else { throw CaseVaultError.notFound(what: "recovery setup", name: "this vault's") }
            let manifest = try ShareExporter(vault: vault).exportUnmapped(
                toRecipient: Self.copyRecipientName, recipient: setup.recipient, selection: setup.selection, senderName: nil,
                destination: .file(copyPath), armor: false, now: now)
            setup.refreshedAt = manifest.created
            let table = try vault.tables.recoverySetups
            try vault.write { db in try table.save(db, setup, id: Self.row) }
            return (setup, manifest)
        }
    }

    /// A drill's share, checked against this setup before it joins the set:
    /// its own checks (checksum, same set, repeated), then that it is a
    /// share of this setup (its identifier).
    public func drillAdd(_ share: Slip39Share, number: Int, to set: Slip39ShareSet, setup: RecoverySetup) throws {
        guard share.identifier == setup.setIdentifier, share.memberThreshold == setup.threshold else {
            throw RecoveryError.notThisSetup(share: number)
        }
        try set.add(share, number: number)
    }

    /// Whether a complete set opens this setup's copy (the recipient its
    /// secret derives is the one kept). Nothing is decrypted.
    public func drillCheck(_ set: Slip39ShareSet, setup: RecoverySetup) throws {
        let secret = try set.masterSecret(passphrase: SecureBytes(count: 0))
        let recipient = try RecoveryIdentity.derive(from: secret).recipient.encoded
        secret.wipe()
        guard recipient == setup.recipient else { throw RecoveryError.sharesDoNotOpenCopy }
    }
}

extension Vault {
    /// The trusted-people recovery setup (docs/recovery.md).
    public var recovery: RecoveryStore { RecoveryStore(vault: self) }
}
