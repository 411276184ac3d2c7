/// Templates of the "Share & backup" hub and the representative pages.
enum RepresentativeTemplates {
    static let all: [String: String] = [
        "share": hub,
        "representatives": list,
        "representative-new": add,
        "representative": details,
        "representative-remove": remove,
    ]

    /// The navigation's "Share & backup": the three things it leads to.
    static let hub = #"""
{{<layout}}{{$main}}
<h1>Share and back up</h1>
<section aria-labelledby="send-heading">
<h2 id="send-heading">Send to your representative</h2>
<p>Your attorney or accredited representative can receive chosen codes, case numbers and documents
in one sealed file that only their CaseVault opens. It is signed by you, so they can tell it is yours.</p>
<p class="actions"><a class="button" href="/export">Send to a representative</a> <a class="button secondary" href="/representatives">Your representatives ({{repCount}})</a></p>
</section>
<section aria-labelledby="recovery-heading">
<h2 id="recovery-heading">Trusted people</h2>
<p>A few people you choose can open an emergency copy of your records together if you cannot.</p>
<p class="actions"><a class="button secondary" href="/recovery">Trusted people</a></p>
</section>
<section aria-labelledby="backup-heading">
<h2 id="backup-heading">Back up your vault</h2>
<p>One file with everything in your vault, encrypted, to keep somewhere else than this computer
(a USB stick, another disk). It brings the vault back on a new computer.</p>
<p class="actions"><a class="button" href="/backup">Make a backup</a></p>
</section>
{{/main}}{{/layout}}
"""#

    static let list = #"""
{{<layout}}{{$main}}
<h1>Representatives</h1>
{{#removed}}<p class="notice" role="status">Removed {{removed}}. Shares you already sent them stay readable by them; no new share can be made for them.</p>{{/removed}}
<p>The attorneys or accredited representatives you can send a sealed share to. Each gave you a
recipient (a line starting with <code>age1pq1</code>, or <code>age1</code> for an older one); only their CaseVault can open what is sealed to it.
Shares to a post-quantum recipient stay sealed even against a future quantum computer.</p>
<p class="actions"><a class="button" href="/representatives/new">Add a representative</a></p>
{{#hasReps}}
<table>
<thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Fingerprint</th><th scope="col">Added</th></tr></thead>
<tbody>
{{#reps}}
<tr>
<td><a href="{{link}}">{{name}}</a></td>
<td>{{kind}}</td>
<td><code>{{fingerprint}}</code></td>
<td>{{added}}</td>
</tr>
{{/reps}}
</tbody>
</table>
<p class="actions"><a class="button secondary" href="/export">Send to a representative</a></p>
{{/hasReps}}
{{^hasReps}}<p class="notice">No representatives yet. Ask your representative for their CaseVault recipient, then add them here.</p>{{/hasReps}}
{{/main}}{{/layout}}
"""#

    /// The recipient is public (it only lets someone seal things *to* the
    /// representative); the field is still read into secure memory, in case
    /// a secret key is pasted there by mistake.
    static let add = #"""
{{<layout}}{{$main}}
<h1>Add a representative</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>Nothing was stored.</p></div>{{/problem}}
<p>Your representative's CaseVault shows a <strong>recipient</strong>: one long line starting with <code>age1pq1</code>
(post-quantum), or a short one starting with <code>age1</code> from an older identity.
They can send it by e-mail: it is not a secret. Their <strong>fingerprint</strong>, which you will check
with them by phone next, is what proves it is theirs.</p>
<form method="post" action="/representatives" enctype="multipart/form-data">
<label for="name">Their name</label>
<p class="hint" id="name-hint">As you want to see it when you choose whom to send to, such as "Jane Doe, Esq." or "Jane Doe, Doe Immigration Law".</p>
<input type="text" id="name" name="name" value="{{name}}" required maxlength="100" autocomplete="off" aria-describedby="name-hint">
<fieldset>
<legend>Their recipient: paste it, or choose the file they sent</legend>
<label for="recipient">Paste the recipient</label>
<p class="hint" id="recipient-hint">It starts with age1pq1 and is 1,959 letters and digits long (an older one starts with age1 and is 62 long). Copy it whole, or choose the file they sent.</p>
<input type="text" id="recipient" name="recipient" value="{{recipient}}" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="recipient-hint">
<label for="file">Or choose the file</label>
<p class="hint" id="file-hint">A small text file holding the recipient (at most {{limitKiB}} KiB).</p>
<input type="file" id="file" name="file" accept=".txt,.pub,text/plain" aria-describedby="file-hint">
</fieldset>
<div class="actions"><button type="submit">Add the representative</button> <a class="button secondary" href="/representatives">Cancel</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let details = #"""
{{<layout}}{{$main}}
<h1>{{name}}</h1>
{{#justAdded}}<p class="notice" role="status">Representative added. Before you send them anything, check the fingerprint below with them by phone.</p>{{/justAdded}}
<section class="fingerprint-card" aria-labelledby="fingerprint-heading">
<h2 id="fingerprint-heading">Fingerprint</h2>
<p class="fingerprint" id="fingerprint">{{fingerprint}}</p>
<p><strong>Call {{name}} and read this fingerprint aloud.</strong> Use a phone number you already know,
not one from the message that brought the recipient. It must match, letter for letter, the fingerprint
their CaseVault shows for their identity. Do not send them anything until it matches.</p>
<p class="warning">If it does not match, someone else's key may have been given to you: remove this
representative, and ask {{name}} for their recipient again.</p>
</section>
<dl class="facts">
<dt>Recipient</dt><dd><code class="recipient" id="recipient">{{recipient}}</code> <button type="button" class="secondary" data-copy="recipient" hidden>Copy</button></dd>
<dt>Added</dt><dd>{{added}}</dd>
</dl>
<div class="actions">
<a class="button" href="{{exportLink}}">Send to {{name}}</a>
<a class="button secondary" href="{{removeLink}}">Remove</a>
</div>
<p><a href="/representatives">All representatives</a></p>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>Remove {{name}}?</h1>
<p>Fingerprint <code>{{fingerprint}}</code>.</p>
<p class="warning">No new share can be made for {{name}} once removed. Shares you already sent them
stay readable by them. You can add them again later from their recipient.</p>
<form method="post" action="/representatives/remove">
<input type="hidden" name="name" value="{{name}}">
<div class="actions"><button type="submit" class="danger">Yes, remove {{name}}</button> <a class="button secondary" href="{{link}}">No, keep them</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
