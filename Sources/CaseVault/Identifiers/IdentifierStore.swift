import Foundation
import GRDB

/// A case identifier as stored (inside its encrypted record).
public struct Identifier: Codable, Sendable, Equatable {
    public var kind: IdentifierKind
    public var label: String
    /// Normalised value (A012345678, IOE0123456789, ...).
    public var value: String
    public var note: String?
    public var addedAt: Date
}

/// An identifier with its record id.
public struct StoredIdentifier: Sendable, Equatable {
    public let id: String
    public var identifier: Identifier
}

/// Case identifiers in vault.db, each one encrypted record.
public struct IdentifierStore {
    let vault: Vault

    public func list() throws -> [StoredIdentifier] {
        try vault.tables.identifiers.list().map { StoredIdentifier(id: $0.id, identifier: $0.record) }
    }

    /// Adds an identifier; the value is validated and normalised. Without a
    /// label the kind's name is used (receipt, receipt-2, ...).
    @discardableResult
    public func add(kind: IdentifierKind, value raw: String, label: String?, note: String?, now: Date = Date()) throws -> StoredIdentifier {
        let value = try kind.normalise(raw)
        let note = try note.map { try CodeStore.validText($0, field: "note", allowLineBreaks: true) }
        let explicit = try label.map { try CodeStore.validLabel($0) }
        let table = try vault.tables.identifiers
        let id = RecordCipher.newID()
        return try vault.write { db in
            let all = try decryptAll(db, table)
            let taken = Set(all.map { $0.identifier.label.lowercased() })
            let finalLabel: String
            if let explicit {
                if taken.contains(explicit.lowercased()) { throw CaseVaultError.alreadyExists(what: "identifier", name: explicit) }
                finalLabel = explicit
            } else {
                var n = 1
                var candidate = kind.rawValue
                while taken.contains(candidate) { n += 1; candidate = "\(kind.rawValue)-\(n)" }
                finalLabel = candidate
            }
            let ident = Identifier(kind: kind, label: finalLabel, value: value, note: note, addedAt: now)
            try table.insert(db, ident, id: id)
            return StoredIdentifier(id: id, identifier: ident)
        }
    }

    /// Finds by label (case-insensitive) or by record id or a unique id prefix of 4+ characters.
    public func find(_ ref: String) throws -> StoredIdentifier {
        try resolve(ref, in: list())
    }

    public func remove(_ ref: String) throws {
        let table = try vault.tables.identifiers
        try vault.write { db in
            let s = try resolve(ref, in: decryptAll(db, table))
            try table.delete(db, id: s.id)
        }
    }

    private func resolve(_ ref: String, in all: [StoredIdentifier]) throws -> StoredIdentifier {
        let r = ref.lowercased()
        if let byLabel = all.first(where: { $0.identifier.label.lowercased() == r }) { return byLabel }
        if r.count >= 4 {
            let byID = all.filter { $0.id.hasPrefix(r) }
            if byID.count == 1 { return byID[0] }
        }
        throw CaseVaultError.notFound(what: "identifier", name: ref)
    }

    private func decryptAll(_ db: Database, _ table: EncryptedTable<Identifier>) throws -> [StoredIdentifier] {
        try table.list(db).map { StoredIdentifier(id: $0.id, identifier: $0.record) }
    }
}
