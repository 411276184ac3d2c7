import SodiumKit

/// What a new passphrase must satisfy.
public enum PassphrasePolicy {
    /// Minimum length in bytes of UTF-8 (about characters for Latin text).
    /// With Argon2id MODERATE each guess costs ~0.5 s and 256 MiB, but a short
    /// passphrase is still within reach of a determined offline attacker.
    public static let minimumBytes = 10

    public static func check(_ passphrase: SecureBytes) throws {
        guard passphrase.count >= minimumBytes else {
            throw CaseVaultError.weakPassphrase(reason: "it is shorter than \(minimumBytes) characters")
        }
    }
}
