/// The unlock page.
enum UnlockTemplates {
    static let all: [String: String] = ["unlock": unlock]

    static let unlock = #"""
{{<layout}}{{$main}}
<h1>{{t.app.unlock.heading}}</h1>
<p class="hint">{{t.app.unlock.vault}} {{vault}}</p>
{{#failed}}<div class="error" role="alert"><p>{{failed}}</p></div>{{/failed}}
{{#keyring}}
<form method="post" action="/unlock/keyring">
  <button type="submit">{{t.app.unlock.with_keyring}}</button>
</form>
<p>{{t.app.unlock.or_type}}</p>
{{/keyring}}
<form method="post" action="/unlock">
  <label for="passphrase">{{t.app.unlock.passphrase}}</label>
  <input type="password" id="passphrase" name="passphrase" autocomplete="current-password" required autofocus>
  <div class="actions"><button type="submit">{{t.app.unlock.button}}</button></div>
</form>
<p><a href="/unlock/recover">{{t.app.unlock.forgot}}</a></p>
<form method="post" action="/quit" class="quit"><button type="submit" class="secondary">{{t.app.layout.quit}}</button></form>
{{/main}}{{/layout}}
"""#
}
