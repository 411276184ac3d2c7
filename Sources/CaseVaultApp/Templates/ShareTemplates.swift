/// Templates of a share's page and of pinning a held-back look-alike's key.
///
/// A refused share's page says who and why, and nothing of what it holds:
/// no document name, no size, no code.
enum ShareTemplates {
    static let all: [String: String] = [
        "kept-share": share,
        "kept-share-pin": pin,
        "kept-share-remove": remove,
    ]

    static let share = #"""
{{<layout}}{{$main}}
{{#refused}}<h1>REFUSED: share from {{sender}}</h1>{{/refused}}
{{^refused}}<h1>Share from {{sender}}</h1>{{/refused}}
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#refused}}
<div class="error" role="alert">
<p><strong>This share is refused.</strong> {{standing}}</p>
<p>{{reason}}</p>
{{#pinLink}}<p><a class="button" href="{{pinLink}}">Compare the keys</a></p>{{/pinLink}}
</div>
{{/refused}}
{{#verified}}<p class="notice" role="status"><span class="ok">Verified.</span> {{standing}} It was made for you, and every file in it matches what the client signed.</p>{{/verified}}
<dl class="facts">
<dt>Made</dt><dd>{{made}}</dd>
<dt>Received</dt><dd>{{received}}</dd>
<dt>Made for</dt><dd>{{recipientName}} (fingerprint <code>{{recipientFingerprint}}</code>)</dd>
<dt>Signed by key</dt><dd><code>{{signer}}</code></dd>
<dt>Share</dt><dd><code>{{shortID}}</code></dd>
</dl>
{{#verified}}
{{#hasDocuments}}
<h2>Documents</h2>
<table>
<thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>
{{#documents}}
<tr>
<td>{{name}}</td>
<td>{{size}}</td>
<td>{{#view}}<a class="button" href="{{view}}" aria-label="View {{name}}">View</a> {{/view}}<a class="button secondary" href="{{download}}" aria-label="Download {{name}}">Download</a></td>
</tr>
{{/documents}}
</tbody>
</table>
{{/hasDocuments}}
{{#hasCodes}}
<h2>Backup codes and case numbers</h2>
{{#codes}}
<pre class="codes-text" id="codes-text">{{codes}}</pre>
<div class="actions"><button type="button" class="secondary" data-copy="codes-text" hidden aria-label="Copy the codes and case numbers">Copy</button> <a class="button secondary" href="/shares/{{id}}">Hide</a></div>
{{/codes}}
{{^codes}}
<p>They stay hidden until you ask to see them.</p>
<form method="post" action="/shares/{{id}}/codes"><button type="submit" class="secondary">Show codes and case numbers</button></form>
{{/codes}}
{{/hasCodes}}
{{#nothing}}<p class="notice">This share holds nothing.</p>{{/nothing}}
{{/verified}}
<p><a href="{{clientLink}}">All shares from this client</a> · <a href="/clients">All clients</a></p>
<p><a class="button secondary" href="/shares/{{id}}/remove">Remove this share</a></p>
{{/main}}{{/layout}}
"""#

    /// Asked before a kept share is deleted (`share remove`); the GET shows
    /// this page and changes nothing, the form's POST removes.
    static let remove = #"""
{{<layout}}{{$main}}
<h1>Remove this share?</h1>
<p>The share from <strong>{{sender}}</strong>, made {{made}} and received {{received}} (share <code>{{shortID}}</code>), will be deleted from this vault, with its file. This cannot be undone: to have it again, import the file the client sent, or ask them for a new share.</p>
<p>The key you have for {{sender}} stays, so their next share is still checked against it.</p>
<form method="post" action="/shares/{{id}}/remove">
<div class="actions"><button type="submit">Remove the share</button> <a class="button secondary" href="/shares/{{id}}">Keep it</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let pin = #"""
{{<layout}}{{$main}}
<h1>Pin a new client?</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<p>This share is from <strong>{{sender}}</strong>. That name looks like your client <strong>{{client}}</strong>, but another key signed it. It may be someone else with a similar name, or someone pretending to be your client.</p>
<div class="compare">
<section class="key-card" aria-labelledby="old-key">
<h2 id="old-key">Your client {{client}}</h2>
<p class="read-aloud">{{pinned}}</p>
</section>
<section class="key-card" aria-labelledby="new-key">
<h2 id="new-key">This share's sender, {{sender}}</h2>
<p class="read-aloud">{{presented}}</p>
</section>
</div>
<p><strong>Call {{client}} on a number you already had</strong>. If they did not send this share, and you know who did (another person, who reads you the new fingerprint), you can pin its key as a client of their own. The two names stay marked as looking alike.</p>
<form method="post" action="{{action}}">
<p class="check"><input type="checkbox" id="called" name="called" value="yes"> <label for="called">I called {{client}}: this share is from someone else, whose fingerprint I checked</label></p>
<div class="actions"><button type="submit">Pin the key as a new client</button> <a class="button secondary" href="{{back}}">Do not pin it</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
