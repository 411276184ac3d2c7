import CaseVault
import SodiumKit

/// A representative's recipient (`age1…`) from what the applicant pasted or
/// the file they chose: the text their representative's identity page
/// shows, alone or with the lines around it (`casevault identity show`
/// prints a label and two fingerprints beside it; age's recipient files
/// have `#` comments).
///
/// The pasted text and the file arrive in secure memory. They are looked
/// at for an age *secret* key first, bytewise, before anything becomes a
/// String: a representative who sent their identity file by mistake must
/// not have it copied around, printed on a page or stored. The recipient
/// found is then checked by the library (`RepresentativeStore.add`: Bech32
/// checksum, a post-quantum or X25519 key), whose refusal names the format expected.
enum RecipientText {
    /// A recipients file is a few lines; anything much larger is not one.
    static let fileLimit = 16 * 1024

    /// The one recipient in `source`. Throws `AppError.invalid` (words for
    /// the form) when it holds a secret key, no `age1…` word, or several.
    static func recipient(in source: SecureBytes) throws -> String {
        if containsSecretKey(source) {
            throw AppError.invalid(RepresentativePages.t("secret_key"))
        }
        let text = source.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        // One word: the library checks it and says what is expected.
        if words.count == 1 { return words[0] }
        var found: [String] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            for word in line.split(whereSeparator: { $0.isWhitespace }) where word.lowercased().hasPrefix("age1") {
                let w = String(word)
                if !found.contains(where: { $0.lowercased() == w.lowercased() }) { found.append(w) }
            }
        }
        switch found.count {
        case 0:
            throw AppError.invalid(RepresentativePages.t("no_recipient"))
        case 1:
            return found[0]
        default:
            throw AppError.invalid(RepresentativePages.t("several", ["count": "\(found.count)"]))
        }
    }

    /// Whether `bytes` holds `AGE-SECRET-KEY-` in any case (age's secret
    /// key prefix; the post-quantum one begins the same).
    static func containsSecretKey(_ bytes: SecureBytes) -> Bool {
        let needle = Array("AGE-SECRET-KEY-".utf8)
        return bytes.withUnsafeBytes { raw in
            guard raw.count >= needle.count else { return false }
            for start in 0...(raw.count - needle.count) {
                var match = true
                for (i, n) in needle.enumerated() {
                    var c = raw[start + i]
                    if c >= 0x61 && c <= 0x7A { c -= 0x20 }
                    if c != n { match = false; break }
                }
                if match { return true }
            }
            return false
        }
    }
}
