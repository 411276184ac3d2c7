/// Associated data that binds a ciphertext to its place.
///
/// Layout: "casevault/v1" 0x00, then each field as a 2-byte big-endian length
/// and its bytes: vault id, table name, row id. A record copied to another
/// row, another table or another vault no longer authenticates, so a moved or
/// swapped ciphertext is detected instead of decrypting in the wrong place.
public enum AssociatedData {
    static let prefix: [UInt8] = Array("casevault/v1".utf8) + [0]

    public static func record(vaultID: [UInt8], table: String, id: String) -> [UInt8] {
        build([vaultID, Array(table.utf8), Array(id.utf8)])
    }

    static func keySlot(vaultID: [UInt8], kind: KeySlotKind) -> [UInt8] {
        build([vaultID, Array("key_slot".utf8), Array(kind.rawValue.utf8)])
    }

    static func build(_ fields: [[UInt8]]) -> [UInt8] {
        var out = prefix
        for f in fields {
            precondition(f.count < 65536)
            out.append(UInt8(f.count >> 8))
            out.append(UInt8(f.count & 0xff))
            out.append(contentsOf: f)
        }
        return out
    }
}
