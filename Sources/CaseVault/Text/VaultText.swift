/// The one rule for text a person or a share puts into the vault: code
/// labels and accounts, identifier labels, notes and "other" values,
/// document labels, file names and notes, representative, sender and client
/// names.
///
/// All of it is printed later: on a terminal, in `--json`, on the printed
/// emergency kit, on another person's screen (a client's name on the
/// attorney's). So it must be plain text that shows what it is:
/// - no C0 or C1 control character and no DEL (escape sequences; a carriage
///   return or backspace that rewrites a line). Notes alone may keep line
///   feeds and tabs: they are several lines, and neither moves the cursor
///   backwards;
/// - no bidirectional control (U+061C, U+200E/F, U+202A-202E, U+2066-2069):
///   `notice\u{202E}fdp.exe` is shown as "noticeexe.pdf";
/// - no default-ignorable or other format code point (zero-width space,
///   U+034F, Hangul fillers, tags, soft hyphen...): invisible, they make two
///   names that look the same differ. Two exceptions, where a script or an
///   emoji needs them and they show as intended: the zero-width non-joiner
///   and joiner (U+200C, U+200D) between letters or marks (Persian, Arabic,
///   Indic names are written with them) or between emoji (family and
///   profession emoji), and the variation selectors U+FE0E/U+FE0F right
///   after an emoji (❤️);
/// - no line or paragraph separator, noncharacter or unassigned code point.
///
/// A refusal names the first refused character by code point and class and
/// never echoes the text (it may be a code or an identifier).
public enum VaultText {
    /// The first refused character of `text`, or nil when it is acceptable.
    public static func problem(in text: String, allowLineBreaks: Bool = false) -> RefusedCharacter? {
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            if allowLineBreaks && (s == "\n" || s == "\t") { continue }
            guard let kind = RefusedCharacter.classify(s) else { continue }
            if kind == .invisible && allowedInContext(scalars, at: i) { continue }
            return RefusedCharacter(scalar: s, kind: kind)
        }
        return nil
    }

    /// Trims surrounding whitespace and checks `raw` against the rule and the
    /// field's length limits (characters and bytes: a "short" text of
    /// combining marks can be 100 characters and 100 KB). Throws
    /// `invalidInput` naming `field`, the refused code point and its
    /// class, never the text.
    public static func check(_ raw: String, field: String, maxCharacters: Int, maxBytes: Int,
                             allowLineBreaks: Bool = false, allowEmpty: Bool = false, expected: String) throws -> String {
        let t = trimmed(raw)
        if t.isEmpty && !allowEmpty {
            throw CaseVaultError.invalidInput(field: field, reason: "it is empty", expected: expected)
        }
        guard t.count <= maxCharacters, t.utf8.count <= maxBytes else {
            throw CaseVaultError.invalidInput(field: field, reason: "it is longer than \(maxCharacters) characters or \(maxBytes) bytes", expected: expected)
        }
        if let bad = problem(in: t, allowLineBreaks: allowLineBreaks) {
            throw CaseVaultError.invalidInput(field: field, reason: "it contains \(bad)", expected: expected)
        }
        return t
    }

    /// `raw` without leading and trailing Unicode white space (spaces, line
    /// breaks). Only white space: an invisible character at an end (U+200B,
    /// which Foundation's whitespace set includes) is refused, not dropped.
    static func trimmed(_ raw: String) -> String {
        var s = Substring(raw).unicodeScalars
        while let f = s.first, f.properties.isWhitespace { s.removeFirst() }
        while let l = s.last, l.properties.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// A person's or an office's name: 1 to 100 characters.
    public static func name(_ raw: String, field: String) throws -> String {
        try check(raw, field: field, maxCharacters: 100, maxBytes: 400, expected: "a short name such as \"Jane Doe, Esq.\" in plain text")
    }

    /// Where a joiner or a variation selector is part of how text is written.
    static func allowedInContext(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        let c = s[i]
        let previous = i > 0 ? s[i - 1] : nil
        let next = i + 1 < s.count ? s[i + 1] : nil
        switch c.value {
        case 0x200C, 0x200D:
            guard let previous, let next else { return false }
            if isLetterOrMark(previous) && isLetterOrMark(next) { return true }
            // Emoji ZWJ sequences: 👩‍💻, 👨‍👩‍👧 (after an emoji, its modifier or U+FE0F).
            return c.value == 0x200D && (isPictographic(previous) || previous.value == 0xFE0F || previous.properties.isEmojiModifier)
                && isPictographic(next)
        case 0xFE0E, 0xFE0F:
            guard let previous else { return false }
            return previous.properties.isEmoji
        default:
            return false
        }
    }

    private static func isLetterOrMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// An emoji that is not also an ASCII digit, `#` or `*`.
    private static func isPictographic(_ s: Unicode.Scalar) -> Bool {
        s.value > 0x7F && s.properties.isEmoji
    }
}
