/// Templates of the Clients pages: the inbox (search and pages), a client's
/// shares, the import form and its results, and the re-pin page that puts
/// the old and the new fingerprint side by side.
enum InboxTemplates {
    static let all: [String: String] = [
        "clients": list,
        "client": client,
        "clients-import": importForm,
        "clients-imported": imported,
        "clients-repin": repin,
    ]

    static let list = #"""
{{<layout}}{{$main}}
<h1>{{t.app.inbox.title}}</h1>
{{#removed}}<p class="notice" role="status">{{removedText}}</p>{{/removed}}
{{#noIdentity}}<div class="warning"><p>{{t.app.inbox.no_identity}}</p><p><a class="button" href="/identity">{{t.app.inbox.create_identity}}</a></p></div>{{/noIdentity}}
<p>{{t.app.inbox.about}}</p>
<div class="actions"><a class="button" href="/clients/import">{{t.app.inbox.import}}</a> <a class="button secondary" href="/identity">{{t.app.inbox.your_identity}}</a></div>
<form method="get" action="/clients" class="search" role="search">
<label for="q">{{t.app.inbox.search_label}}</label>
<input type="search" id="q" name="q" value="{{query}}" maxlength="100" autocomplete="off">
<button type="submit" class="secondary">{{t.app.inbox.search}}</button>
{{#searching}}<a href="/clients">{{t.app.inbox.show_all}}</a>{{/searching}}
</form>
{{^emptyInbox}}<p class="hint" role="status">{{countText}}</p>{{/emptyInbox}}
{{#hasClients}}
<table>
<thead><tr><th scope="col">{{t.app.inbox.client_heading}}</th><th scope="col">{{t.app.inbox.shares_heading}}</th><th scope="col">{{t.app.inbox.latest_heading}}</th><th scope="col">{{t.app.inbox.fingerprint_heading}}</th></tr></thead>
<tbody>
{{#clients}}
<tr>
<td><a href="{{link}}">{{name}}</a>{{#looksLike}}<div class="warning">{{looksLikeText}}</div>{{/looksLike}}{{#flagged}}<div class="warning">{{t.app.inbox.held_back}}</div>{{/flagged}}</td>
<td>{{count}}</td>
<td>{{latest}}{{#latestContents}}<br><span class="hint">{{latestContents}}</span>{{/latestContents}}</td>
<td><code>{{fingerprint}}</code>{{^pinned}}<br><span class="hint">{{t.app.inbox.not_pinned}}</span>{{/pinned}}</td>
</tr>
{{/clients}}
</tbody>
</table>
{{/hasClients}}
{{#emptyInbox}}<p class="notice">{{t.app.inbox.empty}}</p>{{/emptyInbox}}
{{#pager}}
<nav class="pager" aria-label="{{t.app.inbox.pages}}">
{{#previous}}<a class="button secondary" href="{{previous}}" rel="prev">{{t.app.inbox.previous}}</a>{{/previous}}
<span>{{text}}</span>
{{#next}}<a class="button secondary" href="{{next}}" rel="next">{{t.app.inbox.next}}</a>{{/next}}
</nav>
{{/pager}}
{{/main}}{{/layout}}
"""#

    static let client = #"""
{{<layout}}{{$main}}
<h1>{{name}}</h1>
{{#looksLike}}<p class="warning">{{looksLikeText}}</p>{{/looksLike}}
<dl class="facts">
<dt>{{t.app.inbox.fingerprint_heading}}</dt><dd><code>{{fingerprint}}</code></dd>
<dt>{{t.app.inbox.pinned}}</dt><dd>{{#pinnedSince}}{{sinceText}}{{/pinnedSince}}{{^pinnedSince}}{{t.app.inbox.no_pin}}{{/pinnedSince}}</dd>
{{#hasEarlierKeys}}<dt>{{t.app.inbox.earlier_keys}}</dt><dd>{{#earlierKeys}}<code>{{.}}</code><br>{{/earlierKeys}}</dd>{{/hasEarlierKeys}}
</dl>
{{#hasShares}}
<h2>{{t.app.inbox.shares_newest}}</h2>
<table>
<thead><tr><th scope="col">{{t.app.inbox.made}}</th><th scope="col">{{t.app.inbox.holds}}</th><th scope="col">{{t.app.inbox.received}}</th><th scope="col"><span class="visually-hidden">{{t.app.inbox.open}}</span></th></tr></thead>
<tbody>
{{#shares}}
<tr>
<td>{{made}}</td>
<td>{{contents}}{{#status}}<div class="{{#trusted}}hint{{/trusted}}{{^trusted}}error{{/trusted}}">{{status}}</div>{{/status}}</td>
<td>{{received}}</td>
<td><a class="button secondary" href="{{link}}" aria-label="{{openLabel}}">{{t.app.inbox.open}}</a></td>
</tr>
{{/shares}}
</tbody>
</table>
{{/hasShares}}
{{^hasShares}}<p class="notice">{{t.app.inbox.nothing_kept}}</p>{{/hasShares}}
<p><a href="/clients">{{t.app.inbox.all_clients}}</a></p>
{{/main}}{{/layout}}
"""#

    /// The file input takes several files; the form works without
    /// JavaScript (with it, a progress bar shows the upload).
    static let importForm = #"""
{{<layout}}{{$main}}
<h1>{{t.app.inbox.import}}</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
{{#noIdentity}}<div class="warning"><p>{{t.app.inbox.import_no_identity}} <a href="/identity">{{t.app.inbox.import_no_identity_link}}</a> {{t.app.inbox.import_no_identity_after}}</p></div>{{/noIdentity}}
<p>{{t.app.inbox.import_about}}</p>
<form method="post" action="/clients/import" enctype="multipart/form-data" data-progress="import-progress">
<label for="shares">{{t.app.inbox.files_label}}</label>
<p class="hint" id="shares-hint">{{filesHint}}</p>
<input type="file" id="shares" name="shares" multiple required accept=".age" aria-describedby="shares-hint">
<p><progress id="import-progress" value="0" max="1" hidden aria-label="{{t.app.inbox.progress}}"></progress></p>
<div class="actions"><button type="submit">{{t.app.inbox.import_button}}</button> <a class="button secondary" href="/clients">{{t.app.inbox.cancel}}</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let imported = #"""
{{<layout}}{{$main}}
<h1>{{t.app.inbox.results_title}}</h1>
<p role="status">{{summary}}</p>
<ul class="results">
{{#results}}
<li class="{{#refused}}error{{/refused}}{{#kept}}{{#heldBack}}warning{{/heldBack}}{{^heldBack}}notice{{/heldBack}}{{/kept}}">
<h2>{{fileName}}</h2>
{{#kept}}
{{^heldBack}}<p><span class="ok">{{t.app.inbox.kept}}</span> {{t.app.inbox.kept_for}} <a href="{{clientLink}}">{{client}}</a>: {{contents}}.</p>
{{#hasDocuments}}<ul>{{#documents}}<li>{{.}}</li>{{/documents}}</ul>{{/hasDocuments}}{{/heldBack}}
{{#heldBack}}<p><strong>{{t.app.inbox.held_back_label}}</strong>{{fromText}}</p>{{/heldBack}}
<p>{{pin}}</p>
<p><a href="{{shareLink}}">{{t.app.inbox.open_the_share}}</a></p>
{{/kept}}
{{#refused}}
<p><strong>{{t.app.inbox.refused_not_kept}}</strong> {{reason}}</p>
{{#repinLink}}<p><a class="button" href="{{repinLink}}">{{t.app.inbox.compare}}</a></p>{{/repinLink}}
{{/refused}}
</li>
{{/results}}
</ul>
<div class="actions"><a class="button" href="/clients">{{t.app.inbox.clients}}</a> <a class="button secondary" href="/clients/import">{{t.app.inbox.import_more}}</a></div>
{{/main}}{{/layout}}
"""#

    static let repin = #"""
{{<layout}}{{$main}}
<h1>{{repinTitle}}</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<p>{{t.app.inbox.repin_about_1}} <strong>{{fileName}}</strong> {{repinAbout}}</p>
<div class="compare">
<section class="key-card" aria-labelledby="old-key">
<h2 id="old-key">{{repinOld}}</h2>
<p class="read-aloud">{{pinned}}</p>
</section>
<section class="key-card" aria-labelledby="new-key">
<h2 id="new-key">{{t.app.inbox.repin_new}}</h2>
<p class="read-aloud">{{presented}}</p>
</section>
</div>
<p><strong>{{repinCall}}</strong> {{t.app.inbox.repin_call_how}}</p>
<form method="post" action="{{action}}">
<p class="check"><input type="checkbox" id="called" name="called" value="yes"> <label for="called">{{repinCalled}}</label></p>
<div class="actions"><button type="submit">{{t.app.inbox.repin_accept}}</button> <a class="button secondary" href="/clients">{{t.app.inbox.repin_reject}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
