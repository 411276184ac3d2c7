"""The app's defences, tested over HTTP against the running binary.

Each test fails when its defence is taken out: the session gate, the one-time
launch token, the Host allow-list, the same-origin check on state changes,
the security headers, GETs that change nothing, the cookie's attributes,
loopback-only sockets, the peer-owner check, the unlock throttle, the idle
lock and the Lock button, and SIGTERM.
"""

import json
import os
import re
import socket
import subprocess
import time

from harness import PYTHON, AppTestCase, listening_sockets

HOW_TO_OPEN = "Open CaseVault from its launch file"
HOME = "Your vault"

#: Every page a session could see, and a few that do not exist.
VAULT_PAGES = ["/", "/codes", "/codes/uscis", "/ids", "/documents", "/emergency", "/settings", "/recovery", "/recovery/drill",
               "/unlock", "/locked", "/setup", "/no-such-page"]
#: Paths that start like the open static files but lead elsewhere.
STATIC_ESCAPES = ["/static/../", "/static/%2e%2e/", "/static/..%2f", "/static//", "/static/../codes"]


class VaultWithData:
    """Fills a test vault with things a leak would show: a code entry and the vault's path."""

    @staticmethod
    def fill(vault):
        vault.add_codes("uscis", ["ABCD2345EFGH"])
        vault.add_codes("login.gov", ["K7Q2-M9X4-P3W8", "T5R6-Y8U2-J4H7"])


class SecurityTestCase(AppTestCase):
    """Shared steps: starting a class's app, a state probe through a session, and unlocking."""

    @classmethod
    def start(cls, fill=False, session=False, **app_options):
        """Makes `cls.vault` (with VaultWithData's items when `fill`), starts `cls.app` over it,
        and opens `cls.owner`'s session (still locked) when `session`."""
        cls.vault = cls.make_vault()
        if fill:
            VaultWithData.fill(cls.vault)
        cls.app = cls.make_app(cls.vault, **app_options)
        if session:
            cls.owner = cls.open_session(cls.app)

    def state(self, client):
        """'unlocked' or 'locked', as the session sees `/`."""
        r = client.get("/")
        if r.status == 200 and HOME in r.text:
            return "unlocked"
        if r.status == 303 and r.location == "/unlock":
            return "locked"
        self.fail(f"unexpected answer to GET / : {r.status}")

    def ensure_unlocked(self, client, vault):
        if self.state(client) != "unlocked":
            self.assertRedirect(client.unlock(vault.passphrase), "/", "unlocking")
        self.assertEqual(self.state(client), "unlocked")

    def ensure_locked(self, client):
        if self.state(client) != "locked":
            self.assertRedirect(client.post("/lock"), "/unlock", "the Lock button")
        self.assertEqual(self.state(client), "locked")


class NoSessionTests(SecurityTestCase):
    """Without the session cookie, every page is the how-to-open page, even while unlocked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(fill=True, session=True)
        cls.owner.unlock(cls.vault.passphrase)

    def test_every_page_without_cookie_is_the_how_to_open_page(self):
        self.assertEqual(self.state(self.owner), "unlocked")
        stranger = self.app.client()
        for path in VAULT_PAGES:
            with self.subTest(path=path):
                r = stranger.get(path)
                self.assertStatus(r, 403, f"GET {path} without a session")
                self.assertTextIn(HOW_TO_OPEN, r, f"GET {path} without a session")
                for leak in (HOME, "uscis", "login.gov", self.vault.path, "Unlock your vault"):
                    self.assertTextNotIn(leak, r, f"GET {path} without a session")
                self.assertFalse(r.header_values("Set-Cookie"), f"GET {path} set a cookie")

    def test_paths_through_static_lead_nowhere(self):
        stranger = self.app.client()
        for path in STATIC_ESCAPES:
            with self.subTest(path=path):
                r = stranger.get(path)
                self.assertStatus(r, (403, 404), f"GET {path} without a session")
                for leak in (HOME, "uscis", "login.gov", self.vault.path, "Unlock your vault"):
                    self.assertTextNotIn(leak, r, f"GET {path} without a session")

    def test_a_made_up_cookie_is_no_session(self):
        stranger = self.app.client()
        for value in ("0" * 64, "f" * 64, "x", ""):
            stranger.cookies = {"casevault_session": value}
            r = stranger.get("/")
            self.assertStatus(r, 403, "GET / with a made-up cookie")
            self.assertTextIn(HOW_TO_OPEN, r, "GET / with a made-up cookie")

    def test_posts_without_cookie_are_refused_and_change_nothing(self):
        stranger = self.app.client()
        for path, fields in (("/lock", {}), ("/unlock", {"passphrase": "guess"}), ("/unlock/keyring", {}),
                             ("/codes", {"label": "x", "codes": "AAAA-BBBB"})):
            with self.subTest(path=path):
                r = stranger.post(path, fields)
                self.assertStatus(r, 403, f"POST {path} without a session")
                self.assertTextIn("No CaseVault session", r, f"POST {path} without a session")
        self.assertEqual(self.state(self.owner), "unlocked", "a POST without a session locked the vault")
        self.assertTextIn("2 site(s)", self.owner.get("/"), "the codes on the home page")

    def test_static_files_are_open_and_hold_no_vault_data(self):
        stranger = self.app.client()
        for name in ("app.css", "app.js", "icon.svg"):
            r = stranger.get(f"/static/{name}")
            self.assertStatus(r, 200, f"/static/{name} without a session")
            self.assertTextNotIn(self.vault.path, r, f"/static/{name}")


class LaunchTokenTests(SecurityTestCase):
    """The launch token: a wrong one opens nothing; the right one opens one session, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start()

    def test_1_wrong_tokens_open_nothing_and_do_not_spend_the_token(self):
        token = self.app.launch_token()
        flipped = token[:-1] + ("0" if token[-1] != "0" else "1")
        for label, target in (("a changed last digit", f"/launch?token={flipped}"),
                              ("a shorter token", f"/launch?token={token[:-2]}"),
                              ("a longer token", f"/launch?token={token}00"),
                              ("upper case", f"/launch?token={token.upper()}" if token != token.upper() else "/launch?token=X"),
                              ("an empty token", "/launch?token="),
                              ("no token", "/launch"),
                              ("the token as another parameter", f"/launch?t={token}")):
            with self.subTest(case=label):
                client = self.app.client()
                r = client.get(target)
                self.assertStatus(r, 403, f"launch with {label}")
                self.assertTextIn(HOW_TO_OPEN, r, f"launch with {label}")
                self.assertIsNone(client.session_cookie(), f"launch with {label} set a session cookie")

    def test_2_the_token_opens_one_session_with_a_strict_http_only_cookie(self):
        client = self.app.client()
        r = client.launch(self.app)
        self.assertStatus(r, 200, "the launch exchange")
        self.assertTextIn('content="0;url=/"', r, "the launch page's move on to /")
        cookies = [c for c in r.header_values("Set-Cookie") if c.startswith("casevault_session=")]
        self.assertEqual(len(cookies), 1, "the launch sets exactly one session cookie")
        value, *attributes = [part.strip() for part in cookies[0].split(";")]
        self.assertTrue(re.fullmatch(r"casevault_session=[0-9a-f]{64}", value), "the session id is not 32 random bytes in hex")
        names = {a.split("=", 1)[0].lower(): (a.split("=", 1)[1] if "=" in a else None) for a in attributes}
        self.assertIn("httponly", names, "the session cookie is not HttpOnly")
        self.assertEqual(names.get("samesite"), "Strict", "the session cookie is not SameSite=Strict")
        self.assertEqual(names.get("path"), "/", "the session cookie's Path is not /")
        self.assertNotIn("domain", names, "the session cookie names a Domain")
        self.assertNotIn("expires", names, "the session cookie outlives the browser session")
        self.assertNotIn("max-age", names, "the session cookie outlives the browser session")
        self.assertRedirect(client.get("/"), "/unlock", "the new session on a locked vault")
        type(self).first_session = client

    def test_3_a_replayed_token_opens_nothing(self):
        for attempt in range(2):
            client = self.app.client()
            r = client.launch(self.app)
            self.assertStatus(r, 403, f"replayed launch #{attempt + 1}")
            self.assertTextIn(HOW_TO_OPEN, r, "a replayed launch")
            self.assertIsNone(client.session_cookie(), "a replayed launch set a session cookie")
        # The first session still works.
        self.assertRedirect(self.first_session.get("/"), "/unlock", "the first session after a replay")


class HostTests(SecurityTestCase):
    """DNS rebinding: a request whose Host is not 127.0.0.1:PORT or localhost:PORT gets nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(fill=True)

    def foreign_hosts(self):
        p = self.app.port
        return [f"evil.example:{p}", f"evil.example", f"127.0.0.1.nip.io:{p}", f"localhost.evil.example:{p}",
                f"127.0.0.1:{p + 1 if p < 65535 else p - 1}", "127.0.0.1", f"[::1]:{p}", f"127.1:{p}",
                f"2130706433:{p}", f"localhost:{p}.evil.example", f"127.0.0.1:{p}@evil.example"]

    def test_1_a_foreign_host_cannot_spend_the_launch_token(self):
        for host in self.foreign_hosts()[:3]:
            client = self.app.client()
            r = client.get(self.app.launch_target(), host=host)
            self.assertStatus(r, 421, f"launch with Host {host}")
            self.assertIsNone(client.session_cookie(), f"launch with Host {host} set a cookie")
        # The owner's launch still works: the refused requests did not spend it.
        type(self).owner = self.open_session(self.app)
        self.owner.unlock(self.vault.passphrase)
        self.assertEqual(self.state(self.owner), "unlocked")

    def test_2_a_foreign_host_gets_nothing_even_with_the_session_cookie(self):
        for host in self.foreign_hosts():
            for method, path in (("GET", "/"), ("GET", "/codes"), ("POST", "/lock")):
                with self.subTest(host=host, path=path):
                    if method == "GET":
                        r = self.owner.get(path, host=host)
                    else:
                        r = self.owner.post(path, {}, host=host)
                    self.assertStatus(r, 421, f"{method} {path} with Host {host}")
                    for leak in (HOME, "uscis", "login.gov", self.vault.path):
                        self.assertTextNotIn(leak, r, f"{method} {path} with Host {host}")
        self.assertEqual(self.state(self.owner), "unlocked", "a POST with a foreign Host locked the vault")

    def test_3_a_request_without_host_is_refused(self):
        r = self.owner.request("GET", "/", host="")
        self.assertStatus(r, (400, 421), "GET / with an empty Host")
        self.assertTextNotIn(HOME, r, "GET / with an empty Host")

    def test_4_our_own_names_are_served(self):
        for host in (f"127.0.0.1:{self.app.port}", f"localhost:{self.app.port}", f"LOCALHOST:{self.app.port}"):
            r = self.owner.get("/", host=host)
            self.assertStatus(r, 200, f"GET / with Host {host}")


class CrossSiteTests(SecurityTestCase):
    """A state change needs Sec-Fetch-Site: same-origin, or (without it) our exact Origin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)

    def refused(self, what, **kw):
        """POSTs /lock (unlocked) and /unlock with the right passphrase (locked) with these headers."""
        self.ensure_unlocked(self.owner, self.vault)
        r = self.owner.post("/lock", {}, **kw)
        self.assertStatus(r, 403, f"POST /lock {what}")
        self.assertTextIn("Nothing was changed", r, f"POST /lock {what}")
        self.assertEqual(self.state(self.owner), "unlocked", f"POST /lock {what} locked the vault")
        self.ensure_locked(self.owner)
        r = self.owner.post("/unlock", {"passphrase": self.vault.passphrase}, **kw)
        self.assertStatus(r, 403, f"POST /unlock {what}")
        self.assertEqual(self.state(self.owner), "locked", f"POST /unlock {what} unlocked the vault")

    def test_cross_site_post_is_refused(self):
        self.refused("with Sec-Fetch-Site: cross-site", site="cross-site")

    def test_same_site_post_is_refused(self):
        # Another port on 127.0.0.1 is the same *site*: SameSite=Strict lets its forms carry our cookie.
        self.refused("with Sec-Fetch-Site: same-site", site="same-site")

    def test_sec_fetch_site_none_post_is_refused(self):
        self.refused("with Sec-Fetch-Site: none", site="none")

    def test_cross_site_post_with_our_origin_is_still_refused(self):
        # Sec-Fetch-Site is the browser's word; an Origin does not override it.
        self.refused("cross-site with our Origin", site="cross-site", origin=f"http://127.0.0.1:{self.app.port}")

    def test_post_with_neither_sec_fetch_site_nor_origin_is_refused(self):
        self.refused("with neither Sec-Fetch-Site nor Origin", site=None)

    def test_post_with_a_foreign_origin_is_refused(self):
        p = self.app.port
        for origin in (f"http://127.0.0.1:{p + 1 if p < 65535 else p - 1}", "http://evil.example",
                       f"http://evil.example:{p}", "null", f"https://127.0.0.1:{p}", f"http://127.0.0.1:{p}.evil.example",
                       f"http://[::1]:{p}"):
            with self.subTest(origin=origin):
                self.refused(f"with Origin {origin}", site=None, origin=origin)

    def test_our_origin_or_same_origin_is_accepted(self):
        # The control: the same requests go through with the right headers.
        self.ensure_unlocked(self.owner, self.vault)
        r = self.owner.post("/lock", {}, site=None, origin=f"http://127.0.0.1:{self.app.port}")
        self.assertRedirect(r, "/unlock", "POST /lock with our Origin")
        self.assertEqual(self.state(self.owner), "locked")
        r = self.owner.post("/unlock", {"passphrase": self.vault.passphrase}, site=None,
                            origin=f"http://localhost:{self.app.port}")
        self.assertRedirect(r, "/", "POST /unlock with our localhost Origin")
        self.assertEqual(self.state(self.owner), "unlocked")

    def test_other_sites_cannot_load_our_pages_as_subresources(self):
        self.ensure_unlocked(self.owner, self.vault)
        for site in ("cross-site", "same-site"):
            for mode, dest in (("no-cors", "image"), ("no-cors", "script"), ("cors", "empty"), ("navigate", "iframe")):
                with self.subTest(site=site, dest=dest):
                    r = self.owner.get("/", headers={"Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode, "Sec-Fetch-Dest": dest})
                    self.assertStatus(r, 403, f"GET / as a {site} {dest}")
                    self.assertTextNotIn(HOME, r, f"GET / as a {site} {dest}")
        # A link the user followed from elsewhere (a top-level navigation) opens the page.
        r = self.owner.get("/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"})
        self.assertStatus(r, 200, "a top-level navigation from another site")


class HeaderTests(SecurityTestCase):
    """Every answer, pages and errors alike, carries the security headers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)
        cls.responses = {}
        stranger = cls.app.client()
        cls.responses["how-to-open page (no session)"] = stranger.get("/")
        cls.responses["wrong launch token"] = stranger.get("/launch?token=00")
        cls.responses["unlock page"] = cls.owner.get("/unlock")
        cls.responses["wrong passphrase page"] = cls.owner.unlock("not the passphrase")
        cls.responses["refusal: POST without a session"] = stranger.post("/lock", {})
        cls.responses["refusal: foreign Host"] = cls.owner.get("/", host="evil.example")
        cls.responses["refusal: cross-site POST"] = cls.owner.post("/lock", {}, site="cross-site")
        cls.responses["redirect: locked home"] = cls.owner.get("/")
        cls.owner.unlock(cls.vault.passphrase)
        cls.responses["home page"] = cls.owner.get("/")
        cls.responses["error page: not found"] = cls.owner.get("/no-such-page")
        cls.responses["error page: a form in the wrong format"] = cls.owner.request(
            "POST", "/unlock", headers={"Sec-Fetch-Site": "same-origin", "Content-Type": "text/plain"}, body=b"x")
        cls.responses["redirect: after lock"] = cls.owner.post("/lock", {})

    def each(self, pages_only=False):
        for what, r in self.responses.items():
            if pages_only and not (r.header("Content-Type") or "").startswith("text/html"):
                continue
            yield what, r

    def test_the_responses_are_what_they_claim(self):
        expect = {"how-to-open page (no session)": 403, "wrong launch token": 403, "unlock page": 200,
                  "wrong passphrase page": 403, "refusal: POST without a session": 403, "refusal: foreign Host": 421,
                  "refusal: cross-site POST": 403, "redirect: locked home": 303, "home page": 200,
                  "error page: not found": 404, "error page: a form in the wrong format": 400,
                  "redirect: after lock": 303}
        for what, status in expect.items():
            self.assertStatus(self.responses[what], status, what)
        self.assertTextIn("Not found", self.responses["error page: not found"], "the not-found page")

    def test_csp(self):
        for what, r in self.each():
            with self.subTest(response=what):
                csp = r.header("Content-Security-Policy")
                self.assertIsNotNone(csp, f"{what}: no Content-Security-Policy")
                directives = {}
                for part in csp.split(";"):
                    words = part.split()
                    if words:
                        directives[words[0].lower()] = words[1:]
                self.assertNotIn("'unsafe-inline'", csp, f"{what}: CSP allows inline code")
                self.assertNotIn("'unsafe-eval'", csp, f"{what}: CSP allows eval")
                self.assertEqual(directives.get("frame-ancestors"), ["'none'"], f"{what}: frame-ancestors")
                self.assertEqual(directives.get("form-action"), ["'self'"], f"{what}: form-action")
                self.assertEqual(directives.get("base-uri"), ["'none'"], f"{what}: base-uri")
                self.assertEqual(directives.get("object-src"), ["'none'"], f"{what}: object-src")
                self.assertIn(directives.get("default-src"), (["'none'"], ["'self'"]), f"{what}: default-src")
                for d in ("script-src", "style-src", "default-src", "connect-src", "img-src"):
                    for source in directives.get(d, []):
                        self.assertIn(source, ("'self'", "'none'"), f"{what}: {d} allows {source}")

    def test_no_store_on_every_page(self):
        for what, r in self.each():
            with self.subTest(response=what):
                self.assertEqual(r.header("Cache-Control"), "no-store", f"{what}: Cache-Control")

    def test_nosniff_and_no_referrer_and_no_framing(self):
        for what, r in self.each():
            with self.subTest(response=what):
                self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", f"{what}: X-Content-Type-Options")
                self.assertEqual(r.header("Referrer-Policy"), "no-referrer", f"{what}: Referrer-Policy")
                self.assertEqual(r.header("X-Frame-Options"), "DENY", f"{what}: X-Frame-Options")
                self.assertEqual(r.header("Cross-Origin-Resource-Policy"), "same-origin", f"{what}: CORP")

    def test_pages_have_no_inline_script_or_style(self):
        # The CSP would block them; a page that relies on them breaks silently.
        for what, r in self.each(pages_only=True):
            with self.subTest(response=what):
                html = r.text
                self.assertFalse(re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{what}: an inline <script>")
                self.assertFalse(re.search(r"<style\b", html), f"{what}: a <style> element")
                self.assertFalse(re.search(r"\sstyle\s*=", html), f"{what}: a style attribute")
                self.assertFalse(re.search(r"\son[a-z]+\s*=", html), f"{what}: an inline event handler")
                self.assertFalse(re.search(r"(src|href)=\"(https?:)?//", html), f"{what}: an asset from elsewhere")

    def test_static_files_carry_nosniff_and_their_type(self):
        for name, kind in (("app.css", "text/css"), ("app.js", "text/javascript"), ("icon.svg", "image/svg+xml")):
            r = self.app.client().get(f"/static/{name}")
            self.assertStatus(r, 200, name)
            self.assertTrue((r.header("Content-Type") or "").startswith(kind), f"{name}: Content-Type")
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", f"{name}: nosniff")
            self.assertIsNotNone(r.header("Content-Security-Policy"), f"{name}: CSP")


class StateChangingGetTests(SecurityTestCase):
    """A GET never changes anything: not the lock, not the unlock, not the launch by another Host."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)

    def test_get_lock_does_not_lock(self):
        self.ensure_unlocked(self.owner, self.vault)
        for method in ("GET", "HEAD"):
            for path in ("/lock", "/lock?confirm=yes", "/unlock/keyring"):
                with self.subTest(method=method, path=path):
                    r = self.owner.request(method, path)
                    self.assertFalse(200 <= r.status < 400 and path.startswith("/lock"),
                                     f"{method} {path} answered {r.status}")
                    self.assertEqual(self.state(self.owner), "unlocked", f"{method} {path} locked the vault")

    def test_get_unlock_with_the_passphrase_in_the_query_does_not_unlock(self):
        self.ensure_locked(self.owner)
        from urllib.parse import quote
        for path in (f"/unlock?passphrase={quote(self.vault.passphrase)}",
                     f"/?passphrase={quote(self.vault.passphrase)}",
                     f"/unlock/keyring?passphrase={quote(self.vault.passphrase)}"):
            with self.subTest(path=path.split("?")[0]):
                r = self.owner.get(path)
                self.assertSecretAbsent(self.vault.passphrase, r.body, "the page answering a GET with the passphrase")
                self.assertEqual(self.state(self.owner), "locked", "a GET with the passphrase unlocked the vault")

    def test_get_of_post_only_routes_changes_nothing(self):
        self.ensure_unlocked(self.owner, self.vault)
        before = self.owner.get("/").text
        for path in ("/codes/uscis/use", "/codes/uscis/remove", "/settings/passphrase", "/settings/keyring",
                     "/setup/create", "/documents/upload", "/ids/a-number/remove"):
            with self.subTest(path=path):
                self.owner.get(path)
                self.assertEqual(self.state(self.owner), "unlocked", f"GET {path} locked the vault")
        self.assertEqual(self.owner.get("/").text, before, "a GET changed what the home page shows")


class LoopbackOnlyTests(SecurityTestCase):
    """The app listens on loopback addresses only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start()

    def test_listening_sockets_are_loopback(self):
        found = listening_sockets(self.app.pid)
        self.assertTrue(found, "no listening socket found for the app's pid")
        for family, address, port in found:
            self.assertIn(address, ("127.0.0.1", "::1"), f"the app listens on {address}:{port} ({family})")
        self.assertIn(self.app.port, [p for _, _, p in found], "the reported port is not among the listening sockets")

    def test_not_reachable_on_other_addresses(self):
        others = []
        for family in (socket.AF_INET, socket.AF_INET6):
            try:
                for info in socket.getaddrinfo(socket.gethostname(), None, family):
                    address = info[4][0]
                    if not address.startswith("127.") and address != "::1" and address not in others:
                        others.append(address)
            except socket.gaierror:
                pass
        try:
            out = subprocess.run(["ip", "-o", "addr", "show"], capture_output=True, text=True, timeout=10).stdout
            for m in re.finditer(r"\binet6?\s+([0-9a-f.:]+)/", out):
                a = m.group(1)
                if not a.startswith("127.") and a != "::1" and not a.startswith("fe80") and a not in others:
                    others.append(a)
        except FileNotFoundError:
            pass
        for address in others:
            with self.subTest(address=address):
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                s = socket.socket(family, socket.SOCK_STREAM)
                s.settimeout(3)
                try:
                    reached = s.connect_ex((address, self.app.port)) == 0
                finally:
                    s.close()
                self.assertFalse(reached, f"the app answers on {address}")


#: A client run as another user: reads its job (port, cookie, requests) as
#: JSON on standard input, so the cookie is in no argv or environment, and
#: prints statuses and body lengths only.
PEER_CLIENT = r"""
import http.client, json, os, sys
job = json.load(sys.stdin)
out = []
for method, target, headers in job["requests"]:
    c = http.client.HTTPConnection("127.0.0.1", job["port"], timeout=20)
    c.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    c.putheader("Host", "127.0.0.1:%d" % job["port"])
    if job.get("cookie"):
        c.putheader("Cookie", "casevault_session=" + job["cookie"])
    for k, v in headers.items():
        c.putheader(k, v)
    body = b"" if method == "POST" else None
    if body is not None:
        c.putheader("Content-Type", "application/x-www-form-urlencoded")
        c.putheader("Content-Length", "0")
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    out.append({"status": r.status, "length": len(data)})
    c.close()
print(json.dumps({"uid": os.getuid(), "results": out}))
"""


class OtherUserTests(SecurityTestCase):
    """Another local user who connects to the port gets an empty 403, whatever they send."""

    NOBODY = 65534

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start()

    def as_other_user(self, requests, cookie=None):
        if os.geteuid() != 0:
            self.fail("this test runs a client as uid 65534 with setpriv, which needs root; "
                      "run the app tests as root (as CI does)")
        job = json.dumps({"port": self.app.port, "cookie": cookie, "requests": requests})
        done = subprocess.run(["setpriv", f"--reuid={self.NOBODY}", f"--regid={self.NOBODY}", "--clear-groups",
                               PYTHON, "-c", PEER_CLIENT], input=job.encode(), capture_output=True, timeout=60, cwd="/")
        self.assertEqual(done.returncode, 0, "the other user's client failed to run")
        out = json.loads(done.stdout)
        self.assertEqual(out["uid"], self.NOBODY, "the client did not run as the other user")
        return out["results"]

    def test_1_the_launch_token_is_useless_to_another_user(self):
        results = self.as_other_user([["GET", self.app.launch_target(), {}]])
        self.assertEqual(results, [{"status": 403, "length": 0}], "another user's launch was not an empty 403")
        # It did not spend the token: the owner's launch still works.
        type(self).owner = self.open_session(self.app)
        self.owner.unlock(self.vault.passphrase)
        self.assertEqual(self.state(self.owner), "unlocked")

    def test_2_another_user_gets_an_empty_403_even_with_a_valid_cookie(self):
        same = {"Sec-Fetch-Site": "same-origin"}
        requests = [["GET", "/", {}], ["GET", "/unlock", {}], ["GET", "/static/app.js", {}], ["GET", "/no-such-page", {}],
                    ["POST", "/lock", same], ["POST", "/unlock", same]]
        results = self.as_other_user(requests, cookie=self.owner.session_cookie())
        for (method, path, _), result in zip(requests, results):
            self.assertEqual(result, {"status": 403, "length": 0}, f"another user's {method} {path}")
        self.assertEqual(self.state(self.owner), "unlocked", "another user's POST /lock locked the vault")

    def test_3_the_owner_is_served_however_many_sockets_the_machine_has(self):
        # The owner check reads /proc/net/tcp; with hundreds of sockets open it
        # is many pages long, and a reader that stops after the first page
        # refused the owner's own browser.
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(512)
        held = []
        try:
            for _ in range(200):
                c = socket.create_connection(listener.getsockname())
                s, _ = listener.accept()
                held += [c, s]
            with open("/proc/net/tcp") as f:
                self.assertGreater(len(f.read()), 16 * 1024, "the socket table did not grow")
            for i in range(20):
                r = self.owner.get("/")
                self.assertStatus(r, 200, f"the owner's request #{i + 1} with many sockets open")
        finally:
            for s in held:
                s.close()
            listener.close()


class UnlockThrottleTests(SecurityTestCase):
    """Wrong passphrases are slowed down: after three, the next attempt must wait."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)

    def test_three_wrong_then_a_wait_even_for_the_right_one(self):
        for attempt in range(3):
            r = self.owner.unlock(f"wrong passphrase {attempt}")
            self.assertStatus(r, 403, f"wrong passphrase #{attempt + 1}")
            self.assertTextIn("did not open the vault", r, f"wrong passphrase #{attempt + 1}")
        r = self.owner.unlock(self.vault.passphrase)
        self.assertStatus(r, (400, 429), "the right passphrase right after three wrong ones")
        self.assertTextIn("Too many wrong passphrases", r, "the attempt after three wrong ones")
        wait = re.search(r"Wait (\d+) seconds", r.text)
        self.assertTrue(wait, "the refusal does not say how long to wait")
        self.assertEqual(self.state(self.owner), "locked", "the throttled attempt unlocked the vault")
        self.assertSecretAbsent(self.vault.passphrase, r.body, "the throttle page")
        time.sleep(int(wait.group(1)) + 0.5)
        self.assertRedirect(self.owner.unlock(self.vault.passphrase), "/", "the right passphrase after the wait")
        self.assertEqual(self.state(self.owner), "unlocked")
        # A success resets the count: one wrong passphrase later is not throttled.
        self.ensure_locked(self.owner)
        self.assertStatus(self.owner.unlock("wrong again"), 403, "a wrong passphrase after a success")
        self.assertRedirect(self.owner.unlock(self.vault.passphrase), "/", "the right one after a single failure")


class IdleLockTests(SecurityTestCase):
    """`--idle-lock 3s`: idle time locks; requests in between do not count /locked; the Lock button locks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True, idle_lock="3s")

    def test_idle_time_locks_and_pages_then_redirect_to_unlock(self):
        self.ensure_unlocked(self.owner, self.vault)
        home = self.owner.get("/")
        self.assertTextIn('content="5;url=/locked"', home, "the page's reload after the idle time")
        time.sleep(4.5)
        for path in ("/", "/codes", "/emergency"):
            self.assertRedirect(self.owner.get(path), "/unlock", f"GET {path} after the idle time")
        self.assertRedirect(self.owner.get("/locked"), "/unlock", "the reload target after the idle time")

    def test_polling_locked_does_not_keep_the_vault_open(self):
        # An open page reloads /locked; that must not count as the user's activity.
        self.ensure_unlocked(self.owner, self.vault)
        deadline = time.monotonic() + 4.5
        while time.monotonic() < deadline:
            self.assertIn(self.owner.get("/locked").status, (303,))
            time.sleep(0.5)
        self.assertEqual(self.state(self.owner), "locked", "polling /locked kept the vault unlocked")

    def test_activity_keeps_it_open(self):
        self.ensure_unlocked(self.owner, self.vault)
        for _ in range(5):
            time.sleep(1)
            self.assertStatus(self.owner.get("/"), 200, "a page while active")
        self.assertEqual(self.state(self.owner), "unlocked", "the vault locked while in use")

    def test_lock_button_locks_at_once(self):
        self.ensure_unlocked(self.owner, self.vault)
        self.assertRedirect(self.owner.post("/lock", {}), "/unlock", "the Lock button")
        self.assertRedirect(self.owner.get("/"), "/unlock", "home after Lock")
        self.assertStatus(self.owner.get("/unlock"), 200, "the unlock page after Lock")


class SigtermTests(SecurityTestCase):
    """SIGTERM locks, removes the launch file, and ends with status 0; the port closes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)

    def test_sigterm_while_unlocked(self):
        self.ensure_unlocked(self.owner, self.vault)
        self.assertTrue(os.path.exists(self.app.launch_file), "the launch file is gone before the end")
        self.assertEqual(self.app.stop(), 0, "exit status after SIGTERM")
        self.assertFalse(os.path.exists(self.app.launch_file), "the launch file outlived the app")
        with socket.socket() as s:
            s.settimeout(3)
            self.assertNotEqual(s.connect_ex(("127.0.0.1", self.app.port)), 0, "the port still answers")
        # The vault itself is intact: the CLI opens it with the passphrase.
        self.vault.cli(["status", "--json"], what="status after the app ended")


class RefusalsInTheRequestsLanguageTests(SecurityTestCase):
    """The app's own refusals (form, origin, session, unlock wait) follow the
    request's language like its pages: the Spanish words, none of the English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(session=True)

    def spanish(self, client):
        client.cookies["casevault_lang"] = "es"
        return client

    def test_refusals_in_spanish(self):
        self.ensure_unlocked(self.owner, self.vault)
        owner = self.spanish(self.owner)
        r = owner.post("/codes/add", {"label": "x"}, site="cross-site")
        self.assertStatus(r, 403, "a cross-site POST")
        self.assertIn("se rechazó", r.text)
        self.assertNotIn("was refused", r.text)
        stranger = self.spanish(self.app.client())
        r = stranger.post("/lock")
        self.assertIn("No hay una sesión de CaseVault", r.text)
        r = owner.post("/language", {"lang": "xx", "back": "/"})
        self.assertIn("Elija uno de los idiomas ofrecidos", r.text)
        big = owner.post("/language", {"lang": "es", "back": "/", "x": "y" * 300000})
        self.assertIn("no se leyó", big.text)
        self.assertNotIn("was not read", big.text)
        owner.cookies.pop("casevault_lang")
        r = owner.post("/language", {"lang": "xx", "back": "/"})
        self.assertIn("Choose one of the languages offered", r.text)
