/// Templates of the Documents pages: the list, the upload form, one
/// document's page, the verify result and the removal confirmation.
/// Their words are the catalogue's `app.documents.*` (`{{t.app.documents.KEY}}`).
enum DocumentTemplates {
    static let all: [String: String] = [
        "documents": list,
        "document-add": add,
        "document": details,
        "document-verified": verified,
        "document-remove": remove,
        "document-edit": edit,
    ]

    static let list = #"""
{{<layout}}{{$main}}
<h1>{{t.app.nav.documents}}</h1>
<p>{{t.app.documents.about}}</p>
<p class="actions"><a class="button" href="/documents/add">{{t.app.documents.add}}</a></p>
{{#hasDocs}}
<table>
<caption class="hint">{{countText}}</caption>
<thead><tr><th scope="col">{{t.app.documents.label}}</th><th scope="col">{{t.app.documents.type}}</th><th scope="col">{{t.app.documents.expires}}</th><th scope="col">{{t.app.documents.size}}</th><th scope="col">{{t.app.documents.added}}</th></tr></thead>
<tbody>
{{#docs}}
<tr>
<td><a href="/documents/{{id}}">{{label}}</a></td>
<td>{{type}}</td>
<td>{{#expires}}{{expires}}{{/expires}}{{^expires}}<span class="hint">{{t.app.documents.none_expiry}}</span>{{/expires}}{{#warning}}<div class="warning">{{warning}}</div>{{/warning}}</td>
<td>{{size}}</td>
<td>{{added}}</td>
</tr>
{{/docs}}
</tbody>
</table>
{{/hasDocs}}
{{^hasDocs}}<p class="notice">{{t.app.documents.none}}</p>{{/hasDocs}}
{{/main}}{{/layout}}
"""#

    /// The file input is the form's last field: the server reads the other
    /// fields first, then streams the file into the vault as it arrives.
    static let add = #"""
{{<layout}}{{$main}}
<h1>{{t.app.documents.add}}</h1>
<form method="post" action="/documents/add" enctype="multipart/form-data" data-progress="upload-progress">
<label for="type">{{t.app.documents.what}}</label>
<select id="type" name="type">
{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/types}}
</select>
<label for="label">{{t.app.documents.label_label}}</label>
<p class="hint" id="label-hint">{{t.app.documents.label_hint}}</p>
<input type="text" id="label" name="label" maxlength="200" aria-describedby="label-hint">
<label for="expires">{{t.app.documents.expires_label}}</label>
<p class="hint" id="expires-hint">{{expiresHint}}</p>
<input type="date" id="expires" name="expires" aria-describedby="expires-hint">
<label for="note">{{t.app.documents.note_label}}</label>
<textarea id="note" name="note" maxlength="4000"></textarea>
<label for="file">{{t.app.documents.file}}</label>
<p class="hint" id="file-hint">{{t.app.documents.file_hint}}</p>
<input type="file" id="file" name="file" required aria-describedby="file-hint">
<p><progress id="upload-progress" value="0" max="1" hidden aria-label="{{t.app.documents.upload_progress}}"></progress></p>
<p class="actions"><button type="submit">{{t.app.documents.upload}}</button> <a class="button secondary" href="/documents">{{t.app.documents.cancel}}</a></p>
</form>
{{/main}}{{/layout}}
"""#

    static let details = #"""
{{<layout}}{{$main}}
{{#doc}}
<h1>{{label}}</h1>
{{#changed}}<p class="notice" role="status">{{t.app.documents.changed}}</p>{{/changed}}
{{#warning}}<p class="warning">{{warning}}</p>{{/warning}}
<dl>
<dt>{{t.app.documents.type}}</dt><dd>{{type}}</dd>
<dt>{{t.app.documents.file_name}}</dt><dd>{{fileName}}</dd>
<dt>{{t.app.documents.size}}</dt><dd>{{size}}{{#exactBytes}} ({{exactBytes}}){{/exactBytes}}</dd>
<dt>{{t.app.documents.added}}</dt><dd>{{added}}</dd>
<dt>{{t.app.documents.expires}}</dt><dd>{{#expires}}{{expires}}{{/expires}}{{^expires}}{{t.app.documents.no_expiry}}{{/expires}}</dd>
{{#hasNote}}<dt>{{t.app.documents.note}}</dt><dd>{{#noteLines}}{{.}}<br>{{/noteLines}}</dd>{{/hasNote}}
{{#sha256}}<dt>SHA-256</dt><dd><code class="secret">{{sha256}}</code></dd>{{/sha256}}
</dl>
<div class="actions">
{{#viewable}}<a class="button" href="/documents/{{id}}/view">{{t.app.documents.view}}</a>{{/viewable}}
<a class="button{{#viewable}} secondary{{/viewable}}" href="/documents/{{id}}/download">{{t.app.documents.download}}</a>
<form method="post" action="/documents/{{id}}/verify" class="inline-form"><button type="submit" class="secondary">{{t.app.documents.verify}}</button></form>
<a class="button secondary" href="/documents/{{id}}/edit">{{t.app.documents.edit}}</a>
<a class="button secondary" href="/documents/{{id}}/remove">{{t.app.documents.remove}}</a>
</div>
{{^viewable}}<p class="hint">{{t.app.documents.download_only}}</p>{{/viewable}}
{{/doc}}
<p><a href="/documents">{{t.app.documents.all}}</a></p>
{{/main}}{{/layout}}
"""#

    static let verified = #"""
{{<layout}}{{$main}}
<h1>{{title}}</h1>
{{#ok}}<p class="notice" role="status"><span class="ok">{{t.app.documents.ok}}</span> {{t.app.documents.verified}}</p>{{/ok}}
{{^ok}}<div class="error" role="alert"><h2>{{t.app.documents.damaged}}</h2><p>{{message}}</p>{{#advice}}<p><strong>{{t.app.documents.what_to_do}}</strong> {{advice}}</p>{{/advice}}</div>{{/ok}}
<p><a class="button" href="/documents/{{id}}">{{t.app.documents.back}}</a></p>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>{{title}}</h1>
<p class="warning">{{t.app.documents.remove_warning}}</p>
<form method="post" action="/documents/{{id}}/remove">
<p class="actions"><button type="submit" class="danger">{{t.app.documents.remove_yes}}</button> <a class="button secondary" href="/documents/{{id}}">{{t.app.documents.keep}}</a></p>
</form>
{{/main}}{{/layout}}
"""#

    /// Its words and expiry date, never its file (a new scan is a new document).
    static let edit = #"""
{{<layout}}{{$main}}
<h1>{{title}}</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>{{t.app.documents.edit_nothing_changed}}</p></div>{{/problem}}
<form method="post" action="/documents/{{id}}/edit">
<label for="type">{{t.app.documents.what}}</label>
<select id="type" name="type">
{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/types}}
</select>
<label for="label">{{t.app.documents.edit_label}}</label>
<input type="text" id="label" name="label" value="{{label}}" required maxlength="200">
<label for="expires">{{t.app.documents.expires_label}}</label>
<p class="hint" id="expires-hint">{{t.app.documents.edit_expires_hint}}</p>
<input type="date" id="expires" name="expires" value="{{expires}}" aria-describedby="expires-hint">
<label for="note">{{t.app.documents.note_label}}</label>
<textarea id="note" name="note" maxlength="4000">{{note}}</textarea>
<p class="actions"><button type="submit">{{t.app.documents.save}}</button> <a class="button secondary" href="/documents/{{id}}">{{t.app.documents.cancel}}</a></p>
</form>
<p class="hint">{{t.app.documents.edit_file_fixed}}</p>
{{/main}}{{/layout}}
"""#
}
