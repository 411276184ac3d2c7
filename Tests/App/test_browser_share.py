"""Sharing and backup in a real browser (headless Chromium): add a
representative by pasting their recipient and see the fingerprint to read
by phone; choose what to send (no backup code ticked at first), review it,
and download the sealed share, which the representative's side opens; make
a backup from the page and restore it with the CLI. Screenshots of the
fingerprint page and the review.
"""

import glob
import json
import os
import time

from forms import SCREENSHOTS
from harness import TestVault, new_secret
from pages import BrowserPageTestCase
from sharing import Representative, SecretFile, add_document, documents

USCIS_CODE = "ZK4M-7QWP-99TR"
JANE = "Jane Doe, Esq."


class ShareBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.cli(["code", "add", "uscis"], stdin=(USCIS_CODE + "\n").encode(), what="code add")
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A012345678\n", what="id add")
        cls.scan = os.urandom(200_000)
        add_document(cls.vault, cls.workspace, cls.scan, "green card", name="green card.jpg")
        cls.rep = Representative(cls.workspace)
        cls.open_unlocked(cls.vault)
        cls.downloads = cls.workspace.sub("downloads")
        # Headless Chromium saves downloads only where it is told to.
        cls.browser.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})

    def assertScreenshot(self, name, heading):
        """Keeps a screenshot of the page (harness.SCREENSHOTS), after checking what it shows."""
        self.browser.set_viewport(1280, 900)
        self.assertEqual(self.browser.heading(), heading)
        os.makedirs(SCREENSHOTS, exist_ok=True)
        width, height = self.browser.screenshot(os.path.join(SCREENSHOTS, name))
        self.assertEqual((width, height), (1280, 900), "the screenshot's size")

    def downloaded(self, pattern, timeout=30):
        """The one finished download matching `pattern` (waits for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = [p for p in glob.glob(os.path.join(self.downloads, pattern)) if not p.endswith(".crdownload")]
            partial = glob.glob(os.path.join(self.downloads, "*.crdownload"))
            if done and not partial:
                self.assertEqual(len(done), 1, "more than one download")
                return done[0]
            time.sleep(0.1)
        self.fail(f"no finished download matching {pattern!r} within {timeout} s")

    def test_1_add_a_representative_and_see_the_fingerprint(self):
        b = self.browser
        self.go("/")
        self.click("nav a[href='/share']", "/share")
        self.assertEqual(b.heading(), "Share and back up")
        self.click("a[href='/representatives']", "/representatives")
        self.click("a.button[href='/representatives/new']", "/representatives/new")
        b.find("#name").send_keys(JANE)
        b.find("#recipient").send_keys(self.rep.recipient)
        self.click("form[action='/representatives'] button[type=submit]", "/representatives/show")
        self.assertEqual(b.find("#fingerprint").text, self.rep.fingerprint, "the large fingerprint")
        self.assertIn("Call Jane Doe, Esq. and read this fingerprint aloud.", b.page_text())
        size = b.driver.execute_script(
            "return parseFloat(getComputedStyle(document.getElementById('fingerprint')).fontSize)")
        self.assertGreaterEqual(size, 36, "the fingerprint is not shown large")
        self.assertScreenshot("representative.png", JANE)

    def test_2_choose_review_and_download_a_share(self):
        b = self.browser
        self.go("/representatives/show?name=Jane%20Doe%2C%20Esq.")
        self.click("a.button[href^='/export?to=']", "/export")
        self.assertTrue(b.find("input[name=to][value='Jane Doe, Esq.']").is_selected(), "the representative chosen")
        uscis = b.find("input[name=code][value='uscis']")
        self.assertFalse(uscis.is_selected(), "the USCIS code ticked at first")
        self.assertIn("USCIS online accounts are personal", b.page_text())
        b.find("#ids").click()
        b.find("input[name=doc]").click()
        b.find("#as").send_keys("Maria Garcia")
        self.click("form[action='/export/review'] button[type=submit]", "/export/review")
        self.assertEqual(b.find("#to-fingerprint").text, self.rep.fingerprint, "the review's fingerprint")
        text = b.page_text()
        for words in ("For Jane Doe, Esq.", "Your case numbers", "green card", "No backup codes", "As Maria Garcia"):
            self.assertIn(words, text)
        self.assertScreenshot("export-review.png", "Review the share")
        b.find("form[action='/export/download'] button:not([formaction])").click()
        path = self.downloaded("CaseVault share for Jane Doe*.age")
        self.assertEqual(b.path(), "/export/review", "the page stays while the share downloads")
        out = os.path.join(self.workspace.path, "extracted")
        opened = self.rep.open_share(path, extract=out, with_file_key=False)
        self.assertEqual(opened["to"], JANE)
        self.assertEqual(opened["from"], "Maria Garcia")
        with open(os.path.join(out, "documents", "green card.jpg"), "rb") as f:
            self.assertTrue(f.read() == self.scan, "the shared document differs")
        with open(os.path.join(out, "codes-and-identifiers.txt")) as f:
            text = f.read()
        self.assertSecretAbsent(USCIS_CODE, text, "the unticked USCIS code in the share")
        self.assertIn("A-012-345-678", text)
        os.remove(path)

    def test_3_back_up_from_the_page_and_restore_with_the_cli(self):
        b = self.browser
        self.go("/share")
        self.click("a.button[href='/backup']", "/backup")
        passphrase = new_secret()
        b.find("#method-passphrase").click()
        b.find("#backup_passphrase").send_keys(passphrase)
        b.find("#backup_passphrase_again").send_keys(passphrase)
        b.find("form[action='/backup'] button[type=submit]").click()
        path = self.downloaded("CaseVault backup *.age")
        copy = TestVault(self.workspace, name="restored", passphrase=self.vault.passphrase, create=False)
        with SecretFile(self.workspace, passphrase) as f:
            done = copy.cli(["restore", path, "--backup-passphrase-file", f, "--json"], what="restore", check=False)
        self.assertEqual(done.returncode, 0, "restore of the browser's backup")
        self.assertTrue(json.loads(done.stdout)["complete"])
        self.assertEqual(documents(copy), documents(self.vault))
        self.go("/backup")
        self.assertIn("Your last backup was downloaded whole", b.page_text())
