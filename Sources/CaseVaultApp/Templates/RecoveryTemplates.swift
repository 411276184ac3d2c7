/// Templates of the trusted-people recovery pages: the status and the drill.
enum RecoveryTemplates {
    static let all: [String: String] = [
        "recovery": status,
        "recovery-drill": drill,
    ]

    static let status = #"""
{{<layout}}{{$main}}
<h1>Trusted people</h1>
<p>If you cannot reach your records yourself (detained, in hospital, your laptop taken), a few people
you chose can open an emergency copy of them together. Each holds a share; fewer than the number
needed learn nothing.</p>
{{#none}}
<p class="notice">You have not chosen trusted people yet. Set it up with the command line:
<code>casevault recovery setup --threshold 2 --person NAME --person NAME --person NAME --all-codes --ids</code>.
It makes a printable sheet for each person and the emergency copy.</p>
{{/none}}
{{#setup}}
<p>Any <strong>{{threshold}} of {{count}}</strong> of these people together open the emergency copy:</p>
<table>
<thead><tr><th scope="col">Name</th><th scope="col">Their share</th></tr></thead>
<tbody>
{{#holders}}<tr><td>{{name}}</td><td>{{kind}}</td></tr>
{{/holders}}
</tbody>
</table>
<dl class="facts">
<dt>Set up</dt><dd>{{created}}</dd>
<dt>Emergency copy last made</dt><dd>{{refreshed}}</dd>
<dt>Your signing key</dt><dd><code>{{signer}}</code> (printed on every sheet)</dd>
</dl>
<p>After adding codes, case numbers or documents, make the copy again with
<code>casevault recovery refresh -o emergency-copy.age</code> and give it to them: the same shares open it.</p>
<p class="actions"><a class="button" href="/recovery/drill">Check shares</a></p>
{{/setup}}
{{/main}}{{/layout}}
"""#

    /// The shares are typed into a password-style area that is never filled
    /// back: a result page names shares by number only.
    static let drill = #"""
{{<layout}}{{$main}}
<h1>Check shares</h1>
{{#problem}}<div class="error" role="alert"><p>{{message}}</p></div>{{/problem}}
{{#checked}}
<section aria-labelledby="result-heading">
<h2 id="result-heading">Result</h2>
<ul>
{{#lines}}<li>{{#good}}Share {{number}}: good.{{/good}}{{^good}}<strong>Share {{number}}: refused.</strong> {{message}}{{/good}}</li>
{{/lines}}
</ul>
{{#opens}}<p class="notice" role="status">These shares open your emergency copy. Nothing was opened.</p>{{/opens}}
{{#needsMore}}<p class="notice" role="status">{{more}} more share(s) would be needed to open the copy.</p>{{/needsMore}}
{{#setProblem}}<div class="error" role="alert"><p>{{setProblem}}</p></div>{{/setProblem}}
{{#refused}}<p class="warning">Compare each refused share with its sheet, word by word.</p>{{/refused}}
</section>
{{/checked}}
<p>Type shares back from the sheets, one share per line, to check them. Each is checked (its words, its
checksum, that it belongs to your setup); with enough of them, that together they open the emergency copy.
Nothing is opened, and nothing you type is kept.</p>
<form method="post" action="/recovery/drill" enctype="multipart/form-data">
<label for="shares">Shares, one per line</label>
<textarea id="shares" name="shares" rows="6" autocomplete="off" autocapitalize="off" spellcheck="false"></textarea>
<div class="actions"><button type="submit">Check</button> <a class="button secondary" href="/recovery">Back</a></div>
</form>
{{/main}}{{/layout}}
"""#
}
