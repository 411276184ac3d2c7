"""The emergency page and the printable kit over HTTP.

The page is checked against `casevault emergency --json` on the same vault,
the kit against `casevault kit -o -` (the same page, byte for byte), and its
Content-Security-Policy against the SHA-256 of its style computed here.
"""

import base64
import datetime
import hashlib
import json
import re

from forms import code_entry, used_flags
from pages import PageTestCase


def cells(html):
    """The recovery-key boxes' contents, in order."""
    return "".join(re.findall(r'<span class="cell">([^<]*)</span>', html))


class EmergencyHTTPTests(PageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault(create=False)
        made = cls.vault.cli(["init", "--kdf", "interactive", "--json"], what="init")
        cls.recovery_key = json.loads(made.stdout)["recoveryKey"]
        v = cls.vault
        v.cli(["code", "add", "login.gov", "--account", "applicant@example.org", "--primary"],
              stdin=b"QX7P-44ZR-MMTN\n7Y2B-KK9D-PLQ3\nHJ4K-5522-WWER\n", what="code add")
        v.cli(["code", "use", "login.gov"], what="code use")
        v.add_codes("uscis", ["ABCD-9876-ZYXW"])
        v.add_codes("github", ["1111-1111", "2222-2222", "3333-3333"])
        v.cli(["id", "add", "a-number"], stdin=b"a87654321\n", what="id add")
        v.cli(["id", "add", "receipt", "--note", "I-485"], stdin=b"IOE0987654321\n", what="id add")
        v.cli(["id", "add", "other", "--label", "visa foil"], stdin=b"X1234567\n", what="id add")
        scan = cls.workspace.path + "/scan.jpg"
        with open(scan, "wb") as f:
            f.write(b"pretend this is a scan")
        soon = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        v.cli(["doc", "add", scan, "--type", "ead", "--label", "work permit", "--expires", soon], what="doc add")
        v.cli(["doc", "add", scan, "--type", "passport", "--label", "old passport", "--expires", "2020-01-31"], what="doc add")
        cls.open_unlocked_session(cls.vault)

    def test_1_the_page_shows_what_the_cli_shows_and_marks_nothing(self):
        before = [used_flags(code_entry(self.vault, l)) for l in ("login.gov", "uscis", "github")]
        page = self.client.get("/emergency")
        self.assertStatus(page, 200, "the emergency page")
        sheet = json.loads(self.vault.cli(["emergency", "--json"], what="emergency").stdout)
        for code in sheet["codes"]:
            self.assertSecretPresent(code["code"], page.body, f"the shown code of {code['label']}")
        for ident in sheet["identifiers"]:
            self.assertSecretPresent(ident["formatted"], page.body, f"the {ident['kind']}")
        for doc in sheet["documents"]:
            self.assertTextIn(doc["label"], page, "a stored document")
        for other in sheet["otherCodeLists"]:
            self.assertTextIn(f"{other['label']}: {other['unused']} of {other['total']} unused", page, "another code list")
        for code in ("1111-1111", "2222-2222", "3333-3333"):
            self.assertSecretAbsent(code, page.body, "a list that is named, not shown")
        self.assertSecretAbsent("QX7P-44ZR-MMTN", page.body, "a code already used")
        for text in ("USCIS backup code", "One-time code: login.gov", "Code 2 of 3, 2 unused", "Account: applicant@example.org",
                     "A-Number", "Receipt numbers" if len([i for i in sheet["identifiers"] if i["kind"] == "receipt"]) > 1 else "Receipt number",
                     "(I-485)", "visa foil", "expired January 31, 2020", "renew now: expires",
                     "Other code lists (codes not shown)", "turn on keyring unlock", 'href="/emergency/kit"'):
            self.assertTextIn(text, page, "the emergency page")
        self.assertEqual(page.header("Cache-Control"), "no-store")
        after = [used_flags(code_entry(self.vault, l)) for l in ("login.gov", "uscis", "github")]
        self.assertEqual(before, after, "showing the emergency page marked a code used")

    def test_2_mark_used_marks_the_code_shown_and_the_page_moves_on(self):
        page = self.client.get("/emergency").text
        form = re.search(r'<form method="post" action="/codes/login.gov/use">\s*<input type="hidden" name="expect" value="(\d+)">', page)
        self.assertTrue(form, "no Mark used button for login.gov")
        self.assertEqual(form.group(1), "2", "Mark used does not name the code shown")
        r = self.client.post("/codes/login.gov/use", {"expect": "2", "from": "emergency"})
        self.assertStatus(r, 200, "Mark used")
        self.assertSecretPresent("7Y2B-KK9D-PLQ3", r.body, "the code marked used")
        self.assertTextIn('<a class="button" href="/emergency">Back to the emergency page</a>', r, "the way back")
        self.assertEqual(used_flags(code_entry(self.vault, "login.gov")), [True, True, False])
        page = self.client.get("/emergency")
        self.assertSecretPresent("HJ4K-5522-WWER", page.body, "the next code")
        self.assertTextIn("Code 3 of 3, 1 unused", page, "the next code's position")

    def test_3_take_one_from_another_list(self):
        r = self.client.post("/codes/github/use", {"from": "emergency"})
        self.assertStatus(r, 200, "Take one")
        self.assertSecretPresent("1111-1111", r.body, "the code taken")
        self.assertEqual(used_flags(code_entry(self.vault, "github")), [True, False, False])

    def test_kit_is_the_cli_kit_under_a_policy_allowing_only_its_style(self):
        r = self.client.get("/emergency/kit")
        self.assertStatus(r, 200, "the kit")
        cli = self.vault.cli(["kit", "-o", "-"], what="kit -o -").stdout
        self.assertTrue(r.body == cli, "the app's kit differs from the CLI's")
        style = re.search(rb"<style>(.*?)</style>", r.body, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(style).digest()).decode()
        csp = r.header("Content-Security-Policy")
        self.assertEqual(csp, f"default-src 'none'; style-src 'sha256-{digest}'; form-action 'none'; "
                              "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIsNone(r.header("Content-Disposition"), "the kit to print is a download")
        for text in ("casevault app", "CaseVault in the menu", "<em>Emergency</em> page", "<em>Replace codes</em>",
                     "casevault emergency", "casevault code use LABEL"):
            self.assertTextIn(text, r, "the kit's steps")
        self.assertEqual(cells(r.text), "", "the blank kit has characters in its boxes")
        saved = self.client.get("/emergency/kit?download=1")
        self.assertEqual(saved.header("Content-Disposition"), 'attachment; filename="casevault-kit.html"')
        self.assertTrue(saved.body == r.body, "the saved kit differs from the one to print")

    def test_kit_with_the_recovery_key_only_when_it_opens_this_vault(self):
        r = self.client.post("/emergency/kit", {"recovery-key": self.recovery_key.lower().replace("-", " ")})
        self.assertStatus(r, 200, "the kit with the recovery key")
        if cells(r.text) != self.recovery_key.replace("-", ""):
            self.fail("the boxes do not hold the recovery key")
        self.assertTextIn("does hold the recovery key", r, "the warning on the sheet")
        self.assertIsNone(r.header("Content-Disposition"), "the kit with the key as a download")
        last = self.recovery_key[-1]
        typo = self.recovery_key[:-1] + ("0" if last != "0" else "1")
        bad = self.client.post("/emergency/kit", {"recovery-key": typo})
        self.assertStatus(bad, 403, "a mistyped recovery key")
        self.assertTextIn("mistyped", bad, "the refusal")
        self.assertSecretAbsent(typo, bad.body, "the refusal")
        self.assertSecretAbsent(self.recovery_key, bad.body, "the refusal")
        other = self.make_vault("other", create=False)
        other_key = json.loads(other.cli(["init", "--kdf", "interactive", "--json"], what="init").stdout)["recoveryKey"]
        wrong = self.client.post("/emergency/kit", {"recovery-key": other_key})
        self.assertStatus(wrong, 403, "another vault's recovery key")
        self.assertTextIn("the recovery key does not open this vault", wrong, "the refusal")
        self.assertSecretAbsent(other_key, wrong.body, "the refusal")
        self.assertStatus(self.client.post("/emergency/kit", {}), 400, "no recovery key")
        self.assertStatus(self.client.post("/emergency/kit", {"recovery-key": self.recovery_key}, site="cross-site"), 403,
                          "the kit with the key posted from another site")


class EmptyEmergencyHTTPTests(PageTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault())

    def test_an_empty_vault_says_what_to_add(self):
        page = self.client.get("/emergency")
        self.assertStatus(page, 200, "the emergency page of an empty vault")
        self.assertTextIn("Nothing is stored yet.", page, "the empty page")
        self.assertTextIn('href="/codes/new"', page, "the way to add the USCIS code")
