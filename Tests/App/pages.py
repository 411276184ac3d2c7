"""The helpers the tests of the app's pages share: start a class with its
vault unlocked through an HTTP session or in a real browser; and in the
browser, open a page, click and wait for the next one, keep a screenshot,
read the clipboard.
"""

import os

from forms import SCREENSHOTS, click_and_wait, unlock_in_browser
from harness import AppTestCase


class PageTestCase(AppTestCase):
    """An AppTestCase whose class starts one app over one vault."""

    @classmethod
    def open_unlocked_session(cls, vault, **app_options):
        """Starts the app over `vault` and unlocks it through `cls.client`, a session of its own."""
        cls.vault = vault
        cls.app = cls.make_app(vault, **app_options)
        cls.client = cls.open_session(cls.app)
        r = cls.client.unlock(vault.passphrase)
        if r.status != 303:
            raise AssertionError(f"unlock answered {r.status}")


class BrowserPageTestCase(PageTestCase):
    """A PageTestCase whose tests drive `self.browser` over `self.app`."""

    @classmethod
    def open_unlocked(cls, vault, browser_options=None, **app_options):
        """Starts the app over `vault` and a browser, and unlocks the vault there by typing its passphrase."""
        cls.vault = vault
        cls.app = cls.make_app(vault, **app_options)
        cls.browser = cls.make_browser(**(browser_options or {}))
        unlock_in_browser(cls)

    def go(self, path):
        """Opens `path` (a query is allowed) and waits until the page has loaded."""
        self.browser.driver.get(f"http://127.0.0.1:{self.app.port}{path}")
        self.browser.wait_for_path(path.split("?")[0])

    def click(self, css, path):
        click_and_wait(self.browser, css, path)

    def assertFitsAt200Percent(self, path):
        """The page now shown, in a 640x400 CSS-pixel window (1280x800 at 200%
        zoom): no sideways scrolling, its heading whole, its Lock button shown."""
        b = self.browser
        fits = b.driver.execute_script(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
        self.assertTrue(fits, f"{path} scrolls sideways at 200%")
        h1 = b.driver.execute_script(
            "var h = document.querySelector('h1'); var r = h.getBoundingClientRect();"
            "return r.width > 0 && r.right <= document.documentElement.clientWidth + 1;")
        self.assertTrue(h1, f"{path}: the heading is cut off at 200%")
        self.assertTrue(b.find("form.lock button").is_displayed(), f"{path}: the Lock button is hidden at 200%")

    def assertScreenshot(self, name, heading):
        """Keeps a screenshot of the page (harness.SCREENSHOTS), after checking what it shows."""
        self.assertEqual(self.browser.heading(), heading)
        os.makedirs(SCREENSHOTS, exist_ok=True)
        width, height = self.browser.screenshot(os.path.join(SCREENSHOTS, name))
        self.assertEqual(width, 1200, "the screenshot's width")
        self.assertGreater(height, 600, "the screenshot's height")

    def clipboard(self):
        """What the page's copy button put on the clipboard (read by the page itself; never printed)."""
        return self.browser.driver.execute_async_script(
            "var done = arguments[0]; navigator.clipboard.readText().then(done, function () { done(null); });")
