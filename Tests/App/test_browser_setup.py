"""The first run in a real browser (headless Chromium): the walkthrough from the
launch file to the home page, the back button after the recovery key, the
restore by choosing a file (with the script's progress bar, and with
JavaScript off), and the forgotten-passphrase path from the unlock page.

Screenshots of the welcome, recovery-key and restore pages go to harness.SCREENSHOTS.
"""

import json
import os

from firstrun import (EXAMPLE_KEY, USUAL_VAULT, backup_with_recovery_key, new_vault_at, passphrase_opens,
                      show_usual_values, vault_with_recovery_key)
from forms import SCREENSHOTS
from harness import new_secret
from pages import BrowserPageTestCase

USCIS = "QRST-2345-WXYZ"


class BrowserFirstRunCase(BrowserPageTestCase):
    def assertNotShown(self, secret, what):
        if secret in self.browser.driver.page_source:
            self.fail(f"{what}: the secret is on the page")


class WalkthroughBrowserTests(BrowserFirstRunCase):
    """From the launch file, where there is no vault, to the home page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = new_vault_at(cls.workspace, "new-vault")
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser()

    def test_walkthrough_from_the_launch_file_to_home(self):
        b = self.browser
        b.open_launch_file(self.app, expect="/setup")
        self.assertIn(self.vault.path, b.page_text(), "the welcome page does not name the vault's folder")
        show_usual_values(b, {self.vault.path: USUAL_VAULT})
        self.assertScreenshot("setup-welcome.png", "Welcome to CaseVault")
        self.click("a[href='/setup/create']", "/setup/create")
        self.assertEqual(b.driver.switch_to.active_element.get_attribute("id"), "passphrase", "the passphrase box has no focus")
        b.find("#passphrase").send_keys(self.vault.passphrase)
        b.find("#passphrase_again").send_keys(self.vault.passphrase)
        self.click("form[action='/setup/create'] button[type=submit]", "/setup/create")
        self.assertEqual(b.heading(), "Your recovery key")
        key = b.find("#recovery-key").text
        self.assertRegex(key, r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$", "the recovery key's shape")
        for button in ("button[data-copy='recovery-key']", "button[data-print]"):
            self.assertTrue(b.find(button).is_displayed(), f"the script did not show {button}")
        self.assertIn(self.vault.path, b.page_text(), "the key's page does not name the vault's folder")
        show_usual_values(b, {self.vault.path: USUAL_VAULT, key: EXAMPLE_KEY})
        self.assertScreenshot("setup-recovery-key.png", "Your recovery key")

        # Back: the form's page sends on to the check, which never shows the key again.
        b.driver.back()
        b.wait_for_path("/setup/recovery-key")
        self.assertEqual(b.heading(), "Check your recovery key")
        self.assertNotShown(key, "the page after Back")

        b.find("#recovery_key").send_keys(key.lower().replace("-", " ") + "\n")
        b.wait_for_path("/setup/code")
        self.assertEqual(b.heading(), "Your USCIS backup code")
        self.assertIn("The keyring step was skipped", b.page_text())
        self.assertEqual(b.find("#code").get_attribute("type"), "password", "the code is shown while typed")
        b.find("#code").send_keys(USCIS)
        self.click("form[action='/setup/code'] button[type=submit]", "/setup/done")
        self.assertEqual(b.heading(), "Your vault is ready")
        self.assertIn("USCIS backup code: kept", b.page_text())
        self.click("a.button[href='/']", "/")
        self.assertEqual(b.heading(), "Your vault")
        self.assertIn("USCIS backup code last replaced today", b.page_text())
        entry = json.loads(self.vault.cli(["code", "show", "uscis", "--json"], what="code show").stdout)
        if [c["code"] for c in entry["codes"]] != [USCIS]:
            self.fail("the CLI does not read back the code typed in the browser")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the passphrase typed in the browser does not open the vault")


class RestoreBrowserTests(BrowserFirstRunCase):
    """Choosing a backup file, the progress bar's upload, then the recovery key."""

    javascript = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source, cls.key = vault_with_recovery_key(cls.workspace, "source")
        cls.source.add_codes("login.gov", ["K7Q2-M9X4-P3W8", "T5R6-Y8U2-J4H7"])
        cls.source.cli(["id", "add", "a-number"], stdin=b"A123456789\n", what="id add")
        cls.backup = os.path.join(cls.workspace.path, "casevault-backup.age")
        backup_with_recovery_key(cls.source, cls.backup, cls.key)
        cls.target = new_vault_at(cls.workspace, "restored")
        cls.target.passphrase = cls.source.passphrase
        cls.app = cls.make_app(cls.target)
        cls.browser = cls.make_browser(javascript=cls.javascript)

    def test_restore_by_choosing_the_file(self):
        b = self.browser
        b.open_launch_file(self.app, expect="/setup")
        self.click("a[href='/setup/restore']", "/setup/restore")
        if self.javascript:
            self.assertIn(self.target.path, b.page_text(), "the restore page does not name the vault's folder")
            show_usual_values(b, {self.target.path: USUAL_VAULT})
            self.assertScreenshot("setup-restore.png", "Restore your vault from a backup")
        b.find("#backup").send_keys(self.backup)
        b.find("form[action='/setup/restore'] button[type=submit]").click()
        b.wait_for_path("/setup/restore/unlock")
        self.assertEqual(b.heading(), "Open the backup")
        self.assertIn("casevault-backup.age", b.page_text())
        b.find("#method-recovery").click()
        b.find("#recovery_key").send_keys(self.key)
        self.click("form[action='/setup/restore/unlock'] button[type=submit]", "/setup/restore/done")
        self.assertEqual(b.heading(), "Your vault is back")
        self.assertIn("Restored and checked: 1 backup-code entry, 1 case number, 0 documents.", b.page_text())
        self.assertNotShown(self.key, "the result page")
        self.go("/codes")
        self.assertIn("login.gov", b.page_text())
        self.assertEqual(sorted(e["label"] for e in self.target.code_entries()), ["login.gov"])


class RestoreWithoutJavaScriptTests(RestoreBrowserTests):
    """The same restore with scripts off: the form posts as a plain form."""

    javascript = False

    def test_restore_by_choosing_the_file(self):
        self.assertFalse(self.browser.scripts_run(), "scripts run in this browser")
        super().test_restore_by_choosing_the_file()


class RecoverBrowserTests(BrowserFirstRunCase):
    """"Forgot your passphrase?" from the unlock page: the recovery key, a new passphrase, a new key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.key = vault_with_recovery_key(cls.workspace)
        cls.app = cls.make_app(cls.vault)
        cls.browser = cls.make_browser()

    def test_recover_from_the_unlock_page(self):
        b = self.browser
        b.open_launch_file(self.app, expect="/unlock")
        self.click("a[href='/unlock/recover']", "/unlock/recover")
        self.assertEqual(b.heading(), "Forgot your passphrase?")
        new = new_secret()
        b.find("#recovery_key").send_keys(self.key)
        b.find("#passphrase").send_keys(new)
        b.find("#passphrase_again").send_keys(new)
        self.click("form[action='/unlock/recover'] button[type=submit]", "/unlock/recover")
        self.assertEqual(b.heading(), "New passphrase set")
        new_key = b.find("#recovery-key").text
        self.assertNotEqual(new_key, self.key, "the recovery key did not change")
        self.assertTrue(b.find("button[data-copy='recovery-key']").is_displayed(), "no Copy button")
        self.click("a.button[href='/']", "/")
        self.assertEqual(b.heading(), "Your vault")
        self.assertTrue(passphrase_opens(self.vault, new), "the new passphrase does not open the vault")
