import AgeKit
import GRDB
import Foundation

/// A designated representative (attorney or accredited representative):
/// the age recipient shares to them are encrypted to.
public struct Representative: Codable, Sendable, Equatable {
    public var name: String
    /// `age1pq1…` (post-quantum, ML-KEM-768 + X25519) or `age1…` (X25519).
    public var recipient: String
    public var addedAt: Date

    /// The fingerprint to confirm with the representative out of band.
    public var fingerprint: String {
        (try? AgePublicKeys.parseRecipient(recipient)).map { KeyFingerprint.of(recipient: $0) } ?? "?"
    }

    /// Whether shares to this representative are post-quantum (an `age1pq1…`
    /// recipient), which `rep list` and the app show beside the name.
    public var isPostQuantum: Bool { recipient.hasPrefix("age1pq1") }
}

/// The representatives this vault may export to, in vault.db `representative`.
public struct RepresentativeStore {
    let vault: Vault

    /// Validates `recipient` (Bech32 checksum; a post-quantum or X25519 key) and stores it under
    /// `name`, which must differ from every other representative's, also to
    /// the eye (`LookalikeName`).
    @discardableResult
    public func add(name: String, recipient: String, now: Date = Date()) throws -> Representative {
        let name = try VaultText.name(name, field: "representative name")
        let parsed: any AgePublicKeyRecipient
        do {
            parsed = try AgePublicKeys.parseRecipient(recipient.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw CaseVaultError.invalidInput(field: "recipient", reason: "it is not an age recipient (mistyped or cut short?)",
                                              expected: "the age1pq1… (or age1…) text your representative's identity shows",
                                              suggestion: .representativeRecipient)
        }
        let rep = Representative(name: name, recipient: parsed.encoded, addedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)))
        try vault.migrateShares()
        let table = try vault.tables.representatives
        let key = try LookalikeName.key(name)
        try vault.write { db in
            let others = try table.list(db).map(\.record.name)
            if others.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw CaseVaultError.alreadyExists(what: "representative", name: name)
            }
            // Two names that look the same on a screen ("Jane Doe" with a
            // Cyrillic о, a no-break space or a joiner) would make choosing
            // whom a share goes to a guess: refused, with what differs
            // written out (LookalikeName, as for clients' names in the inbox).
            if let twin = try others.first(where: { try LookalikeName.key($0).looksLike(key) }) {
                throw CaseVaultError.invalidInput(
                    field: "representative name",
                    reason: "'\(LookalikeName.revealed(name))' looks like '\(LookalikeName.revealed(twin))', a representative already added",
                    expected: "a name that reads differently from the others (add the firm's name, for instance), or remove the other representative first")
            }
            try table.insert(db, rep)
        }
        return rep
    }

    /// Every representative, by name.
    public func list() throws -> [Representative] {
        try vault.migrateShares()
        return try vault.tables.representatives.list()
            .map(\.record).sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// The representative named `name` (case-insensitive).
    public func find(_ name: String) throws -> Representative {
        guard let r = try list().first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw CaseVaultError.notFound(what: "representative", name: name)
        }
        return r
    }

    /// Removes the representative named `name`.
    public func remove(_ name: String) throws {
        try vault.migrateShares()
        let table = try vault.tables.representatives
        try vault.write { db in
            guard let hit = try table.list(db).first(where: { $0.record.name.lowercased() == name.lowercased() }) else {
                throw CaseVaultError.notFound(what: "representative", name: name)
            }
            try table.delete(db, id: hit.id)
        }
    }
}
