/// Templates of the Settings pages: where the vault is and when it locks,
/// keyring unlock, the passphrase, the integrity check.
enum SettingsTemplates {
    static let all: [String: String] = [
        "settings": settings,
        "settings-passphrase-done": passphraseDone,
        "settings-check": check,
    ]

    static let settings = #"""
{{<layout}}{{$main}}
<h1>Settings</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}

<section aria-labelledby="vault-heading">
<h2 id="vault-heading">Your vault</h2>
<p>Kept in this folder: <code>{{vault}}</code></p>
<p>CaseVault locks itself after {{idle}} without use: it forgets every key, and you unlock it again
to go on. The <strong>Lock</strong> button at the top of every page locks it at once; so does
closing CaseVault.</p>
<form method="post" action="/lock"><button type="submit" class="secondary">Lock now</button></form>
</section>

<section aria-labelledby="keyring-heading">
<h2 id="keyring-heading">Open with the desktop keyring</h2>
<p>{{keyringState}}</p>
{{^keyringUsable}}<p class="hint">This window of CaseVault was started without the desktop keyring, so keyring unlock
cannot be turned on here.</p>{{/keyringUsable}}
{{#canEnable}}
<p>With keyring unlock on, CaseVault opens without your passphrase while you are logged in to this
computer. Anyone using your computer while you are logged in could open it too.</p>
<form method="post" action="/settings/keyring/enable">
  <label for="keyring_passphrase">Your passphrase (to confirm it is you)</label>
  <input type="password" id="keyring_passphrase" name="passphrase" autocomplete="current-password" required>
  <div class="actions"><button type="submit">{{enableLabel}}</button></div>
</form>
{{/canEnable}}
{{#canDisable}}
<form method="post" action="/settings/keyring/disable">
  <div class="actions"><button type="submit" class="secondary">Turn keyring unlock off</button></div>
</form>
{{/canDisable}}
</section>

<section aria-labelledby="passphrase-heading">
<h2 id="passphrase-heading">Change your passphrase</h2>
<p>Every record is then moved to a new key, so the old passphrase opens nothing written from now on,
even with an old copy of the vault's files. Your recovery key and keyring unlock keep working.
With many documents this takes a while: keep this page open.</p>
<form method="post" action="/settings/passphrase">
  <label for="current">Current passphrase</label>
  <input type="password" id="current" name="current" autocomplete="current-password" required>
  <label for="new_passphrase">New passphrase</label>
  <input type="password" id="new_passphrase" name="passphrase" autocomplete="new-password" required aria-describedby="new-passphrase-hint">
  <p class="hint" id="new-passphrase-hint">At least 10 characters; four or five random words work well.</p>
  <label for="new_passphrase_again">Type the new passphrase again</label>
  <input type="password" id="new_passphrase_again" name="passphrase_again" autocomplete="new-password" required>
  <div class="actions"><button type="submit">Change the passphrase</button></div>
</form>
</section>

<section aria-labelledby="check-heading">
<h2 id="check-heading">Check the vault for damage</h2>
<p>Reads and decrypts every record and every document to make sure nothing was damaged or changed
from outside. It changes nothing. With many documents it takes a while.</p>
<form method="post" action="/settings/check"><button type="submit">Run the check</button></form>
</section>
{{/main}}{{/layout}}
"""#

    static let passphraseDone = #"""
{{<layout}}{{$main}}
<h1>Passphrase changed</h1>
<p class="notice" role="status">From now on your vault opens with the new passphrase. Every record was moved to a
new key: the old passphrase opens nothing written from now on.</p>
{{^key}}<p>Your recovery key has not changed: keep using the paper you have.</p>{{/key}}
\#(RecoverTemplates.newRecoveryKey)
<p><a class="button" href="/settings">Back to Settings</a></p>
{{/main}}{{/layout}}
"""#

    static let check = #"""
{{<layout}}{{$main}}
<h1>Integrity check</h1>
{{#ok}}<p class="notice" role="status"><span class="ok">Everything checks.</span> Nothing is damaged.</p>{{/ok}}
{{^ok}}
<div class="error" role="alert">
<h2>{{problemCount}}</h2>
<ul>{{#problems}}<li><strong>{{item}}</strong>: {{problem}}</li>{{/problems}}</ul>
<p><strong>What to do:</strong> add the damaged items again, or bring them back from a backup.
Keep your backups: do not replace them with one made now. The check changed nothing.</p>
</div>
{{/ok}}
<h2>What was checked</h2>
<ul>{{#checked}}<li>{{.}}</li>{{/checked}}{{^checked}}<li>Nothing is stored yet.</li>{{/checked}}</ul>
<p><a class="button" href="/settings">Back to Settings</a></p>
{{/main}}{{/layout}}
"""#
}
