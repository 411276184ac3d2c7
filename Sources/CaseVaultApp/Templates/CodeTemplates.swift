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
<h1>{{t.app.nav.codes}}</h1>
{{#removed}}<p class="notice" role="status">{{removedText}}</p>{{/removed}}
<p>{{t.app.codes.about}}</p>
<p><a class="button" href="/codes/new">{{t.app.codes.add}}</a></p>
{{#hasEntries}}
<table>
<thead><tr><th scope="col">{{t.app.codes.site}}</th><th scope="col">{{t.app.codes.kind_heading}}</th><th scope="col">{{t.app.codes.codes_heading}}</th></tr></thead>
<tbody>
{{#entries}}
<tr>
<td><a href="{{link}}">{{label}}</a>{{#primary}} <span class="ok">{{t.app.emergency.shown_first}}</span>{{/primary}}{{#account}}<br><span class="hint">{{account}}</span>{{/account}}</td>
<td>{{kindText}}</td>
<td>{{countText}}{{#warning}}<p class="warning">{{warning}}</p>{{/warning}}</td>
</tr>
{{/entries}}
</tbody>
</table>
{{/hasEntries}}
{{^hasEntries}}<p class="notice">{{t.app.codes.none}}</p>{{/hasEntries}}
{{/main}}{{/layout}}
"""#

    /// The codes box and the file choice, put into the add and replace forms
    /// (not a template of its own: every template extends the layout).
    static let fields = #"""
<fieldset>
<legend>{{t.app.codes.legend}}</legend>
<label for="codes">{{t.app.codes.paste}}</label>
<p class="hint" id="codes-hint">{{t.app.codes.paste_hint}}</p>
<textarea id="codes" name="codes" rows="8" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="codes-hint"></textarea>
<label for="file">{{t.app.codes.file}}</label>
<p class="hint" id="file-hint">{{fileHint}}</p>
<input type="file" id="file" name="file" accept=".txt,text/plain" aria-describedby="file-hint">
</fieldset>
"""#

    static let problem = #"""
{{#problem}}<div class="error" role="alert"><p>{{message}}</p>{{#advice}}<p>{{advice}}</p>{{/advice}}<p>{{t.app.codes.nothing_stored}}</p></div>{{/problem}}
"""#

    static let add = #"""
{{<layout}}{{$main}}
<h1>{{t.app.codes.add}}</h1>
"""# + problem + #"""
<form method="post" action="/codes" enctype="multipart/form-data">
<label for="label">{{t.app.codes.label_label}}</label>
<p class="hint" id="label-hint">{{t.app.codes.label_hint}}</p>
<input type="text" id="label" name="label" value="{{label}}" required maxlength="100" autocomplete="off" aria-describedby="label-hint">
<label for="account">{{t.app.codes.account_label}}</label>
<p class="hint" id="account-hint">{{t.app.codes.account_hint}}</p>
<input type="text" id="account" name="account" value="{{account}}" maxlength="500" autocomplete="off" aria-describedby="account-hint">
"""# + fields + #"""
<p class="check"><input type="checkbox" id="primary" name="primary"{{#primary}} checked{{/primary}}> <label for="primary">{{t.app.codes.primary_label}}</label></p>
<div class="actions"><button type="submit">{{t.app.codes.store}}</button> <a class="button secondary" href="/codes">{{t.app.codes.cancel}}</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let detail = #"""
{{<layout}}{{$main}}
<h1>{{label}}</h1>
{{#notices}}<p class="notice" role="status">{{.}}</p>{{/notices}}
{{#warning}}<p class="warning">{{warning}} <a href="{{replaceLink}}">{{t.app.codes.replace}}</a></p>{{/warning}}
<dl class="facts">
{{#account}}<dt>{{t.app.codes.account}}</dt><dd>{{account}}</dd>{{/account}}
<dt>{{t.app.codes.kind_heading}}</dt><dd>{{kindText}}</dd>
<dt>{{t.app.codes.codes_heading}}</dt><dd>{{countText}}</dd>
<dt>{{t.app.codes.stored}}</dt><dd>{{storedText}}</dd>
<dt>{{t.app.codes.emergency_page}}</dt><dd>{{#primary}}{{t.app.codes.shown_first}}{{/primary}}{{^primary}}{{#isList}}{{t.app.codes.named_not_shown}}{{/isList}}{{^isList}}{{t.app.codes.shown}}{{/isList}}{{/primary}}</dd>
</dl>
<div class="actions">
{{#canUse}}<form method="post" action="{{useAction}}" class="inline-form"><button type="submit">{{t.app.codes.use_next}}</button></form>{{/canUse}}
{{^revealed}}<form method="post" action="{{showAction}}" class="inline-form"><button type="submit" class="secondary">{{t.app.codes.show}}</button></form>{{/revealed}}
<a class="button secondary" href="{{replaceLink}}">{{t.app.codes.replace}}</a>
{{^primary}}<form method="post" action="{{primaryAction}}" class="inline-form"><button type="submit" class="secondary">{{t.app.codes.make_primary}}</button></form>{{/primary}}
<form method="post" action="{{removeAction}}" class="inline-form"><button type="submit" class="danger">{{t.app.codes.remove}}</button></form>
</div>
{{#revealed}}
<section aria-labelledby="codes-heading">
<h2 id="codes-heading">{{t.app.codes.the_codes}}</h2>
<p class="hint">{{t.app.codes.shown_hint}}</p>
<ol class="codes">
{{#codes}}<li><span class="secret{{^unused}} used{{/unused}}" id="{{id}}">{{code}}</span>{{#usedOn}} <span class="hint">{{usedText}}</span>{{/usedOn}}{{#unused}} <button type="button" class="secondary" data-copy="{{id}}" hidden aria-label="{{copyLabel}}">{{t.app.codes.copy}}</button>{{/unused}}</li>{{/codes}}
</ol>
<p><a href="{{link}}">{{t.app.codes.hide}}</a></p>
</section>
{{/revealed}}
{{#hasHistory}}
<section aria-labelledby="history-heading">
<h2 id="history-heading">{{t.app.codes.earlier}}</h2>
<ul>
{{#history}}<li>{{period}}
{{#hasOld}}<ol class="codes">{{#oldCodes}}<li><span class="secret{{^unused}} used{{/unused}}">{{code}}</span>{{#usedOn}} <span class="hint">{{usedText}}</span>{{/usedOn}}</li>{{/oldCodes}}</ol>{{/hasOld}}</li>{{/history}}
</ul>
</section>
{{/hasHistory}}
{{/main}}{{/layout}}
"""#

    static let used = #"""
{{<layout}}{{$main}}
<h1>{{heading}}</h1>
<p class="big secret" id="used-code">{{code}}</p>
<p><button type="button" data-copy="used-code" hidden>{{copyText}}</button></p>
<p class="notice" role="status">{{remainingText}}</p>
{{#notes}}<p class="warning">{{.}} <a href="{{replaceLink}}">{{replaceText}}</a></p>{{/notes}}
<p class="hint">{{noReload}}</p>
<div class="actions">
{{#fromEmergency}}<a class="button" href="/emergency">{{backEmergency}}</a>{{/fromEmergency}}
<a class="button secondary" href="{{link}}">{{backEntry}}</a>
</div>
{{/main}}{{/layout}}
"""#

    static let replace = #"""
{{<layout}}{{$main}}
<h1>{{replaceHeading}}</h1>
<p>{{t.app.codes.replace_about}}</p>
"""# + problem + #"""
<form method="post" action="{{action}}" enctype="multipart/form-data">
"""# + fields + #"""
<div class="actions"><button type="submit">{{t.app.codes.replace_button}}</button> <a class="button secondary" href="{{link}}">{{t.app.codes.cancel}}</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let remove = #"""
{{<layout}}{{$main}}
<h1>{{removeTitle}}</h1>
<p class="warning">{{removeWarning}}</p>
<form method="post" action="{{removeAction}}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="danger">{{removeYes}}</button> <a class="button secondary" href="{{link}}">{{t.app.codes.keep}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
