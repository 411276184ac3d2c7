"""Backup codes in a real browser (headless Chromium): add by pasting, Show,
Copy, Use the next code, Replace by choosing a file, Remove by keyboard; and
the same forms with JavaScript off.
"""

import os
import time

from forms import code_entry, code_labels, used_flags
from pages import BrowserPageTestCase

CODES = ["QX7P-44ZR-MMTN", "7Y2B-KK9D-PLQ3", "HJ4K-5522-WWER", "MN3K-88QP-ZZ2A"]


class CodesBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked(cls.make_vault())

    def test_1_add_by_pasting_then_show_copy_and_use(self):
        b = self.browser
        self.go("/codes")
        self.click("a.button[href='/codes/new']", "/codes/new")
        self.assertEqual(b.heading(), "Add backup codes")
        b.find("#label").send_keys("login.gov")
        b.find("#account").send_keys("applicant@example.org")
        b.find("#codes").send_keys("Your backup codes\n" + "\n".join(CODES) + "\n")
        b.find("#primary").click()
        self.click("form[action='/codes'] button[type=submit]", "/codes/login.gov")
        self.assertEqual(b.heading(), "login.gov")
        self.assertIn("Stored 4 codes (one-time codes).", b.page_text())
        if CODES[0] in b.page_text():
            self.fail("a code shows on the entry's page before Show")
        self.assertTrue(code_entry(self.vault, "login.gov")["primary"], "Show first was not stored")

        self.click("form[action='/codes/login.gov/show'] button", "/codes/login.gov/show")
        shown = [e.text for e in b.find_all("ol.codes .secret")]
        if shown != CODES:
            self.fail("Show does not list the codes in order")
        copy = b.find("button[data-copy='code-2']")
        self.assertTrue(copy.is_displayed(), "the script did not show the Copy button")
        b.driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": f"http://127.0.0.1:{self.app.port}", "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        copy.click()
        deadline = time.monotonic() + 5
        while copy.text != "Copied" and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertEqual(copy.text, "Copied", "the Copy button did not say it copied")
        if self.clipboard() != CODES[1]:
            self.fail("Copy did not put code 2 on the clipboard")
        self.assertEqual(used_flags(code_entry(self.vault, "login.gov")), [False] * 4, "Show or Copy marked a code used")

        self.click("form[action='/codes/login.gov/use'] button", "/codes/login.gov/use")
        self.assertEqual(b.heading(), "Your code for login.gov")
        if b.find("#used-code").text != CODES[0]:
            self.fail("the used code is not the first one")
        self.assertTrue(b.find("button[data-copy='used-code']").is_displayed(), "no Copy button for the used code")
        self.assertIn("3 unused codes left", b.page_text())
        self.assertEqual(used_flags(code_entry(self.vault, "login.gov")), [True, False, False, False])
        self.assertScreenshot("code-used.png", "Your code for login.gov")

    def test_2_replace_by_choosing_the_sites_file(self):
        b = self.browser
        path = os.path.join(self.workspace.path, "backup_codes.txt")
        with open(path, "w") as f:
            f.write("New backup codes\n\n1. NEW1-AAAA-1111\n2. NEW2-BBBB-2222\n")
        self.go("/codes/login.gov")
        self.click("a[href='/codes/login.gov/replace']", "/codes/login.gov/replace")
        b.find("#file").send_keys(path)
        self.click("form[action='/codes/login.gov/replace'] button[type=submit]", "/codes/login.gov")
        self.assertIn("Replaced the codes: 2 new (one-time codes).", b.page_text())
        self.assertIn("Skipped line 1 as heading or note.", b.page_text())
        self.assertIn("Earlier codes (replaced)", b.page_text())
        self.assertIn("4 codes, 1 used", b.page_text())
        entry = code_entry(self.vault, "login.gov")
        if [c["code"] for c in entry["codes"]] != ["NEW1-AAAA-1111", "NEW2-BBBB-2222"]:
            self.fail("the chosen file's codes were not stored")
        self.assertEqual(len(entry["history"]), 1, "the old codes were not kept")

    def test_3_list_then_remove_from_the_keyboard(self):
        from selenium.webdriver.common.keys import Keys
        b = self.browser
        self.vault.add_codes("old-site", ["OLD1-2222"])
        self.go("/codes")
        self.assertIn("old-site", b.page_text())
        self.assertScreenshot("codes.png", "Backup codes")
        self.go("/codes/old-site")
        # Tab from the top of the page to the Remove button, then Enter.
        body = b.find("body")
        body.click()
        for _ in range(40):
            active = b.driver.switch_to.active_element
            if active.tag_name == "button" and active.text == "Remove":
                break
            active.send_keys(Keys.TAB)
        else:
            self.fail("Remove cannot be reached with the Tab key")
        active.send_keys(Keys.ENTER)
        b.wait_for_path("/codes/old-site/remove")
        self.assertEqual(b.heading(), "Remove old-site?")
        self.assertIn("old-site", code_labels(self.vault), "the first Remove removed the entry")
        self.click("button.danger", "/codes")
        self.assertIn("Removed old-site and all its codes.", b.page_text())
        self.assertNotIn("old-site", code_labels(self.vault))


class CodesWithoutScriptTests(BrowserPageTestCase):
    """JavaScript off: no Copy buttons, and every form still works."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.add_codes("github", ["1111-AAAA", "2222-BBBB", "3333-CCCC"])
        cls.open_unlocked(cls.vault, browser_options={"javascript": False})

    def test_show_and_use_without_script(self):
        b = self.browser
        self.go("/codes/github")
        b.find("form[action='/codes/github/show'] button").click()
        b.wait_for_path("/codes/github/show")
        self.assertEqual(len(b.find_all("ol.codes li")), 3)
        self.assertFalse(any(btn.is_displayed() for btn in b.find_all("button[data-copy]")),
                         "a Copy button shows without the script that makes it work")
        b.find("form[action='/codes/github/use'] button").click()
        b.wait_for_path("/codes/github/use")
        if b.find("#used-code").text != "1111-AAAA":
            self.fail("the used code is not the first one")
        self.assertEqual(used_flags(code_entry(self.vault, "github")), [True, False, False])
