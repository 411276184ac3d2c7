/// Templates of the Settings pages: where the vault is and when it locks,
/// keyring unlock, the passphrase, the integrity check. Their words are
/// the catalogue's `app.settings.*`.
enum SettingsTemplates {
    static let all: [String: String] = [
        "settings": settings,
        "settings-passphrase-done": passphraseDone,
        "settings-check": check,
    ]

    static let settings = #"""
{{<layout}}{{$main}}
<h1>{{t.app.nav.settings}}</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}

<section aria-labelledby="vault-heading">
<h2 id="vault-heading">{{t.app.settings.vault_heading}}</h2>
<p>{{t.app.settings.kept_in}} <code>{{vault}}</code></p>
<p>{{idleText}}</p>
<form method="post" action="/lock"><button type="submit" class="secondary">{{t.app.settings.lock_now}}</button></form>
</section>

<section aria-labelledby="keyring-heading">
<h2 id="keyring-heading">{{t.app.settings.keyring_heading}}</h2>
<p>{{keyringState}}</p>
{{^keyringUsable}}<p class="hint">{{t.app.settings.keyring_not_usable}}</p>{{/keyringUsable}}
{{#canEnable}}
<p>{{t.app.settings.keyring_risk}}</p>
<form method="post" action="/settings/keyring/enable">
  <label for="keyring_passphrase">{{t.app.settings.confirm_passphrase}}</label>
  <input type="password" id="keyring_passphrase" name="passphrase" autocomplete="current-password" required>
  <div class="actions"><button type="submit">{{enableLabel}}</button></div>
</form>
{{/canEnable}}
{{#canDisable}}
<form method="post" action="/settings/keyring/disable">
  <div class="actions"><button type="submit" class="secondary">{{t.app.settings.keyring_off_button}}</button></div>
</form>
{{/canDisable}}
</section>

<section aria-labelledby="passphrase-heading">
<h2 id="passphrase-heading">{{t.app.settings.passphrase_heading}}</h2>
<p>{{t.app.settings.passphrase_about}}</p>
<form method="post" action="/settings/passphrase">
  <label for="current">{{t.app.settings.current}}</label>
  <input type="password" id="current" name="current" autocomplete="current-password" required>
  <label for="new_passphrase">{{t.app.settings.new}}</label>
  <input type="password" id="new_passphrase" name="passphrase" autocomplete="new-password" required aria-describedby="new-passphrase-hint">
  <p class="hint" id="new-passphrase-hint">{{t.app.settings.new_hint}}</p>
  <label for="new_passphrase_again">{{t.app.settings.new_again}}</label>
  <input type="password" id="new_passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">{{t.app.settings.change_button}}</button></div>
</form>
</section>

<section aria-labelledby="check-heading">
<h2 id="check-heading">{{t.app.settings.check_heading}}</h2>
<p>{{t.app.settings.check_about}}</p>
<form method="post" action="/settings/check"><button type="submit">{{t.app.settings.check_button}}</button></form>
</section>
{{/main}}{{/layout}}
"""#

    static let passphraseDone = #"""
{{<layout}}{{$main}}
<h1>{{t.app.settings.changed_title}}</h1>
<p class="notice" role="status">{{t.app.settings.changed}}</p>
{{^key}}<p>{{t.app.settings.key_unchanged}}</p>{{/key}}
\#(RecoverTemplates.newRecoveryKey)
<p><a class="button" href="/settings">{{t.app.settings.back}}</a></p>
{{/main}}{{/layout}}
"""#

    static let check = #"""
{{<layout}}{{$main}}
<h1>{{t.app.settings.check_title}}</h1>
{{#ok}}<p class="notice" role="status"><span class="ok">{{t.app.settings.all_ok}}</span> {{t.app.settings.nothing_damaged}}</p>{{/ok}}
{{^ok}}
<div class="error" role="alert">
<h2>{{problemCount}}</h2>
<ul>{{#problems}}<li><strong>{{item}}</strong>: {{problem}}</li>{{/problems}}</ul>
<p><strong>{{t.app.settings.what_to_do}}</strong> {{t.app.settings.damage_advice}}</p>
</div>
{{/ok}}
<h2>{{t.app.settings.what_checked}}</h2>
<ul>{{#checked}}<li>{{.}}</li>{{/checked}}{{^checked}}<li>{{t.app.settings.nothing_stored}}</li>{{/checked}}</ul>
<p><a class="button" href="/settings">{{t.app.settings.back}}</a></p>
{{/main}}{{/layout}}
"""#
}
