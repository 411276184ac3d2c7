/// Templates of the forgotten-passphrase pages (as `casevault recover`;
/// SetupTemplates lists them), and the new recovery key shown once, which
/// a passphrase change can issue too. Their words are the catalogue's
/// `app.recover.*`.
enum RecoverTemplates {
    static let all: [String: String] = [
        "recover": recover,
        "recover-done": recoverDone,
    ]

    static let recover = #"""
{{<layout}}{{$main}}
<h1>{{t.app.recover.title}}</h1>
<p>{{t.app.recover.about}}</p>
<p class="hint">{{vaultText}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/unlock/recover">
  <label for="recovery_key">{{t.app.recover.key}}</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" required autofocus aria-describedby="recover-key-hint">
  <p class="hint" id="recover-key-hint">{{t.app.recover.key_hint}}</p>
  <label for="passphrase">{{t.app.recover.new}}</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="new-password" required aria-describedby="recover-passphrase-hint">
  <p class="hint" id="recover-passphrase-hint">{{t.app.recover.new_hint}}</p>
  <label for="passphrase_again">{{t.app.recover.new_again}}</label>
  <input type="password" id="passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">{{t.app.recover.button}}</button></div>
  <p class="hint">{{t.app.recover.takes_a_while}}</p>
</form>
<p><a href="/unlock">{{t.app.recover.back}}</a></p>
{{/main}}{{/layout}}
"""#

    static let recoverDone = #"""
{{<layout}}{{$main}}
<h1>{{t.app.recover.done_title}}</h1>
<p class="notice">{{t.app.recover.done}}</p>
\#(newRecoveryKey)
<p><a class="button" href="/">{{t.app.recover.go}}</a></p>
{{/main}}{{/layout}}
"""#

    /// A key change's facts: a new recovery key (shown once) and the keyring.
    /// Part of `recoverDone` and of Settings' `passphraseDone` (put in when
    /// compiled: every registered template is a whole page).
    static let newRecoveryKey = #"""
{{#key}}
<h2>{{t.app.recover.new_key_heading}}</h2>
<p>{{t.app.recover.new_key_changed}}
<strong>{{t.app.recover.new_key_write}}</strong> {{t.app.recover.new_key_away}}</p>
<p class="warning">{{t.app.recover.shown_once}}</p>
<p class="big secret key" id="recovery-key">{{key}}</p>
<div class="actions">
  <button type="button" class="secondary" data-copy="recovery-key" hidden>{{t.app.recover.copy}}</button>
  <button type="button" class="secondary" data-print hidden>{{t.app.recover.print}}</button>
</div>
<p class="hint">{{t.app.recover.print_hint}}</p>
{{/key}}
{{#keyringRemoved}}
<p class="warning">{{t.app.recover.keyring_removed}} <a href="/settings">{{t.app.nav.settings}}</a>.</p>
{{/keyringRemoved}}
"""#
}
