import Foundation

/// One line of a codes file: normalised, then read as codes, a heading or
/// note, or refused with a reason (CodeParser explains the rules).
enum CodeLine: Equatable {
    case blank
    case codes([String])
    case note
    case refused(Refusal)

    /// Why a line was not understood. Says what, never the line's text.
    enum Refusal: Error, Equatable, CustomStringConvertible {
        case notUTF8
        case character(RefusedCharacter)
        case crossMark(Unicode.Scalar)
        case codeAmongText
        case notUnderstood

        var description: String {
            switch self {
            case .notUTF8: return "is not valid UTF-8 text"
            case .character(let c) where c.scalar.value == 0: return "contains U+0000, a NUL character"
            case .character(let c): return "contains \(c)"
            case .crossMark(let s):
                return "has a cross mark (\(RefusedCharacter(scalar: s, kind: .invisible).codePoint)), which may mark a used code"
            case .codeAmongText: return "has a code-like group among other text"
            case .notUnderstood: return "is neither a code (4 to 64 letters and digits in groups) nor a heading or note"
            }
        }
    }

    /// Check marks and boxes drawn beside codes: decoration, dropped.
    static let decorations: Set<UInt32> = [0x2713, 0x2714, 0x2705, 0x1F5F8, 0x2610, 0x2611, 0x25A1, 0x25FB, 0x25FD]
    /// Crosses (✗ ✘ ❌ ❎ ☒): they may mean "used", so the line is refused, not read as an unused code.
    static let crosses: Set<UInt32> = [0x2717, 0x2718, 0x274C, 0x274E, 0x2612]
    /// List bullets before a code.
    static let bullets: Set<Character> = ["*", "-", "\u{2022}", "\u{00B7}", "\u{25E6}", "\u{25AA}", "\u{2023}", "\u{2043}", ">"]
    /// Blank-looking fillers (default-ignorable, but shown as a space by many fonts).
    static let fillers: Set<UInt32> = [0x115F, 0x1160, 0x3164, 0xFFA0]
    /// The smallest letter-only code (without a digit, a shorter one is a word).
    static let minLetterCode = 8

    static func classify(_ raw: ArraySlice<UInt8>) -> CodeLine {
        guard let decoded = String(validating: raw, as: UTF8.self) else { return .refused(.notUTF8) }
        let line: String
        switch normalise(decoded) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let text): line = text
        }
        if line.isEmpty { return .blank }
        let cells = cells(of: line)
        var codes: [String] = []
        for cell in cells {
            guard let code = code(in: cell, alone: cells.count == 1) else { break }
            codes.append(code)
        }
        if codes.count == cells.count { return .codes(codes) }
        if let c = line.unicodeScalars.first(where: { crosses.contains($0.value) }) { return .refused(.crossMark(c)) }
        if hasCodeLikeGroup(line) { return .refused(.codeAmongText) }
        let hasWord = line.split(whereSeparator: { !$0.isLetter }).contains { $0.count >= 2 }
        let hasLetterOrDigit = line.contains { $0.isLetter || $0.isNumber }
        return hasWord || !hasLetterOrDigit ? .note : .refused(.notUnderstood)
    }

    /// NFKC, one kind of space and dash, invisible characters dropped, and
    /// the characters no line may hold refused (controls, bidi controls,
    /// other format characters). Trimmed; tabs kept (they separate columns).
    static func normalise(_ line: String) -> Result<String, Refusal> {
        var out = String.UnicodeScalarView()
        for s in line.unicodeScalars {
            if s == "\t" { out.append(s); continue }
            if fillers.contains(s.value) { out.append(" "); continue }
            if let kind = RefusedCharacter.classify(s) {
                // Zero-width spaces, joiners, soft hyphens, variation
                // selectors: invisible, so the code is what is seen without
                // them. Anything that moves or hides text is refused.
                if kind == .invisible && s.properties.isDefaultIgnorableCodePoint { continue }
                return .failure(.character(RefusedCharacter(scalar: s, kind: kind)))
            }
            out.append(s)
        }
        var text = String(out).precomposedStringWithCompatibilityMapping
        text = String(String.UnicodeScalarView(text.unicodeScalars.map { s -> Unicode.Scalar in
            switch s.value {
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return "-"
            case 0x09: return s
            default: return s.properties.isWhitespace ? " " : s
            }
        }))
        return .success(text.trimmingCharacters(in: .whitespaces))
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
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The code in `cell`, or nil. `alone`: the cell is the whole line.
    static func code(in cell: String, alone: Bool) -> String? {
        var s = Substring(cell)
        var listed = false
        // List numbering "1." / "12)" or a bullet, followed by a space.
        if let i = s.firstIndex(where: { !$0.isASCII || !$0.isNumber }), i != s.startIndex,
           s[i] == "." || s[i] == ")", s.index(after: i) < s.endIndex, s[s.index(after: i)] == " " {
            s = s[s.index(i, offsetBy: 2)...]
            listed = true
        } else if let first = s.first, bullets.contains(first), s.dropFirst().first == " " {
            s = s.dropFirst(2)
            listed = true
        }
        // Check marks and boxes before or after the code.
        while let f = s.unicodeScalars.first, decorations.contains(f.value) || f == " " { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, decorations.contains(l.value) || l == " " { s = Substring(s.unicodeScalars.dropLast()) }
        let c = String(s)
        guard c.count >= 4, c.count <= CodeParser.maxCodeLength else { return nil }
        var groups: [Substring] = []
        var separators = Set<Character>()
        var previousSeparator = true
        var start = c.startIndex
        for i in c.indices {
            let ch = c[i]
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                previousSeparator = false
            } else if ch == " " || ch == "-" {
                if previousSeparator { return nil }
                groups.append(c[start..<i])
                separators.insert(ch)
                start = c.index(after: i)
                previousSeparator = true
            } else {
                return nil
            }
        }
        guard !previousSeparator else { return nil }
        groups.append(c[start...])
        // Words joined by single spaces are a code's groups only when they
        // are alike: of one length (6990 7734), and not digits beside a word
        // (6990 7734 used, Backup code 4F7K9P2M).
        let words = c.split(separator: " ")
        if words.count > 1 {
            guard words.allSatisfy({ $0.count == words[0].count }) else { return nil }
            let digitsOnly = words.contains { $0.allSatisfy(\.isNumber) }
            let lettersOnly = words.contains { $0.allSatisfy(\.isLetter) }
            guard !(digitsOnly && lettersOnly) else { return nil }
        }
        if c.contains(where: \.isNumber) { return c }
        // Letters only: a code only in a code's shape, never a word or a heading.
        let letters = c.filter(\.isLetter)
        guard letters.count >= minLetterCode, letters == letters.lowercased() || letters == letters.uppercased() else { return nil }
        let evenGroups = groups.allSatisfy { $0.count >= 3 && $0.count == groups[0].count }
        if listed { return groups.count == 1 || evenGroups ? c : nil }
        guard alone else { return nil }
        if groups.count == 1 { return c }
        return separators == ["-"] && evenGroups ? c : nil
    }

    /// Whether the line holds something that looks like a code beside other
    /// text, URLs and e-mail addresses aside: letters and digits joined by
    /// dashes (`1234-5678`, `a1b2c-3d4e5`), two or more groups with digits in
    /// a row (`6990 7734`), or one group of six or more with a digit
    /// (`69907734`, `4F7K9P2M`). Dates and counts (`Nov 21, 2026`, `1-10`) are
    /// not. Such a line is refused rather than skipped as a note.
    static func hasCodeLikeGroup(_ line: String) -> Bool {
        // Letters and digits in consecutive single groups with a digit, not
        // broken by punctuation ("21, 2026" is two runs).
        var run = 0
        for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if word.contains("@") || word.contains("://") || word.lowercased().hasPrefix("www.") { run = 0; continue }
            let isAlnum = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
            if let f = word.first, !isAlnum(f) { run = 0 }
            let token = word.drop { !isAlnum($0) }.reversed().drop { !isAlnum($0) }.reversed()
            let brokenAfter = word.last.map { !isAlnum($0) } ?? false
            let groups = String(token).split(separator: "-", omittingEmptySubsequences: false)
            let alnum = !token.isEmpty && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAlnum) }
            let length = groups.reduce(0) { $0 + $1.count }
            if alnum && token.contains(where: \.isNumber) {
                if groups.count >= 2 {
                    if length >= 6 { return true }
                    run = 0
                } else {
                    run += length
                    if run >= 6 { return true }
                }
            } else {
                run = 0
            }
            if brokenAfter { run = 0 }
        }
        return false
    }
}
