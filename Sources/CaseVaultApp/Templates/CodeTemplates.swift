/// Templates of the backup-code pages.
///
/// Codes appear only in `code-detail` after Show (`revealed`) and in
/// `code-used`; the forms never put a code back into a field. Keys a section
/// reads inside a list are named apart from the page's own (`oldCodes`, not
/// `codes`): Mustache looks a missing key up in the enclosing context.
enum CodeTemplates {
    static let all: [String: String] = [
        "codes": list,
        "code-new": add,
        "code-detail": detail,
        "code-used": used,
        "code-replace": replace,
        "code-remove": remove,
    ]

    static let list = #"""
{{<layout}}{{$main}}
<h1>Backup codes</h1>
{{#removed}}<p class="notice" role="status">Removed {{removed}} and all its codes.</p>{{/removed}}
<p>The USCIS backup code and other sites' one-time codes. The codes stay hidden until you ask to see or use one.</p>
<p><a class="button" href="/codes/new">Add backup codes</a></p>
{{#hasEntries}}
<table>
<thead><tr><th scope="col">Site</th><th scope="col">Kind</th><th scope="col">Codes</th></tr></thead>
<tbody>
{{#entries}}
<tr>
<td><a href="{{link}}">{{label}}</a>{{#primary}} <span class="ok">(shown first)</span>{{/primary}}{{#account}}<br><span class="hint">{{account}}</span>{{/account}}</td>
<td>{{kindText}}</td>
<td>{{countText}}{{#warning}}<p class="warning">{{warning}}</p>{{/warning}}</td>
</tr>
{{/entries}}
</tbody>
</table>
{{/hasEntries}}
{{^hasEntries}}<p class="notice">No backup codes yet. Start with your USCIS backup code: USCIS shows it once, when you set up two-step verification.</p>{{/hasEntries}}
{{/main}}{{/layout}}
"""#

    /// The codes box and the file choice, put into the add and replace forms
    /// (not a template of its own: every template extends the layout).
    static let fields = #"""
<fieldset>
<legend>The codes: paste them, or choose the file the site saved</legend>
<label for="codes">Paste the codes</label>
<p class="hint" id="codes-hint">One per line, as the site showed them. Headings and notes around them are skipped.</p>
<textarea id="codes" name="codes" rows="8" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="codes-hint"></textarea>
<label for="file">Or choose the file</label>
<p class="hint" id="file-hint">The text file the site saved (such as backup_codes.txt), at most {{limitKiB}} KiB.</p>
<input type="file" id="file" name="file" accept=".txt,text/plain" aria-describedby="file-hint">
</fieldset>
"""#

    static let problem = #"""
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>Nothing was stored. For safety the codes are not shown again: paste them or choose the file once more.</p></div>{{/problem}}
"""#

    static let add = #"""
{{<layout}}{{$main}}
<h1>Add backup codes</h1>
"""# + problem + #"""
<form method="post" action="/codes" enctype="multipart/form-data">
<label for="label">Name of the site</label>
<p class="hint" id="label-hint">A short name such as uscis or login.gov.</p>
<input type="text" id="label" name="label" value="{{label}}" required maxlength="100" autocomplete="off" aria-describedby="label-hint">
<label for="account">Account (optional)</label>
<p class="hint" id="account-hint">The e-mail address or user name you sign in with there.</p>
<input type="text" id="account" name="account" value="{{account}}" maxlength="500" autocomplete="off" aria-describedby="account-hint">
"""# + fields + #"""
<p class="check"><input type="checkbox" id="primary" name="primary"{{#primary}} checked{{/primary}}> <label for="primary">Show these first on the emergency page</label></p>
<div class="actions"><button type="submit">Store the codes</button> <a class="button secondary" href="/codes">Cancel</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let detail = #"""
{{<layout}}{{$main}}
<h1>{{label}}</h1>
{{#notices}}<p class="notice" role="status">{{.}}</p>{{/notices}}
{{#warning}}<p class="warning">{{warning}} <a href="{{replaceLink}}">Replace codes</a></p>{{/warning}}
<dl class="facts">
{{#account}}<dt>Account</dt><dd>{{account}}</dd>{{/account}}
<dt>Kind</dt><dd>{{kindText}}</dd>
<dt>Codes</dt><dd>{{countText}}</dd>
<dt>Stored</dt><dd>{{added}} (last changed {{updated}})</dd>
<dt>Emergency page</dt><dd>{{#primary}}Shown first{{/primary}}{{^primary}}{{#isList}}Named, not shown{{/isList}}{{^isList}}Shown{{/isList}}{{/primary}}</dd>
</dl>
<div class="actions">
{{#canUse}}<form method="post" action="{{useAction}}" class="inline-form"><button type="submit">Use the next code</button></form>{{/canUse}}
{{^revealed}}<form method="post" action="{{showAction}}" class="inline-form"><button type="submit" class="secondary">Show codes</button></form>{{/revealed}}
<a class="button secondary" href="{{replaceLink}}">Replace codes</a>
{{^primary}}<form method="post" action="{{primaryAction}}" class="inline-form"><button type="submit" class="secondary">Show first on the emergency page</button></form>{{/primary}}
<form method="post" action="{{removeAction}}" class="inline-form"><button type="submit" class="danger">Remove</button></form>
</div>
{{#revealed}}
<section aria-labelledby="codes-heading">
<h2 id="codes-heading">The codes</h2>
<p class="hint">Shown because you asked. Showing a code does not mark it used: use <em>Use the next code</em> for that.</p>
<ol class="codes">
{{#codes}}<li><span class="secret{{^unused}} used{{/unused}}" id="{{id}}">{{code}}</span>{{#usedOn}} <span class="hint">used {{usedOn}}</span>{{/usedOn}}{{#unused}} <button type="button" class="secondary" data-copy="{{id}}" hidden aria-label="Copy code {{number}}">Copy</button>{{/unused}}</li>{{/codes}}
</ol>
<p><a href="{{link}}">Hide the codes</a></p>
</section>
{{/revealed}}
{{#hasHistory}}
<section aria-labelledby="history-heading">
<h2 id="history-heading">Earlier codes (replaced)</h2>
<ul>
{{#history}}<li>{{from}} to {{to}}: {{count}}, {{used}}
{{#hasOld}}<ol class="codes">{{#oldCodes}}<li><span class="secret{{^unused}} used{{/unused}}">{{code}}</span>{{#usedOn}} <span class="hint">used {{usedOn}}</span>{{/usedOn}}</li>{{/oldCodes}}</ol>{{/hasOld}}</li>{{/history}}
</ul>
</section>
{{/hasHistory}}
{{/main}}{{/layout}}
"""#

    static let used = #"""
{{<layout}}{{$main}}
<h1>Your code for {{label}}</h1>
<p class="big secret" id="used-code">{{code}}</p>
<p><button type="button" data-copy="used-code" hidden>Copy the code</button></p>
<p class="notice" role="status">{{remainingText}}</p>
{{#notes}}<p class="warning">{{.}} <a href="{{replaceLink}}">Replace codes</a></p>{{/notes}}
<p class="hint">Do not reload this page: that would use a code again.</p>
<div class="actions">
{{#fromEmergency}}<a class="button" href="/emergency">Back to the emergency page</a>{{/fromEmergency}}
<a class="button secondary" href="{{link}}">Back to {{label}}</a>
</div>
{{/main}}{{/layout}}
"""#

    static let replace = #"""
{{<layout}}{{$main}}
<h1>Replace the codes of {{label}}</h1>
<p>When a site gives you new codes, the old ones stop working. Store the new ones here: the old ones stay on this entry's page, dated.</p>
"""# + problem + #"""
<form method="post" action="{{action}}" enctype="multipart/form-data">
"""# + fields + #"""
<div class="actions"><button type="submit">Replace the codes</button> <a class="button secondary" href="{{link}}">Cancel</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>Remove {{label}}?</h1>
<p class="warning">This removes {{label}} ({{countText}}) and all its codes, the replaced ones too. It cannot be undone.</p>
<form method="post" action="{{removeAction}}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="danger">Yes, remove {{label}}</button> <a class="button secondary" href="{{link}}">No, keep it</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
