/// Extracts backup codes from what a person typed or a site's codes file.
///
/// Sites save codes in different shapes: one per line (`4F7K-9P2M-XW3Q`),
/// numbered (`1. 6990 7734`), two columns separated by tabs or runs of spaces,
/// with a heading and footnotes around them. A cell is taken as a code when,
/// after an optional `N.` or `N)` number, it is 4 to 64 characters of letters,
/// digits and single inner spaces or dashes, with at least one digit; anything
/// else (headings, dates with commas, URLs, `*` notes) is ignored.
public enum CodeParser {
    public static let maxCodes = 200
    public static let maxCodeLength = 64

    public static func parse(_ text: String) throws -> [String] {
        guard text.utf8.count <= 1 << 20 else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "the input is larger than 1 MiB", expected: "a backup codes file as the site saved it")
        }
        var out: [String] = []
        var seen = Set<String>()
        // `isNewline`, not `== "\n"`: Swift reads CRLF as one Character, equal
        // to neither "\n" nor "\r", so a codes file saved on Windows was one
        // long line and gave "no backup code found".
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            for cell in cells(of: String(rawLine)) {
                guard let code = code(in: cell), !seen.contains(code) else { continue }
                seen.insert(code)
                out.append(code)
                if out.count > maxCodes {
                    throw CaseVaultError.invalidInput(field: "codes", reason: "more than \(maxCodes) codes", expected: "one site's backup codes")
                }
            }
        }
        guard !out.isEmpty else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "no backup code found in the input",
                                              expected: "codes of letters and digits, one per line (e.g. 4F7K-9P2M or 6990 7734)")
        }
        return out
    }

    /// Splits a line on tabs and on runs of two or more spaces.
    static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var spaces = 0
        for ch in line {
            if ch == "\t" {
                cells.append(current); current = ""; spaces = 0
            } else if ch == " " {
                spaces += 1
                if spaces == 2 { cells.append(current); current = "" }
                else if spaces == 1 { current.append(" ") }
            } else {
                if spaces >= 2 { current = "" }
                spaces = 0
                current.append(ch)
            }
        }
        cells.append(current)
        return cells.map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }

    static func code(in cell: String) -> String? {
        var s = Substring(cell)
        // Strip list numbering: "1." / "12)" followed by a space.
        if let i = s.firstIndex(where: { !$0.isNumber }), i != s.startIndex,
           s[i] == "." || s[i] == ")", s.index(after: i) < s.endIndex, s[s.index(after: i)] == " " {
            s = s[s.index(i, offsetBy: 2)...]
        }
        let c = String(s).trimmingCharacters(in: " ")
        guard c.count >= 4, c.count <= maxCodeLength else { return nil }
        var previousSeparator = true
        var hasDigit = false
        for ch in c {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                previousSeparator = false
                if ch.isNumber { hasDigit = true }
            } else if ch == " " || ch == "-" {
                if previousSeparator { return nil }
                previousSeparator = true
            } else {
                return nil
            }
        }
        guard !previousSeparator, hasDigit else { return nil }
        return c
    }
}

extension String {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
