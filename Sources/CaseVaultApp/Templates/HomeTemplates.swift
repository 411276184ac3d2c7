/// The home page.
enum HomeTemplates {
    static let all: [String: String] = ["home": home]

    static let home = #"""
{{<layout}}{{$main}}
<h1>Your vault</h1>
{{#hasAttention}}
<section aria-labelledby="attention">
<h2 id="attention">Needs your attention</h2>
<ul>
{{#attention}}<li class="warning">{{text}} <a href="{{link}}">{{action}}</a></li>{{/attention}}
</ul>
</section>
{{/hasAttention}}
{{^hasAttention}}<p class="notice">Nothing needs your attention.</p>{{/hasAttention}}
<h2>What is stored</h2>
<ul>
  <li><a href="/codes">Backup codes</a>: {{codeEntries}} site(s), {{unusedCodes}} unused code(s)</li>
  {{#uscisReplaced}}<li>USCIS backup code last replaced {{uscisReplaced}}</li>{{/uscisReplaced}}
  <li><a href="/ids">Case numbers</a>: {{identifiers}}</li>
  <li><a href="/documents">Documents</a>: {{documents}}</li>
</ul>
<p><a class="button" href="/emergency">Emergency page</a></p>
{{/main}}{{/layout}}
"""#
}
