/// The app's one stylesheet (`/static/app.css`). Sizes in rem so the pages
/// read at 200% zoom; visible focus rings for keyboard use; a print
/// stylesheet for the emergency page.
enum AppStylesheet {
    static let css = #"""
:root { --ink: #1a1a1a; --muted: #555; --brand: #1d4e89; --bg: #fff; --soft: #f3f5f8; --warn: #8a4b00; --bad: #a40000; --good: #1e6b2e; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); line-height: 1.5; }
a { color: var(--brand); }
:focus-visible, input:focus, input:focus-within, select:focus, textarea:focus { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .75rem 1rem; background: var(--soft); border-bottom: 1px solid #d8dde5; }
.brand { font-weight: 700; font-size: 1.2rem; display: flex; align-items: center; gap: .4rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header .session { margin-left: auto; display: flex; flex-wrap: wrap; gap: .5rem; }
footer.bottom { padding: 1rem; border-top: 1px solid #d8dde5; margin-top: 2rem; }
footer form.language { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
footer form.language button[aria-pressed="true"] { background: var(--brand); color: #fff; cursor: default; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
button, .button, input[type=submit] { font: inherit; padding: .5rem 1rem; border-radius: .3rem; border: 1px solid var(--brand); background: var(--brand); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--brand); }
button.danger { background: var(--bad); border-color: var(--bad); }
label { display: block; font-weight: 600; margin-top: 1rem; }
.hint { color: var(--muted); font-size: .95rem; margin: .2rem 0; }
input[type=text], input[type=password], input[type=date], input[type=file], select, textarea { font: inherit; width: 100%; max-width: 36rem; padding: .45rem; border: 1px solid #888; border-radius: .3rem; }
textarea { min-height: 8rem; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid #e1e4e8; vertical-align: top; }
.secret, code.big { font-family: ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: .05em; }
.big { font-size: 2.4rem; font-weight: 700; word-break: break-all; }
/* A recovery key wraps only after a dash, never inside a group of four. */
.big.key { word-break: normal; overflow-wrap: normal; }
.masked { color: var(--muted); font-family: ui-monospace, monospace; }
.notice { padding: .75rem 1rem; border-left: .35rem solid var(--brand); background: var(--soft); margin: 1rem 0; }
.warning { padding: .75rem 1rem; border-left: .35rem solid var(--warn); background: #fff6e8; margin: 1rem 0; }
.error { padding: .75rem 1rem; border-left: .35rem solid var(--bad); background: #fdeeee; margin: 1rem 0; }
.ok { color: var(--good); font-weight: 700; }
.inline-form { display: inline; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
progress { width: 100%; max-width: 36rem; height: 1.2rem; }
[hidden] { display: none !important; }
.emergency .big { font-size: 3rem; }
.emergency dt { font-size: 1.1rem; color: var(--muted); margin-top: 1rem; }
.emergency dd { margin: 0; font-size: 2rem; font-weight: 700; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
fieldset { border: 1px solid #c8ced6; border-radius: .3rem; margin: 1rem 0; padding: .5rem 1rem 1rem; max-width: 38rem; }
legend { font-weight: 700; padding: 0 .3rem; }
.check label { display: inline; margin: 0; }
.check input { width: 1.2rem; height: 1.2rem; vertical-align: middle; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.5rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ol.codes li { margin: .3rem 0; font-size: 1.2rem; }
ol.codes .secret { font-weight: 700; }
ol.codes .used { font-weight: 400; color: var(--muted); text-decoration: line-through; }
ol.codes button { font-size: .9rem; padding: .1rem .6rem; margin-left: .5rem; }
.code-card { border: 2px solid var(--brand); border-radius: .4rem; padding: .25rem 1rem .75rem; margin: 1.5rem 0; }
.code-card h2 { margin-top: .5rem; }
.code-card .big { margin: .5rem 0; }
.key-card { border: 2px solid var(--brand); border-radius: .4rem; padding: .25rem 1rem .75rem; margin: 1rem 0; }
.key-card h2 { margin-top: .5rem; font-size: 1.1rem; }
.read-aloud { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 2.2rem; font-weight: 700; letter-spacing: .08em; margin: .5rem 0; overflow-wrap: anywhere; }
code.key-text { overflow-wrap: anywhere; }
.compare { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.compare .read-aloud { font-size: 1.8rem; }
form.search { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5rem 1rem; margin: 1rem 0; }
form.search label { flex-basis: 100%; }
form.search input[type=search] { font: inherit; flex: 1 1 16rem; max-width: 30rem; padding: .45rem; border: 1px solid #888; border-radius: .3rem; }
nav.pager { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; margin: 1.5rem 0; }
ul.results { list-style: none; padding: 0; }
ul.results > li h2 { margin-top: .25rem; font-size: 1.1rem; overflow-wrap: anywhere; }
pre.codes-text { background: var(--soft); padding: 1rem; overflow-x: auto; font-size: 1.05rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.emergency ul.values { list-style: none; padding: 0; margin: 0; }
.emergency ul.values li { margin: .5rem 0 1rem; }
.emergency .value { font-size: 2rem; font-weight: 700; font-family: ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
.emergency .value-label { font-size: 1.1rem; color: var(--muted); }
.emergency .note { font-size: 1.1rem; color: var(--muted); }
.attention { color: var(--bad); }
.fingerprint-card { border: 2px solid var(--brand); border-radius: .4rem; padding: .25rem 1rem .75rem; margin: 1.5rem 0; max-width: 44rem; }
.fingerprint-card h2 { margin-top: .5rem; }
.fingerprint { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 2.6rem; font-weight: 700; letter-spacing: .08em; margin: .5rem 0; overflow-wrap: anywhere; }
code.recipient { overflow-wrap: anywhere; }
@media (max-width: 40rem) { header .session { margin-left: 0; } }
@media print {
  header.top, .actions, form, .skip, nav, button, .screen-only { display: none !important; }
  body { font-size: 14pt; }
  main { max-width: none; padding: 0; }
  .emergency dd { font-size: 20pt; }
  .emergency .big { font-size: 26pt; }
  .emergency .value { font-size: 20pt; }
  .emergency .note, .emergency .value-label { font-size: 12pt; color: #000; }
  .code-card { border: 1.5pt solid #000; break-inside: avoid; }
  .emergency section { break-inside: avoid; }
  .notice, .warning, .error { border-left-color: #000; background: none; }
  a { color: var(--ink); text-decoration: none; }
}
"""#
}
