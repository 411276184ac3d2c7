import Foundation
import GRDB
import SodiumKit

/// Reads and writes `key_slot` rows.
enum KeySlotStore {
    static func all(_ db: Database) throws -> [KeySlotKind: KeySlot] {
        var out: [KeySlotKind: KeySlot] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT kind, kdf, check_value, nonce, wrapped FROM key_slot") {
            let kindName: String = r["kind"]
            guard let kind = KeySlotKind(rawValue: kindName) else { continue }
            var kdf: PassphraseKDF?
            var agreement: SlotAgreement?
            if let blob = r["kdf"] as Data? {
                // Sealed slots (format 2) keep their public half in the same column.
                if let a = try? JSONDecoder().decode(SlotAgreement.self, from: blob), a.algorithm == SlotAgreement.x25519 {
                    guard kind != .passphrase, a.publicKey.count == X25519.pointBytes, a.ephemeral.count == X25519.pointBytes else {
                        throw CaseVaultError.integrity(record: "key_slot/\(kindName)", detail: "its public key is malformed")
                    }
                    agreement = a
                } else {
                    kdf = try? JSONDecoder().decode(PassphraseKDF.self, from: blob)
                    if kdf == nil {
                        throw CaseVaultError.integrity(record: "key_slot/\(kindName)", detail: "its KDF parameters are unreadable")
                    }
                }
            }
            out[kind] = KeySlot(kind: kind, kdf: kdf, agreement: agreement,
                                check: [UInt8]((r["check_value"] as Data?) ?? Data()),
                                nonce: [UInt8]((r["nonce"] as Data?) ?? Data()),
                                wrapped: [UInt8]((r["wrapped"] as Data?) ?? Data()))
        }
        return out
    }

    /// Inserts or replaces a slot (one statement: atomic).
    static func put(_ db: Database, _ s: KeySlot) throws {
        let kdf = try s.agreement.map { Data(try JSONEncoder().encode($0)) } ?? s.kdf.map { Data(try JSONEncoder().encode($0)) }
        try db.execute(sql: """
            INSERT INTO key_slot (kind, kdf, check_value, nonce, wrapped) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(kind) DO UPDATE SET kdf = excluded.kdf, check_value = excluded.check_value,
                nonce = excluded.nonce, wrapped = excluded.wrapped
            """, arguments: [s.kind.rawValue, kdf, Data(s.check), Data(s.nonce), Data(s.wrapped)])
    }

    static func delete(_ db: Database, _ kind: KeySlotKind) throws {
        try db.execute(sql: "DELETE FROM key_slot WHERE kind = ?", arguments: [kind.rawValue])
    }
}
