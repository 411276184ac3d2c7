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
<h1>{{t.app.nav.ids}}</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>{{t.app.ids.about}}</p>
<p><a class="button" href="/ids/new">{{t.app.ids.add}}</a></p>
{{#hasRows}}
<table>
<thead><tr><th scope="col">{{t.app.ids.name}}</th><th scope="col">{{t.app.ids.kind_heading}}</th><th scope="col">{{t.app.ids.number}}</th><th scope="col"><span class="visually-hidden">{{t.app.ids.actions}}</span></th></tr></thead>
<tbody>
{{#rows}}
<tr>
<td>{{label}}{{#note}}<br><span class="hint">{{note}}</span>{{/note}}</td>
<td>{{kindName}}</td>
<td>{{#revealed}}<span class="secret big" id="value-{{id}}">{{formatted}}</span>
<button type="button" class="secondary" data-copy="value-{{id}}" hidden aria-label="{{t.app.ids.copy}} {{label}}">{{t.app.ids.copy}}</button>
{{#plain}}<br><span class="hint">{{t.app.ids.in_forms}} <code id="plain-{{id}}">{{plain}}</code></span> <button type="button" class="secondary" data-copy="plain-{{id}}" hidden aria-label="{{t.app.ids.copy}} {{label}} ({{t.app.ids.without_dashes}})">{{t.app.ids.copy}}</button>{{/plain}}
<br><a href="/ids">{{t.app.ids.hide}}</a>{{/revealed}}{{^revealed}}<span class="masked">{{masked}}</span>{{/revealed}}</td>
<td>
{{^revealed}}<form method="post" action="/ids/show" class="inline-form"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="secondary" aria-label="{{t.app.ids.show}} {{label}}">{{t.app.ids.show}}</button></form>{{/revealed}}
<form method="post" action="/ids/remove" class="inline-form"><input type="hidden" name="id" value="{{id}}"><button type="submit" class="danger" aria-label="{{t.app.ids.remove}} {{label}}">{{t.app.ids.remove}}</button></form>
</td>
</tr>
{{/rows}}
</tbody>
</table>
{{/hasRows}}
{{^hasRows}}<p class="notice">{{t.app.ids.none}}</p>{{/hasRows}}
{{/main}}{{/layout}}
"""#

    static let add = #"""
{{<layout}}{{$main}}
<h1>{{t.app.ids.add}}</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>{{t.app.ids.nothing_stored}}</p></div>{{/problem}}
<form method="post" action="/ids">
<label for="kind">{{t.app.ids.kind_label}}</label>
<select id="kind" name="kind" required aria-describedby="formats">
{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/kinds}}
</select>
<label for="value">{{t.app.ids.value_label}}</label>
<p class="hint" id="value-hint">{{t.app.ids.value_hint}}</p>
<input type="text" id="value" name="value" value="{{value}}" required maxlength="200" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="value-hint formats">
<label for="label">{{t.app.ids.label_label}}</label>
<p class="hint" id="label-hint">{{t.app.ids.label_hint}}</p>
<input type="text" id="label" name="label" value="{{label}}" maxlength="100" autocomplete="off" aria-describedby="label-hint">
<label for="note">{{t.app.ids.note_label}}</label>
<p class="hint" id="note-hint">{{t.app.ids.note_hint}}</p>
<textarea id="note" name="note" rows="2" maxlength="500" aria-describedby="note-hint">{{note}}</textarea>
<div class="actions"><button type="submit">{{t.app.ids.store}}</button> <a class="button secondary" href="/ids">{{t.app.ids.cancel}}</a></div>
</form>
<section aria-labelledby="formats-heading">
<h2 id="formats-heading">{{t.app.ids.formats}}</h2>
<dl id="formats">
{{#kinds}}<dt>{{name}}</dt><dd>{{format}}</dd>{{/kinds}}
</dl>
</section>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>{{removeTitle}}</h1>
<p class="warning">{{removeWarning}} <span class="masked">{{masked}}</span></p>
<form method="post" action="/ids/remove">
<input type="hidden" name="id" value="{{id}}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="danger">{{removeYes}}</button> <a class="button secondary" href="/ids">{{t.app.ids.keep}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
