/// Templates of the Documents pages: the list, the upload form, one
/// document's page, the verify result and the removal confirmation.
enum DocumentTemplates {
    static let all: [String: String] = [
        "documents": list,
        "document-add": add,
        "document": details,
        "document-verified": verified,
        "document-remove": remove,
    ]

    static let list = #"""
{{<layout}}{{$main}}
<h1>Documents</h1>
<p>Scans of your papers, encrypted on this computer. Only you can open them.</p>
<p class="actions"><a class="button" href="/documents/add">Add a document</a></p>
{{#hasDocs}}
<table>
<caption class="hint">{{countText}}</caption>
<thead><tr><th scope="col">Label</th><th scope="col">Type</th><th scope="col">Expires</th><th scope="col">Size</th><th scope="col">Added</th></tr></thead>
<tbody>
{{#docs}}
<tr>
<td><a href="/documents/{{id}}">{{label}}</a></td>
<td>{{type}}</td>
<td>{{#expires}}{{expires}}{{/expires}}{{^expires}}<span class="hint">none</span>{{/expires}}{{#warning}}<div class="warning">{{warning}}</div>{{/warning}}</td>
<td>{{size}}</td>
<td>{{added}}</td>
</tr>
{{/docs}}
</tbody>
</table>
{{/hasDocs}}
{{^hasDocs}}<p class="notice">No documents yet. Add a scan of your green card, work permit or passport, so you have it when you need it.</p>{{/hasDocs}}
{{/main}}{{/layout}}
"""#

    /// The file input is the form's last field: the server reads the other
    /// fields first, then streams the file into the vault as it arrives.
    static let add = #"""
{{<layout}}{{$main}}
<h1>Add a document</h1>
<form method="post" action="/documents/add" enctype="multipart/form-data" data-progress="upload-progress">
<label for="type">What it is</label>
<select id="type" name="type">
{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>
{{/types}}
</select>
<label for="label">Label (optional)</label>
<p class="hint" id="label-hint">A short name to find it by, such as "green card front". Left empty, the file's name is used.</p>
<input type="text" id="label" name="label" maxlength="200" aria-describedby="label-hint">
<label for="expires">Expiry date (optional)</label>
<p class="hint" id="expires-hint">The date printed on the document (where there is no calendar to pick it from, type it as year-month-day: 2031-04-30). You are warned {{warningDays}} days before.</p>
<input type="date" id="expires" name="expires" aria-describedby="expires-hint">
<label for="note">Note (optional)</label>
<textarea id="note" name="note" maxlength="4000"></textarea>
<label for="file">File</label>
<p class="hint" id="file-hint">A scan or photo (PDF, JPEG, PNG, GIF or WebP can be viewed here; any other file can be kept and downloaded). Any size.</p>
<input type="file" id="file" name="file" required aria-describedby="file-hint">
<p><progress id="upload-progress" value="0" max="1" hidden aria-label="Upload progress"></progress></p>
<p class="actions"><button type="submit">Upload</button> <a class="button secondary" href="/documents">Cancel</a></p>
</form>
{{/main}}{{/layout}}
"""#

    static let details = #"""
{{<layout}}{{$main}}
{{#doc}}
<h1>{{label}}</h1>
{{#warning}}<p class="warning">{{warning}}</p>{{/warning}}
<dl>
<dt>Type</dt><dd>{{type}}</dd>
<dt>File name</dt><dd>{{fileName}}</dd>
<dt>Size</dt><dd>{{size}}{{#exactBytes}} ({{exactBytes}} bytes){{/exactBytes}}</dd>
<dt>Added</dt><dd>{{added}}</dd>
<dt>Expires</dt><dd>{{#expires}}{{expires}}{{/expires}}{{^expires}}no expiry date{{/expires}}</dd>
{{#hasNote}}<dt>Note</dt><dd>{{#noteLines}}{{.}}<br>{{/noteLines}}</dd>{{/hasNote}}
{{#sha256}}<dt>SHA-256</dt><dd><code class="secret">{{sha256}}</code></dd>{{/sha256}}
</dl>
<div class="actions">
{{#viewable}}<a class="button" href="/documents/{{id}}/view">View</a>{{/viewable}}
<a class="button{{#viewable}} secondary{{/viewable}}" href="/documents/{{id}}/download">Download</a>
<form method="post" action="/documents/{{id}}/verify" class="inline-form"><button type="submit" class="secondary">Verify</button></form>
<a class="button secondary" href="/documents/{{id}}/remove">Remove</a>
</div>
{{^viewable}}<p class="hint">This file can be downloaded, not viewed here: only PDF, JPEG, PNG, GIF and WebP files are shown in the browser.</p>{{/viewable}}
<p class="hint">The expiry date cannot be changed here yet. To change it, download the document, remove it, and add it again with the new date.</p>
{{/doc}}
<p><a href="/documents">All documents</a></p>
{{/main}}{{/layout}}
"""#

    static let verified = #"""
{{<layout}}{{$main}}
<h1>Verify {{label}}</h1>
{{#ok}}<p class="notice" role="status"><span class="ok">OK.</span> Every byte was read back and decrypted, and it matches the SHA-256 recorded when it was added: the document is whole and unchanged.</p>{{/ok}}
{{^ok}}<div class="error" role="alert"><h2>The document is damaged</h2><p>{{message}}</p>{{#advice}}<p><strong>What to do:</strong> {{advice}}</p>{{/advice}}</div>{{/ok}}
<p><a class="button" href="/documents/{{id}}">Back to the document</a></p>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>Remove {{label}}?</h1>
<p class="warning">The scan is removed from the vault and its encrypted file is overwritten. This cannot be undone. Download it first if you may need it.</p>
<form method="post" action="/documents/{{id}}/remove">
<p class="actions"><button type="submit" class="danger">Remove it</button> <a class="button secondary" href="/documents/{{id}}">Keep it</a></p>
</form>
{{/main}}{{/layout}}
"""#
}
