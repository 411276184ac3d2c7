import SodiumKit

/// Entry points for the FuzzVault libFuzzer target (same package only).
///
/// Every parser of outside data in the vault library: codes files, identifier
/// values, typed recovery keys, dates, and the records of vault.db as they
/// would be after authentication (random bytes never authenticate, so the
/// decoders are fed directly) and before (the AEAD path with a fixed key).
package enum FuzzHooks {
    static let cipher: RecordCipher? = {
        guard let key = try? SecureBytes(copying: [UInt8](repeating: 7, count: 32)) else { return nil }
        return RecordCipher(key: PurposeKey(purpose: .records, secureBytes: key), vaultID: [UInt8](repeating: 1, count: 16))
    }()

    package static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? CodeParser.parse(text)
        _ = try? CodeParser.read(bytes)
        for kind in IdentifierKind.allCases { _ = try? kind.normalise(text) }
        if let typed = try? SecureBytes(copying: Array(bytes.prefix(512))) { _ = try? RecoveryKey.parse(typed) }
        _ = try? CalendarDay(parsing: text)
        guard let cipher else { return }
        _ = try? cipher.decode(CodeEntry.self, padded: bytes, record: "fuzz")
        _ = try? cipher.decode(Identifier.self, padded: bytes, record: "fuzz")
        if bytes.count >= 24 {
            let row = EncryptedRow(id: "fuzz", nonce: Array(bytes.prefix(24)), ciphertext: Array(bytes.dropFirst(24)))
            _ = try? cipher.open(CodeEntry.self, row: row, table: RecordTable.codeEntry.rawValue)
        }
    }
}
