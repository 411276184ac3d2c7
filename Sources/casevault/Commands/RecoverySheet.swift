import CaseVault
import CaseVaultApp
import Foundation

/// A trusted person's printable sheet (HTML, written 0600): their share's
/// words, what it is for, who else holds one, how to use it, and the
/// applicant's signing fingerprint to compare when opening the copy.
/// Everything from the vault or the command line is HTML-escaped.
struct RecoverySheet {
    let holder: String
    let number: Int
    let words: [String]
    let setup: RecoverySetup
    let applicant: String
    let signerFingerprint: String

    /// HTML-escapes text (names are the user's): the kit's escaping.
    static func escape(_ s: String) -> String { KitPage.escape(s) }

    func html() -> String {
        let e = Self.escape
        let others = setup.holders.map(\.name).filter { $0 != holder }
        let cells = words.enumerated().map { "<li><span class=\"n\">\($0.offset + 1)</span> \(e($0.element))</li>" }.joined(separator: "\n")
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Recovery share for \(e(holder))</title>
        <style>
        body { font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.4; color: #000; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
        ol.words { columns: 3; list-style: none; padding: 0; font-family: monospace; font-size: 1.15em; }
        ol.words li { padding: .25em 0; break-inside: avoid; } .n { display: inline-block; width: 2em; color: #555; }
        .box { border: 2px solid #000; padding: .8em 1em; } .fp { font-family: monospace; font-size: 1.1em; }
        @media print { body { margin: 0; } }
        </style></head><body>
        <h1>Recovery share \(number) of \(setup.holders.count), for \(e(holder))</h1>
        <p>\(e(applicant)) chose you as one of \(setup.holders.count) trusted people. If they cannot reach their own records
        (detained, in hospital, their laptop taken), any \(setup.threshold) of you together can open an emergency copy of their
        immigration records: backup codes, case numbers and document scans. Your share alone opens nothing, and tells nothing.</p>
        <h2>Your share: \(words.count) words, in this order</h2>
        <div class="box"><ol class="words">
        \(cells)
        </ol></div>
        <h2>Who else holds a share</h2>
        <p>\(others.map(e).joined(separator: ", ")). Any \(setup.threshold) of the \(setup.holders.count) shares are needed.</p>
        <h2>How to use it</h2>
        <ol>
        <li>Get the emergency copy (the file <code>emergency-copy.age</code>) from \(e(applicant)) or one of the others.</li>
        <li>Meet (or call) enough of the others: \(setup.threshold) shares in all, yours included.</li>
        <li>On a computer with CaseVault, run <code>casevault recovery open emergency-copy.age --extract DIR</code> and type
        each share's words when asked. A mistyped word is named, and it says how many more shares are needed.</li>
        <li>Check that the copy is signed by \(e(applicant))'s key: <span class="fp">\(e(signerFingerprint))</span></li>
        </ol>
        <h2>Keep it safe</h2>
        <p>Keep this paper where you keep important papers. Do not photograph it or type it into anything other than
        CaseVault when it is needed. Made \(e(Self.day(setup.createdAt))).</p>
        </body></html>

        """
    }

    static func day(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }
}
