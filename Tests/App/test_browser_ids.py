"""Case numbers in a real browser: add through the form (a refused value kept
for correction), the masked list, Show with Copy, Remove after confirming."""

import os

from forms import SCREENSHOTS, click_and_wait, identifier, identifiers
from pages import BrowserPageTestCase


class IdentifiersBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked(cls.make_vault())

    def submit(self, path):
        click_and_wait(self.browser, "form[action='/ids'] button[type=submit]", path)

    def test_1_add_correct_show_and_copy(self):
        from selenium.webdriver.support.ui import Select
        b = self.browser
        self.go("/ids")
        b.find("a.button[href='/ids/new']").click()
        b.wait_for_path("/ids/new")
        Select(b.find("#kind")).select_by_visible_text("Receipt number")
        b.find("#value").send_keys("XYZ 098-765-4321")
        b.find("#note").send_keys("I-485")
        self.submit("/ids")
        # Refused: the same form, with what was typed and the format expected.
        self.assertEqual(b.heading(), "Add a case number")
        self.assertIn("XYZ is not a USCIS service-centre prefix", b.find("div.error").text)
        self.assertEqual(b.find("#value").get_attribute("value"), "XYZ 098-765-4321")
        self.assertEqual(b.find("#note").get_attribute("value"), "I-485")
        self.assertEqual(Select(b.find("#kind")).first_selected_option.text, "Receipt number")
        value = b.find("#value")
        value.clear()
        value.send_keys("IOE 098-765-4321")
        self.submit("/ids")
        self.assertIn("Stored the number as receipt.", b.page_text())
        self.assertEqual(identifier(self.vault, "receipt")["value"], "IOE0987654321")
        if "IOE0987654321" in b.page_text():
            self.fail("the list shows the value in full")
        self.assertIn("•••••••••4321", b.page_text())

        b.find("form[action='/ids/show'] button").click()
        b.wait_for_path("/ids/show")
        rid = identifiers(self.vault)[0]["id"]
        if b.find(f"#value-{rid}").text != "IOE0987654321":
            self.fail("Show does not show the value")
        copy = b.find(f"button[data-copy='value-{rid}']")
        self.assertTrue(copy.is_displayed(), "no Copy button")
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.assertEqual(b.heading(), "Case numbers")
        self.assertEqual(b.screenshot(os.path.join(SCREENSHOTS, "ids.png"))[0], 1200)
        b.driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": f"http://127.0.0.1:{self.app.port}", "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        copy.click()
        copied = b.driver.execute_async_script(
            "var done = arguments[0]; navigator.clipboard.readText().then(done, function () { done(null); });")
        if copied != "IOE0987654321":
            self.fail("Copy did not put the receipt number on the clipboard")

    def test_2_remove_after_confirming(self):
        b = self.browser
        self.vault.cli(["id", "add", "a-number", "--label", "my a-number"], stdin=b"A012345678\n", what="id add")
        self.go("/ids")
        b.find("button[aria-label='Remove my a-number']").click()
        b.wait_for_path("/ids/remove")
        self.assertEqual(b.heading(), "Remove my a-number?")
        self.assertIn("my a-number", [i["label"] for i in identifiers(self.vault)], "removed before confirming")
        b.find("button.danger").click()
        b.wait_for_path("/ids")
        self.assertIn("Removed my a-number.", b.page_text())
        self.assertNotIn("my a-number", [i["label"] for i in identifiers(self.vault)])
