/// Templates of the forgotten-passphrase pages (as `casevault recover`;
/// SetupTemplates lists them), and the new recovery key shown once, which
/// a passphrase change can issue too.
enum RecoverTemplates {
    static let all: [String: String] = [
        "recover": recover,
        "recover-done": recoverDone,
    ]

    static let recover = #"""
{{<layout}}{{$main}}
<h1>Forgot your passphrase?</h1>
<p>Your recovery key (the one written on paper when the vault was made) lets you choose a new
passphrase. The key you type is then used up: CaseVault gives you a new recovery key, shown once,
to write down in its place.</p>
<p class="hint">Vault: {{vault}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/unlock/recover">
  <label for="recovery_key">Recovery key</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" required autofocus aria-describedby="recover-key-hint">
  <p class="hint" id="recover-key-hint">Nine groups of four letters and digits. Dashes, spaces and small or capital letters do not matter.</p>
  <label for="passphrase">New passphrase</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="new-password" required aria-describedby="recover-passphrase-hint">
  <p class="hint" id="recover-passphrase-hint">At least 10 characters; four or five random words work well.</p>
  <label for="passphrase_again">Type the new passphrase again</label>
  <input type="password" id="passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">Set the new passphrase</button></div>
  <p class="hint">Every record is moved to a new key: with many documents this takes a while. Keep this page open.</p>
</form>
<p><a href="/unlock">Back to unlock</a></p>
{{/main}}{{/layout}}
"""#

    static let recoverDone = #"""
{{<layout}}{{$main}}
<h1>New passphrase set</h1>
<p class="notice">Your vault is open, and from now on it opens with the new passphrase.</p>
\#(newRecoveryKey)
<p><a class="button" href="/">Go to my vault</a></p>
{{/main}}{{/layout}}
"""#

    /// A key change's facts: a new recovery key (shown once) and the keyring.
    /// Part of `recoverDone` and of Settings' `passphraseDone` (put in when
    /// compiled: every registered template is a whole page).
    static let newRecoveryKey = #"""
{{#key}}
<h2>Your new recovery key</h2>
<p>Your recovery key has changed: the old one no longer opens this vault.
<strong>Write the new one on paper now</strong> and keep it away from this computer.</p>
<p class="warning">It is shown only now. Reloading this page or going back does not show it again.</p>
<p class="big secret key" id="recovery-key">{{key}}</p>
<div class="actions">
  <button type="button" class="secondary" data-copy="recovery-key" hidden>Copy</button>
  <button type="button" class="secondary" data-print hidden>Print</button>
</div>
<p class="hint">To print it, use Print (or press Ctrl+P). Backups sealed with
the old recovery key still open only with the old key: keep the old paper with them, or make a new backup.</p>
{{/key}}
{{#keyringRemoved}}
<p class="warning">Keyring unlock was set up by an older version of CaseVault and could not follow
the new key, so it was turned off. Turn it on again in <a href="/settings">Settings</a>.</p>
{{/keyringRemoved}}
"""#
}
