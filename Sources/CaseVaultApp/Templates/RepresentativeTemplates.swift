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
<h1>{{t.app.reps.hub_title}}</h1>
<section aria-labelledby="send-heading">
<h2 id="send-heading">{{t.app.reps.hub_send_heading}}</h2>
<p>{{t.app.reps.hub_send_about}}</p>
<p class="actions"><a class="button" href="/export">{{t.app.reps.hub_send}}</a> <a class="button secondary" href="/representatives">{{repCountText}}</a></p>
</section>
<section aria-labelledby="recovery-heading">
<h2 id="recovery-heading">{{t.app.reps.hub_trusted_heading}}</h2>
<p>{{t.app.reps.hub_trusted_about}}</p>
<p class="actions"><a class="button secondary" href="/recovery">{{t.app.reps.hub_trusted}}</a></p>
</section>
<section aria-labelledby="backup-heading">
<h2 id="backup-heading">{{t.app.reps.hub_backup_heading}}</h2>
<p>{{t.app.reps.hub_backup_about}}</p>
<p class="actions"><a class="button" href="/backup">{{t.app.reps.hub_backup}}</a></p>
</section>
{{/main}}{{/layout}}
"""#

    static let list = #"""
{{<layout}}{{$main}}
<h1>{{t.app.reps.title}}</h1>
{{#removed}}<p class="notice" role="status">{{removedText}}</p>{{/removed}}
<p>{{t.app.reps.about_1}} <code>age1pq1</code>{{t.app.reps.about_2}} <code>age1</code> {{t.app.reps.about_3}}</p>
<p class="actions"><a class="button" href="/representatives/new">{{t.app.reps.add}}</a></p>
{{#hasReps}}
<table>
<thead><tr><th scope="col">{{t.app.reps.name_heading}}</th><th scope="col">{{t.app.reps.kind_heading}}</th><th scope="col">{{t.app.reps.fingerprint_heading}}</th><th scope="col">{{t.app.reps.added_heading}}</th></tr></thead>
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
<p class="actions"><a class="button secondary" href="/export">{{t.app.reps.send}}</a></p>
{{/hasReps}}
{{^hasReps}}<p class="notice">{{t.app.reps.none}}</p>{{/hasReps}}
{{/main}}{{/layout}}
"""#

    /// The recipient is public (it only lets someone seal things *to* the
    /// representative); the field is still read into secure memory, in case
    /// a secret key is pasted there by mistake.
    static let add = #"""
{{<layout}}{{$main}}
<h1>{{t.app.reps.add}}</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>{{t.app.reps.nothing_stored}}</p></div>{{/problem}}
<p>{{t.app.reps.add_about_1}} <strong>{{t.app.reps.add_about_recipient}}</strong>{{t.app.reps.add_about_2}} <code>age1pq1</code>
{{t.app.reps.add_about_3}} <code>age1</code> {{t.app.reps.add_about_4}} <strong>{{t.app.reps.add_about_fingerprint}}</strong>{{t.app.reps.add_about_5}}</p>
<form method="post" action="/representatives" enctype="multipart/form-data">
<label for="name">{{t.app.reps.name_label}}</label>
<p class="hint" id="name-hint">{{t.app.reps.name_hint}}</p>
<input type="text" id="name" name="name" value="{{name}}" required maxlength="100" autocomplete="off" aria-describedby="name-hint">
<fieldset>
<legend>{{t.app.reps.recipient_legend}}</legend>
<label for="recipient">{{t.app.reps.recipient_label}}</label>
<p class="hint" id="recipient-hint">{{t.app.reps.recipient_hint}}</p>
<textarea id="recipient" name="recipient" rows="4" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="recipient-hint">{{recipient}}</textarea>
<label for="file">{{t.app.reps.file_label}}</label>
<p class="hint" id="file-hint">{{fileHint}}</p>
<input type="file" id="file" name="file" accept=".txt,.pub,text/plain" aria-describedby="file-hint">
</fieldset>
<div class="actions"><button type="submit">{{t.app.reps.add_button}}</button> <a class="button secondary" href="/representatives">{{t.app.reps.cancel}}</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let details = #"""
{{<layout}}{{$main}}
<h1>{{name}}</h1>
{{#justAdded}}<p class="notice" role="status">{{t.app.reps.just_added}}</p>{{/justAdded}}
<section class="fingerprint-card" aria-labelledby="fingerprint-heading">
<h2 id="fingerprint-heading">{{t.app.reps.fingerprint}}</h2>
<p class="fingerprint" id="fingerprint">{{fingerprint}}</p>
<p><strong>{{callText}}</strong> {{t.app.reps.call_how}}</p>
<p class="warning">{{mismatchText}}</p>
</section>
<dl class="facts">
<dt>{{t.app.reps.recipient}}</dt><dd><code class="recipient" id="recipient">{{recipient}}</code> <button type="button" class="secondary" data-copy="recipient" hidden>{{t.app.reps.copy}}</button></dd>
<dt>{{t.app.reps.added}}</dt><dd>{{added}}</dd>
</dl>
<div class="actions">
<a class="button" href="{{exportLink}}">{{sendToText}}</a>
<a class="button secondary" href="{{removeLink}}">{{t.app.reps.remove}}</a>
</div>
<p><a href="/representatives">{{t.app.reps.all}}</a></p>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>{{removeTitle}}</h1>
<p>{{t.app.reps.remove_fingerprint}} <code>{{fingerprint}}</code>.</p>
<p class="warning">{{removeWarning}}</p>
<form method="post" action="/representatives/remove">
<input type="hidden" name="name" value="{{name}}">
<div class="actions"><button type="submit" class="danger">{{removeYes}}</button> <a class="button secondary" href="{{link}}">{{t.app.reps.remove_no}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
