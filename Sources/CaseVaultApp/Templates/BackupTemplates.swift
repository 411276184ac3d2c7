/// Templates of the backup pages: the form with the restore steps, and the
/// damaged items found before a backup. Their words are the catalogue's
/// `app.backup.*`.
enum BackupTemplates {
    static let all: [String: String] = [
        "backup": form,
        "backup-damaged": damaged,
    ]

    /// The secret fields, in the form and again on the damaged-items page
    /// (secrets are never put back into a page: they are typed again).
    static let sealFields = #"""
<fieldset>
<legend>{{t.app.backup.what_opens}}</legend>
<p class="check"><input type="radio" id="method-passphrase" name="method" value="passphrase"{{^recovery}} checked{{/recovery}}> <label for="method-passphrase">{{t.app.backup.method_passphrase}}</label></p>
<p class="check"><input type="radio" id="method-recovery" name="method" value="recovery-key"{{#recovery}} checked{{/recovery}}> <label for="method-recovery">{{t.app.backup.method_recovery}}</label></p>
</fieldset>
<h2>{{t.app.backup.with_passphrase}}</h2>
<label for="backup_passphrase">{{t.app.backup.passphrase}}</label>
<p class="hint" id="backup-passphrase-hint">{{passphraseHint}}</p>
<input type="password" id="backup_passphrase" name="backup_passphrase" autocomplete="new-password" aria-describedby="backup-passphrase-hint">
<label for="backup_passphrase_again">{{t.app.backup.passphrase_again}}</label>
<input type="password" id="backup_passphrase_again" name="backup_passphrase_again" autocomplete="new-password">
<h2>{{t.app.backup.with_recovery}}</h2>
<label for="recovery_key">{{t.app.backup.recovery_key}}</label>
<p class="hint" id="recovery-key-hint">{{t.app.backup.recovery_hint}}</p>
<input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="recovery-key-hint">
"""#

    static let form = #"""
{{<layout}}{{$main}}
<h1>{{t.app.backup.title}}</h1>
{{#note}}<div class="{{#failed}}error{{/failed}}{{^failed}}notice{{/failed}}" role="status"><h2>{{heading}}</h2>{{#lines}}<p>{{.}}</p>{{/lines}}</div>{{/note}}
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>{{t.app.backup.none_made}}</p></div>{{/problem}}
<p>{{t.app.backup.about}}</p>
<form method="post" action="/backup">
"""# + sealFields + #"""
<div class="actions"><button type="submit">{{t.app.backup.button}}</button></div>
<p class="hint">{{t.app.backup.checked_first}}</p>
</form>
<section aria-labelledby="restore-heading">
<h2 id="restore-heading">{{t.app.backup.restore_heading}}</h2>
<ol>
<li>{{t.app.backup.restore_1}}</li>
<li>{{t.app.backup.restore_2_before}} <strong>{{t.app.setup.welcome.restore}}</strong> {{t.app.backup.restore_2_after}}</li>
<li>{{t.app.backup.restore_3}}</li>
<li>{{t.app.backup.restore_4}}</li>
</ol>
<p class="hint">{{t.app.backup.terminal_before}} <code>casevault restore FILE --vault FOLDER</code> {{t.app.backup.terminal_middle}} <code>--recovery-key</code> {{t.app.backup.terminal_after}}</p>
</section>
{{/main}}{{/layout}}
"""#

    static let damaged = #"""
{{<layout}}{{$main}}
<h1>{{t.app.backup.damaged_title}}</h1>
<div class="warning" role="alert">
<p>{{t.app.backup.damaged_about}}</p>
<ul>{{#items}}<li><strong>{{item}}</strong>: {{reason}}</li>{{/items}}</ul>
</div>
<p>{{t.app.backup.damaged_advice}}</p>
<form method="post" action="/backup">
<input type="hidden" name="damage" value="accepted">
"""# + BackupTemplates.sealFields + #"""
<div class="actions"><button type="submit">{{t.app.backup.without_damaged}}</button> <a class="button secondary" href="/backup">{{t.app.backup.cancel}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
