import Foundation
import GRDB

/// Backup-code entries in vault.db, each one encrypted record.
///
/// Labels are matched case-insensitively after decrypting all entries (a
/// person keeps tens, not thousands): no label, or index of one, is stored in
/// the clear. Every change runs in an IMMEDIATE transaction, so two processes
/// using codes at once are serialised and never hand out the same code.
public struct CodeStore {
    let vault: Vault

    /// All entries, in the order they were added.
    public func list() throws -> [StoredCodeEntry] {
        let table = try vault.tables.codeEntries
        return try vault.read { db in try decryptAll(db, table) }
    }

    /// The entry with this label.
    public func find(label: String) throws -> StoredCodeEntry {
        let table = try vault.tables.codeEntries
        return try vault.read { db in try find(db, table, label) }
    }

    /// Adds an entry. One code makes a `single` entry unless `kind` says otherwise.
    @discardableResult
    public func add(label: String, account: String?, codes: [String], kind: CodeEntry.Kind? = nil, primary: Bool = false, now: Date = Date()) throws -> StoredCodeEntry {
        let label = try Self.validLabel(label)
        let account = try account.map { try Self.validText($0, field: "account") }
        guard !codes.isEmpty else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "no codes given", expected: "at least one backup code")
        }
        let table = try vault.tables.codeEntries
        let entry = CodeEntry(label: label, account: account, kind: kind ?? (codes.count == 1 ? .single : .list),
                              codes: codes.map { BackupCode(code: $0) }, history: [], primary: primary,
                              addedAt: now, updatedAt: now)
        let id = RecordCipher.newID()
        try vault.write { db in
            let all = try decryptAll(db, table)
            if all.contains(where: { $0.entry.label.lowercased() == label.lowercased() }) {
                throw CaseVaultError.alreadyExists(what: "code entry", name: label)
            }
            try table.insert(db, entry, id: id)
            if primary { try clearPrimary(db, table, except: id, in: all) }
        }
        return StoredCodeEntry(id: id, entry: entry)
    }

    /// Hands out the next unused code and marks it used, atomically.
    ///
    /// `deliver` runs inside the write transaction, after the code is chosen
    /// and its row updated, before the commit: the caller writes the code
    /// out there (prints it, flushes it) and throws if that failed, which
    /// rolls the change back. So a code is never marked used without having
    /// reached its reader (`code use > /dev/full`). The reverse remains
    /// possible only if the commit itself fails after `deliver` succeeded
    /// (the disk fills in between); the caller then reports that the code
    /// it wrote out was not marked used.
    public func use(label: String, now: Date = Date(), deliver: ((CodeUse) throws -> Void)? = nil) throws -> CodeUse {
        let table = try vault.tables.codeEntries
        return try vault.write { db in
            var stored = try find(db, table, label)
            var previouslyUsed: Date?
            let index: Int
            if let i = stored.entry.codes.firstIndex(where: { !$0.isUsed }) {
                index = i
            } else if stored.entry.kind == .single, !stored.entry.codes.isEmpty {
                // The single USCIS code stays the code until it is replaced;
                // give it out again but say when it was used before.
                index = 0
                previouslyUsed = stored.entry.codes[0].usedAt
            } else {
                throw CaseVaultError.exhausted(label: stored.entry.label)
            }
            stored.entry.codes[index].usedAt = now
            stored.entry.updatedAt = now
            try table.update(db, stored.entry, id: stored.id)
            let use = CodeUse(code: stored.entry.codes[index].code, entry: stored.entry, previouslyUsedAt: previouslyUsed)
            try deliver?(use)
            return use
        }
    }

    /// Replaces the current codes; the old ones are kept as superseded history.
    @discardableResult
    public func replace(label: String, codes: [String], now: Date = Date()) throws -> StoredCodeEntry {
        guard !codes.isEmpty else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "no codes given", expected: "at least one backup code")
        }
        let table = try vault.tables.codeEntries
        return try vault.write { db in
            var stored = try find(db, table, label)
            stored.entry.history.append(SupersededCodes(codes: stored.entry.codes, addedAt: stored.entry.updatedAt, supersededAt: now))
            stored.entry.codes = codes.map { BackupCode(code: $0) }
            if stored.entry.kind == .single && codes.count > 1 { stored.entry.kind = .list }
            stored.entry.updatedAt = now
            try table.update(db, stored.entry, id: stored.id)
            return stored
        }
    }

    /// Marks an entry as the one the emergency screen shows first.
    public func setPrimary(label: String) throws {
        let table = try vault.tables.codeEntries
        try vault.write { db in
            let all = try decryptAll(db, table)
            guard var stored = all.first(where: { $0.entry.label.lowercased() == label.lowercased() }) else {
                throw CaseVaultError.notFound(what: "code", name: label)
            }
            stored.entry.primary = true
            try table.update(db, stored.entry, id: stored.id)
            try clearPrimary(db, table, except: stored.id, in: all)
        }
    }

    /// Removes an entry and its history (secure_delete zeroes the freed pages).
    public func remove(label: String) throws {
        let table = try vault.tables.codeEntries
        try vault.write { db in
            let stored = try find(db, table, label)
            try table.delete(db, id: stored.id)
        }
    }

    // MARK: - Helpers

    private func decryptAll(_ db: Database, _ table: EncryptedTable<CodeEntry>) throws -> [StoredCodeEntry] {
        try table.list(db).map { StoredCodeEntry(id: $0.id, entry: $0.record) }
    }

    private func find(_ db: Database, _ table: EncryptedTable<CodeEntry>, _ label: String) throws -> StoredCodeEntry {
        let wanted = label.lowercased()
        guard let e = try decryptAll(db, table).first(where: { $0.entry.label.lowercased() == wanted }) else {
            throw CaseVaultError.notFound(what: "code", name: label)
        }
        return e
    }

    private func clearPrimary(_ db: Database, _ table: EncryptedTable<CodeEntry>, except id: String, in all: [StoredCodeEntry]) throws {
        for var other in all where other.id != id && other.entry.primary {
            other.entry.primary = false
            try table.update(db, other.entry, id: other.id)
        }
    }

    /// A label: 1 to 100 characters of plain text (`VaultText`).
    static func validLabel(_ s: String) throws -> String {
        try VaultText.check(s, field: "label", maxCharacters: 100, maxBytes: 400, expected: "a short name such as uscis or login.gov, in plain text")
    }

    /// An account name (one line) or a note (line feeds and tabs allowed):
    /// at most 500 characters of plain text (`VaultText`).
    static func validText(_ s: String, field: String, allowLineBreaks: Bool = false) throws -> String {
        try VaultText.check(s, field: field, maxCharacters: 500, maxBytes: 2000, allowLineBreaks: allowLineBreaks, allowEmpty: true,
                            expected: "at most 500 characters of plain text")
    }
}
