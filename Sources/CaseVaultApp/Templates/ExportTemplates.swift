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
<h1>{{t.app.export.title}}</h1>
"""# + note + #"""
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}</div>{{/problem}}
{{^hasReps}}<p class="notice">{{t.app.export.add_first_1}} <a href="/representatives/new">{{t.app.export.add_first_link}}</a>.</p>{{/hasReps}}
{{#hasReps}}
<p>{{t.app.export.about}}</p>
<form method="post" action="/export/review">
<fieldset>
<legend>{{t.app.export.who}}</legend>
{{#reps}}<p class="check"><input type="radio" id="to-{{index}}" name="to" value="{{name}}"{{#checked}} checked{{/checked}} required> <label for="to-{{index}}">{{name}}</label> <span class="hint">{{t.app.export.fingerprint}} <code>{{fingerprint}}</code></span></p>
{{/reps}}
<p class="hint"><a href="/representatives/new">{{t.app.export.add_another}}</a></p>
</fieldset>
{{^hasSomething}}<p class="notice">{{t.app.export.nothing}}</p>{{/hasSomething}}
{{#hasCodes}}
<fieldset>
<legend>{{t.app.export.codes_legend}}</legend>
<p class="warning" id="codes-warning">{{t.app.export.codes_warning_1}}
<strong>{{t.app.export.codes_warning_2}}</strong> {{t.app.export.codes_warning_3}}</p>
{{#codes}}<p class="check"><input type="checkbox" id="code-{{index}}" name="code" value="{{label}}"{{#checked}} checked{{/checked}} aria-describedby="codes-warning"> <label for="code-{{index}}">{{label}}{{#uscis}}{{t.app.export.your_uscis}}{{/uscis}}</label> <span class="hint">{{text}}{{#accountText}}{{accountText}}{{/accountText}}</span></p>
{{/codes}}
</fieldset>
{{/hasCodes}}
{{#hasIdentifiers}}
<fieldset>
<legend>{{t.app.export.ids_legend}}</legend>
<p class="check"><input type="checkbox" id="ids" name="ids"{{#idsChecked}} checked{{/idsChecked}} aria-describedby="ids-list"> <label for="ids">{{identifierAll}}</label></p>
<ul class="hint" id="ids-list">{{#identifiers}}<li>{{.}}</li>{{/identifiers}}</ul>
</fieldset>
{{/hasIdentifiers}}
{{#hasDocs}}
<fieldset>
<legend>{{t.app.export.docs_legend}}</legend>
{{#docs}}<p class="check"><input type="checkbox" id="doc-{{id}}" name="doc" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="doc-{{id}}">{{label}}</label> <span class="hint">{{type}}, {{size}}</span></p>
{{/docs}}
</fieldset>
{{/hasDocs}}
<label for="as">{{t.app.export.as_label}}</label>
<p class="hint" id="as-hint">{{t.app.export.as_hint}}</p>
<input type="text" id="as" name="as" value="{{senderName}}" required maxlength="100" autocomplete="name" aria-describedby="as-hint">
<div class="actions"><button type="submit">{{t.app.export.review_button}}</button> <a class="button secondary" href="/share">{{t.app.export.cancel}}</a></div>
</form>
{{/hasReps}}
{{/main}}{{/layout}}
"""#

    static let review = #"""
{{<layout}}{{$main}}
<h1>{{t.app.export.review_title}}</h1>
<p>{{t.app.export.review_about}}</p>
<section class="fingerprint-card" aria-labelledby="to-heading">
<h2 id="to-heading">{{forText}}</h2>
<p>{{onlyText}}</p>
<p class="fingerprint" id="to-fingerprint">{{toFingerprint}}</p>
<p class="hint">{{t.app.export.check_fingerprint}}</p>
</section>
<h2>{{t.app.export.holds}}</h2>
<ul class="share-contents">
{{^hasCodes}}<li>{{t.app.export.no_codes}}</li>{{/hasCodes}}
{{#codes}}<li><strong>{{codesFor}}</strong>{{#accountText}}{{accountText}}{{/accountText}}: {{text}}.{{#uscis}} <span class="attention">{{t.app.export.uscis_code}}</span>{{/uscis}}</li>
{{/codes}}
{{#hasIdentifiers}}<li><strong>{{t.app.export.your_ids}}</strong>: {{identifierList}}</li>{{/hasIdentifiers}}
{{#docs}}<li><strong>{{label}}</strong> {{fileSize}}</li>
{{/docs}}
</ul>
{{#hasDocs}}<p class="hint">{{inAll}}</p>{{/hasDocs}}
{{#hasUSCIS}}<p class="warning">{{uscisWarning}}</p>{{/hasUSCIS}}
<h2>{{t.app.export.signed}}</h2>
<p>{{t.app.export.as}} <strong>{{senderName}}</strong>{{#senderFingerprint}}{{t.app.export.with_key}} <code>{{senderFingerprint}}</code>{{/senderFingerprint}}{{^senderFingerprint}}{{t.app.export.with_new_key}}{{/senderFingerprint}}.
{{canCheck}}</p>
<form method="post" action="/export/download">
{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">
{{/hidden}}
<div class="actions"><button type="submit">{{t.app.export.make}}</button>
<button type="submit" class="secondary" formaction="/export/edit">{{t.app.export.change}}</button></div>
</form>
<h2>{{t.app.export.after}}</h2>
<p>{{afterText}}
<a href="/export">{{t.app.export.after_link}}</a> {{t.app.export.after_link_then}}</p>
{{/main}}{{/layout}}
"""#
}
