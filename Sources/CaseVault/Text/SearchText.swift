import Foundation

/// How a search for a client's name compares: what a person typing part of
/// a name expects to find.
///
/// Both the name and the query are folded, then the query must occur in the
/// name: "lopez" finds "María López", "NGUYEN" finds "Nguyễn Văn", "ﬁ" and
/// "fi", a fullwidth "Ｍaria" and "Maria", "strasse" and "Straße", "olga"
/// and "Ølga" all meet. Folding is:
/// 1. NFKC (compatibility forms as plain letters);
/// 2. case, diacritics and width folded (Foundation's `folding`), which
///    also folds ß to ss;
/// 3. the Latin letters with a stroke or ligatures that carry no separate
///    accent folded by hand (ø o, ł l, đ d, ħ h, ı i, æ ae, œ oe, þ th);
/// 4. default-ignorable code points (joiners, zero-width characters) and
///    fillers removed, and every run of white space one space.
///
/// Look-alikes are not searched for (a Cyrillic "М" is not "M" here): the
/// listing marks them instead (LookalikeName).
public enum SearchText {
    /// The folded form of `text`.
    public static func fold(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var space = false
        for s in folded.unicodeScalars {
            if s.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if s.properties.isDefaultIgnorableCodePoint || [0x115F, 0x1160, 0x3164, 0xFFA0].contains(s.value) { continue }
            if space {
                out.append(" ")
                space = false
            }
            if let plain = letters[s] { out.append(contentsOf: plain.unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// Whether `name` contains `query`, both folded.
    public static func matches(_ name: String, query: String) -> Bool {
        let q = Array(fold(query).utf8)
        return q.isEmpty || contains(Array(fold(name).utf8), q)
    }

    /// Whether the UTF-8 bytes `haystack` contain `needle`. Both are folded
    /// (NFKC, so one spelling per text): a byte match is a match of the
    /// text, and costs a fraction of Foundation's `range(of:)`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Letters that `folding` keeps (they are letters of their own, not a
    /// letter with an accent), as people without them on their keyboard write them.
    private static let letters: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ŧ": "t", "ƀ": "b",
    ]
}
