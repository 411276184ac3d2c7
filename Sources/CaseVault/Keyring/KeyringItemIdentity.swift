import KeyringKit

/// How a vault's unlock item is named in the Secret Service (docs/keyring.md).
///
/// The attributes find the item (several vaults coexist, one item each); the
/// label is what a person sees in Seahorse, KWallet Manager or KeePassXC.
/// None of them is secret: the vault id is public (it is in every record's
/// associated data and in `casevault status`).
public enum KeyringItemIdentity {
    /// The libsecret schema; stored on the item as `xdg:schema`.
    public static let schemaName = "org.casevault.VaultUnlock"
    /// Value of the `application` attribute.
    public static let application = "casevault"

    static let schema = KeyringSchema(name: schemaName, attributeNames: ["application", "vault"])

    /// `application` = casevault, `vault` = the vault id in hex.
    public static func attributes(vaultIDHex: String) -> [String: String] {
        ["application": application, "vault": vaultIDHex]
    }

    /// "CaseVault unlock key (vault 1a2b3c4d, /home/ana/.local/share/casevault)".
    public static func label(vaultIDHex: String, path: String) -> String {
        "CaseVault unlock key (vault \(vaultIDHex.prefix(8)), \(path))"
    }
}
