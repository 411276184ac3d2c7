import CaseVault

/// The representatives printed on the kit: name and key fingerprint, from the
/// vault's representative list (shares subkey; reading it needs the vault
/// unlocked). The fingerprint is what the applicant confirms by phone.
public enum KitRepresentatives {
    public struct Entry: Sendable {
        public let name: String
        public let fingerprint: String
    }

    public static func load(_ vault: Vault) throws -> [Entry] {
        try vault.representatives.list().map { Entry(name: $0.name, fingerprint: $0.fingerprint) }
    }
}
