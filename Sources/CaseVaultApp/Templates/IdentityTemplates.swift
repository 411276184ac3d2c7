/// Templates of the Identity page: the keys clients send shares to and
/// check them by, each fingerprint large, to be read aloud on the phone.
enum IdentityTemplates {
    static let all: [String: String] = [
        "identity": identity,
    ]

    static let identity = #"""
{{<layout}}{{$main}}
<h1>Your identity</h1>
{{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
<p>Clients send you their papers as a sealed share that only this vault can open. To make one for you, their CaseVault needs your <strong>recipient</strong>. Give it to them by e-mail or on paper, then read them its <strong>fingerprint</strong> on the phone: if the fingerprint their CaseVault shows is the same, the recipient really is yours.</p>
{{#recipient}}
<section class="key-card" aria-labelledby="recipient-heading">
<h2 id="recipient-heading">Your recipient (clients send shares to it)</h2>
<p><code class="key-text" id="recipient-text">{{text}}</code> <button type="button" class="secondary" data-copy="recipient-text" hidden aria-label="Copy the recipient">Copy</button></p>
<p class="hint">Fingerprint, to read aloud:</p>
<p class="read-aloud" id="recipient-fingerprint">{{fingerprint}}</p>
<p><button type="button" class="secondary" data-copy="recipient-fingerprint" hidden aria-label="Copy the recipient's fingerprint">Copy the fingerprint</button></p>
</section>
{{/recipient}}
{{^recipient}}
<div class="notice">
<p>This vault has no identity for receiving shares yet. Create it once; it is kept in the vault, sealed like everything else, and stays the same until you replace it.</p>
<form method="post" action="/identity"><button type="submit">Create my identity</button></form>
</div>
{{/recipient}}
{{#signing}}
<section class="key-card" aria-labelledby="signing-heading">
<h2 id="signing-heading">Your signing key (shares you send are signed with it)</h2>
<p><code class="key-text" id="signing-text">{{text}}</code> <button type="button" class="secondary" data-copy="signing-text" hidden aria-label="Copy the signing key">Copy</button></p>
<p class="hint">Fingerprint, to read aloud:</p>
<p class="read-aloud" id="signing-fingerprint">{{fingerprint}}</p>
<p><button type="button" class="secondary" data-copy="signing-fingerprint" hidden aria-label="Copy the signing key's fingerprint">Copy the fingerprint</button></p>
{{#senderName}}<p>Shares from this vault are signed as <strong>{{senderName}}</strong>.</p>{{/senderName}}
</section>
{{/signing}}
{{^signing}}{{#recipient}}
<div class="notice">
<p>This vault has no signing key yet. It is only needed to send shares yourself; make it now to see its fingerprint.</p>
<form method="post" action="/identity/signing-key"><button type="submit" class="secondary">Make my signing key</button></form>
</div>
{{/recipient}}{{/signing}}
{{#hasEarlier}}
<h2>Earlier identities</h2>
<p>These were replaced, and are kept so that shares sent to them still open.</p>
<ul>
{{#earlier}}<li><code class="key-text">{{recipient}}</code> (fingerprint {{fingerprint}})</li>{{/earlier}}
</ul>
{{/hasEarlier}}
<p><a href="/clients">Your clients</a></p>
{{/main}}{{/layout}}
"""#
}
