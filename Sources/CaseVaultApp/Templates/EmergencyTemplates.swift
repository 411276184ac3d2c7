/// The emergency page: large, one value per line, to read out or show
/// across a counter, and printable (app.css's print rules drop the
/// navigation, the buttons and the kit section).
enum EmergencyTemplates {
    static let all: [String: String] = ["emergency": emergency]

    static let emergency = #"""
{{<layout}}{{$main}}
<div class="emergency">
<h1>{{t.app.emergency.title}}</h1>
<p class="hint">{{asOf}}</p>
<p class="actions screen-only"><button type="button" data-print hidden>{{t.app.emergency.print}}</button></p>
{{#isEmpty}}<p class="notice">{{t.app.emergency.empty_1}} <a href="/codes/new">{{t.app.nav.codes}}</a> {{t.app.emergency.empty_2}} <a href="/ids/new">{{t.app.nav.ids}}</a>.</p>{{/isEmpty}}

{{#codes}}
<section class="code-card" aria-labelledby="{{elementID}}-title">
<h2 id="{{elementID}}-title">{{title}}{{#primary}} <span class="hint">{{t.app.emergency.shown_first}}</span>{{/primary}}</h2>
{{#account}}<p>{{account}}</p>{{/account}}
{{#noneLeft}}<p class="warning">{{t.app.emergency.none_left}} <a href="{{replaceLink}}">{{t.app.emergency.replace_here}}</a>.</p>{{/noneLeft}}
{{#code}}
{{#position}}<p>{{position}}</p>{{/position}}
<p class="big secret" id="{{elementID}}">{{code}}</p>
<p class="screen-only"><button type="button" class="secondary" data-copy="{{elementID}}" hidden>{{t.app.emergency.copy}}</button></p>
{{#usedOn}}<p class="warning">{{usedOn}} <a href="{{replaceLink}}">{{t.app.emergency.store_here}}</a>.</p>{{/usedOn}}
{{^usedOn}}
<form method="post" action="{{useAction}}">
<input type="hidden" name="expect" value="{{number}}">
<input type="hidden" name="from" value="emergency">
<p class="hint">{{t.app.emergency.after_giving}}</p>
<button type="submit">{{t.app.emergency.mark_used}}</button>
</form>
{{/usedOn}}
{{/code}}
</section>
{{/codes}}

{{#identifierGroups}}
<section aria-label="{{heading}}">
<h2>{{heading}}</h2>
<ul class="values">
{{#items}}<li>{{#label}}<span class="value-label">{{label}}</span><br>{{/label}}<span class="value">{{value}}</span>{{#note}}<br><span class="note">({{note}})</span>{{/note}}</li>{{/items}}
</ul>
</section>
{{/identifierGroups}}

{{#hasDocuments}}
<section aria-labelledby="documents-heading">
<h2 id="documents-heading">{{documentsHeading}}</h2>
<ul class="documents">
{{#documents}}<li><strong>{{label}}</strong>: {{type}}, {{#attention}}<strong class="attention">{{when}}</strong>{{/attention}}{{^attention}}{{when}}{{/attention}}</li>{{/documents}}
</ul>
{{#documentsProblem}}<p class="warning">{{t.app.emergency.documents_problem_before}} {{documentsProblem}} {{t.app.emergency.documents_problem_after}} <a href="/settings">{{t.app.nav.settings}}</a>.</p>{{/documentsProblem}}
{{#hasForeignFiles}}<p class="warning screen-only">{{foreignFiles}} <a href="/settings">{{t.app.nav.settings}}</a></p>{{/hasForeignFiles}}
</section>
{{/hasDocuments}}

{{#hasOtherLists}}
<section aria-labelledby="other-heading">
<h2 id="other-heading">{{t.app.emergency.other_lists}}</h2>
<ul>
{{#otherLists}}<li>{{label}}{{#account}} ({{account}}){{/account}}: {{counts}}
{{#canTake}}<form method="post" action="{{useAction}}" class="inline-form"><input type="hidden" name="from" value="emergency"><button type="submit" class="secondary" aria-label="{{takeLabel}}">{{t.app.emergency.take_one}}</button></form>{{/canTake}}
{{^canTake}}<a class="screen-only" href="{{replaceLink}}">{{t.app.emergency.replace_codes}}</a>{{/canTake}}</li>{{/otherLists}}
</ul>
</section>
{{/hasOtherLists}}

{{#keyringTip}}<p class="notice screen-only">{{t.app.emergency.keyring_tip}} <a href="/settings">{{t.app.nav.settings}}</a></p>{{/keyringTip}}

<section class="screen-only" aria-labelledby="kit-heading">
<h2 id="kit-heading">{{t.app.emergency.kit_heading}}</h2>
<p>{{t.app.emergency.kit_about}}</p>
<p class="actions"><a class="button" href="/emergency/kit">{{t.app.emergency.kit_open}}</a> <a class="button secondary" href="/emergency/kit?download=1">{{t.app.emergency.kit_save}}</a></p>
<form method="post" action="/emergency/kit">
<label for="recovery-key">{{t.app.emergency.kit_key_label}}</label>
<p class="hint" id="recovery-key-hint">{{t.app.emergency.kit_key_hint}}</p>
<input type="password" id="recovery-key" name="recovery-key" autocomplete="off" spellcheck="false" aria-describedby="recovery-key-hint">
<div class="actions"><button type="submit" class="secondary">{{t.app.emergency.kit_key_button}}</button></div>
</form>
</section>
</div>
{{/main}}{{/layout}}
"""#
}
