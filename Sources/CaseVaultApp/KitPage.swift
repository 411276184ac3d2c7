import CaseVault
import CaseVaultText
import SwiftCryptoKit
import Foundation

/// The printable emergency sheet: one self-contained HTML page (inline CSS,
/// no script, no external resource) laid out for A4 and US Letter.
///
/// Both front ends make the same page: `casevault kit` writes it to a file,
/// the app serves it at `/emergency/kit` to print or save. Its steps name
/// both ways of doing each thing, the app's page and the command.
public struct KitPage: Sendable {
    public let vaultPath: String
    public let vaultID: String
    public let unlocksWith: [String]
    public let generated: CalendarDay
    /// The formatted recovery key, only when asked for (the CLI's
    /// --include-recovery-key, the app's kit form).
    public let recoveryKey: String?
    /// From the vault; an empty list prints blank lines to fill by hand.
    public let representatives: [KitRepresentatives.Entry]
    /// The sheet's language; the Spanish one keeps the English headings
    /// beside its own (an officer or a help desk reads them).
    public let language: Language

    public init(vaultPath: String, vaultID: String, unlocksWith: [String], generated: CalendarDay,
                recoveryKey: String?, representatives: [KitRepresentatives.Entry], language: Language = .english) {
        self.vaultPath = vaultPath
        self.vaultID = vaultID
        self.unlocksWith = unlocksWith
        self.generated = generated
        self.recoveryKey = recoveryKey
        self.representatives = representatives
        self.language = language
    }

    /// Groups of the recovery key as printed by `init` (nine groups of four).
    static let keyGroups = 9
    static let groupLength = 4

    /// The sheet's words (`kit.KEY`). Kit texts may hold markup (<code>,
    /// <em>, <strong>): they are compiled in, never user input; every value
    /// put into them is escaped first.
    func t(_ key: String, _ values: [String: String] = [:]) -> String {
        Catalogue.text("kit." + key, language, values.mapValues(Self.escape))
    }

    public func html() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(esc(language.code))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(t("title"))</title>
        <style>\(Self.styleText)</style>
        </head>
        <body>
        <header>
        <h1>\(t("title"))</h1>
        <p class="sub">\(t("made", ["day": generated.description]))
        \(recoveryKey == nil ? t("holds_nothing") : t("holds_key"))</p>
        </header>

        <section>
        <h2>\(t("vault.heading"))</h2>
        <table class="facts">
        <tr><th>\(t("vault.location"))</th><td><code>\(esc(vaultPath))</code></td></tr>
        <tr><th>\(t("vault.id"))</th><td><code>\(esc(Self.grouped(vaultID)))</code></td></tr>
        <tr><th>\(t("vault.unlocks"))</th><td>\(esc(unlocksWith.joined(separator: ", ")))</td></tr>
        <tr><th>\(t("vault.computer"))</th><td class="fill"></td></tr>
        <tr><th>\(t("vault.backup_at"))</th><td class="fill"></td></tr>
        </table>
        <p class="note">\(t("vault.note"))</p>
        </section>

        <section>
        <h2>\(t("key.heading"))</h2>
        <p>\(recoveryKey == nil ? t("key.write") : t("key.printed"))</p>
        <div class="key" aria-label="\(t("key.label"))">
        \(keyBoxes())
        </div>
        <p class="note">\(t("key.note"))</p>
        </section>

        <section>
        <h2>\(t("reps.heading"))</h2>
        \(representativesSection())
        </section>

        <section>
        <h2>\(t("lost.heading"))</h2>
        <ol class="steps">
        \((1...6).map { "<li>\(t("lost.\($0)"))</li>" }.joined(separator: "\n"))
        </ol>
        </section>

        <section>
        <h2>\(t("desk.heading"))</h2>
        <p>\(t("desk.open"))</p>
        <table class="ways">
        <tr><th>\(t("desk.in_app"))</th><th>\(t("desk.in_terminal"))</th><th>\(t("desk.what"))</th></tr>
        <tr><td>\(t("desk.emergency_page"))</td><td><code>casevault emergency</code></td><td>\(t("desk.emergency_does"))</td></tr>
        <tr><td>\(t("desk.mark_used"))</td><td><code>casevault code use LABEL</code></td><td>\(t("desk.mark_used_does"))</td></tr>
        <tr><td>\(t("desk.documents"))</td><td><code>casevault doc get LABEL</code></td><td>\(t("desk.documents_does"))</td></tr>
        </table>
        </section>
        </body>
        </html>

        """
    }

    /// Nine groups of four boxes; filled only when the key was asked for.
    /// The text of the page's one `<style>` element.
    static let styleText = "\n" + css + "\n"

    /// The Content-Security-Policy `style-src` source that allows exactly
    /// that style element (its SHA-256, base64), so the app can serve the
    /// page as it is, inline style and all, under a policy that allows no
    /// other style, no script and no outside resource.
    public static let styleHashSource: String = {
        "'sha256-" + Data(SHA256Hasher.hash(Array(styleText.utf8))).base64EncodedString() + "'"
    }()

    func keyBoxes() -> String {
        let groups = recoveryKey.map { $0.split(separator: "-").map(String.init) }
        var out: [String] = []
        for g in 0..<Self.keyGroups {
            let chars = groups.flatMap { g < $0.count ? Array($0[g]) : nil } ?? []
            let cells = (0..<Self.groupLength).map { i in
                "<span class=\"cell\">\(i < chars.count ? esc(String(chars[i])) : "")</span>"
            }.joined()
            // The dash travels with the group after it, so a line never ends on one.
            let dash = g == 0 ? "" : "<span class=\"dash\">-</span>"
            out.append("<span class=\"group\">\(dash)\(cells)</span>")
        }
        return out.joined(separator: "\n")
    }

    func representativesSection() -> String {
        let blank = "<tr><td class=\"fill\"></td><td class=\"fill\"></td><td class=\"fill\"></td></tr>"
        let rows = representatives.map {
            "<tr><td>\(esc($0.name))</td><td><code>\(esc($0.fingerprint))</code></td><td class=\"fill\"></td></tr>"
        } + Array(repeating: blank, count: representatives.isEmpty ? 3 : 1)
        let intro = "<p>" + t(representatives.isEmpty ? "reps.none" : "reps.some") + "</p>"
        return """
        \(intro)
        <table class="reps">
        <tr><th>\(t("reps.name"))</th><th>\(t("reps.fingerprint"))</th><th>\(t("reps.contact"))</th></tr>
        \(rows.joined(separator: "\n"))
        </table>
        """
    }

    /// The vault id in groups of eight, easier to compare by eye.
    static func grouped(_ hex: String) -> String {
        var parts: [String] = []
        var rest = Substring(hex)
        while !rest.isEmpty { parts.append(String(rest.prefix(8))); rest = rest.dropFirst(8) }
        return parts.joined(separator: " ")
    }

    func esc(_ s: String) -> String { Self.escape(s) }

    /// HTML-escapes text for the pages written as files (this kit, the
    /// trusted people's recovery sheets): a vault path or a name is the
    /// user's and may hold < or &. By Unicode scalar, not by Character: a
    /// quote followed by a combining mark is one Character that compares
    /// unequal to `"`, and would pass unescaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let css = """
    @page { size: auto; margin: 14mm; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
           color: #000; background: #fff; max-width: 190mm; margin: 0 auto; padding: 8mm; }
    h1 { font-size: 20pt; margin: 0 0 2mm; }
    h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1.5pt solid #000; padding-bottom: 1mm; }
    .sub { margin: 0; }
    .note { font-size: 9.5pt; color: #222; }
    code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 10pt; }
    table { border-collapse: collapse; width: 100%; }
    .facts th { text-align: left; width: 38%; vertical-align: top; padding: 1.5mm 2mm 1.5mm 0; font-weight: 600; }
    .facts td { padding: 1.5mm 0; overflow-wrap: anywhere; }
    td.fill { border-bottom: 0.8pt solid #000; height: 9mm; }
    .reps th { text-align: left; border-bottom: 1pt solid #000; padding: 1mm; }
    .reps td { padding: 1mm; height: 10mm; border-bottom: 0.8pt solid #000; overflow-wrap: anywhere; }
    .key { display: flex; flex-wrap: wrap; align-items: center; gap: 1.5mm 0; margin: 3mm 0; }
    .group { display: inline-flex; align-items: center; }
    .cell { display: inline-block; width: 7.5mm; height: 9.5mm; border: 1pt solid #000; margin-left: -1pt;
            font: 600 14pt "DejaVu Sans Mono", monospace; text-align: center; line-height: 9.5mm; }
    .group .cell:first-of-type { margin-left: 0; }
    .dash { display: inline-block; width: 4mm; text-align: center; font-weight: 700; }
    .ways th { text-align: left; border-bottom: 1pt solid #000; padding: 1mm 2mm 1mm 0; font-weight: 600; }
    .ways td { padding: 1.5mm 2mm 1.5mm 0; vertical-align: top; border-bottom: 0.5pt solid #888; }
    .ways code { white-space: nowrap; }
    .steps li { margin-bottom: 1.5mm; }
    .steps code { white-space: nowrap; }
    """
}
