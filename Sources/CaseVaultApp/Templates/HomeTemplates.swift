/// The home page.
enum HomeTemplates {
    static let all: [String: String] = ["home": home]

    static let home = #"""
{{<layout}}{{$main}}
<h1>{{t.app.home.heading}}</h1>
{{#hasAttention}}
<section aria-labelledby="attention">
<h2 id="attention">{{t.app.home.attention}}</h2>
<ul>
{{#attention}}<li class="warning">{{text}} <a href="{{link}}">{{action}}</a></li>{{/attention}}
</ul>
</section>
{{/hasAttention}}
{{^hasAttention}}<p class="notice">{{t.app.home.nothing}}</p>{{/hasAttention}}
<h2>{{t.app.home.stored}}</h2>
<ul>
  <li><a href="/codes">{{t.app.nav.codes}}</a>: {{codeCounts}}</li>
  {{#uscisReplaced}}<li>{{uscisReplaced}}</li>{{/uscisReplaced}}
  <li><a href="/ids">{{t.app.nav.ids}}</a>: {{identifiers}}</li>
  <li><a href="/documents">{{t.app.nav.documents}}</a>: {{documents}}</li>
</ul>
<p><a class="button" href="/emergency">{{t.app.home.emergency_page}}</a></p>
{{/main}}{{/layout}}
"""#
}
