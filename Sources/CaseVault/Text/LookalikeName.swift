import ICUKit

/// Compares names by how they look, not by their code points: what a
/// client's name is pinned and shown under.
///
/// "Maria Lopez" with a zero-width joiner, a no-break space, U+034F or a
/// Hangul filler in it, "MARIA LOPEZ", "Мaria Lopez" with a Cyrillic М, or
/// "Ｍaria Lopez" in fullwidth all look like "Maria Lopez" on a screen; each
/// was pinned as a new client, beside the real one. A name's `Key`:
/// 1. NFKC (compatibility forms as plain letters);
/// 2. default-ignorable code points removed (zero-width characters, joiners,
///    U+034F), blank fillers (U+115F, U+1160, U+3164, U+FFA0) and all white
///    space removed, so "Maria Lopez", "Maria\u{3164}Lopez" and "MariaLopez"
///    compare equal (a space is easy to fake or to drop);
/// 3. the UTS #39 confusable skeleton, from ICU's data (Cyrillic а is a, rn
///    is m, capital I is l), twice: of the name as written (`exact`), and of
///    its NFKC_Casefold (`folded`). The skeleton is case-sensitive, and some
///    look-alikes meet only in one case (Cyrillic М and M in upper case, rn
///    and m in lower case; capital I looks like l, small i does not), so two
///    names look alike when either skeleton is the same.
///
/// Accents are kept (UTS #39 does not fold them): "María López" is shown
/// differently from "Maria Lopez", and is not flagged for it.
public enum LookalikeName {
    public struct Key: Equatable, Sendable {
        public let exact: String
        public let folded: String

        public init(exact: String, folded: String) {
            self.exact = exact
            self.folded = folded
        }

        /// Whether the two names look the same.
        public func looksLike(_ other: Key) -> Bool { exact == other.exact || folded == other.folded }
    }

    /// The comparison key of `name`. Throws only if ICU fails (then nothing
    /// is pinned: the caller refuses the share).
    public static func key(_ name: String) throws -> Key {
        let nfkc = name.precomposedStringWithCompatibilityMapping
        let visible = String(String.UnicodeScalarView(nfkc.unicodeScalars.filter { !ignored($0) }))
        return Key(exact: stripped(try ICU.skeleton(visible)), folded: stripped(try ICU.skeleton(try ICU.nfkcCasefold(visible))))
    }

    /// The version of the data keys come from (ICU's): a key kept from
    /// another version is made again (the inbox index keeps its clients').
    public static var dataVersion: String { ICU.version }

    /// Whether two names look the same.
    public static func lookAlike(_ a: String, _ b: String) throws -> Bool {
        try key(a).looksLike(key(b))
    }

    private static func stripped(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !ignored($0) }))
    }

    private static func ignored(_ s: Unicode.Scalar) -> Bool {
        s.properties.isDefaultIgnorableCodePoint || s.properties.isWhitespace
            || [0x115F, 0x1160, 0x3164, 0xFFA0].contains(s.value)
    }

    /// `name` with what makes it differ from a look-alike written out as
    /// `\u{…}`: invisible characters, white space other than U+0020, and
    /// letters confusable with plain ASCII ones (Cyrillic а). Shown beside a
    /// flagged name, so "Maria\u{A0}Lopez" reads differently from "Maria Lopez".
    public static func revealed(_ name: String) -> String {
        var out = ""
        for s in name.unicodeScalars {
            let plain = s.isASCII && s.value >= 0x20 && s.value < 0x7F
            let hidden = !plain && (s.properties.isDefaultIgnorableCodePoint || s.properties.isWhitespace
                || s.properties.generalCategory == .format || (try? ICU.skeleton(String(s)))?.unicodeScalars.allSatisfy(\.isASCII) == true)
            out += hidden ? "\\u{\(String(s.value, radix: 16, uppercase: true))}" : String(s)
        }
        return out
    }
}
