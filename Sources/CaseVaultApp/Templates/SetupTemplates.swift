/// Templates of the first-run pages: the walkthrough that creates a vault
/// (as `init` does), the restore (RestoreTemplates) and the recovery-key
/// unlock (RecoverTemplates).
enum SetupTemplates {
    static let all: [String: String] = [
        "setup-welcome": welcome,
        "setup-create": create,
        "setup-recovery-key": recoveryKey,
        "setup-check": check,
        "setup-keyring": keyring,
        "setup-code": code,
        "setup-done": done,
    ].merging(RestoreTemplates.all) { a, _ in a }.merging(RecoverTemplates.all) { a, _ in a }

    static let welcome = #"""
{{<layout}}{{$main}}
<h1>Welcome to CaseVault</h1>
<p>CaseVault keeps your USCIS backup code, other sites' backup codes, your case numbers
(A-Number, receipt numbers, card numbers) and scans of your documents encrypted on this
computer, so that you have them at an airport counter or a help desk.</p>
<p class="hint">There is no vault yet in this folder: {{vault}}</p>
<h2>New to CaseVault</h2>
<p>Setting up has four steps: a passphrase, a recovery key on paper, the desktop keyring,
and your USCIS backup code. Have a pen and paper ready.</p>
<p><a class="button" href="/setup/create">Create a new vault</a></p>
<h2>Moving from another computer</h2>
<p>If you made a backup of your vault (a file, usually ending in <code>.age</code>), bring it back here.</p>
<p><a class="button secondary" href="/setup/restore">Restore from a backup file</a></p>
{{/main}}{{/layout}}
"""#

    static let create = #"""
{{<layout}}{{$main}}
<p class="hint">Step 1 of 4</p>
<h1>Choose a passphrase</h1>
<p>You type this passphrase to open your vault. Choose at least 10 characters: four or five
random words work well. Nobody can reset it for you; if you forget it, only the recovery key
(the next step) gets you back in.</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/create">
  <label for="passphrase">Passphrase</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="new-password" required autofocus aria-describedby="passphrase-hint">
  <p class="hint" id="passphrase-hint">At least 10 characters. Nothing you type here is stored as you typed it.</p>
  <label for="passphrase_again">Type it again</label>
  <input type="password" id="passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">Create my vault</button></div>
  <p class="hint">Creating the vault takes a second or two.</p>
</form>
<p><a href="/setup">Back</a></p>
{{/main}}{{/layout}}
"""#

    /// Shown once, in the answer to the POST that made the vault.
    static let recoveryKey = #"""
{{<layout}}{{$main}}
<p class="hint">Step 2 of 4</p>
<h1>Your recovery key</h1>
<p>Your vault is made, in {{vault}}.</p>
<p>If you forget your passphrase, this recovery key is the only way back in.
<strong>Write it on paper now</strong>, and keep the paper away from this computer.</p>
<p class="warning">It is shown only now. Reloading this page or going back does not show it again.</p>
<p class="big secret key" id="recovery-key">{{key}}</p>
<div class="actions">
  <button type="button" class="secondary" data-copy="recovery-key" hidden>Copy</button>
  <button type="button" class="secondary" data-print hidden>Print</button>
</div>
<p class="hint">To print it instead, use Print (or press Ctrl+P); buttons and forms are left off the paper.
If you copy it, paste it only somewhere safe, away from this computer.</p>
\#(checkForm)
{{/main}}{{/layout}}
"""#

    /// The check without the key (a reload, a mistake, or after a lock).
    static let check = #"""
{{<layout}}{{$main}}
<p class="hint">Step 2 of 4</p>
<h1>Check your recovery key</h1>
{{#interrupted}}<p class="notice">CaseVault locked itself before you typed the recovery key back.
It is no longer in the program's memory, and it is never shown twice.</p>{{/interrupted}}
{{^interrupted}}<p>The recovery key was shown once, when your vault was made. It is not shown again.</p>{{/interrupted}}
\#(checkForm)
{{/main}}{{/layout}}
"""#

    /// Part of `recoveryKey` and `check` (put in when compiled: every
    /// registered template is a whole page).
    static let checkForm = #"""
<h2>Check your paper</h2>
<p>Type the recovery key from your paper. Dashes, spaces and small or capital letters do not matter.</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/recovery-key">
  <label for="recovery_key">Recovery key</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="recovery-key-hint">
  <p class="hint" id="recovery-key-hint">Nine groups of four letters and digits, such as ABCD-1234-…</p>
  <div class="actions"><button type="submit">Check</button></div>
</form>
<h2>Could not write it down?</h2>
<p>Start again: this new vault, still empty, is removed, and you choose a passphrase again.</p>
<form method="post" action="/setup/start-again"><button type="submit" class="secondary">Start again</button></form>
"""#

    static let keyring = #"""
{{<layout}}{{$main}}
<p class="hint">Step 3 of 4</p>
<h1>Open without typing the passphrase?</h1>
{{#note}}<p class="notice">{{note}}</p>{{/note}}
<p>Your desktop keyring (the one that keeps your other passwords) can open CaseVault for you
while you are logged in to this computer, so you do not type the passphrase each time.</p>
<p>Anyone using your computer while you are logged in could then open it too. On a computer
you share, or leave unlocked, choose <strong>Not now</strong>.</p>
<form method="post" action="/setup/keyring">
  <div class="actions">
    <button type="submit" name="choice" value="enable">Use the keyring</button>
    <button type="submit" name="choice" value="skip" class="secondary">Not now</button>
  </div>
</form>
<p class="hint">You can change this later in Settings.</p>
{{/main}}{{/layout}}
"""#

    static let code = #"""
{{<layout}}{{$main}}
<p class="hint">Step 4 of 4</p>
<h1>Your USCIS backup code</h1>
{{#note}}<p class="notice">{{note}}</p>{{/note}}
<p>Your USCIS online account gives you a backup code when you set up two-step verification.
Paste or type it here to keep it in your vault, or skip this step.</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/code">
  <input type="hidden" name="choice" value="store">
  <label for="code">USCIS backup code</label>
  <input type="password" id="code" name="code" autocomplete="off" spellcheck="false" required aria-describedby="code-hint">
  <p class="hint" id="code-hint">It is hidden while you type, as a passphrase is.</p>
  <div class="actions"><button type="submit">Keep this code</button></div>
</form>
<form method="post" action="/setup/code">
  <input type="hidden" name="choice" value="skip">
  <button type="submit" class="secondary">Skip: I will add it later</button>
</form>
{{/main}}{{/layout}}
"""#

    static let done = #"""
{{<layout}}{{$main}}
<h1>Your vault is ready</h1>
<ul>
  <li>Keyring unlock: {{#keyring}}on{{/keyring}}{{^keyring}}off (you type your passphrase; change it in <a href="/settings">Settings</a>){{/keyring}}</li>
  <li>USCIS backup code: {{#uscis}}kept{{/uscis}}{{^uscis}}not added yet (add it under <a href="/codes">Backup codes</a>){{/uscis}}</li>
</ul>
<p>Next:</p>
<ul>
  <li><a href="/emergency">The emergency page</a>: what to show at a counter or a help desk.</li>
  <li><a href="/codes">Backup codes</a> of your other accounts, <a href="/ids">case numbers</a>, and <a href="/documents">documents</a>.</li>
</ul>
<p><a class="button" href="/">Go to my vault</a></p>
{{/main}}{{/layout}}
"""#
}
