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
<h1>{{t.app.setup.welcome.heading}}</h1>
<p>{{t.app.setup.welcome.about}}</p>
<p class="hint">{{noVault}}</p>
<h2>{{t.app.setup.welcome.new_heading}}</h2>
<p>{{t.app.setup.welcome.steps}}</p>
<p><a class="button" href="/setup/create">{{t.app.setup.welcome.create}}</a></p>
<h2>{{t.app.setup.welcome.moving_heading}}</h2>
<p>{{t.app.setup.welcome.moving}}</p>
<p><a class="button secondary" href="/setup/restore">{{t.app.setup.welcome.restore}}</a></p>
{{/main}}{{/layout}}
"""#

    static let create = #"""
{{<layout}}{{$main}}
<p class="hint">{{step}}</p>
<h1>{{t.app.setup.create.title}}</h1>
<p>{{t.app.setup.create.about}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/create">
  <label for="passphrase">{{t.app.setup.create.passphrase}}</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="new-password" required autofocus aria-describedby="passphrase-hint">
  <p class="hint" id="passphrase-hint">{{t.app.setup.create.passphrase_hint}}</p>
  <label for="passphrase_again">{{t.app.setup.create.again}}</label>
  <input type="password" id="passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">{{t.app.setup.create.button}}</button></div>
  <p class="hint">{{t.app.setup.create.wait}}</p>
</form>
<p><a href="/setup">{{t.app.setup.back}}</a></p>
{{/main}}{{/layout}}
"""#

    /// Shown once, in the answer to the POST that made the vault.
    static let recoveryKey = #"""
{{<layout}}{{$main}}
<p class="hint">{{step}}</p>
<h1>{{t.app.setup.key.title}}</h1>
<p>{{made}}</p>
<p>{{t.app.setup.key.only_way}}
<strong>{{t.app.setup.key.write_now}}</strong>, {{t.app.setup.key.keep_away}}</p>
<p class="warning">{{t.app.setup.key.shown_once}}</p>
<p class="big secret key" id="recovery-key">{{key}}</p>
<div class="actions">
  <button type="button" class="secondary" data-copy="recovery-key" hidden>{{t.app.setup.key.copy}}</button>
  <button type="button" class="secondary" data-print hidden>{{t.app.setup.key.print}}</button>
</div>
<p class="hint">{{t.app.setup.key.print_hint}}</p>
\#(checkForm)
{{/main}}{{/layout}}
"""#

    /// The check without the key (a reload, a mistake, or after a lock).
    static let check = #"""
{{<layout}}{{$main}}
<p class="hint">{{step}}</p>
<h1>{{t.app.setup.check.title}}</h1>
{{#interrupted}}<p class="notice">{{t.app.setup.check.interrupted}}</p>{{/interrupted}}
{{^interrupted}}<p>{{t.app.setup.check.shown_once}}</p>{{/interrupted}}
\#(checkForm)
{{/main}}{{/layout}}
"""#

    /// Part of `recoveryKey` and `check` (put in when compiled: every
    /// registered template is a whole page).
    static let checkForm = #"""
<h2>{{t.app.setup.check.heading}}</h2>
<p>{{t.app.setup.check.about}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/recovery-key">
  <label for="recovery_key">{{t.app.setup.check.label}}</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="recovery-key-hint">
  <p class="hint" id="recovery-key-hint">{{t.app.setup.check.hint}}</p>
  <div class="actions"><button type="submit">{{t.app.setup.check.button}}</button></div>
</form>
<h2>{{t.app.setup.check.cannot_heading}}</h2>
<p>{{t.app.setup.check.cannot}}</p>
<form method="post" action="/setup/start-again"><button type="submit" class="secondary">{{t.app.setup.check.start_again}}</button></form>
"""#

    static let keyring = #"""
{{<layout}}{{$main}}
<p class="hint">{{step}}</p>
<h1>{{t.app.setup.keyring.heading}}</h1>
{{#note}}<p class="notice">{{note}}</p>{{/note}}
<p>{{t.app.setup.keyring.about}}</p>
<p>{{t.app.setup.keyring.risk}}</p>
<form method="post" action="/setup/keyring">
  <div class="actions">
    <button type="submit" name="choice" value="enable">{{t.app.setup.keyring.use}}</button>
    <button type="submit" name="choice" value="skip" class="secondary">{{t.app.setup.keyring.not_now}}</button>
  </div>
</form>
<p class="hint">{{t.app.setup.keyring.later}}</p>
{{/main}}{{/layout}}
"""#

    static let code = #"""
{{<layout}}{{$main}}
<p class="hint">{{step}}</p>
<h1>{{t.app.setup.code.heading}}</h1>
{{#note}}<p class="notice">{{note}}</p>{{/note}}
<p>{{t.app.setup.code.about}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/code">
  <input type="hidden" name="choice" value="store">
  <label for="code">{{t.app.setup.code.label}}</label>
  <input type="password" id="code" name="code" autocomplete="off" spellcheck="false" required aria-describedby="code-hint">
  <p class="hint" id="code-hint">{{t.app.setup.code.hint}}</p>
  <div class="actions"><button type="submit">{{t.app.setup.code.keep}}</button></div>
</form>
<form method="post" action="/setup/code">
  <input type="hidden" name="choice" value="skip">
  <button type="submit" class="secondary">{{t.app.setup.code.skip}}</button>
</form>
{{/main}}{{/layout}}
"""#

    static let done = #"""
{{<layout}}{{$main}}
<h1>{{t.app.setup.done.heading}}</h1>
<ul>
  <li>{{t.app.setup.done.keyring}} {{#keyring}}{{t.app.setup.done.on}}{{/keyring}}{{^keyring}}{{t.app.setup.done.keyring_off}} <a href="/settings">{{t.app.nav.settings}}</a>){{/keyring}}</li>
  <li>{{t.app.setup.done.uscis}} {{#uscis}}{{t.app.setup.done.kept}}{{/uscis}}{{^uscis}}{{t.app.setup.done.not_added}} <a href="/codes">{{t.app.nav.codes}}</a>){{/uscis}}</li>
</ul>
<p>{{t.app.setup.done.next}}</p>
<ul>
  <li><a href="/emergency">{{t.app.setup.done.emergency}}</a>: {{t.app.setup.done.emergency_what}}</li>
  <li>{{t.app.setup.done.others}} <a href="/codes">{{t.app.nav.codes}}</a>, <a href="/ids">{{t.app.nav.ids}}</a>, <a href="/documents">{{t.app.nav.documents}}</a>.</li>
</ul>
<p><a class="button" href="/">{{t.app.setup.done.go}}</a></p>
{{/main}}{{/layout}}
"""#
}
