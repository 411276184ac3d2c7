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
{{#refused}}<h1>{{refusedHeading}}</h1>{{/refused}}
{{^refused}}<h1>{{heading}}</h1>{{/refused}}
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
{{#refused}}
<div class="error" role="alert">
<p><strong>{{t.app.share.is_refused}}</strong> {{standing}}</p>
<p>{{reason}}</p>
{{#pinLink}}<p><a class="button" href="{{pinLink}}">{{t.app.share.compare}}</a></p>{{/pinLink}}
</div>
{{/refused}}
{{#verified}}<p class="notice" role="status"><span class="ok">{{t.app.share.verified}}</span> {{standing}} {{t.app.share.verified_text}}</p>{{/verified}}
<dl class="facts">
<dt>{{t.app.share.made}}</dt><dd>{{made}}</dd>
<dt>{{t.app.share.received}}</dt><dd>{{received}}</dd>
<dt>{{t.app.share.made_for}}</dt><dd>{{recipientName}} {{t.app.share.fingerprint_paren}} <code>{{recipientFingerprint}}</code>)</dd>
<dt>{{t.app.share.signed_by}}</dt><dd><code>{{signer}}</code></dd>
<dt>{{t.app.share.share}}</dt><dd><code>{{shortID}}</code></dd>
</dl>
{{#verified}}
{{#hasDocuments}}
<h2>{{t.app.share.documents}}</h2>
<table>
<thead><tr><th scope="col">{{t.app.share.name}}</th><th scope="col">{{t.app.share.size}}</th><th scope="col"><span class="visually-hidden">{{t.app.share.actions}}</span></th></tr></thead>
<tbody>
{{#documents}}
<tr>
<td>{{name}}</td>
<td>{{size}}</td>
<td>{{#view}}<a class="button" href="{{view}}" aria-label="{{viewLabel}}">{{t.app.share.view}}</a> {{/view}}<a class="button secondary" href="{{download}}" aria-label="{{downloadLabel}}">{{t.app.share.download}}</a></td>
</tr>
{{/documents}}
</tbody>
</table>
{{/hasDocuments}}
{{#hasCodes}}
<h2>{{t.app.share.codes_heading}}</h2>
{{#codes}}
<pre class="codes-text" id="codes-text">{{codes}}</pre>
<div class="actions"><button type="button" class="secondary" data-copy="codes-text" hidden aria-label="{{t.app.share.copy_codes}}">{{t.app.share.copy}}</button> <a class="button secondary" href="/shares/{{id}}">{{t.app.share.hide}}</a></div>
{{/codes}}
{{^codes}}
<p>{{t.app.share.hidden}}</p>
<form method="post" action="/shares/{{id}}/codes"><button type="submit" class="secondary">{{t.app.share.show_codes}}</button></form>
{{/codes}}
{{/hasCodes}}
{{#nothing}}<p class="notice">{{t.app.share.nothing}}</p>{{/nothing}}
{{/verified}}
<p><a href="{{clientLink}}">{{t.app.share.all_from_client}}</a> · <a href="/clients">{{t.app.share.all_clients}}</a></p>
<p><a class="button secondary" href="/shares/{{id}}/remove">{{t.app.share.remove_this}}</a></p>
{{/main}}{{/layout}}
"""#

    /// Asked before a kept share is deleted (`share remove`); the GET shows
    /// this page and changes nothing, the form's POST removes.
    static let remove = #"""
{{<layout}}{{$main}}
<h1>{{t.app.share.remove_title}}</h1>
<p>{{t.app.share.remove_from}} <strong>{{sender}}</strong>{{removeText}} <code>{{shortID}}</code>{{t.app.share.remove_text_2}}</p>
<p>{{keyStays}}</p>
<form method="post" action="/shares/{{id}}/remove">
<div class="actions"><button type="submit">{{t.app.share.remove_yes}}</button> <a class="button secondary" href="/shares/{{id}}">{{t.app.share.remove_no}}</a></div>
</form>
{{/main}}{{/layout}}
"""#

    static let pin = #"""
{{<layout}}{{$main}}
<h1>{{t.app.share.pin_title}}</h1>
{{#error}}<div class="error" role="alert"><p>{{error}}</p></div>{{/error}}
<p>{{t.app.share.pin_about_1}} <strong>{{sender}}</strong>{{t.app.share.pin_about_2}} <strong>{{client}}</strong>{{t.app.share.pin_about_3}}</p>
<div class="compare">
<section class="key-card" aria-labelledby="old-key">
<h2 id="old-key">{{yourClient}}</h2>
<p class="read-aloud">{{pinned}}</p>
</section>
<section class="key-card" aria-labelledby="new-key">
<h2 id="new-key">{{thisSender}}</h2>
<p class="read-aloud">{{presented}}</p>
</section>
</div>
<p><strong>{{callText}}</strong>{{t.app.share.pin_call_how}}</p>
<form method="post" action="{{action}}">
<p class="check"><input type="checkbox" id="called" name="called" value="yes"> <label for="called">{{calledText}}</label></p>
<div class="actions"><button type="submit">{{t.app.share.pin_button}}</button> <a class="button secondary" href="{{back}}">{{t.app.share.pin_no}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
