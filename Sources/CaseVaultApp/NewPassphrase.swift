import CaseVault
import SodiumKit

/// A new passphrase from a form: typed twice, held to the library's policy.
///
/// The same words on every page that sets one (create, change, recover),
/// in the page's language (read on the request's task, never the vault queue).
/// The two entries are compared in constant time and never leave secure
/// memory; a refusal says what to change, never what was typed.
enum NewPassphrase {
    static func read(_ form: FormFields, first: String, again: String) throws -> SecureBytes {
        guard let passphrase = form.secret(first), let repeated = form.secret(again) else {
            throw AppError.invalid(SettingsNotice.t("passphrase_both"))
        }
        do {
            try PassphrasePolicy.check(passphrase)
        } catch let e as CaseVaultError where e.kind == .weakSecret {
            throw AppError.invalid(SettingsNotice.t("passphrase_short", ["count": "\(PassphrasePolicy.minimumBytes)"]))
        }
        guard passphrase.constantTimeEquals(repeated) else {
            throw AppError.invalid(SettingsNotice.t("passphrase_differ"))
        }
        return passphrase
    }
}
