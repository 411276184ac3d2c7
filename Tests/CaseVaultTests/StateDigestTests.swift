import AgeKit
import Foundation
import GRDB
import SodiumKit
import XCTest
@testable import CaseVault

/// The state digest (VaultState.digest) is sealed in every format-2 vault's
/// state record: its value must never change for the same rows, however it
/// is computed. The reference below is the first implementation, written
/// out field by field.
final class StateDigestTests: XCTestCase {
    static func reference(_ db: Database) throws -> String {
        let h = try BLAKE2bHasher(length: 32)
        func field(_ bytes: [UInt8]) {
            let n = UInt32(bytes.count)
            h.update([UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)])
            h.update(bytes)
        }
        field(Array("casevault state digest v1".utf8))
        for table in RecordTable.allCases where try db.tableExists(table.rawValue) {
            for r in try Row.fetchAll(db, sql: "SELECT id, nonce FROM \(table.rawValue) ORDER BY id") {
                field(Array(table.rawValue.utf8))
                field(Array((r["id"] as String).utf8))
                field([UInt8]((r["nonce"] as Data?) ?? Data()))
            }
        }
        return Bytes.hex(h.finalize())
    }

    /// Rows as the digest sees them (ids and nonces; nothing is decrypted):
    /// thousands in every table, so the hashing crosses many 64 KiB blocks.
    func testTheDigestIsTheFirstImplementationsOverManyRows() throws {
        let q = try DatabaseQueue()
        try VaultSchema.migrator.migrate(q)
        try q.write { db in
            for (t, table) in RecordTable.allCases.enumerated() {
                for i in 0..<(500 + t * 37) {
                    let id = i % 5 == 0 ? "row-\(i)-é" : Bytes.hex(Random.bytes(16))
                    try db.execute(sql: "INSERT INTO \(table.rawValue) (id, nonce, ciphertext) VALUES (?, ?, ?)",
                                   arguments: [id, Data(Random.bytes(i % 7 == 0 ? 0 : 24)), Data([1])])
                }
            }
        }
        XCTAssertEqual(try q.read { try VaultState.digest($0) }, try q.read { try Self.reference($0) })
    }

    func testTheDigestOfAVaultIsTheFirstImplementations() throws {
        let f = try InboxFixture()
        let v = f.attorney.vault!
        for i in 0..<3 { try f.send("Client \(i)", day: Double(i), documents: ["scan \(i).pdf"]) }
        try v.codes.add(label: "USCIS", account: nil, codes: ["ABCD1234EF"])
        try v.identifiers.add(kind: .aNumber, value: "A012345678", label: nil, note: nil)
        try v.shareKeys.setSenderName("Jane Doe")
        _ = try v.shareKeys.signingKeyCreatingIfNeeded()
        try v.representatives.add(name: "Rep", recipient: f.identity.recipient.encoded)
        var selection = ShareSelection()
        selection.identifiers = true
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("casevault-digest-\(UUID().uuidString).age").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        _ = try v.recovery.setup(threshold: 2, people: [.init(name: "A", sealTo: nil), .init(name: "B", sealTo: nil)], selection: selection,
                                 senderName: nil, copyPath: copy, sealedSharePath: { _, _ in "" }, replace: false)
        for table in RecordTable.allCases { XCTAssertGreaterThan(try v.read { try table.count($0) }, 0, table.rawValue) }
        XCTAssertEqual(try v.read { try VaultState.digest($0) }, try v.read { try Self.reference($0) })
    }
}
