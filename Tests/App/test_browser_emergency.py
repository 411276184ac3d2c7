"""The emergency page and the kit in a real browser: codes shown large, Mark
used and back, the print stylesheet (emulated print media), and the kit
rendered with its own style under its own policy, blank and with the key."""

import json
import os

from forms import SCREENSHOTS, click_and_wait, code_entry, used_flags
from pages import BrowserPageTestCase


class EmergencyBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault(create=False)
        made = cls.vault.cli(["init", "--kdf", "interactive", "--json"], what="init")
        cls.recovery_key = json.loads(made.stdout)["recoveryKey"]
        cls.vault.add_codes("uscis", ["ABCD-9876-ZYXW"])
        cls.vault.cli(["code", "add", "login.gov", "--primary"], stdin=b"QX7P-44ZR-MMTN\n7Y2B-KK9D-PLQ3\n", what="code add")
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A087654321\n", what="id add")
        cls.vault.cli(["id", "add", "receipt", "--note", "I-485"], stdin=b"IOE0987654321\n", what="id add")
        cls.open_unlocked(cls.vault)

    def visible(self, css):
        return [e for e in self.browser.find_all(css) if e.is_displayed()]

    def test_1_codes_large_then_mark_used_and_back(self):
        b = self.browser
        self.go("/emergency")
        self.assertEqual(b.heading(), "Emergency")
        big = b.find_all(".code-card .big")
        if [e.text for e in big] != ["QX7P-44ZR-MMTN", "ABCD-9876-ZYXW"]:
            self.fail("the emergency page does not show the primary code, then the USCIS code")
        size = float(b.driver.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", big[0]))
        self.assertGreaterEqual(size, 32, "the codes are not shown large")
        self.assertIn("A-087-654-321", b.page_text())
        self.assertTrue(self.visible("button[data-print]"), "no Print button with the script on")
        self.assertEqual(b.screenshot(os.path.join(SCREENSHOTS, "emergency.png"))[0], 1200)
        click_and_wait(b, "form[action='/codes/login.gov/use'] button", "/codes/login.gov/use")
        if b.find("#used-code").text != "QX7P-44ZR-MMTN":
            self.fail("Mark used did not mark the code shown")
        self.assertEqual(used_flags(code_entry(self.vault, "login.gov")), [True, False])
        click_and_wait(b, "a[href='/emergency']", "/emergency")
        if b.find_all(".code-card .big")[0].text != "7Y2B-KK9D-PLQ3":
            self.fail("the emergency page does not move on to the next code")

    def test_2_print_drops_navigation_buttons_and_forms(self):
        b = self.browser
        self.go("/emergency")
        b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            for css in ("header.top", "nav", "button", "form", "#kit-heading", "input"):
                self.assertFalse(self.visible(css), f"{css} is printed")
            self.assertEqual(len(self.visible(".code-card .big")), 2, "the codes are not printed")
            self.assertTrue(self.visible(".emergency .value"), "the case numbers are not printed")
        finally:
            b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        self.assertTrue(self.visible("nav"), "the screen lost its navigation after printing")

    def test_3_the_kit_renders_with_its_style_blank_and_with_the_key(self):
        b = self.browser
        self.go("/emergency")
        click_and_wait(b, "a[href='/emergency/kit']", "/emergency/kit")
        self.assertEqual(b.driver.title, "CaseVault emergency kit")
        cells = b.find_all(".cell")
        self.assertEqual(len(cells), 36)
        # Without its style (refused by a policy) an empty box has no width.
        self.assertGreater(cells[0].size["width"], 20, "the kit's style did not apply")
        self.assertIn("casevault app", b.page_text())
        self.go("/emergency")
        b.find("#recovery-key").send_keys(self.recovery_key)
        click_and_wait(b, "form[action='/emergency/kit'] button", "/emergency/kit")
        if "".join(c.text for c in b.find_all(".cell")) != self.recovery_key.replace("-", ""):
            self.fail("the kit's boxes do not hold the recovery key")
        self.assertGreater(b.find_all(".cell")[0].size["width"], 20, "the kit's style did not apply")
