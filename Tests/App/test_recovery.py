"""Trusted-people recovery in the app, over HTTP: the status page before
and after `recovery setup` (made with the CLI), the hub's link, and the
drill: shares typed back are checked one by one (a mistyped word named by
share and word), enough of them are said to open the copy, fewer say how
many more; nothing typed comes back in a page; a cross-site POST is refused.
"""

import json
import os
import re

from forms import post_multipart
from pages import PageTestCase


def sheet_words(path):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    return " ".join(re.findall(r'<span class="n">\d+</span> ([a-z]+)</li>', html))


class RecoveryHTTPTests(PageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault())
        cls.vault.cli(["id", "add", "receipt"], stdin=b"IOE0123456789\n", what="id add")

    def drill(self, shares, site="same-origin"):
        return post_multipart(self.client, "/recovery/drill", {"shares": "\n".join(shares) + "\n"}, site=site)

    def test_status_and_drill(self):
        before = self.client.get("/recovery")
        self.assertStatus(before, 200, "the status before any setup")
        self.assertTextIn("You have not chosen trusted people yet.", before, "the status before any setup")
        self.assertTextIn('href="/recovery"', self.client.get("/share"), "the hub's link")

        out = self.workspace.sub("recovery")
        self.vault.cli(["recovery", "setup", "--threshold", "2", "--person", "Ana <Ruiz>", "--person", "Luis Lopez",
                        "--person", "Jane Doe", "--ids", "--as", "Maria Lopez", "-o", out], what="recovery setup")
        status = json.loads(self.vault.cli(["recovery", "status", "--json"], what="recovery status").stdout)
        page = self.client.get("/recovery")
        self.assertStatus(page, 200, "the status")
        for text in ("Any <strong>2 of 3</strong>", "Ana &lt;Ruiz&gt;", "Luis Lopez", "Jane Doe", "Paper sheet",
                     status["signerFingerprint"], 'href="/recovery/drill"'):
            self.assertTextIn(text, page, "the status")
        self.assertNotIn("<Ruiz>", page.text)

        a = sheet_words(os.path.join(out, "share-1-ana-ruiz.html"))
        b = sheet_words(os.path.join(out, "share-2-luis-lopez.html"))
        self.assertEqual(len(a.split()), 20)
        good = self.drill([a, b])
        self.assertStatus(good, 200, "the drill")
        for text in ("Share 1: good.", "Share 2: good.", "These shares open your emergency copy. Nothing was opened."):
            self.assertTextIn(text, good, "the drill of two good shares")
        self.assertSecretAbsent(a, good.body, "the drill's page")
        self.assertSecretAbsent(a.split()[5] + " " + a.split()[6], good.body, "the drill's page")

        one = self.drill([b])
        self.assertTextIn("1 more share(s) would be needed to open the copy.", one, "one share")

        words = b.split()
        words[8] = "acid" if words[8] != "acid" else "academic"
        typo = self.drill([a, " ".join(words)])
        self.assertTextIn("<strong>Share 2: refused.</strong> Share 2 does not check out (its checksum fails): word 9, "
                          "&quot;" + words[8] + "&quot;, is most likely the wrong one.", typo, "the mistyped share")
        self.assertTextIn("1 more share(s) would be needed", typo, "after a refused share")

        empty = self.drill([""])
        self.assertStatus(empty, 400, "an empty drill")
        self.assertStatus(self.drill([a, b], site="cross-site"), 403, "a drill posted from another site")
