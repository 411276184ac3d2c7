import CaseVault
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

    public init(vaultPath: String, vaultID: String, unlocksWith: [String], generated: CalendarDay,
                recoveryKey: String?, representatives: [KitRepresentatives.Entry]) {
        self.vaultPath = vaultPath
        self.vaultID = vaultID
        self.unlocksWith = unlocksWith
        self.generated = generated
        self.recoveryKey = recoveryKey
        self.representatives = representatives
    }

    /// Groups of the recovery key as printed by `init` (nine groups of four).
    static let keyGroups = 9
    static let groupLength = 4

    public func html() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>CaseVault emergency kit</title>
        <style>\(Self.styleText)</style>
        </head>
        <body>
        <header>
        <h1>CaseVault emergency kit</h1>
        <p class="sub">Made \(esc(generated.description)). Keep this sheet on paper, away from the computer.
        It holds no code, case number or passphrase\(recoveryKey == nil ? "" : ", but it <strong>does hold the recovery key</strong>: guard it like the key itself").</p>
        </header>

        <section>
        <h2>1. Your vault</h2>
        <table class="facts">
        <tr><th>Location</th><td><code>\(esc(vaultPath))</code></td></tr>
        <tr><th>Vault id</th><td><code>\(esc(Self.grouped(vaultID)))</code></td></tr>
        <tr><th>Unlocks with</th><td>\(esc(unlocksWith.joined(separator: ", ")))</td></tr>
        <tr><th>Computer</th><td class="fill"></td></tr>
        <tr><th>Backup copy kept at</th><td class="fill"></td></tr>
        </table>
        <p class="note">Back it up with <code>casevault backup --recovery-key -o FILE</code>: one file, sealed to the
        recovery key below, safe to make while the vault is in use. Keep copies off this computer
        (a USB stick, cloud storage) and write where above.</p>
        </section>

        <section>
        <h2>2. Recovery key</h2>
        <p>\(recoveryKey == nil
            ? "Write the recovery key that CaseVault showed when the vault was made (<code>casevault init</code>), one character per box. Write clearly: 0 (zero) and 1 (one) only, never O or I."
            : "The recovery key, as CaseVault showed it when the vault was made (<code>casevault init</code>).")</p>
        <div class="key" aria-label="recovery key">
        \(keyBoxes())
        </div>
        <p class="note">With this key and a copy of the vault, <code>casevault recover</code> sets a new passphrase.
        Anyone who has both can open the vault: keep this sheet apart from the backup copy.
        Never write the passphrase on this sheet.</p>
        </section>

        <section>
        <h2>3. Representatives</h2>
        \(representativesSection())
        </section>

        <section>
        <h2>4. If the laptop is lost, stolen or broken</h2>
        <ol class="steps">
        <li><strong>Right away:</strong> sign in to your USCIS online account (and every site whose backup codes were in the vault) from another device, and change the password and the two-step method. Each site then gives new backup codes; the old ones, which were on the laptop, stop working.</li>
        <li>If keyring unlock was on and the laptop was left signed in, assume the codes were seen: step 1 covers that. Case numbers (A-Number, receipts) cannot be changed; USCIS does not treat them as secrets.</li>
        <li>On a new computer: install CaseVault and open it (CaseVault in the menu, or run <code>casevault app</code>); it offers to restore a backup file with the recovery key above. In a terminal: <code>casevault restore BACKUP-FILE --recovery-key</code>. Your passphrase still opens the restored vault; if you forgot it, <code>casevault recover</code> sets a new one.</li>
        <li>Store each site's new codes: in CaseVault, <em>Backup codes</em>, the site, <em>Replace codes</em> (or <code>casevault code replace LABEL</code>). Turn on keyring unlock on the new computer in CaseVault's <em>Settings</em> (or <code>casevault keyring enable</code>).</li>
        <li>Tell your representative. They can re-send sealed copies of documents they hold for you.</li>
        <li>A lost green card is replaced with form I-90, a lost EAD with form I-765; CaseVault's <em>Emergency</em> page (or <code>casevault emergency</code>) shows the numbers those forms ask for.</li>
        </ol>
        </section>

        <section>
        <h2>5. At an airport or a help desk</h2>
        <p>Open CaseVault (CaseVault in the menu, or run <code>casevault app</code>), or use a terminal:</p>
        <table class="ways">
        <tr><th>In CaseVault</th><th>In a terminal</th><th>What it does</th></tr>
        <tr><td>the <em>Emergency</em> page</td><td><code>casevault emergency</code></td><td>shows the USCIS backup code, A-Number, receipt and card numbers, stored documents</td></tr>
        <tr><td><em>Mark used</em> on that page</td><td><code>casevault code use LABEL</code></td><td>marks a code used after giving it (and gets the next one)</td></tr>
        <tr><td><em>Documents</em>, <em>View</em></td><td><code>casevault doc get LABEL</code></td><td>opens a stored scan to show or send</td></tr>
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
        let intro = representatives.isEmpty
            ? "<p>No representative is stored in the vault (<code>casevault rep add</code>). Write your attorney or accredited representative here.</p>"
            : "<p>The representatives stored in the vault, and a line for another. Before sending anything to one, read the fingerprint to them by phone: it must match what <code>casevault identity show</code> prints on their side.</p>"
        return """
        \(intro)
        <table class="reps">
        <tr><th>Name</th><th>Key fingerprint</th><th>Phone / e-mail</th></tr>
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
