"""The app (`casevault app`) on a filled vault: time to first byte of the
home page, of a code reveal and of an inline 20 MiB PDF (median and p95 of
many requests), and a 256 MiB upload through the app beside `doc add` of the
same file in the same rounds (ratio of medians of paired rounds), with the
app's peak memory during the upload.

Targets (issue 16): p95 under 50 ms for pages, under 100 ms to the first byte
of the PDF; the upload within 1.2x of `doc add`, peak memory flat.

Clients are raw sockets over loopback, so what is timed is the app: from the
last byte of the request sent to the first byte of the answer.
"""
import json, os, re, signal, socket, statistics, subprocess, time

import common
from common import CASEVAULT, MiB

PAGE_REQUESTS = 200
PDF_REQUESTS = 40
UPLOAD_SIZE = 256 * MiB
UPLOAD_ROUNDS = 5


class App:
    """A running `casevault app` on a vault, with a session, unlocked."""

    def __init__(self, vault, passphrase):
        env = dict(os.environ)
        self.runtime = os.path.join(os.path.dirname(vault), "runtime")
        os.makedirs(self.runtime, mode=0o700, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = self.runtime
        self.proc = subprocess.Popen([CASEVAULT, "app", "--vault", vault, "--no-keyring", "--json", "--idle-lock", "1h"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        ready = json.loads(self.proc.stdout.readline())
        self.port = int(re.search(r":(\d+)/", ready["address"]).group(1))
        with open(ready["launchFile"]) as f:
            launch = re.search(r'url=(http://[^"]+)"', f.read()).group(1)
        path = launch.split(str(self.port), 1)[1]
        status, headers, _ = self.request("GET", path)
        cookie = next(v for k, v in headers if k.lower() == "set-cookie")
        self.cookie = cookie.split(";", 1)[0]
        status, _, _ = self.request("POST", "/unlock", form="passphrase=" + passphrase.replace(" ", "+"))
        if status != 303:
            raise RuntimeError(f"unlock answered {status}")

    def raw(self, method, path, form=None, body_file=None, content_type=None, length=None):
        """Sends one request; returns ((socket, first byte), seconds to first byte)."""
        s = socket.create_connection(("127.0.0.1", self.port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Connection: close", "Sec-Fetch-Site: same-origin"]
        if getattr(self, "cookie", None):
            lines.append("Cookie: " + self.cookie)
        payload = b""
        if form is not None:
            payload = form.encode()
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(payload)}"]
        if body_file is not None:
            lines += [f"Content-Type: {content_type}", f"Content-Length: {length}"]
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        if body_file is not None:
            with open(body_file, "rb") as f:
                s.sendfile(f)
        t0 = time.perf_counter()
        first = s.recv(1)
        ttfb = time.perf_counter() - t0
        if not first:
            raise RuntimeError(f"{method} {path}: connection closed")
        return (s, first), ttfb

    def request(self, method, path, **kw):
        (s, data), ttfb = self.raw(method, path, **kw)
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
        s.close()
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = [tuple(l.split(": ", 1)) for l in lines[1:]]
        self.last_ttfb = ttfb
        return status, headers, body

    def ttfb(self, method, path, **kw):
        """Time to first byte; reads and drops the rest (so the server finishes)."""
        (s, _), ttfb = self.raw(method, path, **kw)
        while s.recv(1 << 20):
            pass
        s.close()
        return ttfb

    def peak_reset(self):
        with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
            f.write("5")

    def memory(self):
        """(current RSS, peak RSS since the last reset) in MiB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            text = f.read()
        get = lambda k: int(re.search(k + r":\s+(\d+) kB", text).group(1)) / 1024
        return get("VmRSS"), get("VmHWM")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def report(name, seconds, target_ms):
    ms = [s * 1000 for s in seconds]
    med, p95 = statistics.median(ms), pct(ms, 95)
    verdict = f"target p95 < {target_ms} ms: {'MET' if p95 < target_ms else 'MISSED'}"
    print(f"  {name:<44} median {med:7.2f} ms  p95 {p95:7.2f} ms  {verdict}")


BOUNDARY = "----casevault-bench-boundary-7f3a9c"


def multipart(path, source, fields):
    """Writes a multipart/form-data body to `path`, as a browser sends a form
    with `fields` and the file `source` (so the client only sends bytes)."""
    with open(path, "wb") as out:
        for k, v in fields.items():
            out.write(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode())
        out.write(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(source)}\"\r\n"
                  f"Content-Type: application/octet-stream\r\n\r\n".encode())
        with open(source, "rb") as src:
            while True:
                b = src.read(MiB)
                if not b:
                    break
                out.write(b)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def code_reveal_path(app):
    return "/codes/uscis/show"


def inline_pdf_path(vault, pf):
    out = subprocess.run([CASEVAULT, "doc", "list", "--json", "--vault", vault, "--passphrase-file", pf, "--no-keyring"],
                         capture_output=True, check=True).stdout
    doc = next(d for d in json.loads(out)["documents"] if d["label"] == "passport-scan")
    return f"/documents/{doc['id']}/view"


def upload(app, vault, pf, root):
    """256 MiB through the app (multipart POST, as a browser sends it) beside
    `doc add` of the same file, in paired rounds; `doc add`'s unlock (the
    time of `doc list` on the same vault) is taken off, as in bench_docs."""
    common.header("App: a 256 MiB upload beside doc add (paired rounds)")
    src = os.path.join(root, "upload.bin")
    common.make_file(src, UPLOAD_SIZE)
    quiet = common.Quiet(root)
    cv = lambda *a: [CASEVAULT, *a, "--vault", vault, "--passphrase-file", pf, "--no-keyring"]
    ratios, app_s, add_s, app_peaks, add_peaks = [], [], [], [], []
    for r in range(UPLOAD_ROUNDS):
        body = os.path.join(root, "upload.body")
        multipart(body, src, {"label": f"app-{r}", "type": "other"})
        size = os.path.getsize(body)
        quiet()
        unlock, _ = common.run(cv("doc", "list"))
        quiet()
        wall, add_rss = common.run(cv("doc", "add", src, "--label", f"cli-{r}"))
        add = max(wall - unlock, 1e-6)
        quiet()
        rss_before, _ = app.memory()
        app.peak_reset()
        t0 = time.perf_counter()
        status, headers, _ = app.request("POST", "/documents/add", body_file=body,
                                         content_type=f"multipart/form-data; boundary={BOUNDARY}", length=size)
        through_app = time.perf_counter() - t0
        _, peak = app.memory()
        os.remove(body)
        if status not in (200, 303):
            raise RuntimeError(f"upload answered {status}")
        app_s.append(through_app)
        add_s.append(add)
        ratios.append(through_app / add)
        app_peaks.append(peak - rss_before)
        add_peaks.append(add_rss)
        for label in (f"app-{r}", f"cli-{r}"):
            common.run(cv("doc", "remove", label, "--yes"))
    common.line("doc add (unlock taken off), median", statistics.median(add_s), "s")
    common.line("upload through the app, median", statistics.median(app_s), "s")
    med = statistics.median(ratios)
    print(f"  {'app upload / doc add, median of paired rounds':<44} {med:>10.3f} x      target <= 1.20: {'MET' if med <= 1.2 else 'MISSED'}")
    # The same for a file an eighth of the size: flat memory means the same growth.
    small = os.path.join(root, "small.bin")
    common.make_file(small, UPLOAD_SIZE // 8)
    body = os.path.join(root, "small.body")
    multipart(body, small, {"label": "app-small", "type": "other"})
    rss_before, _ = app.memory()
    app.peak_reset()
    status, _, _ = app.request("POST", "/documents/add", body_file=body,
                               content_type=f"multipart/form-data; boundary={BOUNDARY}", length=os.path.getsize(body))
    _, peak = app.memory()
    if status not in (200, 303):
        raise RuntimeError(f"upload answered {status}")
    common.line(f"app peak RSS growth, {UPLOAD_SIZE // MiB} MiB upload (max)", max(app_peaks), "MiB")
    common.line(f"app peak RSS growth, {UPLOAD_SIZE // 8 // MiB} MiB upload", peak - rss_before, "MiB",
                "(flat: about the same whatever the size)")
    common.line("doc add peak RSS, max", max(add_peaks), "MiB")
    quiet.close()


def fill(vault, pf, root):
    """A vault as an applicant's after a year: codes, identifiers, documents."""
    cv = lambda *a, **kw: common.run([CASEVAULT, *a, "--vault", vault, "--passphrase-file", pf, "--no-keyring"], **kw)
    cv("code", "add", "uscis", "--primary", input_bytes=b"ABCD-EFGH-JKLM\n")
    for i in range(20):
        codes = "\n".join(f"{i:02d}{j:02d}-{(i * 37 + j) % 10000:04d}" for j in range(10)) + "\n"
        cv("code", "add", f"site-{i:02d}", input_bytes=codes.encode())
    cv("id", "add", "a-number", input_bytes=b"A012345678\n")
    for i in range(20):
        cv("id", "add", "receipt", "--label", f"receipt-{i:02d}", input_bytes=f"IOE{i:010d}\n".encode())
    pdf = os.path.join(root, "scan.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        common.make_file(pdf + ".tail", 20 * MiB)
        with open(pdf + ".tail", "rb") as t:
            f.write(t.read())
        f.write(b"\n%%EOF\n")
    os.remove(pdf + ".tail")
    cv("doc", "add", pdf, "--label", "passport-scan", "--type", "passport", "--expires", "2031-01-01")
    for i in range(10):
        small = os.path.join(root, f"card-{i}.png")
        common.make_file(small, 300 * 1024)
        cv("doc", "add", small, "--label", f"card-{i}", "--type", "other")
        os.remove(small)
    return pdf


def main():
    root = common.scratch()
    app = None
    try:
        vault = os.path.join(root, "vault")
        pf = common.new_vault(vault)
        with open(pf) as f:
            passphrase = f.read().strip()
        fill(vault, pf, root)
        common.header("App: time to first byte on a filled vault (release build, loopback)")
        app = App(vault, passphrase)
        # Warm up: the first request of each kind builds caches and templates.
        for _ in range(5):
            app.ttfb("GET", "/")
        home = [app.ttfb("GET", "/") for _ in range(PAGE_REQUESTS)]
        report("home page (GET /)", home, 50)
        reveal_path = code_reveal_path(app)
        reveal = [app.ttfb("POST", reveal_path, form="") for _ in range(PAGE_REQUESTS)]
        report(f"code reveal (POST {reveal_path})", reveal, 50)
        pdf_path = inline_pdf_path(vault, pf)
        pdf = [app.ttfb("GET", pdf_path) for _ in range(PDF_REQUESTS)]
        report("inline 20 MiB PDF, first byte", pdf, 100)
        upload(app, vault, pf, root)
    finally:
        if app:
            app.stop()
        common.shutil.rmtree(root, ignore_errors=True)
