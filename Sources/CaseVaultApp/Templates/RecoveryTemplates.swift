/// Templates of the trusted-people recovery pages: the status and the drill.
/// Their words are the catalogue's `app.recovery.*`.
enum RecoveryTemplates {
    static let all: [String: String] = [
        "recovery": status,
        "recovery-drill": drill,
    ]

    static let status = #"""
{{<layout}}{{$main}}
<h1>{{t.app.recovery.title}}</h1>
<p>{{t.app.recovery.about}}</p>
{{#none}}
<p class="notice">{{t.app.recovery.none}}
<code>casevault recovery setup --threshold 2 --person NAME --person NAME --person NAME --all-codes --ids</code>.
{{t.app.recovery.none_after}}</p>
{{/none}}
{{#setup}}
<p>{{t.app.recovery.any_before}} <strong>{{anyCount}}</strong> {{t.app.recovery.any_after}}</p>
<table>
<thead><tr><th scope="col">{{t.app.recovery.name}}</th><th scope="col">{{t.app.recovery.their_share}}</th></tr></thead>
<tbody>
{{#holders}}<tr><td>{{name}}</td><td>{{kind}}</td></tr>
{{/holders}}
</tbody>
</table>
<dl class="facts">
<dt>{{t.app.recovery.set_up}}</dt><dd>{{created}}</dd>
<dt>{{t.app.recovery.refreshed}}</dt><dd>{{refreshed}}</dd>
<dt>{{t.app.recovery.signer}}</dt><dd><code>{{signer}}</code> {{t.app.recovery.printed}}</dd>
</dl>
<p>{{t.app.recovery.refresh_before}}
<code>casevault recovery refresh -o emergency-copy.age</code> {{t.app.recovery.refresh_after}}</p>
<p class="actions"><a class="button" href="/recovery/drill">{{t.app.recovery.check}}</a></p>
{{/setup}}
{{/main}}{{/layout}}
"""#

    /// The shares are typed into a password-style area that is never filled
    /// back: a result page names shares by number only.
    static let drill = #"""
{{<layout}}{{$main}}
<h1>{{t.app.recovery.check}}</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p></div>{{/problem}}
{{#checked}}
<section aria-labelledby="result-heading">
<h2 id="result-heading">{{t.app.recovery.result}}</h2>
<ul>
{{#lines}}<li>{{#good}}{{verdict}}{{/good}}{{^good}}<strong>{{verdict}}</strong> {{message}}{{/good}}</li>
{{/lines}}
</ul>
{{#opens}}<p class="notice" role="status">{{t.app.recovery.opens}}</p>{{/opens}}
{{#needsMore}}<p class="notice" role="status">{{moreText}}</p>{{/needsMore}}
{{#setProblem}}<div class="error" role="alert"><p>{{setProblem}}</p></div>{{/setProblem}}
{{#refused}}<p class="warning">{{t.app.recovery.compare}}</p>{{/refused}}
</section>
{{/checked}}
<p>{{t.app.recovery.drill_about}}</p>
<form method="post" action="/recovery/drill" enctype="multipart/form-data">
<label for="shares">{{t.app.recovery.shares}}</label>
<textarea id="shares" name="shares" rows="6" autocomplete="off" autocapitalize="off" spellcheck="false"></textarea>
<div class="actions"><button type="submit">{{t.app.recovery.check_button}}</button> <a class="button secondary" href="/recovery">{{t.app.recovery.back}}</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
