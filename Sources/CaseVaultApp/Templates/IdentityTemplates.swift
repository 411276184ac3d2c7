/// Templates of the Identity page: the keys clients send shares to and
/// check them by, each fingerprint large, to be read aloud on the phone.
enum IdentityTemplates {
    static let all: [String: String] = [
        "identity": identity,
    ]

    static let identity = #"""
{{<layout}}{{$main}}
<h1>{{t.app.identity.title}}</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>{{t.app.identity.about_1}} <strong>{{t.app.identity.about_recipient}}</strong>{{t.app.identity.about_2}} <strong>{{t.app.identity.about_fingerprint}}</strong> {{t.app.identity.about_3}}</p>
{{#recipient}}
<section class="key-card" aria-labelledby="recipient-heading">
<h2 id="recipient-heading">{{t.app.identity.recipient_heading}}</h2>
<p><code class="key-text" id="recipient-text">{{text}}</code> <button type="button" class="secondary" data-copy="recipient-text" hidden aria-label="{{t.app.identity.copy_recipient}}">{{t.app.identity.copy}}</button></p>
<p class="hint">{{t.app.identity.read_aloud}}</p>
<p class="read-aloud" id="recipient-fingerprint">{{fingerprint}}</p>
<p><button type="button" class="secondary" data-copy="recipient-fingerprint" hidden aria-label="{{t.app.identity.copy_recipient_fingerprint}}">{{t.app.identity.copy_fingerprint}}</button></p>
</section>
{{/recipient}}
{{^recipient}}
<div class="notice">
<p>{{t.app.identity.none}}</p>
<form method="post" action="/identity"><button type="submit">{{t.app.identity.create}}</button></form>
</div>
{{/recipient}}
{{#signing}}
<section class="key-card" aria-labelledby="signing-heading">
<h2 id="signing-heading">{{t.app.identity.signing_heading}}</h2>
<p><code class="key-text" id="signing-text">{{text}}</code> <button type="button" class="secondary" data-copy="signing-text" hidden aria-label="{{t.app.identity.copy_signing}}">{{t.app.identity.copy}}</button></p>
<p class="hint">{{t.app.identity.read_aloud}}</p>
<p class="read-aloud" id="signing-fingerprint">{{fingerprint}}</p>
<p><button type="button" class="secondary" data-copy="signing-fingerprint" hidden aria-label="{{t.app.identity.copy_signing_fingerprint}}">{{t.app.identity.copy_fingerprint}}</button></p>
{{#senderName}}<p>{{t.app.identity.signed_as}} <strong>{{senderName}}</strong>.</p>{{/senderName}}
</section>
{{/signing}}
{{^signing}}{{#recipient}}
<div class="notice">
<p>{{t.app.identity.no_signing}}</p>
<form method="post" action="/identity/signing-key"><button type="submit" class="secondary">{{t.app.identity.make_signing}}</button></form>
</div>
{{/recipient}}{{/signing}}
{{#hasEarlier}}
<h2>{{t.app.identity.earlier_heading}}</h2>
<p>{{t.app.identity.earlier_about}}</p>
<ul>
{{#earlier}}<li><code class="key-text">{{recipient}}</code> {{fingerprintText}}</li>{{/earlier}}
</ul>
{{/hasEarlier}}
<p><a href="/clients">{{t.app.identity.clients}}</a></p>
{{/main}}{{/layout}}
"""#
}
