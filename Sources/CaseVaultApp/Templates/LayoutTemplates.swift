/// The layout every page extends, and the generic message and error pages.
enum LayoutTemplates {
    static let all: [String: String] = [
        "layout": layout,
        "message": message,
        "error": error,
        "how-to-open": howToOpen,
        "launched": launched,
    ]

    /// `{{$main}}` is the page's content. The language switch is a form in
    /// the footer (last in the tab order), one button per language (POST). Navigation and the Lock and Quit buttons
    /// only when unlocked. Both are forms (POST): a GET changes nothing.
    static let layout = #"""
<!doctype html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
{{#page.refresh}}<meta http-equiv="refresh" content="{{page.refresh}}">{{/page.refresh}}
{{#page.moveOn}}<meta http-equiv="refresh" content="0;url={{page.moveOn}}">{{/page.moveOn}}
<title>{{page.title}} · CaseVault</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">{{t.app.layout.skip}}</a>
<header class="top">
  <span class="brand"><img src="/static/icon.svg" alt="" width="28" height="28"> CaseVault</span>
  {{#page.unlocked}}
  <nav aria-label="{{t.app.layout.nav_label}}">
    <ul>
      <li><a href="/"{{#page.section_home}} aria-current="page"{{/page.section_home}}>{{t.app.nav.home}}</a></li>
      <li><a href="/codes"{{#page.section_codes}} aria-current="page"{{/page.section_codes}}>{{t.app.nav.codes}}</a></li>
      <li><a href="/ids"{{#page.section_ids}} aria-current="page"{{/page.section_ids}}>{{t.app.nav.ids}}</a></li>
      <li><a href="/documents"{{#page.section_documents}} aria-current="page"{{/page.section_documents}}>{{t.app.nav.documents}}</a></li>
      <li><a href="/emergency"{{#page.section_emergency}} aria-current="page"{{/page.section_emergency}}>{{t.app.nav.emergency}}</a></li>
      <li><a href="/share"{{#page.section_share}} aria-current="page"{{/page.section_share}}>{{t.app.nav.share}}</a></li>
      <li><a href="/clients"{{#page.section_clients}} aria-current="page"{{/page.section_clients}}>{{t.app.nav.clients}}</a></li>
      <li><a href="/settings"{{#page.section_settings}} aria-current="page"{{/page.section_settings}}>{{t.app.nav.settings}}</a></li>
    </ul>
  </nav>
  <div class="session">
  <form method="post" action="/lock" class="lock"><button type="submit">{{t.app.layout.lock}}</button></form>
  <form method="post" action="/quit" class="quit"><button type="submit" class="secondary">{{t.app.layout.quit}}</button></form>
  </div>
  {{/page.unlocked}}
</header>
<main id="main" tabindex="-1">
{{$main}}{{/main}}
</main>
<footer class="bottom">
<form method="post" action="/language" class="language" aria-labelledby="language-label">
<input type="hidden" name="back" value="{{returnPath}}">
<span id="language-label">{{t.app.language.label}}:</span>
{{#languages}}<button type="submit" name="lang" value="{{code}}" lang="{{code}}" class="secondary"{{#selected}} aria-pressed="true" disabled{{/selected}}>{{name}}</button>
{{/languages}}
</form>
</footer>
</body>
</html>
"""#

    /// A short page with one message and a link onward.
    static let message = #"""
{{<layout}}{{$main}}
<h1>{{heading}}</h1>
{{#lines}}<p>{{.}}</p>{{/lines}}
{{#next}}<p><a class="button" href="{{href}}">{{label}}</a></p>{{/next}}
{{/main}}{{/layout}}
"""#

    /// An error in plain words: what went wrong, what to do, and a way back.
    static let error = #"""
{{<layout}}{{$main}}
<div class="error" role="alert">
<h1>{{heading}}</h1>
<p>{{message}}</p>
{{#advice}}<p><strong>{{t.app.error.what_to_do}}</strong> {{advice}}</p>{{/advice}}
</div>
<p><a class="button" href="{{back}}">{{t.app.error.back}}</a></p>
{{/main}}{{/layout}}
"""#

    /// The answer to the launch link: the session cookie is set, and the
    /// page moves on to the home page (a same-origin navigation).
    static let launched = #"""
{{<layout}}{{$main}}
<h1>{{t.app.launched.heading}}</h1>
<p><a class="button" href="/">{{t.app.launched.continue}}</a></p>
{{/main}}{{/layout}}
"""#

    /// Everyone without a session sees only this: no vault data, no state.
    static let howToOpen = #"""
{{<layout}}{{$main}}
<h1>{{t.app.how_to_open.heading}}</h1>
<p>{{t.app.how_to_open.only_here}}</p>
<p>{{t.app.how_to_open.how}}</p>
{{/main}}{{/layout}}
"""#
}
