/// Templates of the restore pages (part of the first run: SetupTemplates
/// lists them).
enum RestoreTemplates {
    static let all: [String: String] = [
        "restore-upload": upload,
        "restore-unlock": unlock,
        "restore-done": done,
    ]

    static let upload = #"""
{{<layout}}{{$main}}
<h1>Restore your vault from a backup</h1>
<p>Choose the backup file you made with CaseVault (it usually ends in <code>.age</code>). It is
sent only to CaseVault on this computer and kept encrypted, as it is, until the vault is rebuilt
from it in {{vault}}.</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/restore" enctype="multipart/form-data" data-progress="upload-progress">
  <label for="backup">Backup file</label>
  <input type="file" id="backup" name="backup" required>
  <progress id="upload-progress" hidden aria-label="Sending the backup file"></progress>
  <div class="actions"><button type="submit">Send the file</button></div>
</form>
<p class="hint">The next page asks for what opens the backup.</p>
<p><a href="/setup">Back</a></p>
{{/main}}{{/layout}}
"""#

    static let unlock = #"""
{{<layout}}{{$main}}
<h1>Open the backup</h1>
<p>Received{{#fileName}} <strong>{{fileName}}</strong>{{/fileName}} ({{size}}), still encrypted.</p>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<form method="post" action="/setup/restore/unlock">
  <fieldset>
    <legend>How was this backup made?</legend>
    <label for="method-passphrase"><input type="radio" id="method-passphrase" name="method" value="passphrase"{{^recoveryChosen}} checked{{/recoveryChosen}}> With a backup passphrase</label>
    <label for="method-recovery"><input type="radio" id="method-recovery" name="method" value="recovery-key"{{#recoveryChosen}} checked{{/recoveryChosen}}> With the recovery key</label>
  </fieldset>
  <h2>Made with a backup passphrase</h2>
  <label for="backup_passphrase">Backup passphrase</label>
  <input type="password" id="backup_passphrase" name="backup_passphrase" autocomplete="off">
  <label for="vault_passphrase">The vault's passphrase (the one you typed to open it)</label>
  <input type="password" id="vault_passphrase" name="vault_passphrase" autocomplete="current-password" aria-describedby="vault-passphrase-hint">
  <p class="hint" id="vault-passphrase-hint">Both are needed: the first opens the file, the second the vault inside it.</p>
  <h2>Made with the recovery key</h2>
  <label for="recovery_key">Recovery key</label>
  <input type="text" id="recovery_key" name="recovery_key" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="restore-key-hint">
  <p class="hint" id="restore-key-hint">The key on your paper: nine groups of four letters and digits.</p>
  <div class="actions"><button type="submit">Restore my vault</button></div>
  <p class="hint">Every record and document is checked as it comes back: a large backup takes a while. Keep this page open.</p>
</form>
<form method="post" action="/setup/restore/cancel"><button type="submit" class="secondary">Choose another file</button></form>
{{/main}}{{/layout}}
"""#

    static let done = #"""
{{<layout}}{{$main}}
<h1>Your vault is back</h1>
<p class="notice">Restored and checked: {{codeEntries}}, {{identifiers}}, {{documents}}{{#inboxShares}}, {{inboxShares}}{{/inboxShares}}.</p>
{{#hasMissing}}
<div class="warning" role="alert">
<h2>Not everything came back</h2>
<p>These items were damaged, so they were left out. Everything else was restored and checked.</p>
<ul>{{#missing}}<li><strong>{{name}}</strong>: {{reason}}</li>{{/missing}}</ul>
<p><strong>What to do:</strong> bring these back from another backup, or add them again.</p>
</div>
{{/hasMissing}}
<p>If you used keyring unlock on your old computer, turn it on again here in <a href="/settings">Settings</a>.</p>
<p><a class="button" href="/">Go to my vault</a></p>
{{/main}}{{/layout}}
"""#
}
