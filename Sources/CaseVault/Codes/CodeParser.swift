/// What a codes file gave: the codes, and the lines that were not codes.
public struct CodeReading: Sendable, Equatable {
    /// The codes, in order, each once.
    public var codes: [String]
    /// Line numbers (from 1) of the headings and notes that were skipped.
    public var skippedLines: [Int]
    /// Line numbers of codes that were already read from an earlier line.
    public var duplicateLines: [Int]
}

/// Extracts backup codes from what a person typed or a site's codes file,
/// and never drops a line without saying so.
///
/// Sites save codes in different shapes: one per line (`4F7K-9P2M-XW3Q`),
/// numbered (`1. 6990 7734`) or bulleted, two columns separated by tabs or
/// runs of spaces, with headings and notes around them. Each line is first
/// normalised (`CodeLine`): NFKC (fullwidth digits, no-break and other
/// spaces), every kind of dash (U+2010-2015, U+2212) read as `-`, invisible
/// characters left by copying from a web page dropped, check marks and empty
/// or ticked boxes around a code dropped as decoration. Then it is one of:
/// - blank;
/// - codes: every cell, after an optional `N.`/`N)` number or bullet, is 4 to
///   64 letters and digits in groups joined by single spaces or dashes, with
///   a digit; or, letters only, at least 8 of one case, numbered or alone on
///   its line (`1. abcdefgh`, a hex code without a digit `fbcde-abcde`);
/// - a heading or note: words, with no group that looks like a code among
///   them (URLs and e-mail addresses aside), or only punctuation;
/// - not understood: anything else, including a line with a NUL or another
///   control character, a bidi control, bytes that are not UTF-8, a cross
///   mark (which may mark a used code), or a code-like group among words.
///
/// A line that is not understood might be a code read wrong, so the whole
/// input is refused (nothing is stored; `invalidInput`), naming each such line by
/// number and reason, never by content (it may be a code).
public enum CodeParser {
    public static let maxCodes = 200
    public static let maxCodeLength = 64
    static let maxBytes = 1 << 20
    /// Lines listed in a refusal; the rest are counted.
    static let maxListedLines = 10

    /// Reads codes from `text` (what was typed, or a file already decoded).
    public static func parse(_ text: String) throws -> [String] {
        try read(Array(text.utf8)).codes
    }

    /// Reads codes from the bytes of a codes file or standard input.
    public static func read(_ bytes: [UInt8]) throws -> CodeReading {
        guard bytes.count <= maxBytes else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "the input is larger than 1 MiB", expected: "a backup codes file as the site saved it")
        }
        // A UTF-8 byte-order mark (Windows Notepad writes one) is not part of the first line.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var reading = CodeReading(codes: [], skippedLines: [], duplicateLines: [])
        var seen = Set<String>()
        var refused: [(line: Int, reason: CodeLine.Refusal)] = []
        for (index, raw) in lines(body).enumerated() {
            let number = index + 1
            switch CodeLine.classify(raw) {
            case .blank:
                continue
            case .note:
                reading.skippedLines.append(number)
            case .refused(let reason):
                refused.append((number, reason))
            case .codes(let codes):
                for code in codes {
                    guard seen.insert(code).inserted else { reading.duplicateLines.append(number); continue }
                    reading.codes.append(code)
                    if reading.codes.count > maxCodes {
                        throw CaseVaultError.invalidInput(field: "codes", reason: "more than \(maxCodes) codes", expected: "one site's backup codes")
                    }
                }
            }
        }
        if !refused.isEmpty { throw refusal(refused) }
        guard !reading.codes.isEmpty else {
            throw CaseVaultError.invalidInput(field: "codes", reason: "no backup code found in the input",
                                              expected: "codes of letters and digits, one per line (e.g. 4F7K-9P2M or 6990 7734)")
        }
        return reading
    }

    /// The input's lines, split on LF, CRLF or a lone CR (old Mac files);
    /// numbered as an editor numbers them.
    static func lines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                out.append(bytes[start..<i])
                if b == 0x0D, i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.endIndex { out.append(bytes[start..<bytes.endIndex]) }
        return out
    }

    static func refusal(_ refused: [(line: Int, reason: CodeLine.Refusal)]) -> CaseVaultError {
        let listed = refused.prefix(maxListedLines).map { "line \($0.line) \($0.reason)" }
        let more = refused.count > maxListedLines ? "; and \(refused.count - maxListedLines) more line\(refused.count - maxListedLines == 1 ? "" : "s")" : ""
        let count = refused.count == 1 ? "1 line was" : "\(refused.count) lines were"
        return .invalidInput(field: "codes", reason: "\(count) not understood, so nothing was stored: \(listed.joined(separator: "; "))\(more)",
                             expected: "each line to be a code (letters and digits in groups, e.g. 4F7K-9P2M or 1. 6990 7734), a heading or a note; fix or delete those lines and try again")
    }
}
