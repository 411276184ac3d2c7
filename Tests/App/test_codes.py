"""Backup codes over HTTP: add (pasted or a site's file), the entry's page,
Show, Use the next code, Replace, Show first, Remove, and the refusals.

Each change made through the app is checked through the CLI on the same vault
(`code show --json`), and what the CLI stored is checked on the app's pages.
"""

import re
import urllib.parse

from forms import code_entry, code_labels, post_multipart, used_flags
from pages import PageTestCase

LOGIN = ["QX7P-44ZR-MMTN", "7Y2B-KK9D-PLQ3", "HJ4K-5522-WWER"]


class CodesHTTPTests(PageTestCase):
    """One app on one vault; each test works on its own labels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault())

    def add(self, label, codes_text=None, file=None, account=None, primary=False):
        fields = {"label": label}
        if account:
            fields["account"] = account
        if codes_text is not None:
            fields["codes"] = codes_text
        if primary:
            fields["primary"] = "on"
        files = {"file": file if file is not None else ("", b"")}
        return post_multipart(self.client, "/codes", fields, files)

    def assertCodes(self, label, expected, what):
        """The entry's current codes, in order, as the CLI reads them (never printed)."""
        got = [c["code"] for c in code_entry(self.vault, label)["codes"]]
        if got != expected:
            self.fail(f"{what}: the CLI reads {len(got)} codes that differ from the {len(expected)} expected")

    def test_add_by_pasting_skips_headings_and_says_which_lines(self):
        text = "Your login.gov backup codes\n1. " + LOGIN[0] + "\n2. " + LOGIN[1] + "\n3. " + LOGIN[2] + "\n2. " + LOGIN[1] + "\n"
        r = self.add("login.gov", text, account="applicant@example.org", primary=True)
        self.assertRedirect(r, "/codes/login.gov?done=added&codes=3&skipped=1&repeated=5", "adding pasted codes")
        page = self.client.get(r.location)
        self.assertStatus(page, 200, "the entry's page after adding")
        for line in ("Stored 3 codes (one-time codes).", "Skipped line 1 as heading or note.",
                     "Skipped line 5: the same code as an earlier line.", "applicant@example.org", "3 of 3 unused", "Shown first"):
            self.assertTextIn(line, page, "the entry's page after adding")
        for code in LOGIN:
            self.assertSecretAbsent(code, page.body, "the entry's page before Show")
        self.assertCodes("login.gov", LOGIN, "the pasted codes")
        entry = code_entry(self.vault, "login.gov")
        self.assertEqual((entry["kind"], entry["primary"], entry["account"]), ("list", True, "applicant@example.org"))
        listing = self.client.get("/codes")
        self.assertTextIn('<a href="/codes/login.gov">login.gov</a>', listing, "the list")
        for code in LOGIN:
            self.assertSecretAbsent(code, listing.body, "the list of entries")

    def test_add_by_uploading_the_sites_file(self):
        # As Windows Notepad saves it: a byte-order mark and CRLF line ends.
        data = "\ufeffGitHub recovery codes\r\n\r\n1111a-2222b\r\n3333c-4444d\r\n5555e-6666f\r\n".encode()
        r = self.add("github", file=("github-recovery-codes.txt", data))
        self.assertRedirect(r, "/codes/github?done=added&codes=3&skipped=1", "uploading a codes file")
        # The same file through the CLI's --from-file: the same codes.
        path = self.workspace.path + "/github-recovery-codes.txt"
        with open(path, "wb") as f:
            f.write(data)
        self.vault.cli(["code", "add", "github-cli", "--from-file", path], what="code add --from-file")
        self.assertCodes("github", [c["code"] for c in code_entry(self.vault, "github-cli")["codes"]],
                         "the uploaded file read otherwise than by code add --from-file")
        self.assertCodes("github", ["1111a-2222b", "3333c-4444d", "5555e-6666f"], "the uploaded file's codes")

    def test_refused_lines_are_named_by_number_and_nothing_is_stored_or_echoed(self):
        secret_looking = "X7Y8-ZZZZ-QQQQ"
        r = self.add("refused-site", "AAAA-1111\nthis is " + secret_looking + " a code\n\x01\n", account="me@example.org")
        self.assertStatus(r, 400, "codes with lines not understood")
        for text in ("line 2 has a code-like group among other text", "line 3 contains U+0001", "Nothing was stored",
                     'value="refused-site"', 'value="me@example.org"'):
            self.assertTextIn(text, r, "the refused form")
        self.assertSecretAbsent(secret_looking, r.body, "the refused form")
        self.assertSecretAbsent("AAAA-1111", r.body, "the refused form")
        self.assertNotIn("refused-site", code_labels(self.vault), "a refused input was stored")

    def test_form_problems_come_back_on_the_form(self):
        cases = [
            ("both", {"codes": "AAAA-2222\n"}, ("f.txt", b"BBBB-3333\n"), 400, "Paste the codes or choose a file, not both."),
            ("neither", {}, ("", b""), 400, "Paste the codes into the box, or choose the file"),
            ("empty file", {}, ("empty.txt", b""), 400, "The file you chose is empty."),
            ("too large", {}, ("big.txt", b"CCCC-4444\n" * 2000), 400, "larger than 16 KiB"),
        ]
        for what, fields, file, status, text in cases:
            r = post_multipart(self.client, "/codes", {"label": "problem-" + what.replace(" ", "-"), **fields}, {"file": file})
            self.assertStatus(r, status, what)
            self.assertTextIn(text, r, what)
            self.assertTextIn('<form method="post" action="/codes" enctype="multipart/form-data">', r, what + ": the form again")
        self.assertFalse([l for l in code_labels(self.vault) if l.startswith("problem-")], "a refused form stored something")

    def test_damaged_multipart_bodies_are_refused_and_the_app_keeps_serving(self):
        b = "----damaged"
        good_start = f'--{b}\r\nContent-Disposition: form-data; name="label"\r\n\r\ndamaged\r\n'.encode()
        bodies = [
            b"", b"--", f"--{b}".encode(), good_start, good_start + f"--{b}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{b}--".encode(),
            good_start + f"--{b}\r\nno headers end".encode(), good_start + b"\xff\xfe" * 50, bytes(range(256)) * 8,
            f'--{b}\r\nContent-Disposition: form-data; name="codes"\r\n\r\nAAAA-1111\r\n--{b}'.encode(),
        ]
        for body in bodies:
            r = self.client.request("POST", "/codes", headers={"Content-Type": f"multipart/form-data; boundary={b}",
                                                               "Sec-Fetch-Site": "same-origin"}, body=body)
            self.assertStatus(r, 400, "a damaged multipart body")
        for content_type in ("multipart/form-data", "multipart/form-data; boundary=", "text/plain"):
            r = self.client.request("POST", "/codes", headers={"Content-Type": content_type, "Sec-Fetch-Site": "same-origin"},
                                    body=good_start)
            self.assertStatus(r, 400, f"a body sent as {content_type!r}")
        self.assertNotIn("damaged", code_labels(self.vault), "a damaged body stored something")
        self.assertStatus(self.client.get("/codes"), 200, "the list after the damaged bodies")

    def test_a_taken_label_is_refused_and_the_entry_kept(self):
        self.vault.add_codes("taken", ["DDDD-5555"])
        r = self.add("TAKEN", "EEEE-6666\n")
        self.assertStatus(r, 409, "a label that exists (in another case)")
        self.assertTextIn("already exists", r, "the refused form")
        self.assertCodes("taken", ["DDDD-5555"], "the entry whose label was taken")

    def test_show_reveals_codes_only_as_the_answer_to_a_post(self):
        self.vault.add_codes("shown", ["FFFF-7777", "GGGG-8888"])
        page = self.client.get("/codes/shown")
        self.assertStatus(page, 200, "the entry's page")
        self.assertSecretAbsent("FFFF-7777", page.body, "the entry's page (a GET)")
        self.assertTextIn('<form method="post" action="/codes/shown/show"', page, "the Show button")
        self.assertStatus(self.client.get("/codes/shown/show"), (404, 405), "Show as a GET")
        shown = self.client.post("/codes/shown/show", {})
        self.assertStatus(shown, 200, "Show")
        self.assertSecretPresent("FFFF-7777", shown.body, "the codes after Show")
        self.assertSecretPresent("GGGG-8888", shown.body, "the codes after Show")
        self.assertEqual(shown.header("Cache-Control"), "no-store")
        self.assertEqual(used_flags(code_entry(self.vault, "shown")), [False, False], "Show marked a code used")
        refused = self.client.post("/codes/shown/show", {}, site="cross-site")
        self.assertStatus(refused, 403, "Show posted from another site")
        self.assertSecretAbsent("FFFF-7777", refused.body, "Show posted from another site")

    def test_use_hands_out_the_next_code_once_and_marks_only_it(self):
        self.vault.add_codes("use-me", ["HHHH-1111", "JJJJ-2222", "KKKK-3333", "MMMM-4444"])
        r = self.client.post("/codes/use-me/use", {})
        self.assertStatus(r, 200, "Use the next code")
        self.assertSecretPresent('<p class="big secret" id="used-code">HHHH-1111</p>', r.body, "the used code, large")
        self.assertTextIn('data-copy="used-code"', r, "the copy button")
        self.assertTextIn("It is now marked used. 3 unused codes left.", r, "what is left")
        self.assertEqual(used_flags(code_entry(self.vault, "use-me")), [True, False, False, False])
        r = self.client.post("/codes/use-me/use", {})
        self.assertSecretPresent("JJJJ-2222", r.body, "the second use")
        self.assertSecretAbsent("HHHH-1111", r.body, "the second use")
        self.assertTextIn("Only 2 unused codes left.", r, "the low warning")
        self.assertEqual(used_flags(code_entry(self.vault, "use-me")), [True, True, False, False])
        # A GET to the use address changes nothing.
        self.assertStatus(self.client.get("/codes/use-me/use"), (404, 405), "use as a GET")
        self.assertEqual(used_flags(code_entry(self.vault, "use-me")), [True, True, False, False], "a GET used a code")

    def test_use_with_a_stale_position_marks_nothing(self):
        self.vault.add_codes("stale", ["NNNN-1111", "PPPP-2222"])
        self.vault.cli(["code", "use", "stale"], what="code use")  # another window took code 1
        r = self.client.post("/codes/stale/use", {"expect": "1", "from": "emergency"})
        self.assertStatus(r, 400, "Mark used for a code already taken elsewhere")
        self.assertTextIn("Nothing was marked used", r, "the refusal")
        self.assertSecretAbsent("PPPP-2222", r.body, "the refusal")
        self.assertEqual(used_flags(code_entry(self.vault, "stale")), [True, False], "a code was marked in its place")
        r = self.client.post("/codes/stale/use", {"expect": "2", "from": "emergency"})
        self.assertStatus(r, 200, "Mark used for the code shown")
        self.assertTextIn('href="/emergency"', r, "the way back to the emergency page")
        self.assertEqual(used_flags(code_entry(self.vault, "stale")), [True, True])

    def test_a_single_code_can_be_used_again_with_a_warning(self):
        self.vault.add_codes("uscis", ["ABCD-9876-ZYXW"])
        first = self.client.post("/codes/uscis/use", {})
        self.assertSecretPresent("ABCD-9876-ZYXW", first.body, "the USCIS code")
        self.assertTextIn("It stays your code until you replace it.", first, "the single code's note")
        again = self.client.post("/codes/uscis/use", {})
        self.assertStatus(again, 200, "using the single code again")
        self.assertTextIn("This backup code was already used on", again, "the warning")

    def test_an_exhausted_list_says_so(self):
        self.vault.add_codes("empty-list", ["QQQQ-1111", "RRRR-2222"])
        for _ in range(2):
            self.assertStatus(self.client.post("/codes/empty-list/use", {}), 200, "using a code")
        r = self.client.post("/codes/empty-list/use", {})
        self.assertStatus(r, 409, "using a code of an exhausted list")
        self.assertTextIn("No unused code left", r, "the exhausted page")
        page = self.client.get("/codes/empty-list")
        self.assertTextNotIn("Use the next code", page, "the entry's page of an exhausted list")
        self.assertTextIn("No unused code left. Get new codes from the site", page, "the warning")

    def test_replace_keeps_the_old_codes_as_dated_history(self):
        self.vault.add_codes("replaced", ["SSSS-1111", "TTTT-2222"])
        self.client.post("/codes/replaced/use", {})
        form = self.client.get("/codes/replaced/replace")
        self.assertStatus(form, 200, "the replace form")
        r = post_multipart(self.client, "/codes/replaced/replace", {}, {"file": ("new-codes.txt", b"UUUU-3333\nVVVV-4444\nWWWW-5555\n")})
        self.assertRedirect(r, "/codes/replaced?done=replaced&codes=3", "replacing by a file")
        self.assertCodes("replaced", ["UUUU-3333", "VVVV-4444", "WWWW-5555"], "the new set")
        entry = code_entry(self.vault, "replaced")
        self.assertEqual(len(entry["history"]), 1, "the old set was not kept")
        self.assertTrue([c["code"] for c in entry["history"][0]["codes"]] == ["SSSS-1111", "TTTT-2222"], "the old set's codes")
        self.assertTrue(entry["history"][0]["supersededAt"], "the old set is not dated")
        page = self.client.get(r.location)
        self.assertTextIn("Replaced the codes: 3 new (one-time codes).", page, "the notice")
        self.assertTextIn("Earlier codes (replaced)", page, "the history")
        self.assertTextIn("2 codes, 1 used", page, "the history's counts")
        self.assertSecretAbsent("SSSS-1111", page.body, "the history before Show")
        shown = self.client.post("/codes/replaced/show", {})
        self.assertSecretPresent("SSSS-1111", shown.body, "the history after Show")
        bad = post_multipart(self.client, "/codes/replaced/replace", {"codes": "ok-looking XXXX-9999-YYYY line\n"}, {"file": ("", b"")})
        self.assertStatus(bad, 400, "replacing with a line not understood")
        self.assertEqual(len(code_entry(self.vault, "replaced")["history"]), 1, "a refused replace changed the entry")

    def test_show_first_moves_the_primary_mark(self):
        self.vault.add_codes("first-a", ["AAAA-0001"])
        self.vault.cli(["code", "primary", "first-a"], what="code primary")
        self.vault.add_codes("first-b", ["BBBB-0002"])
        r = self.client.post("/codes/first-b/primary", {})
        self.assertRedirect(r, "/codes/first-b?done=primary", "Show first")
        labels = code_labels(self.vault)
        self.assertTrue(labels["first-b"]["primary"] and not labels["first-a"]["primary"], "the primary mark did not move")
        self.assertTextIn("This entry now comes first on the emergency page.", self.client.get(r.location), "the notice")

    def test_remove_asks_first_then_removes(self):
        self.vault.add_codes("remove-me", ["CCCC-0003"])
        ask = self.client.post("/codes/remove-me/remove", {})
        self.assertStatus(ask, 200, "the first Remove")
        self.assertTextIn("Remove remove-me?", ask, "the question")
        self.assertTextIn('<input type="hidden" name="confirm" value="yes">', ask, "the confirming form")
        self.assertIn("remove-me", code_labels(self.vault), "the first POST removed the entry")
        done = self.client.post("/codes/remove-me/remove", {"confirm": "yes"})
        self.assertRedirect(done, "/codes?removed=remove-me", "the confirmed Remove")
        self.assertNotIn("remove-me", code_labels(self.vault), "the entry is still there")
        self.assertTextIn("Removed remove-me and all its codes.", self.client.get(done.location), "the notice")
        self.assertStatus(self.client.get("/codes/remove-me"), 404, "the removed entry's page")

    def test_labels_a_path_cannot_carry(self):
        for label, link in (("new", "/codes/-?label=new"), ("..", "/codes/-?label=.."), ("a b/c?d", "/codes/a%20b%2Fc%3Fd"),
                            ("ünï", "/codes/%C3%BCn%C3%AF")):
            code = "LBL%d-%04d" % (len(label), sum(map(ord, label)))
            r = self.add(label, code + "\n")
            self.assertStatus(r, 303, f"adding {label!r}")
            self.assertTrue(r.location.startswith(link), f"{label!r} is linked as {urllib.parse.unquote(r.location)!r}")
            page = self.client.get(r.location)
            self.assertTextIn(f"<h1>{label}</h1>".replace("&", "&amp;"), page, f"the page of {label!r}")
            use = re.search(r'action="(/codes/[^"]*/use[^"]*)"', page.text).group(1).replace("&amp;", "&")
            used = self.client.post(use, {})
            self.assertSecretPresent(code, used.body, f"using the code of {label!r}")
        self.assertTextIn("Add backup codes", self.client.get("/codes/new"), "the add form is still at /codes/new")
