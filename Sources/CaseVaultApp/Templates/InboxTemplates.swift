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
<h1>Clients</h1>
{{#removed}}<p class="notice" role="status">The share {{removed}} was removed, with its file.</p>{{/removed}}
{{#noIdentity}}<div class="warning"><p>This vault has no identity for receiving shares yet: clients cannot send you anything before you give them its recipient.</p><p><a class="button" href="/identity">Create your identity</a></p></div>{{/noIdentity}}
<p>Each client's shares, as they sent them, checked against the key you have for them. The client who sent something last comes first.</p>
<div class="actions"><a class="button" href="/clients/import">Import shares</a> <a class="button secondary" href="/identity">Your identity</a></div>
<form method="get" action="/clients" class="search" role="search">
<label for="q">Search by client name</label>
<input type="search" id="q" name="q" value="{{query}}" maxlength="100" autocomplete="off">
<button type="submit" class="secondary">Search</button>
{{#searching}}<a href="/clients">Show all clients</a>{{/searching}}
</form>
{{^emptyInbox}}<p class="hint" role="status">{{countText}}</p>{{/emptyInbox}}
{{#hasClients}}
<table>
<thead><tr><th scope="col">Client</th><th scope="col">Shares</th><th scope="col">Latest</th><th scope="col">Key fingerprint</th></tr></thead>
<tbody>
{{#clients}}
<tr>
<td><a href="{{link}}">{{name}}</a>{{#looksLike}}<div class="warning">Looks like: {{looksLike}}</div>{{/looksLike}}{{#flagged}}<div class="warning">A share is held back</div>{{/flagged}}</td>
<td>{{count}}</td>
<td>{{latest}}{{#latestContents}}<br><span class="hint">{{latestContents}}</span>{{/latestContents}}</td>
<td><code>{{fingerprint}}</code>{{^pinned}}<br><span class="hint">not pinned</span>{{/pinned}}</td>
</tr>
{{/clients}}
</tbody>
</table>
{{/hasClients}}
{{#emptyInbox}}<p class="notice">No shares yet. When a client sends you a share (a file ending in .age), import it here.</p>{{/emptyInbox}}
{{#pager}}
<nav class="pager" aria-label="Pages of clients">
{{#previous}}<a class="button secondary" href="{{previous}}" rel="prev">Previous page</a>{{/previous}}
<span>{{text}}</span>
{{#next}}<a class="button secondary" href="{{next}}" rel="next">Next page</a>{{/next}}
</nav>
{{/pager}}
{{/main}}{{/layout}}
"""#

    static let client = #"""
{{<layout}}{{$main}}
<h1>{{name}}</h1>
{{#looksLike}}<p class="warning">This name looks like another client's: {{looksLike}}. Make sure you are reading the right client's papers.</p>{{/looksLike}}
<dl class="facts">
<dt>Key fingerprint</dt><dd><code>{{fingerprint}}</code></dd>
<dt>Pinned</dt><dd>{{#pinnedSince}}since {{pinnedSince}}{{/pinnedSince}}{{^pinnedSince}}no key is pinned for this name{{/pinnedSince}}</dd>
{{#hasEarlierKeys}}<dt>Earlier keys</dt><dd>{{#earlierKeys}}<code>{{.}}</code><br>{{/earlierKeys}}</dd>{{/hasEarlierKeys}}
</dl>
{{#hasShares}}
<h2>Shares, newest first</h2>
<table>
<thead><tr><th scope="col">Made</th><th scope="col">What it holds</th><th scope="col">Received</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead>
<tbody>
{{#shares}}
<tr>
<td>{{made}}</td>
<td>{{contents}}{{#status}}<div class="{{#trusted}}hint{{/trusted}}{{^trusted}}error{{/trusted}}">{{status}}</div>{{/status}}</td>
<td>{{received}}</td>
<td><a class="button secondary" href="{{link}}" aria-label="Open the share {{shortID}}">Open</a></td>
</tr>
{{/shares}}
</tbody>
</table>
{{/hasShares}}
{{^hasShares}}<p class="notice">Nothing from this client is kept: their key was pinned when a share of theirs was opened without being imported.</p>{{/hasShares}}
<p><a href="/clients">All clients</a></p>
{{/main}}{{/layout}}
"""#

    /// The file input takes several files; the form works without
    /// JavaScript (with it, a progress bar shows the upload).
    static let importForm = #"""
{{<layout}}{{$main}}
<h1>Import shares</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
{{#noIdentity}}<div class="warning"><p>This vault has no identity yet, so it cannot open any share. <a href="/identity">Create your identity</a> first.</p></div>{{/noIdentity}}
<p>Choose the share files your clients sent you (they end in .age). Each one is checked before it is kept: that its client signed it with the key you have for them, that it was made for you, and that nothing in it was changed. A file that fails is not kept at all, and the next page says why.</p>
<form method="post" action="/clients/import" enctype="multipart/form-data" data-progress="import-progress">
<label for="shares">Share files</label>
<p class="hint" id="shares-hint">You can choose several at once (up to {{maxFiles}}).</p>
<input type="file" id="shares" name="shares" multiple required accept=".age" aria-describedby="shares-hint">
<p><progress id="import-progress" value="0" max="1" hidden aria-label="Upload progress"></progress></p>
<div class="actions"><button type="submit">Import</button> <a class="button secondary" href="/clients">Cancel</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let imported = #"""
{{<layout}}{{$main}}
<h1>Import results</h1>
<p role="status">{{summary}}</p>
<ul class="results">
{{#results}}
<li class="{{#refused}}error{{/refused}}{{#kept}}{{#heldBack}}warning{{/heldBack}}{{^heldBack}}notice{{/heldBack}}{{/kept}}">
<h2>{{fileName}}</h2>
{{#kept}}
{{^heldBack}}<p><span class="ok">Kept</span> for <a href="{{clientLink}}">{{client}}</a>: {{contents}}.</p>
{{#hasDocuments}}<ul>{{#documents}}<li>{{.}}</li>{{/documents}}</ul>{{/hasDocuments}}{{/heldBack}}
{{#heldBack}}<p><strong>Held back</strong>, from {{client}}.</p>{{/heldBack}}
<p>{{pin}}</p>
<p><a href="{{shareLink}}">Open the share</a></p>
{{/kept}}
{{#refused}}
<p><strong>REFUSED, not kept.</strong> {{reason}}</p>
{{#repinLink}}<p><a class="button" href="{{repinLink}}">Compare the keys</a></p>{{/repinLink}}
{{/refused}}
</li>
{{/results}}
</ul>
<div class="actions"><a class="button" href="/clients">Clients</a> <a class="button secondary" href="/clients/import">Import more</a></div>
{{/main}}{{/layout}}
"""#

    static let repin = #"""
{{<layout}}{{$main}}
<h1>A new key for {{client}}?</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<p>The share <strong>{{fileName}}</strong> says it is from {{client}}, but it is signed by another key than the one you have for {{client}}. That happens when a client sets CaseVault up again (a new computer), and also when someone else pretends to be your client. It was not kept.</p>
<div class="compare">
<section class="key-card" aria-labelledby="old-key">
<h2 id="old-key">The key you have for {{client}}</h2>
<p class="read-aloud">{{pinned}}</p>
</section>
<section class="key-card" aria-labelledby="new-key">
<h2 id="new-key">The key that signed this share</h2>
<p class="read-aloud">{{presented}}</p>
</section>
</div>
<p><strong>Call {{client}} on a number you already had</strong> (not one from the message that came with the file). Ask them to open CaseVault and read you the fingerprint of their signing key. Accept the new key only if it is exactly the new one above.</p>
<form method="post" action="{{action}}">
<p class="check"><input type="checkbox" id="called" name="called" value="yes"> <label for="called">I called {{client}} and they read me the new fingerprint</label></p>
<div class="actions"><button type="submit">Accept the new key and keep the share</button> <a class="button secondary" href="/clients">Do not accept it</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
