/// Templates of the restore pages (part of the first run: SetupTemplates
/// lists them). Their words are the catalogue's `app.restore.*`.
enum RestoreTemplates {
    static let all: [String: String] = [
        "restore-upload": upload,
        "restore-unlock": unlock,
        "restore-done": done,
    ]

    static let upload = #"""
{{<layout}}{{$main}}
<h1>{{t.app.restore.heading}}</h1>
<p>{{aboutText}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/restore" enctype="multipart/form-data" data-progress="upload-progress">
  <label for="backup">{{t.app.restore.file}}</label>
  <input type="file" id="backup" name="backup" required>
  <progress id="upload-progress" hidden aria-label="{{t.app.restore.sending}}"></progress>
  <div class="actions"><button type="submit">{{t.app.restore.send}}</button></div>
</form>
<p class="hint">{{t.app.restore.next_asks}}</p>
<p><a href="/setup">{{t.app.restore.back}}</a></p>
{{/main}}{{/layout}}
"""#

    static let unlock = #"""
{{<layout}}{{$main}}
<h1>{{t.app.restore.open_title}}</h1>
<p>{{receivedText}}</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/restore/unlock">
  <fieldset>
    <legend>{{t.app.restore.how_made}}</legend>
    <label for="method-passphrase"><input type="radio" id="method-passphrase" name="method" value="passphrase"{{^recoveryChosen}} checked{{/recoveryChosen}}> {{t.app.restore.with_passphrase}}</label>
    <label for="method-recovery"><input type="radio" id="method-recovery" name="method" value="recovery-key"{{#recoveryChosen}} checked{{/recoveryChosen}}> {{t.app.restore.with_recovery}}</label>
  </fieldset>
  <h2>{{t.app.restore.made_passphrase}}</h2>
  <label for="backup_passphrase">{{t.app.restore.backup_passphrase}}</label>
  <input type="password" id="backup_passphrase" name="backup_passphrase" autocomplete="off">
  <label for="vault_passphrase">{{t.app.restore.vault_passphrase}}</label>
  <input type="password" id="vault_passphrase" name="vault_passphrase" autocomplete="current-password" aria-describedby="vault-passphrase-hint">
  <p class="hint" id="vault-passphrase-hint">{{t.app.restore.both_needed}}</p>
  <h2>{{t.app.restore.made_recovery}}</h2>
  <label for="recovery_key">{{t.app.restore.recovery_key}}</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="restore-key-hint">
  <p class="hint" id="restore-key-hint">{{t.app.restore.key_hint}}</p>
  <div class="actions"><button type="submit">{{t.app.restore.button}}</button></div>
  <p class="hint">{{t.app.restore.takes_a_while}}</p>
</form>
<form method="post" action="/setup/restore/cancel"><button type="submit" class="secondary">{{t.app.restore.other_file}}</button></form>
{{/main}}{{/layout}}
"""#

    static let done = #"""
{{<layout}}{{$main}}
<h1>{{t.app.restore.done_heading}}</h1>
<p class="notice">{{doneText}}</p>
{{#hasMissing}}
<div class="warning" role="alert">
<h2>{{t.app.restore.not_all}}</h2>
<p>{{t.app.restore.left_out}}</p>
<ul>{{#missing}}<li><strong>{{name}}</strong>: {{reason}}</li>{{/missing}}</ul>
<p><strong>{{t.app.restore.what_to_do}}</strong> {{t.app.restore.bring_back}}</p>
</div>
{{/hasMissing}}
<p>{{t.app.restore.keyring_again}} <a href="/settings">{{t.app.nav.settings}}</a>.</p>
<p><a class="button" href="/">{{t.app.restore.go}}</a></p>
{{/main}}{{/layout}}
"""#
}
