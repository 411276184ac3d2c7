import Foundation
import KeyringKit

/// How a vault's unlock item is named in the Secret Service (docs/keyring.md).
///
/// The attributes find the item (several vaults coexist, one item each); the
/// label is what a person sees in Seahorse, KWallet Manager or KeePassXC.
/// None of them is secret: the vault id is public (it is in every record's
/// associated data and in the vault status).
///
/// Why the location is part of an item's identity: a vault copied with
/// `cp -a`, or restored from a backup, is byte for byte the original: same
/// vault id, same keyring slot. The only thing that tells the two apart is
/// where each lives. Items are therefore bound to the vault's directory
/// (`path`, symlinks resolved), so `keyring disable` or `enable` in a copy
/// deletes or replaces only the copy's own item, never the one the original
/// still unlocks with. Items stored before this (no `path` attribute) belong
/// to the location their label names.
public enum KeyringItemIdentity {
    /// The libsecret schema; stored on the item as `xdg:schema`.
    public static let schemaName = "org.casevault.VaultUnlock"
    /// Value of the `application` attribute.
    public static let application = "casevault"

    static let schema = KeyringSchema(name: schemaName, attributeNames: ["application", "vault", "path"])

    /// `application` = casevault, `vault` = the vault id in hex: matches the
    /// items of every location of this vault (older items included).
    public static func attributes(vaultIDHex: String) -> [String: String] {
        ["application": application, "vault": vaultIDHex]
    }

    /// The attributes of the item of the vault at `location`: also `path`.
    public static func attributes(vaultIDHex: String, location: VaultLocation) -> [String: String] {
        attributes(vaultIDHex: vaultIDHex).merging(["path": boundPath(location)]) { $1 }
    }

    /// The directory an item is bound to: absolute, symlinks resolved, so
    /// `--vault` spelled another way still names the same item.
    public static func boundPath(_ location: VaultLocation) -> String {
        location.directory.resolvingSymlinksInPath().path
    }

    /// "CaseVault unlock key (vault 1a2b3c4d, /home/ana/.local/share/casevault)".
    public static func label(vaultIDHex: String, path: String) -> String {
        "CaseVault unlock key (vault \(vaultIDHex.prefix(8)), \(path))"
    }

    /// Whether `item` is the item of the vault at `location`: bound to its
    /// path, or an older item (no `path`) whose label names the location.
    static func belongs(_ item: KeyringItem, vaultIDHex: String, location: VaultLocation) -> Bool {
        guard item.attributes["vault"] == vaultIDHex else { return false }
        if let path = item.attributes["path"] { return path == boundPath(location) }
        return [location.path, boundPath(location)].contains { item.label == label(vaultIDHex: vaultIDHex, path: $0) }
    }
}
