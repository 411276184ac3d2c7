"""Settings in a real browser (headless Chromium): the page, a passphrase
change through its form, the integrity check, Lock now; the keyboard alone
reaches every control. Keyring unlock on and off with a real gnome-keyring
(scripts/with-keyring.sh).

A screenshot of the settings page goes to harness.SCREENSHOTS.
"""

import json
import os

from selenium.webdriver.common.keys import Keys

from firstrun import USUAL_VAULT, passphrase_opens, show_usual_values
from forms import SCREENSHOTS
from harness import new_secret
from pages import BrowserPageTestCase


class SettingsBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.add_codes("uscis", ["ABCD2345EFGH"])
        cls.open_unlocked(cls.vault)

    def test_1_the_page_from_the_navigation(self):
        b = self.browser
        self.click("nav a[href='/settings']", "/settings")
        self.assertEqual(b.heading(), "Settings")
        self.assertEqual(b.find("nav a[href='/settings']").get_attribute("aria-current"), "page")
        text = b.page_text()
        self.assertIn(self.vault.path, text)
        self.assertIn("CaseVault locks itself after 5 minutes without use", text)
        show_usual_values(b, {self.vault.path: USUAL_VAULT})
        os.makedirs(SCREENSHOTS, exist_ok=True)
        width, _ = b.screenshot(os.path.join(SCREENSHOTS, "settings.png"))
        self.assertEqual(width, 1200, "the screenshot's width")

    def test_2_every_control_is_reached_with_the_tab_key(self):
        b = self.browser
        self.go("/settings")
        wanted = {"current", "new_passphrase", "new_passphrase_again"}
        buttons = {"Lock now", "Change the passphrase", "Run the check"}
        b.find("body").click()
        for _ in range(60):
            active = b.driver.switch_to.active_element
            wanted.discard(active.get_attribute("id"))
            if active.tag_name == "button":
                buttons.discard(active.text)
            if not wanted and not buttons:
                break
            active.send_keys(Keys.TAB)
        self.assertEqual((wanted, buttons), (set(), set()), "controls the Tab key never reached")

    def test_3_change_the_passphrase_through_the_form(self):
        b = self.browser
        self.go("/settings")
        new = new_secret()
        b.find("#current").send_keys(self.vault.passphrase)
        b.find("#new_passphrase").send_keys(new)
        b.find("#new_passphrase_again").send_keys(new)
        self.click("form[action='/settings/passphrase'] button[type=submit]", "/settings/passphrase")
        self.assertEqual(b.heading(), "Passphrase changed")
        self.assertIn("Your recovery key has not changed", b.page_text())
        old, self.vault.passphrase = self.vault.passphrase, new
        self.assertTrue(passphrase_opens(self.vault, new), "the new passphrase does not open the vault")
        self.assertFalse(passphrase_opens(self.vault, old), "the old passphrase still opens the vault")

    def test_4_run_the_check(self):
        b = self.browser
        self.go("/settings")
        self.click("form[action='/settings/check'] button", "/settings/check")
        self.assertEqual(b.heading(), "Integrity check")
        self.assertIn("Everything checks.", b.page_text())
        self.assertIn("1 backup-code entry", b.page_text())

    def test_5_lock_now(self):
        b = self.browser
        self.go("/settings")
        self.click("main form[action='/lock'] button", "/unlock")
        self.assertEqual(b.heading(), "Unlock your vault")
        b.driver.get(f"http://127.0.0.1:{self.app.port}/settings")
        b.wait_for_path("/unlock")  # the settings page is not shown while locked


class SettingsKeyringBrowserTests(BrowserPageTestCase):
    """Keyring unlock on (the passphrase asked for), then off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked(cls.make_vault(), keyring=True)

    def test_keyring_on_and_off(self):
        if os.environ.get("CASEVAULT_TEST_KEYRING") != "1":
            self.fail("no test keyring: run through scripts/with-keyring.sh (make test-app does)")
        b = self.browser
        self.go("/settings")
        self.assertIn("Off: CaseVault asks for your passphrase", b.page_text())
        b.find("#keyring_passphrase").send_keys(self.vault.passphrase)
        self.click("form[action='/settings/keyring/enable'] button", "/settings")
        self.assertIn("Keyring unlock is on", b.page_text())
        state = json.loads(self.vault.cli(["keyring", "status", "--json"], keyring=True, what="keyring status").stdout)["state"]
        self.assertEqual(state, "enabled")
        self.click("form[action='/settings/keyring/disable'] button", "/settings")
        self.assertIn("Keyring unlock is off", b.page_text())
        state = json.loads(self.vault.cli(["keyring", "status", "--json"], keyring=True, what="keyring status").stdout)["state"]
        self.assertEqual(state, "disabled")
