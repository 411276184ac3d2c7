import CaseVault
import SodiumKit

/// What FuzzVault runs on each input: every parser of outside data in the
/// vault library: codes files, identifier values, typed recovery keys,
/// dates, the inbox index's buckets, and the records of vault.db as they would be after
/// authentication (random bytes never authenticate, so the decoders are fed
/// directly) and before (the AEAD path).
///
/// The fixed record key lives here, in the fuzz target, not in the library:
/// the library's package entry points take the key as an argument.
enum VaultFuzzHooks {
    static let recordKey: SecureBytes? = try? SecureBytes(copying: [UInt8](repeating: 7, count: 32))
    static let vaultID = [UInt8](repeating: 1, count: 16)

    static func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? CodeParser.parse(text)
        _ = try? CodeParser.read(bytes)
        for kind in IdentifierKind.allCases { _ = try? kind.normalise(text) }
        if let typed = try? SecureBytes(copying: Array(bytes.prefix(512))) { _ = try? RecoveryKey.parse(typed) }
        _ = try? CalendarDay(parsing: text)
        try? PackageEntryPoints.decodeInboxIndexBucket(bytes)
        // With the bucket's magic and version in front, the fuzzer reaches its fields at once.
        try? PackageEntryPoints.decodeInboxIndexBucket(Array("cvix".utf8) + [1] + bytes)
        guard let key = recordKey else { return }
        try? PackageEntryPoints.decodeCodeEntry(padded: bytes, key: key, vaultID: vaultID)
        try? PackageEntryPoints.decodeIdentifier(padded: bytes, key: key, vaultID: vaultID)
        try? PackageEntryPoints.openCodeEntry(sealed: bytes, key: key, vaultID: vaultID)
    }
}
