/// One character that a name, label or file name may not hold, and why.
///
/// Shared by the two text rules (`VaultText` for what enters the vault,
/// `PortableFileName` for what is written to disk), so both refuse the same
/// classes for the same reasons and say so the same way: by code point and
/// class (`U+202E, a bidirectional control`), never by echoing the text,
/// which may be a code or an identifier.
public struct RefusedCharacter: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// C0 and C1 controls and DEL: escape sequences start with one, and
        /// a carriage return or backspace rewrites what a terminal shows.
        case control
        /// U+061C, U+200E/F, U+202A-202E, U+2066-2069: they reorder how the
        /// text is shown (`notice\u{202E}fdp.exe` reads as "noticeexe.pdf").
        case bidiControl
        /// Default-ignorable code points (zero-width space, joiners out of
        /// place, U+034F, Hangul fillers, variation selectors, tags) and other
        /// format characters: invisible, so two texts that look the same differ.
        case invisible
        /// U+2028, U+2029: line breaks in disguise.
        case lineSeparator
        /// Code points Unicode promises never to assign (U+FFFE, U+FDD0...).
        case noncharacter
        /// Not assigned in the Unicode version this program knows: how it
        /// will be shown (or what it will mean) is unknown.
        case unassigned
        /// `< > : " / \ | ? *`: Windows refuses them in file names, and `/`
        /// and `\` separate directories.
        case reservedInFileNames
    }

    public let scalar: Unicode.Scalar
    public let kind: Kind

    /// `U+202E`
    public var codePoint: String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    public var description: String {
        switch kind {
        case .control: return "\(codePoint), a control character (it can steer a terminal)"
        case .bidiControl: return "\(codePoint), a bidirectional control (it changes the order in which text is shown)"
        case .invisible: return "\(codePoint), an invisible or format character (text that looks the same would differ)"
        case .lineSeparator: return "\(codePoint), a line or paragraph separator"
        case .noncharacter: return "\(codePoint), a Unicode noncharacter"
        case .unassigned: return "\(codePoint), a code point not assigned in the Unicode version this program knows"
        case .reservedInFileNames: return "\(codePoint) ('\(Character(scalar))'), which file names may not contain on Windows, or which separates directories"
        }
    }

    /// The class of `s` if it is refused whatever surrounds it, else nil.
    /// Joiners and variation selectors are `.invisible` here; `VaultText`
    /// allows them where a script or an emoji needs them.
    static func classify(_ s: Unicode.Scalar) -> Kind? {
        let p = s.properties
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return .control
        default: break
        }
        if p.isBidiControl { return .bidiControl }
        if p.isDefaultIgnorableCodePoint { return .invisible }
        switch p.generalCategory {
        case .format: return .invisible
        case .lineSeparator, .paragraphSeparator: return .lineSeparator
        case .unassigned: return p.isNoncharacterCodePoint ? .noncharacter : .unassigned
        default: break
        }
        if p.isNoncharacterCodePoint { return .noncharacter }
        return nil
    }
}
