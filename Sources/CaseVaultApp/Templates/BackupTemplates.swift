/// Templates of the backup pages: the form with the restore steps, and the
/// damaged items found before a backup.
enum BackupTemplates {
    static let all: [String: String] = [
        "backup": form,
        "backup-damaged": damaged,
    ]

    /// The secret fields, in the form and again on the damaged-items page
    /// (secrets are never put back into a page: they are typed again).
    static let sealFields = #"""
<fieldset>
<legend>What will open the backup</legend>
<p class="check"><input type="radio" id="method-passphrase" name="method" value="passphrase"{{^recovery}} checked{{/recovery}}> <label for="method-passphrase">A backup passphrase I choose now</label></p>
<p class="check"><input type="radio" id="method-recovery" name="method" value="recovery-key"{{#recovery}} checked{{/recovery}}> <label for="method-recovery">My recovery key (the one on paper)</label></p>
</fieldset>
<h2>With a backup passphrase</h2>
<label for="backup_passphrase">Backup passphrase</label>
<p class="hint" id="backup-passphrase-hint">At least {{minimum}} characters; four or five random words work well. It can differ from the passphrase that opens the vault. Write it down: without it the backup cannot be opened.</p>
<input type="password" id="backup_passphrase" name="backup_passphrase" autocomplete="new-password" aria-describedby="backup-passphrase-hint">
<label for="backup_passphrase_again">Type the backup passphrase again</label>
<input type="password" id="backup_passphrase_again" name="backup_passphrase_again" autocomplete="new-password">
<h2>Or with your recovery key</h2>
<label for="recovery_key">Recovery key</label>
<p class="hint" id="recovery-key-hint">Nine groups of four letters and digits. It is checked against this vault before the backup is made. The same key then opens the backup and the vault restored from it.</p>
<input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="recovery-key-hint">
"""#

    static let form = #"""
{{<layout}}{{$main}}
<h1>Back up your vault</h1>
{{#note}}<div class="{{#failed}}error{{/failed}}{{^failed}}notice{{/failed}}" role="status"><h2>{{heading}}</h2>{{#lines}}<p>{{.}}</p>{{/lines}}</div>{{/note}}
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>No backup was made.</p></div>{{/problem}}
<p>A backup is one file holding your whole vault: backup codes (with the replaced ones), case numbers,
documents, representatives and keys. It is encrypted: only the backup passphrase you choose here, or your
recovery key, opens it. Keep it somewhere else than this computer, such as a USB stick or another disk,
and make a new one after important changes.</p>
<form method="post" action="/backup">
"""# + sealFields + #"""
<div class="actions"><button type="submit">Check the vault and download the backup</button></div>
<p class="hint">The vault is checked first (every record and document is read); if something is damaged, the next page says what, before anything is downloaded. A large vault takes a while: keep this page open.</p>
</form>
<section aria-labelledby="restore-heading">
<h2 id="restore-heading">How to restore it</h2>
<ol>
<li>On the new computer, install CaseVault and start it.</li>
<li>On its first page, choose <strong>Restore from a backup file</strong> and choose this file.</li>
<li>Type what opens it: the backup passphrase and the passphrase of the vault it came from (both are needed: the first opens the file, the second the vault inside it), or your recovery key.</li>
<li>Every record and document is checked as it comes back; the page names anything that could not be.</li>
</ol>
<p class="hint">In a terminal, the same is <code>casevault restore FILE --vault FOLDER</code> (add <code>--recovery-key</code> for a backup sealed to the recovery key). A backup sealed to the recovery key also opens with the standard age tool, with the key typed as printed.</p>
</section>
{{/main}}{{/layout}}
"""#

    static let damaged = #"""
{{<layout}}{{$main}}
<h1>Damaged items found</h1>
<div class="warning" role="alert">
<p>The check before the backup found these items damaged. A backup leaves them out and carries everything else:</p>
<ul>{{#items}}<li><strong>{{item}}</strong>: {{reason}}</li>{{/items}}</ul>
</div>
<p>What to do: if you have an older backup, keep it: it may still hold these items. You can still make a backup of
everything else now. To see the check again, use the integrity check in Settings.</p>
<form method="post" action="/backup">
<input type="hidden" name="damage" value="accepted">
"""# + BackupTemplates.sealFields + #"""
<div class="actions"><button type="submit">Download the backup without the damaged items</button> <a class="button secondary" href="/backup">Cancel</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
