"""The Quit button: the app started from the applications menu has no terminal
to press Ctrl-C in, so it can be ended from the page itself.

Quit is a POST like Lock: a GET, a cross-site POST or a POST without the
session stops nothing. The owner's POST locks the vault, answers a page that
says so, and the process then exits 0 with its launch file removed and its
port closed.
"""

import os
import socket
import time

from harness import Browser
from pages import BrowserPageTestCase
from test_security import SecurityTestCase

STOPPED = "CaseVault has stopped"
EXIT_WAIT = 15


def wait_for_exit(app, seconds=EXIT_WAIT):
    """The app's exit status once it has ended, or None after `seconds`."""
    try:
        return app.process.wait(seconds)
    except Exception:
        return None


def port_closed(port):
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


class QuitOverHTTPTests(SecurityTestCase):
    """What may and may not stop the app."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start(fill=True, session=True)

    def test_1_a_get_a_cross_site_post_or_no_session_stops_nothing(self):
        self.ensure_unlocked(self.owner, self.vault)
        for method in ("GET", "HEAD"):
            self.owner.request(method, "/quit")
        self.assertStatus(self.owner.post("/quit", site="cross-site"), 403, "a cross-site POST /quit")
        self.assertStatus(self.owner.post("/quit", site="same-site"), 403, "a same-site POST /quit")
        stranger = self.app.client()
        r = stranger.post("/quit")
        self.assertNotIn(STOPPED, r.text, "POST /quit without a session was taken")
        time.sleep(1)
        self.assertTrue(self.app.is_running(), "the app stopped without its owner's POST")
        self.assertEqual(self.state(self.owner), "unlocked", "a refused quit locked the vault")

    def test_2_the_owners_post_locks_answers_and_ends_the_app(self):
        self.ensure_unlocked(self.owner, self.vault)
        r = self.owner.post("/quit")
        self.assertStatus(r, 200, "the owner's POST /quit")
        self.assertIn(STOPPED, r.text)
        self.assertIn("Your vault is locked", r.text)
        self.assertNotIn('action="/lock"', r.text, "the stopped page still offers the vault's buttons")
        status = wait_for_exit(self.app)
        self.assertEqual(status, 0, f"the app did not exit 0 within {EXIT_WAIT} s of Quit: {self.app.stderr_tail()}")
        self.assertFalse(os.path.exists(self.app.launch_file), "the launch file outlived Quit")
        self.assertTrue(port_closed(self.app.port), "the port still accepts connections after Quit")


class QuitInTheBrowserTests(BrowserPageTestCase):
    """The Quit button in the header, and on the unlock page, in a real browser."""

    def test_1_quit_from_the_header(self):
        vault = self.make_vault("header")
        type(self).open_unlocked(vault)
        b = self.browser
        b.find("header form.quit button").click()
        b.wait_for_path("/quit")
        self.assertEqual(b.heading(), STOPPED)
        self.assertEqual(wait_for_exit(self.app), 0, "the app did not exit after Quit")
        self.assertFalse(os.path.exists(self.app.launch_file), "the launch file outlived Quit")

    def test_2_quit_from_the_unlock_page_in_spanish(self):
        vault = self.make_vault("unlock")
        app = self.make_app(vault)
        browser = self.make_browser(lang="es")
        browser.open_launch_file(app, expect=("/unlock",))
        button = browser.find("main form.quit button")
        self.assertEqual(button.text, "Salir")
        button.click()
        browser.wait_for_path("/quit")
        self.assertEqual(browser.heading(), "CaseVault se cerró")
        self.assertEqual(wait_for_exit(app), 0, "the app did not exit after Quit on the unlock page")
