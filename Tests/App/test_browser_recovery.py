"""Trusted-people recovery in a real browser (headless Chromium): from Share &
backup to the Trusted people status (made with `recovery setup`), then the
drill: two shares typed back from their sheets are checked and said to open
the copy, a mistyped word is named, and nothing typed comes back in the page.
"""

import os

from pages import BrowserPageTestCase
from test_recovery import sheet_words


class RecoveryBrowserTests(BrowserPageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked(cls.make_vault(), idle_lock="10m")
        cls.vault.cli(["id", "add", "receipt"], stdin=b"IOE0123456789\n", what="id add")
        cls.out = cls.workspace.sub("recovery")
        cls.vault.cli(["recovery", "setup", "--threshold", "2", "--person", "Ana Ruiz", "--person", "Luis Lopez",
                       "--person", "Jane Doe", "--ids", "--as", "Maria Lopez", "-o", cls.out], what="recovery setup")
        cls.a = sheet_words(os.path.join(cls.out, "share-1-ana-ruiz.html"))
        cls.b = sheet_words(os.path.join(cls.out, "share-2-luis-lopez.html"))

    def drill(self, lines):
        b = self.browser
        self.go("/recovery/drill")
        box = b.find("#shares")
        box.clear()
        box.send_keys("\n".join(lines))
        self.click("form[action='/recovery/drill'] button[type=submit]", "/recovery/drill")
        return b.page_text()

    def test_1_status_from_the_hub(self):
        b = self.browser
        self.go("/share")
        b.find("a[href='/recovery']").click()
        b.wait_for_path("/recovery")
        text = b.page_text()
        for expected in ("2 of 3", "Ana Ruiz", "Luis Lopez", "Jane Doe"):
            self.assertIn(expected, text)

    def test_2_two_good_shares_open_the_copy_and_are_not_shown_back(self):
        text = self.drill([self.a, self.b])
        self.assertIn("These shares open your emergency copy. Nothing was opened.", text)
        if self.a.split()[4] + " " + self.a.split()[5] in text:
            self.fail("the drill's page shows typed share words")
        self.assertEqual(self.browser.find("#shares").get_attribute("value"), "", "the box keeps the typed shares")

    def test_3_a_mistyped_word_is_named(self):
        words = self.b.split()
        words[8] = "acid" if words[8] != "acid" else "academic"
        text = self.drill([self.a, " ".join(words)])
        self.assertIn("Share 2: refused.", text)
        self.assertIn(f'word 9, "{words[8]}", is most likely the wrong one', text)
        self.assertIn("1 more share(s) would be needed", text)
