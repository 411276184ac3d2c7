import KeyringKit

extension KeyringError {
    /// The step a person can take, per failure (words: `Suggestion.advice`).
    public var suggestion: Suggestion {
        switch self {
        case .noSessionBus: return .keyringNeedsDesktopSession
        case .noService: return .startKeyringService
        case .locked: return .unlockKeyring
        case .noDefaultCollection: return .createDefaultKeyring
        case .timeout: return .restartKeyringService
        case .itemNotFound: return .enableKeyringAgainOrDisable
        case .malformedItem: return .unlockWithPassphraseThenEnableKeyring
        case .failed: return .checkKeyringManager
        }
    }

    /// The same failure as a vault error (kind `keyring`).
    public var vaultError: CaseVaultError {
        .keyring(reason: reason, suggestion: suggestion)
    }
}
