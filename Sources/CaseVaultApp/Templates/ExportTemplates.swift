/// Templates of the export pages: the choice, and the review before the
/// share is made. Keys read inside a list are named apart from the page's
/// own (Mustache looks a missing key up in the enclosing context).
enum ExportTemplates {
    static let all: [String: String] = [
        "export": form,
        "export-review": review,
    ]

    static let note = #"""
{{#note}}<div class="{{#failed}}error{{/failed}}{{^failed}}warning{{/failed}}" role="alert"><h2>{{heading}}</h2>{{#lines}}<p>{{.}}</p>{{/lines}}</div>{{/note}}
"""#

    static let form = #"""
{{<layout}}{{$main}}
<h1>Send to a representative</h1>
"""# + note + #"""
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}</div>{{/problem}}
{{^hasReps}}<p class="notice">Add your representative first: ask them for their CaseVault recipient, then <a href="/representatives/new">add them</a>.</p>{{/hasReps}}
{{#hasReps}}
<p>Choose what to send. The next page shows exactly what the share will hold before it is made.
Only the representative you choose can open it, and it is signed by you.</p>
<form method="post" action="/export/review">
<fieldset>
<legend>Who receives it</legend>
{{#reps}}<p class="check"><input type="radio" id="to-{{index}}" name="to" value="{{name}}"{{#checked}} checked{{/checked}} required> <label for="to-{{index}}">{{name}}</label> <span class="hint">fingerprint <code>{{fingerprint}}</code></span></p>
{{/reps}}
<p class="hint"><a href="/representatives/new">Add another representative</a></p>
</fieldset>
{{^hasSomething}}<p class="notice">Your vault holds nothing to send yet: add backup codes, case numbers or documents first.</p>{{/hasSomething}}
{{#hasCodes}}
<fieldset>
<legend>Backup codes</legend>
<p class="warning" id="codes-warning">A backup code opens your account to whoever holds it, with your password.
<strong>USCIS online accounts are personal:</strong> your representative uses their own account for your case.
Tick a code only if you and your representative agreed they need it, and get new codes from the site afterwards.</p>
{{#codes}}<p class="check"><input type="checkbox" id="code-{{index}}" name="code" value="{{label}}"{{#checked}} checked{{/checked}} aria-describedby="codes-warning"> <label for="code-{{index}}">{{label}}{{#uscis}} (your USCIS account){{/uscis}}</label> <span class="hint">{{text}}{{#account}}, account {{account}}{{/account}}</span></p>
{{/codes}}
</fieldset>
{{/hasCodes}}
{{#hasIdentifiers}}
<fieldset>
<legend>Case numbers</legend>
<p class="check"><input type="checkbox" id="ids" name="ids"{{#idsChecked}} checked{{/idsChecked}} aria-describedby="ids-list"> <label for="ids">All your case numbers ({{identifierCount}})</label></p>
<ul class="hint" id="ids-list">{{#identifiers}}<li>{{.}}</li>{{/identifiers}}</ul>
</fieldset>
{{/hasIdentifiers}}
{{#hasDocs}}
<fieldset>
<legend>Documents</legend>
{{#docs}}<p class="check"><input type="checkbox" id="doc-{{id}}" name="doc" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="doc-{{id}}">{{label}}</label> <span class="hint">{{type}}, {{size}}</span></p>
{{/docs}}
</fieldset>
{{/hasDocs}}
<label for="as">Your name, as your representative will see it</label>
<p class="hint" id="as-hint">The share is signed with your key under this name; your representative files it under it. It is remembered for next time.</p>
<input type="text" id="as" name="as" value="{{senderName}}" required maxlength="100" autocomplete="name" aria-describedby="as-hint">
<div class="actions"><button type="submit">Review what will be sent</button> <a class="button secondary" href="/share">Cancel</a></div>
</form>
{{/hasReps}}
{{/main}}{{/layout}}
"""#

    static let review = #"""
{{<layout}}{{$main}}
<h1>Review the share</h1>
<p>Nothing is made until you press the button below. Then the share downloads as one file.</p>
<section class="fingerprint-card" aria-labelledby="to-heading">
<h2 id="to-heading">For {{to}}</h2>
<p>Only {{to}}'s CaseVault can open it: the one whose fingerprint is</p>
<p class="fingerprint" id="to-fingerprint">{{toFingerprint}}</p>
<p class="hint">Check that it is the fingerprint you confirmed with them by phone.</p>
</section>
<h2>It will hold</h2>
<ul class="share-contents">
{{^hasCodes}}<li>No backup codes</li>{{/hasCodes}}
{{#codes}}<li><strong>Backup codes for {{label}}</strong>{{#account}} (account {{account}}){{/account}}: {{text}}.{{#uscis}} <span class="attention">This is your USCIS account's code.</span>{{/uscis}}</li>
{{/codes}}
{{#hasIdentifiers}}<li><strong>Your case numbers</strong>: {{identifierList}}</li>{{/hasIdentifiers}}
{{#docs}}<li><strong>{{label}}</strong> (file {{fileName}}, {{size}})</li>
{{/docs}}
</ul>
{{#hasDocs}}<p class="hint">{{docCount}}, {{totalSize}} in all.</p>{{/hasDocs}}
{{#hasUSCIS}}<p class="warning">You are sending your USCIS backup code. Your USCIS online account is personal: with this code and your password,
{{to}} can sign in as you. Send it only if you agreed on it, and replace the code (get a new one from USCIS) once it is no longer needed.</p>{{/hasUSCIS}}
<h2>Signed by you</h2>
<p>As <strong>{{senderName}}</strong>{{#senderFingerprint}}, with your key whose fingerprint is <code>{{senderFingerprint}}</code>{{/senderFingerprint}}{{^senderFingerprint}}, with a signing key made for you with this first share{{/senderFingerprint}}.
{{to}} can check with it that the share comes from you.</p>
<form method="post" action="/export/download">
{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
{{/hidden}}
<div class="actions"><button type="submit">Make the share and download it</button>
<button type="submit" class="secondary" formaction="/export/edit">Change what is sent</button></div>
</form>
<h2>After the download</h2>
<p>Send the file to {{to}} any way you like (e-mail, a file-sharing link, a USB stick): it is sealed, and only
their CaseVault opens it. If the download fails, delete what was saved: an incomplete share cannot be opened.
<a href="/export">Send to a representative</a> then says what went wrong.</p>
{{/main}}{{/layout}}
"""#
}
