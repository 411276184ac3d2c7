/// Templates of the case-number pages.
///
/// The list shows values masked; one row shows its value in full only in the
/// answer to its Show button. Forms name a row by its record id.
enum IdentifierTemplates {
    static let all: [String: String] = [
        "ids": list,
        "id-new": add,
        "id-remove": remove,
    ]

    static let list = #"""
{{<layout}}{{$main}}
<h1>Case numbers</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>Your A-Number, receipt numbers, USCIS online account number and card numbers. Only the last four characters show until you ask for one.</p>
<p><a class="button" href="/ids/new">Add a case number</a></p>
{{#hasRows}}
<table>
<thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Number</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#rows}}
<tr>
<td>{{label}}{{#note}}<br><span class="hint">{{note}}</span>{{/note}}</td>
<td>{{kindName}}</td>
<td>{{#revealed}}<span class="secret big" id="value-{{id}}">{{formatted}}</span>
<button type="button" class="secondary" data-copy="value-{{id}}" hidden aria-label="Copy {{label}}">Copy</button>
{{#plain}}<br><span class="hint">In forms: <code id="plain-{{id}}">{{plain}}</code></span> <button type="button" class="secondary" data-copy="plain-{{id}}" hidden aria-label="Copy {{label}} without dashes">Copy</button>{{/plain}}
<br><a href="/ids">Hide</a>{{/revealed}}{{^revealed}}<span class="masked">{{masked}}</span>{{/revealed}}</td>
<td>
{{^revealed}}<form method="post" action="/ids/show" class="inline-form"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="secondary" aria-label="Show {{label}}">Show</button></form>{{/revealed}}
<form method="post" action="/ids/remove" class="inline-form"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="danger" aria-label="Remove {{label}}">Remove</button></form>
</td>
</tr>
{{/rows}}
</tbody>
</table>
{{/hasRows}}
{{^hasRows}}<p class="notice">No case numbers yet. Your A-Number is on your notices and cards, after "A#" or "USCIS#".</p>{{/hasRows}}
{{/main}}{{/layout}}
"""#

    static let add = #"""
{{<layout}}{{$main}}
<h1>Add a case number</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>Nothing was stored. Correct it below and try again.</p></div>{{/problem}}
<form method="post" action="/ids">
<label for="kind">Kind of number</label>
<select id="kind" name="kind" required aria-describedby="formats">
{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/kinds}}
</select>
<label for="value">The number</label>
<p class="hint" id="value-hint">Type it as on your notice or card; dashes and spaces do not matter.</p>
<input type="text" id="value" name="value" value="{{value}}" required maxlength="200" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="value-hint formats">
<label for="label">A name for it (optional)</label>
<p class="hint" id="label-hint">Left empty, the kind is used (receipt, receipt-2 ...).</p>
<input type="text" id="label" name="label" value="{{label}}" maxlength="100" autocomplete="off" aria-describedby="label-hint">
<label for="note">Note (optional)</label>
<p class="hint" id="note-hint">For example which form a receipt is for (I-485).</p>
<textarea id="note" name="note" rows="2" maxlength="500" aria-describedby="note-hint">{{note}}</textarea>
<div class="actions"><button type="submit">Store the number</button> <a class="button secondary" href="/ids">Cancel</a></div>
</form>
<section aria-labelledby="formats-heading">
<h2 id="formats-heading">What each kind looks like</h2>
<dl id="formats">
{{#kinds}}<dt>{{name}}</dt><dd>{{format}}</dd>{{/kinds}}
</dl>
</section>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>Remove {{label}}?</h1>
<p class="warning">This removes {{label}} ({{kindName}}, <span class="masked">{{masked}}</span>) from the vault. It cannot be undone.</p>
<form method="post" action="/ids/remove">
<input type="hidden" name="id" value="{{id}}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="danger">Yes, remove {{label}}</button> <a class="button secondary" href="/ids">No, keep it</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
