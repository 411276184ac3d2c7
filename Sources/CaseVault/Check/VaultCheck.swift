import Foundation
import GRDB
import SodiumKit

/// One problem found by the vault check.
public struct CheckProblem: Codable, Sendable, Equatable {
    /// The file: vault.db, documents.db, ...
    public let store: String
    /// The record, as `table/id`, or the file itself.
    public let record: String
    public let problem: String
}

/// What the vault check found.
public struct CheckReport: Codable, Sendable {
    /// How many items of each kind were checked (records per table, chunks...).
    public var checked: [String: Int] = [:]
    public var problems: [CheckProblem] = []
    public var ok: Bool { problems.isEmpty }

    public init() {}

    public mutating func count(_ what: String, _ n: Int = 1) { checked[what, default: 0] += n }
    public mutating func problem(_ store: String, _ record: String, _ text: String) {
        problems.append(CheckProblem(store: store, record: record, problem: text))
    }
}

/// A part of the vault that can check itself (vault.db here; documents and
/// shares register their own checks).
public protocol VaultCheckable {
    func check(into report: inout CheckReport) throws
}

extension Vault {
    /// Checks everything: SQLite integrity of each file, then decrypts and
    /// authenticates every record. Problems are collected, not thrown, so one
    /// damaged record does not hide another.
    public func check(extra: [VaultCheckable] = []) throws -> CheckReport {
        var report = CheckReport()
        checkState(into: &report)
        try checkRecords(into: &report)
        for part in extra { try part.check(into: &report) }
        return report
    }

    func checkRecords(into report: inout CheckReport) throws {
        let store = "vault.db"
        let tables = try tables
        try read { db in
            for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" {
                report.problem(store, store, "SQLite integrity: \(line)")
            }
            let slots = try KeySlotStore.all(db)
            for (kind, slot) in slots {
                report.count("key slots")
                if slot.nonce.count != XChaCha20Poly1305.nonceBytes || slot.wrapped.count != Vault.masterKeyBytes + XChaCha20Poly1305.tagBytes || slot.check.count != 16 {
                    report.problem(store, "key_slot/\(kind.rawValue)", "malformed key slot")
                }
            }
            if slots[.passphrase] == nil { report.problem(store, "key_slot/passphrase", "the passphrase slot is missing") }
            // Every table, each row opened as its table's record type under
            // its table's subkey (VaultTables.verify: a new table does not
            // compile until it is named there). A vault made before the
            // shares tables has none of them yet.
            for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
                for row in try table.all(db) {
                    report.count(table.rawValue)
                    do {
                        try tables.verify(table, row)
                    } catch let e as CaseVaultError {
                        if case .integrity(_, let detail) = e {
                            report.problem(store, "\(table.rawValue)/\(row.id)", detail)
                        } else { throw e }
                    }
                }
            }
        }
    }
}
