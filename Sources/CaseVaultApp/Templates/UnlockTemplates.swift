/// The unlock page, and the page the launch URL answers with.
enum UnlockTemplates {
    static let all: [String: String] = ["unlock": unlock, "opening": opening]

    /// The launch URL's answer: sets the session cookie and moves on to `/`
    /// by itself (a refresh, or the link with scripts and refreshes off).
    static let opening = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=/">
<title>{{page.title}} · CaseVault</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<main id="main">
<h1>Opening CaseVault…</h1>
<p><a class="button" href="/">Open CaseVault</a></p>
</main>
</body>
</html>
"""#

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
{{/main}}{{/layout}}
"""#
}
