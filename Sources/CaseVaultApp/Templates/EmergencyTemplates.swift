/// The emergency page: large, one value per line, to read out or show
/// across a counter, and printable (app.css's print rules drop the
/// navigation, the buttons and the kit section).
enum EmergencyTemplates {
    static let all: [String: String] = ["emergency": emergency]

    static let emergency = #"""
{{<layout}}{{$main}}
<div class="emergency">
<h1>Emergency</h1>
<p class="hint">As of {{today}}. Nothing on this page is marked used until you press <em>Mark used</em>.</p>
<p class="actions screen-only"><button type="button" data-print hidden>Print this page</button></p>
{{#isEmpty}}<p class="notice">Nothing is stored yet. Add your USCIS backup code in <a href="/codes/new">Backup codes</a> and your A-Number in <a href="/ids/new">Case numbers</a>.</p>{{/isEmpty}}

{{#codes}}
<section class="code-card" aria-labelledby="{{elementID}}-title">
<h2 id="{{elementID}}-title">{{title}}{{#primary}} <span class="hint">(shown first)</span>{{/primary}}</h2>
{{#account}}<p>Account: {{account}}</p>{{/account}}
{{#noneLeft}}<p class="warning">No unused code left. Get new codes from the site, then <a href="{{replaceLink}}">replace them here</a>.</p>{{/noneLeft}}
{{#code}}
{{#position}}<p>{{position}}</p>{{/position}}
<p class="big secret" id="{{elementID}}">{{code}}</p>
<p class="screen-only"><button type="button" class="secondary" data-copy="{{elementID}}" hidden>Copy</button></p>
{{#usedOn}}<p class="warning">Marked used on {{usedOn}}. If it is refused, get a new one from the site and <a href="{{replaceLink}}">store it here</a>.</p>{{/usedOn}}
{{^usedOn}}
<form method="post" action="{{useAction}}">
<input type="hidden" name="expect" value="{{number}}">
<input type="hidden" name="from" value="emergency">
<p class="hint">After you give this code:</p>
<button type="submit">Mark used</button>
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
<h2 id="documents-heading">Documents stored ({{documentCount}})</h2>
<ul class="documents">
{{#documents}}<li><strong>{{label}}</strong>: {{type}}, {{#attention}}<strong class="attention">{{when}}</strong>{{/attention}}{{^attention}}{{when}}{{/attention}}</li>{{/documents}}
</ul>
{{#documentsProblem}}<p class="warning">The document list cannot be read: {{documentsProblem}} Run the integrity check in <a href="/settings">Settings</a>.</p>{{/documentsProblem}}
{{#hasForeignFiles}}<p class="warning screen-only">{{foreignFiles}} file(s) in the vault's documents folder were not written by CaseVault and were left alone. The integrity check in <a href="/settings">Settings</a> lists them.</p>{{/hasForeignFiles}}
</section>
{{/hasDocuments}}

{{#hasOtherLists}}
<section aria-labelledby="other-heading">
<h2 id="other-heading">Other code lists (codes not shown)</h2>
<ul>
{{#otherLists}}<li>{{label}}{{#account}} ({{account}}){{/account}}: {{counts}}
{{#canTake}}<form method="post" action="{{useAction}}" class="inline-form"><input type="hidden" name="from" value="emergency"><button type="submit" class="secondary" aria-label="Take a code from {{label}}">Take one</button></form>{{/canTake}}
{{^canTake}}<a class="screen-only" href="{{replaceLink}}">Replace codes</a>{{/canTake}}</li>{{/otherLists}}
</ul>
</section>
{{/hasOtherLists}}

{{#keyringTip}}<p class="notice screen-only">Tip: turn on keyring unlock in <a href="/settings">Settings</a>, so that CaseVault opens without typing your passphrase at a counter.</p>{{/keyringTip}}

<section class="screen-only" aria-labelledby="kit-heading">
<h2 id="kit-heading">Printable emergency kit</h2>
<p>A sheet to keep on paper, away from this computer: where the vault is, boxes for your recovery key, your representatives, and what to do if the laptop is lost. It holds no code and no case number.</p>
<p class="actions"><a class="button" href="/emergency/kit">Open the kit to print</a> <a class="button secondary" href="/emergency/kit?download=1">Save the kit as a file</a></p>
<form method="post" action="/emergency/kit">
<label for="recovery-key">Or print it with your recovery key filled in</label>
<p class="hint" id="recovery-key-hint">Type the recovery key you wrote down when the vault was made. It is checked against this vault first. A sheet with the key opens the vault: keep it as safe as the key itself.</p>
<input type="password" id="recovery-key" name="recovery-key" autocomplete="off" spellcheck="false" aria-describedby="recovery-key-hint">
<div class="actions"><button type="submit" class="secondary">Open the kit with the key</button></div>
</form>
</section>
</div>
{{/main}}{{/layout}}
"""#
}
