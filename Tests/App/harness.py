"""Test harness for `casevault app`: the built binary, a real HTTP client, a real browser.

Only the standard library and selenium (Debian's python3-selenium). Run with
Debian's /usr/bin/python3 (scripts/run-app-tests.sh does).

The parts, each usable alone:

- ``Workspace``: a private (0700) temporary folder, removed at the end.
- ``TestVault``: a vault made by ``casevault init`` (fast KDF), and the CLI run
  against it. Passphrase files live in the workspace only for one call.
- ``RunningApp``: ``casevault app --json --no-browser`` with a private
  XDG_RUNTIME_DIR; reads the ready line and the launch file; ``stop()`` sends
  SIGTERM and checks the exit status and that the launch file is gone.
- ``Client``: an http.client wrapper that sends any header (Host, Origin,
  Sec-Fetch-*), keeps cookies, never follows redirects by itself.
- ``Browser``: headless Chromium through chromedriver, a private profile; opens
  the launch file as a user's browser would (a file:// URL).
- ``AppTestCase``: a unittest.TestCase with the parts above made per class,
  and assertions that never print a secret or a response body.

Secrets (the launch token, passphrases, codes, session cookies) are never
printed: no ``repr`` shows them, and the assertions here say *what* failed,
never the values. Tests must use these assertions (or plain booleans with
their own message) for anything that may hold a secret: unittest's
``assertIn(secret, body)`` would print both on failure.
"""

import http.client
import json
import os
import re
import secrets
import selectors
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: Where browser tests keep their screenshots of the main pages (each checked
#: before it is kept): .build/screenshots, so a test run leaves the tree
#: clean; `make screenshots` runs them with CASEVAULT_SCREENSHOTS=docs/screenshots
#: to refresh the ones the docs show.
SCREENSHOTS = os.environ.get("CASEVAULT_SCREENSHOTS") or os.path.join(ROOT, ".build", "screenshots")
BINARY = os.environ.get("CASEVAULT_BIN") or os.path.join(ROOT, ".build", "debug", "casevault")
PYTHON = "/usr/bin/python3"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

#: How long the app may take to print its ready line.
READY_TIMEOUT = 30
#: How long the app may take to exit after SIGTERM.
STOP_TIMEOUT = 15


class HarnessError(Exception):
    """The harness could not set something up (never carries a secret)."""


def new_secret(words=4):
    """A random passphrase-like text for one test run (never printed)."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(words))


def strip_query(url):
    """A URL without its query and fragment, safe to print (the launch token is in the query)."""
    parts = urllib.parse.urlsplit(url or "")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _terminate_with_parent():
    """In the app's process before exec: SIGTERM when the test process dies.

    A test run killed from outside (a CI timeout, Ctrl-C twice) must not
    leave an app serving a vault; SIGTERM also removes its launch file.
    """
    import ctypes
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class Workspace:
    """A private temporary folder (0700) for one test class; ``close()`` removes it."""

    def __init__(self, prefix="casevault-apptest."):
        self.path = tempfile.mkdtemp(prefix=prefix)
        os.chmod(self.path, 0o700)

    def sub(self, name, mode=0o700):
        """A new private subfolder."""
        p = os.path.join(self.path, name)
        os.makedirs(p, mode=mode, exist_ok=True)
        os.chmod(p, mode)
        return p

    def close(self):
        shutil.rmtree(self.path, ignore_errors=True)

    def __repr__(self):
        return f"Workspace({self.path})"


class TestVault:
    """A vault for tests, made with the built binary (``init --kdf interactive``).

    ``passphrase`` is kept in memory only; each CLI call writes it to a 0600
    file in the workspace and removes the file as soon as the call ends.
    """

    def __init__(self, workspace, name="vault", passphrase=None, create=True):
        self.workspace = workspace
        self.path = os.path.join(workspace.path, name)
        self.passphrase = passphrase or new_secret()
        if create:
            self.cli(["init", "--kdf", "interactive", "--json"], what="init")

    def cli(self, args, stdin=b"", what=None, check=True, keyring=False, extra_env=None):
        """Runs ``casevault ARGS --vault … --passphrase-file …``; returns the CompletedProcess.

        Output may hold secrets (a recovery key, codes): it is returned, never
        printed; a failure names the command and exit status only.
        """
        fd, pass_file = tempfile.mkstemp(prefix="pass.", dir=self.workspace.path)
        try:
            os.write(fd, (self.passphrase + "\n").encode())
            os.close(fd)
            argv = [BINARY] + list(args) + ["--vault", self.path, "--passphrase-file", pass_file]
            if not keyring:
                argv.append("--no-keyring")
            env = dict(os.environ)
            env.update(extra_env or {})
            done = subprocess.run(argv, input=stdin, capture_output=True, timeout=120, env=env)
        finally:
            try:
                os.remove(pass_file)
            except FileNotFoundError:
                pass
        if check and done.returncode != 0:
            raise HarnessError(f"casevault {what or args[0]} exited {done.returncode}")
        return done

    def add_codes(self, label, codes):
        """Stores backup codes for `label` (read from standard input, never argv)."""
        self.cli(["code", "add", label], stdin=("\n".join(codes) + "\n").encode(), what="code add")

    def code_entries(self):
        """The code entries as `code list --json` gives them (counts only, no codes)."""
        out = self.cli(["code", "list", "--json"], what="code list").stdout
        return json.loads(out)["entries"]

    def enable_keyring(self):
        """Adds a keyring slot (needs scripts/with-keyring.sh around the run)."""
        self.cli(["keyring", "enable"], keyring=True, what="keyring enable")

    def __repr__(self):
        return f"TestVault({self.path})"


class RunningApp:
    """``casevault app --json --no-browser`` running on a vault.

    The launch URL (with its one-time token) is read from the launch file and
    kept private: use ``launch_target()`` (path and query for ``Client``) or
    ``Browser.open_launch_file``. Nothing here prints it.
    """

    def __init__(self, workspace, vault_path, idle_lock=None, keyring=False, port=None, extra_env=None):
        self.workspace = workspace
        self.vault_path = vault_path
        self.runtime_dir = workspace.sub("run-" + secrets.token_hex(4))
        argv = [BINARY, "app", "--json", "--no-browser", "--vault", vault_path]
        if idle_lock is not None:
            argv += ["--idle-lock", str(idle_lock)]
        if not keyring:
            argv.append("--no-keyring")
        if port is not None:
            argv += ["--port", str(port)]
        env = dict(os.environ)
        env["XDG_RUNTIME_DIR"] = self.runtime_dir
        env.update(extra_env or {})
        self.stderr_path = os.path.join(workspace.path, f"app-stderr-{secrets.token_hex(4)}.txt")
        self._stderr = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self._stderr, env=env, cwd=workspace.path,
                                        preexec_fn=_terminate_with_parent)
        self.pid = self.process.pid
        self.exit_status = None
        ready = self._read_ready_line()
        self.address = ready["address"]
        self.launch_file = ready["launchFile"]
        parts = urllib.parse.urlsplit(self.address)
        self.host = parts.hostname
        self.port = parts.port
        if not self.launch_file or not os.path.isfile(self.launch_file):
            self.stop(check=False)
            raise HarnessError("the app reported no launch file, or it does not exist")
        with open(self.launch_file, encoding="utf-8") as f:
            page = f.read()
        found = re.search(r'url=(http://[^"\s]+)"', page)
        if not found:
            self.stop(check=False)
            raise HarnessError("the launch file holds no launch URL")
        self._launch_url = found.group(1)

    def _read_ready_line(self):
        sel = selectors.DefaultSelector()
        sel.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + READY_TIMEOUT
        line = b""
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                self.stop(check=False)
                raise HarnessError(f"the app printed no ready line within {READY_TIMEOUT} s")
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                self.stop(check=False)
                raise HarnessError(f"the app exited before it was ready: {self.stderr_tail()}")
            line += chunk
        sel.close()
        try:
            ready = json.loads(line.decode())
        except ValueError:
            self.stop(check=False)
            raise HarnessError("the app's ready line is not JSON") from None
        if set(ready) != {"address", "launchFile"}:
            self.stop(check=False)
            raise HarnessError(f"the ready line has keys {sorted(ready)}, expected address and launchFile")
        return ready

    def launch_target(self):
        """The launch URL's path and query (``/launch?token=…``), for ``Client.get``. Never print it."""
        parts = urllib.parse.urlsplit(self._launch_url)
        return parts.path + "?" + parts.query

    def launch_token(self):
        """The one-time token itself (for tests that alter it). Never print it."""
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self._launch_url).query)["token"][0]

    def launch_file_url(self):
        """The launch file as a file:// URL (what the desktop opener hands the browser)."""
        return "file://" + urllib.parse.quote(self.launch_file)

    def client(self):
        return Client(self.port)

    def is_running(self):
        return self.process.poll() is None

    def stderr_tail(self, limit=400):
        """The app's stderr (it logs nothing secret: no request lines, no token)."""
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read()[-limit:].decode(errors="replace").strip()
        except OSError:
            return ""

    def memory(self):
        """(resident, peak resident since the last `reset_peak`) in MiB, from /proc."""
        with open(f"/proc/{self.pid}/status") as f:
            text = f.read()
        get = lambda key: int(re.search(key + r":\s+(\d+) kB", text).group(1)) / 1024
        return get("VmRSS"), get("VmHWM")

    def reset_peak(self):
        """Starts a new peak-memory measurement (Linux: `5` to clear_refs resets VmHWM)."""
        with open(f"/proc/{self.pid}/clear_refs", "w") as f:
            f.write("5")

    def stop(self, check=True):
        """SIGTERM, then wait. With `check`, raises unless the exit status is 0 and the launch file is gone."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                if check:
                    raise HarnessError(f"the app did not exit within {STOP_TIMEOUT} s of SIGTERM")
        self.exit_status = self.process.returncode
        self.process.stdout.close()
        self._stderr.close()
        if check:
            if self.exit_status != 0:
                raise HarnessError(f"the app exited {self.exit_status} after SIGTERM: {self.stderr_tail()}")
            if getattr(self, "launch_file", None) and os.path.exists(self.launch_file):
                raise HarnessError("the launch file is still there after the app exited")
        return self.exit_status

    def __repr__(self):
        return f"RunningApp(pid={self.pid}, port={getattr(self, 'port', None)})"


class Response:
    """A response read whole: status, headers (all of them, in order), body bytes."""

    def __init__(self, raw):
        self.status = raw.status
        self.reason = raw.reason
        self.headers = raw.getheaders()
        self.body = raw.read()

    def header(self, name):
        """The header's values joined by ", " (None when absent)."""
        values = self.header_values(name)
        return ", ".join(values) if values else None

    def header_values(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.header("Location")

    def __repr__(self):
        # The body and Set-Cookie may hold secrets: only the status.
        return f"Response({self.status})"


class Client:
    """An HTTP client for the app that can send any header and keeps cookies.

    - Host defaults to ``127.0.0.1:PORT``; ``host=`` sends another (DNS rebinding).
    - POSTs send ``Sec-Fetch-Site: same-origin`` unless ``site=`` says otherwise
      (``site=None`` sends none); ``origin=`` adds an Origin header.
    - Redirects are not followed: tests look at the 303 and its Location.
    """

    def __init__(self, port, address="127.0.0.1"):
        self.port = port
        self.address = address
        self.cookies = {}
        self.set_cookie_headers = []

    def request(self, method, target, headers=None, body=None, host=None, send_cookies=True):
        conn = http.client.HTTPConnection(self.address, self.port, timeout=30)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            if send_cookies and self.cookies:
                conn.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            for k, v in (headers or {}).items():
                if v is not None:
                    conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = Response(conn.getresponse())
        finally:
            conn.close()
        for value in response.header_values("Set-Cookie"):
            self.set_cookie_headers.append(value)
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        return response

    def get(self, target, headers=None, **kw):
        return self.request("GET", target, headers=headers, **kw)

    def post(self, target, fields=None, site="same-origin", origin=None, headers=None, **kw):
        """A form POST (`fields`: a dict or list of pairs, values str or bytes)."""
        body = urllib.parse.urlencode(fields or {}).encode()
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if site is not None:
            h["Sec-Fetch-Site"] = site
        if origin is not None:
            h["Origin"] = origin
        h.update(headers or {})
        return self.request("POST", target, headers=h, body=body, **kw)

    def launch(self, app):
        """Exchanges the app's launch token for a session cookie (GET /launch?token=…)."""
        return self.get(app.launch_target())

    def session_cookie(self):
        return self.cookies.get("casevault_session")

    def unlock(self, passphrase):
        return self.post("/unlock", {"passphrase": passphrase})

    def __repr__(self):
        return f"Client(port={self.port}, cookies={sorted(self.cookies)})"


class Browser:
    """Headless Chromium (Debian's) through chromedriver, with a private profile.

    ``javascript=False`` turns scripts off the way a policy would
    (``profile.managed_default_content_settings.javascript = 2``).
    """

    def __init__(self, workspace, javascript=True, width=1200, height=900, lang=None):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = workspace.sub("chromium-" + secrets.token_hex(4))
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", f"--user-data-dir={self.profile}",
                    f"--window-size={width},{height}", "--disable-gpu", "--hide-scrollbars",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--disable-background-networking", "--disable-sync", "--password-store=basic"):
            options.add_argument(arg)
        prefs = {"credentials_enable_service": False, "profile.password_manager_enabled": False}
        if lang:
            # The browser's language, as a user's settings give it: the
            # Accept-Language header the app chooses its language from.
            options.add_argument(f"--lang={lang}")
            prefs["intl.accept_languages"] = lang
        if not javascript:
            prefs["profile.managed_default_content_settings.javascript"] = 2
        options.add_experimental_option("prefs", prefs)
        self.javascript = javascript
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(30)

    def set_viewport(self, width, height):
        """Makes the page area exactly `width` x `height` CSS pixels at scale 1 (screenshots of a known size)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def scripts_run(self):
        """Whether page scripts run (False when the profile turns JavaScript off)."""
        self.driver.get("data:text/html,<p id=probe>off</p><script>"
                        "document.getElementById('probe').textContent='on'</script>")
        return self.find("#probe").text == "on"

    def open_launch_file(self, app, expect=("/", "/unlock")):
        """Opens the launch file as the desktop opener would; waits until the app's page shows."""
        self.driver.get(app.launch_file_url())
        self.wait_for_path(expect, origin=f"http://127.0.0.1:{app.port}")

    def path(self):
        """The current page's path (never the query: a launch URL's token is there)."""
        return urllib.parse.urlsplit(self.driver.current_url).path

    def origin(self):
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return f"{parts.scheme}://{parts.netloc}"

    def wait_for_path(self, paths, timeout=15, origin=None):
        """Waits until the page is one of `paths` (a str or a tuple), fully loaded."""
        if isinstance(paths, str):
            paths = (paths,)
        deadline = time.monotonic() + timeout
        while True:
            try:
                ok = self.path() in paths and (origin is None or self.origin() == origin) \
                    and self.driver.execute_script("return document.readyState") == "complete"
            except Exception:  # a navigation in progress
                ok = False
            if ok:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the browser did not reach {' or '.join(paths)} within {timeout} s "
                                     f"(it is at {strip_query(self.driver.current_url)})")
            time.sleep(0.1)

    def heading(self):
        """The text of the page's first <h1> ('' when none). Asked while a
        page is being replaced, the <h1> found may be gone before its text
        is read: it is looked up again."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.common.by import By
        for _ in range(20):
            found = self.driver.find_elements(By.TAG_NAME, "h1")
            try:
                return found[0].text.strip() if found else ""
            except StaleElementReferenceException:
                time.sleep(0.05)
        return ""

    def find(self, css):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def page_text(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, "body").text

    def screenshot(self, path):
        """Saves a PNG of the viewport; returns its (width, height)."""
        if not self.driver.save_screenshot(path):
            raise HarnessError(f"no screenshot written to {path}")
        return png_size(path)

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass

    def __repr__(self):
        return f"Browser(javascript={self.javascript})"


def png_size(path):
    """(width, height) of a PNG file, from its IHDR; raises if it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise HarnessError(f"{path} is not a PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def listening_sockets(pid):
    """The TCP sockets `pid` listens on, as (family, address, port) from /proc/net/tcp{,6}."""
    inodes = set()
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        m = re.match(r"socket:\[(\d+)\]", target)
        if m:
            inodes.add(m.group(1))
    found = []
    for family, table in (("tcp", "/proc/net/tcp"), ("tcp6", "/proc/net/tcp6")):
        try:
            with open(table) as f:
                lines = f.readlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            cols = line.split()
            local, state, inode = cols[1], cols[3], cols[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            hex_addr, hex_port = local.split(":")
            found.append((family, _proc_address(hex_addr), int(hex_port, 16)))
    return found


def _proc_address(hex_addr):
    """/proc/net/tcp's address (host byte order per 32-bit word) as text."""
    raw = bytes.fromhex(hex_addr)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    if len(words) == 4:
        return ".".join(str(b) for b in words)
    import ipaddress
    return str(ipaddress.IPv6Address(words))


class AppTestCase(unittest.TestCase):
    """A TestCase with a workspace per class and helpers to make vaults, apps and browsers.

    Everything made through ``cls.make_*`` is stopped or removed when the class
    ends (apps with SIGTERM and the exit/launch-file check: a failure there is an
    error of the class). Start one app and one browser per class where the tests
    allow it: each browser costs seconds.
    """

    workspace = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.access(BINARY, os.X_OK):
            raise HarnessError(f"no casevault binary at {BINARY}: run swift build first")
        cls.workspace = Workspace()
        cls.addClassCleanup(cls.workspace.close)

    @classmethod
    def make_vault(cls, name="vault", **kw):
        return TestVault(cls.workspace, name=name, **kw)

    @classmethod
    def make_app(cls, vault, **kw):
        """Starts the app on `vault` (a TestVault or a path); stopped and checked at class end."""
        path = vault.path if isinstance(vault, TestVault) else vault
        app = RunningApp(cls.workspace, path, **kw)
        cls.addClassCleanup(lambda: app.stop(check=app.exit_status is None))
        return app

    @classmethod
    def make_browser(cls, **kw):
        browser = Browser(cls.workspace, **kw)
        cls.addClassCleanup(browser.quit)
        return browser

    @classmethod
    def open_session(cls, app):
        """A Client with a session cookie (the launch token is spent)."""
        client = app.client()
        r = client.launch(app)
        if r.status != 200 or not client.session_cookie():
            raise HarnessError(f"the launch exchange answered {r.status} without a session cookie")
        return client

    # Assertions that never print a secret or a body.

    def assertStatus(self, response, expected, what):
        if isinstance(expected, int):
            expected = (expected,)
        if response.status not in expected:
            self.fail(f"{what}: status {response.status}, expected {' or '.join(map(str, expected))}")

    def assertRedirect(self, response, location, what):
        self.assertStatus(response, (302, 303), what)
        got = response.location or ""
        if got != location:
            self.fail(f"{what}: redirected to {strip_query(got)!r}, expected {location!r}")

    def assertSecretAbsent(self, secret, haystack, what):
        """`secret` (str or bytes) does not occur in `haystack`; the failure names neither."""
        s = secret.encode() if isinstance(secret, str) else secret
        h = haystack.encode() if isinstance(haystack, str) else haystack
        if s in h:
            self.fail(f"{what}: a secret appears where it must not")

    def assertSecretPresent(self, secret, haystack, what):
        s = secret.encode() if isinstance(secret, str) else secret
        h = haystack.encode() if isinstance(haystack, str) else haystack
        if s not in h:
            self.fail(f"{what}: the expected secret value is missing")

    def assertTextIn(self, text, response_or_text, what):
        """A non-secret `text` occurs in a page; the failure names the text, not the page."""
        body = response_or_text.text if isinstance(response_or_text, Response) else response_or_text
        if text not in body:
            self.fail(f"{what}: {text!r} not found in the page")

    def assertTextNotIn(self, text, response_or_text, what):
        body = response_or_text.text if isinstance(response_or_text, Response) else response_or_text
        if text in body:
            self.fail(f"{what}: {text!r} found in the page")
