/// The unlock page.
enum UnlockTemplates {
    static let all: [String: String] = ["unlock": unlock]

    static let unlock = #"""
{{<layout}}{{$main}}
<h1>Unlock your vault</h1>
<p class="hint">Vault: {{vault}}</p>
{{#failed}}<div class="error" role="alert"><p>{{failed}}</p></div>{{/failed}}
{{#keyring}}
<form method="post" action="/unlock/keyring">
  <button type="submit">Unlock with the desktop keyring</button>
</form>
<p>Or type your passphrase:</p>
{{/keyring}}
<form method="post" action="/unlock">
  <label for="passphrase">Passphrase</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="current-password" required autofocus>
  <div class="actions"><button type="submit">Unlock</button></div>
</form>
<p><a href="/unlock/recover">Forgot your passphrase? Use your recovery key</a></p>
{{/main}}{{/layout}}
"""#
}
