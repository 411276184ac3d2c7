"""The attorney's side in a real browser (headless Chromium): the identity
page and its copy buttons, several shares chosen at once in the file input
and imported (JavaScript on, with its progress bar, and off), the inbox
searched by typing, a client's shares, a share's page with an image viewed
inline and the codes shown on click, a share from another signer and a
tampered file refused with nothing kept, and the re-pin after ticking the
box; screenshots of the inbox and of a share's page.
"""

import os
import re
import time

from attorney import Applicant, inbox_files, make_attorney, share_list
from forms import type_and_wait
from pages import BrowserPageTestCase
from test_browser_documents import minimal_pdf, tiny_png


class AttorneyBrowserTests(BrowserPageTestCase):
    javascript = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.recipient, cls.fingerprint = make_attorney(cls)
        cls.files = cls.workspace.sub("files")
        png, pdf = os.path.join(cls.files, "card.png"), os.path.join(cls.files, "notice.pdf")
        tiny_png(png)
        minimal_pdf(pdf)
        docs = {}
        for name, path in (("green card.png", png), ("I-797 notice.pdf", pdf)):
            with open(path, "rb") as f:
                docs[name] = f.read()
        cls.maria = Applicant(cls, cls.recipient, name="Maria Lopez", documents=docs)
        cls.ahmed = Applicant(cls, cls.recipient, name="Ahmed Khan")
        cls.paths = {}
        for who in (cls.maria, cls.ahmed):
            cls.paths[who.name] = os.path.join(cls.files, who.name.replace(" ", "-") + ".age")
            who.export(cls.paths[who.name])
            time.sleep(1.1)
        cls.open_unlocked(cls.vault, browser_options={"javascript": cls.javascript}, idle_lock="10m")

    def wait_until(self, condition, what, seconds=15):
        deadline = time.monotonic() + seconds
        while True:
            try:
                if condition():
                    return
            except Exception:  # a page being replaced
                pass
            if time.monotonic() > deadline:
                self.fail(f"{what} did not show within {seconds} s")
            time.sleep(0.1)

    def import_files(self, paths):
        """Chooses `paths` in the import form's file input (several at once) and sends them."""
        b = self.browser
        self.go("/clients/import")
        self.assertEqual(b.heading(), "Import shares")
        b.find("#shares").send_keys("\n".join(paths))
        b.find("form[action='/clients/import'] button[type=submit]").click()
        self.wait_until(lambda: b.heading() == "Import results", "the import's results", seconds=60)
        return b.page_text()

    def test_1_identity_page_with_copy_buttons(self):
        b = self.browser
        self.go("/identity")
        self.assertEqual(b.heading(), "Your identity")
        self.assertEqual(b.find("#recipient-text").text, self.recipient)
        self.assertEqual(b.find("#recipient-fingerprint").text, self.fingerprint)
        copy = b.find("button[data-copy='recipient-fingerprint']")
        self.assertEqual(copy.is_displayed(), self.javascript, "copy buttons show only with scripts")
        if self.javascript:
            b.driver.execute_cdp_cmd("Browser.grantPermissions", {
                "origin": f"http://127.0.0.1:{self.app.port}", "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
            copy.click()
            self.wait_until(lambda: copy.text == "Copied", "the Copy button's answer")
            self.assertEqual(self.clipboard(), self.fingerprint, "Copy did not put the fingerprint on the clipboard")

    def test_2_several_shares_chosen_at_once_are_imported(self):
        text = self.import_files([self.paths["Maria Lopez"], self.paths["Ahmed Khan"]])
        self.assertIn("2 shares kept.", text)
        self.assertIn("The first share from Maria Lopez", text)
        self.assertIn(self.maria.signing_fingerprint(), text)
        self.assertEqual(sorted(share_list(self.vault)), ["Ahmed Khan", "Maria Lopez"])

    def test_3_search_open_view_and_show(self):
        b = self.browser
        self.go("/clients")
        self.assertEqual([e.text for e in b.find_all("tbody td:first-child a")], ["Ahmed Khan", "Maria Lopez"])
        if self.javascript:
            b.set_viewport(1200, 800)
            self.assertScreenshot("clients.png", "Clients")
        type_and_wait(b, "#q", "lópez\n", "/clients")
        self.assertEqual([e.text for e in b.find_all("tbody td:first-child a")], ["Maria Lopez"])
        self.assertEqual(b.find("#q").get_attribute("value"), "lópez", "the search box keeps the search")
        link = b.find("tbody td:first-child a").get_attribute("href")
        b.driver.get(link)
        b.wait_for_path(re.sub(r"^https?://[^/]+", "", link))
        self.assertEqual(b.heading(), "Maria Lopez")
        share = b.find("a[aria-label^='Open the share']").get_attribute("href")
        b.driver.get(share)
        share_path = re.sub(r"^https?://[^/]+", "", share)
        b.wait_for_path(share_path)
        self.assertEqual(b.heading(), "Share from Maria Lopez")
        self.assertIn("Verified.", b.page_text())
        self.assertNotIn(self.maria.code, b.page_text(), "the codes before Show")
        if self.javascript:
            self.assertScreenshot("share.png", "Share from Maria Lopez")
        # The codes on click (a POST answered with the page).
        self.click(f"form[action='{share_path}/codes'] button", f"{share_path}/codes")
        self.assertIn(self.maria.code, b.find("#codes-text").text, "the codes after Show")
        # The image, viewed inline: the browser decodes it.
        view = b.find("a[aria-label='View green card.png']").get_attribute("href")
        b.driver.get(view)
        natural = b.driver.execute_script(
            "var i = document.querySelector('img'); return i ? [i.naturalWidth, i.naturalHeight] : null;")
        self.assertEqual(natural, [64, 48], "the PNG did not render inline")

    def test_4_another_signer_is_refused_then_re_pinned_after_ticking_the_box(self):
        b = self.browser
        impostor = Applicant(type(self), self.recipient, name="Ahmed Khan")
        path = os.path.join(self.files, "impostor.age")
        impostor.export(path)
        tampered = os.path.join(self.files, "tampered.age")
        with open(self.paths["Maria Lopez"], "rb") as f:
            data = bytearray(f.read())
        data[len(data) // 2] ^= 0x5A
        with open(tampered, "wb") as f:
            f.write(data)
        kept = inbox_files(self.vault)
        text = self.import_files([path, tampered])
        self.assertIn("0 shares kept, 2 refused.", text)
        self.assertEqual(text.count("REFUSED, not kept."), 2)
        self.assertEqual(inbox_files(self.vault), kept, "a refused share was kept")
        self.assertEqual(share_list(self.vault)["Ahmed Khan"]["fingerprint"], self.ahmed.signing_fingerprint())
        # The re-pin page: both fingerprints side by side; the box must be ticked.
        b.find("a[href^='/clients/repin/']").click()
        self.wait_until(lambda: b.path().startswith("/clients/repin/") and b.heading().startswith("A new key for"), "the re-pin page")
        fingerprints = [e.text for e in b.find_all(".compare .read-aloud")]
        self.assertEqual(fingerprints, [self.ahmed.signing_fingerprint(), impostor.signing_fingerprint()])
        repin = b.path()
        self.click(f"form[action='{repin}'] button[type=submit]", repin)
        self.assertIn("Tick the box", b.page_text())
        self.assertEqual(share_list(self.vault)["Ahmed Khan"]["fingerprint"], self.ahmed.signing_fingerprint(), "re-pinned without the box")
        b.find("label[for='called']").click()
        self.assertTrue(b.find("#called").is_selected())
        self.click(f"form[action='{repin}'] button[type=submit]", repin)
        self.assertIn("1 share kept.", b.page_text())
        self.assertEqual(share_list(self.vault)["Ahmed Khan"]["fingerprint"], impostor.signing_fingerprint())


    def test_5_readable_at_200_percent(self):
        """Each page of the attorney's side in 1280x800 at 200% (640x400 CSS
        pixels): no sideways scrolling, the heading and the Lock button shown."""
        b = self.browser
        self.go("/clients")
        client = b.find("tbody td:first-child a").get_attribute("href").split(str(self.app.port), 1)[1]
        self.go(client)
        share = b.find("a[aria-label^='Open the share']").get_attribute("href").split(str(self.app.port), 1)[1]
        pages = ["/clients", "/clients/import", "/identity", client, share]
        try:
            for path in pages:
                with self.subTest(page=path):
                    b.set_viewport(640, 400)
                    self.go(path)
                    self.assertFitsAt200Percent(path)
        finally:
            b.set_viewport(1200, 800)


class AttorneyBrowserJavaScriptOffTests(AttorneyBrowserTests):
    """The same flows with scripts off: the file input posts as a plain form."""
    javascript = False

    def test_0_scripts_are_off(self):
        self.assertFalse(self.browser.scripts_run(), "the profile runs scripts")
        self.go("/clients")
