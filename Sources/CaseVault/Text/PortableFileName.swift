import Foundation

/// A file name that is safe to write on Linux, macOS and Windows, and shows
/// what it is: the one rule for every name casevault writes to disk from a
/// share (the sender's exporter and the receiver's reader and extractor).
///
/// Refused, whatever the platform the share is opened on (a share made on
/// Linux is extracted on Windows, and the other way round):
/// - every character `VaultText` refuses, without its exceptions (joiners
///   and variation selectors included): controls (`csi\u{9B}31mred` steers
///   a terminal that lists the directory), bidirectional controls
///   (`I-797 notice\u{202E}fdp.exe` is shown as "I-797 noticeexe.pdf"),
///   zero-width and other default-ignorable or format characters
///   (`zw\u{200B}sp` looks like "zwsp"), separators, noncharacters and
///   unassigned code points;
/// - `< > : " / \ | ? *` (Windows refuses them; `/` and `\` separate directories);
/// - a leading dot (`.bashrc`: hidden, and a shell's start-up file), a
///   leading or trailing space, a trailing dot (Windows drops them, so the
///   name written is not the name checked);
/// - Windows device names, alone or with an extension, in any case: CON,
///   PRN, AUX, NUL, COM0-9, LPT0-9, COM¹²³, LPT¹²³, CONIN$, CONOUT$
///   (`CON.txt` opens the console, not a file);
/// - empty, `.`, `..`, and more than 255 bytes of UTF-8 (the limit of
///   Linux and macOS; Windows' 255 UTF-16 units is then met too).
public struct PortableFileName: Equatable, Sendable {
    public let value: String

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case dotOrDotDot
        case character(RefusedCharacter)
        case leadingDot
        case leadingOrTrailingSpace
        case trailingDot
        case deviceName
        case tooLong(bytes: Int)

        public var description: String {
            switch self {
            case .empty: return "the name is empty"
            case .dotOrDotDot: return "the name is '.' or '..'"
            case .character(let c): return "the name contains \(c)"
            case .leadingDot: return "the name starts with a dot (a hidden file)"
            case .leadingOrTrailingSpace: return "the name starts or ends with a space"
            case .trailingDot: return "the name ends with a dot (Windows drops it)"
            case .deviceName: return "the name is a Windows device name (CON, PRN, AUX, NUL, COM1, LPT1...)"
            case .tooLong(let n): return "the name is \(n) bytes long; at most \(PortableFileName.maxBytes) are allowed"
            }
        }
    }

    public static let maxBytes = 255
    static let reservedCharacters = Set("<>:\"/\\|?*".unicodeScalars)
    static let deviceNames: Set<String> = {
        var s: Set<String> = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        for d in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u{B9}", "\u{B2}", "\u{B3}"] {
            s.insert("COM" + d)
            s.insert("LPT" + d)
        }
        return s
    }()

    /// `name` if it follows the rule; throws the first `Problem` otherwise.
    public init(validating name: String) throws(Problem) {
        if let p = Self.problem(name) { throw p }
        value = name
    }

    /// What is wrong with `name` as a file name, or nil.
    public static func problem(_ name: String) -> Problem? {
        guard !name.isEmpty else { return .empty }
        if name == "." || name == ".." { return .dotOrDotDot }
        for s in name.unicodeScalars {
            if let c = refused(s) { return .character(RefusedCharacter(scalar: s, kind: c)) }
        }
        let scalars = name.unicodeScalars
        if scalars.first == "." { return .leadingDot }
        if let f = scalars.first, let l = scalars.last, f.properties.isWhitespace || l.properties.isWhitespace {
            return .leadingOrTrailingSpace
        }
        if scalars.last == "." { return .trailingDot }
        if isDeviceName(name) { return .deviceName }
        if name.utf8.count > maxBytes { return .tooLong(bytes: name.utf8.count) }
        return nil
    }

    /// The class of `s` if a file name may not hold it anywhere.
    static func refused(_ s: Unicode.Scalar) -> RefusedCharacter.Kind? {
        if let kind = RefusedCharacter.classify(s) { return kind }
        return reservedCharacters.contains(s) ? .reservedInFileNames : nil
    }

    /// Windows reserves the device names with any extension (`nul.tar.gz`)
    /// and ignores spaces before the dot (`CON .txt`).
    static func isDeviceName(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? name
        var trimmed = Substring(stem)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return deviceNames.contains(trimmed.uppercased())
    }

    /// Two names that one file system may take for the same file: macOS and
    /// Windows ignore case, and macOS ignores Unicode normalisation.
    public static func collisionKey(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }
}
