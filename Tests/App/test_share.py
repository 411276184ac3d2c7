"""Representatives and export to a representative, over HTTP, against the
built binary: a representative added from a pasted recipient or a file,
with the fingerprint their own vault shows; refused recipients (a bad
checksum, a secret key) and look-alike names store nothing; removal asks
first. A share is reviewed, then downloads streamed; the representative's
side opens it (`share open`, and the stock `age -d`), a backup code is in
it only when ticked, a 64 MiB document goes through with the app's peak
memory flat, and a document damaged midway cuts the download (which then
does not decrypt) and is explained on the next visit.
"""

import hashlib
import io
import os
import socket
import tarfile
import time
import urllib.parse

from forms import code_entry, post_multipart
from harness import AppTestCase
from sharing import (Representative, add_document, damage_document, documents, memory_kib, peak_reset,
                     post_download, representatives)

USCIS_CODE = "ZK4M-7QWP-99TR"
LOGIN_CODES = ["QX7P-44ZR-MMTN", "7Y2B-KK9D-PLQ3", "HJ4K-5522-WWER"]
JANE = "Jane Doe, Esq."
FILES = "Doe Law Files"


def codes_text(tar_bytes):
    """The codes-and-identifiers.txt of a share's tar payload ('' when absent)."""
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as t:
        names = t.getnames()
        if "casevault-share/codes-and-identifiers.txt" not in names:
            return ""
        return t.extractfile("casevault-share/codes-and-identifiers.txt").read().decode()


class RepresentativeHTTPTests(AppTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.rep = Representative(cls.workspace)
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)
        cls.client.unlock(cls.vault.passphrase)

    def add(self, name, recipient=None, file=None):
        files = {"file": file} if file else {"file": ("", b"")}
        return post_multipart(self.client, "/representatives", {"name": name, "recipient": recipient or ""}, files)

    def test_a_added_from_a_pasted_recipient_with_the_fingerprint_their_vault_shows(self):
        r = self.add(JANE, self.rep.recipient)
        self.assertRedirect(r, "/representatives/show?name=Jane%20Doe%2C%20Esq.&added=1", "adding a representative")
        page = self.client.get(r.location)
        self.assertStatus(page, 200, "the representative's page")
        self.assertTextIn(f'<p class="fingerprint" id="fingerprint">{self.rep.fingerprint}</p>', page, "the large fingerprint")
        self.assertTextIn("read this fingerprint aloud", page, "the phone instruction")
        self.assertTextIn("Do not send them anything until it matches", page, "the phone instruction")
        self.assertTextIn(self.rep.recipient, page, "the recipient")
        stored = representatives(self.vault)[JANE]
        self.assertEqual(stored["recipient"], self.rep.recipient)
        self.assertEqual(stored["fingerprint"], self.rep.fingerprint, "the CLI's fingerprint")
        listing = self.client.get("/representatives")
        self.assertTextIn(self.rep.fingerprint, listing, "the list")

    def test_b_added_from_a_file_with_lines_around_the_recipient(self):
        shown = self.rep.vault.cli(["identity", "show"], what="identity show").stdout
        r = self.add("Jane Doe (office)", file=("identity.txt", shown))
        self.assertStatus(r, 303, "adding from the text identity show prints")
        self.assertEqual(representatives(self.vault)["Jane Doe (office)"]["recipient"], self.rep.recipient)
        with open(self.rep.key_file, "rb") as f:
            key_file = f.read()
        public = b"\n".join(line for line in key_file.splitlines() if line.startswith(b"#"))
        r = self.add(FILES, file=("key.pub", public + b"\n" + self.rep.file_recipient.encode() + b"\n"))
        self.assertStatus(r, 303, "adding from a recipients file with comments")
        self.assertEqual(representatives(self.vault)[FILES]["recipient"], self.rep.file_recipient)

    def test_c_a_bad_recipient_is_refused_with_the_format_expected(self):
        before = representatives(self.vault)
        cut = self.rep.recipient[:-3] + ("qqq" if not self.rep.recipient.endswith("qqq") else "ppp")
        for name, recipient, expected in (
                ("Mistyped", cut, "not an age recipient"),
                ("Nothing", "hello there", "No recipient found"),
                ("Two", self.rep.recipient + "\n" + self.rep.file_recipient, "2 different recipients")):
            with self.subTest(name):
                r = self.add(name, recipient)
                self.assertStatus(r, 400, f"the refusal of {name}")
                self.assertTextIn(expected, r, "the refusal")
                self.assertTextIn("Nothing was stored.", r, "the refusal")
        r = self.add("Mistyped", cut)
        self.assertTextIn("age1", r, "the refusal names the format expected")
        self.assertEqual(representatives(self.vault), before, "a refused recipient was stored")

    def test_d_a_secret_key_is_refused_and_never_shown(self):
        with open(self.rep.key_file, "rb") as f:
            key_file = f.read()
        secret = next(line for line in key_file.splitlines() if line.startswith(b"AGE-SECRET-KEY-"))
        before = representatives(self.vault)
        for how in ("file", "pasted"):
            with self.subTest(how):
                r = self.add("Leaked", file=("key.txt", key_file)) if how == "file" else self.add("Leaked", secret.decode())
                self.assertStatus(r, 400, "the refusal of a secret key")
                self.assertTextIn("This is a secret key", r, "the refusal")
                self.assertSecretAbsent(secret, r.body, "the refusal page")
                self.assertSecretAbsent(secret.lower(), r.body.lower(), "the refusal page")
        self.assertEqual(representatives(self.vault), before)

    def test_e_look_alike_names_are_refused_here_and_in_the_cli(self):
        self.add(JANE, self.rep.recipient)
        before = representatives(self.vault)
        for name, words in (("Jane D\u043ee, Esq.", "looks like"),            # Cyrillic о
                            ("Jane\u00a0Doe, Esq.", "looks like"),            # no-break space
                            ("JANE DOE, ESQ.", "already exists")):
            with self.subTest(name.encode("unicode_escape").decode()):
                r = self.add(name, self.rep.file_recipient)
                self.assertStatus(r, (400, 409), "a look-alike name")
                self.assertTextIn(words, r, "the refusal")
        r = self.add("Jane D\u043ee, Esq.", self.rep.file_recipient)
        self.assertTextIn("\\u{43E}", r, "the refusal writes out what differs")
        self.assertEqual(representatives(self.vault), before, "a look-alike was stored")
        done = self.vault.cli(["rep", "add", "Jane D\u043ee, Esq.", self.rep.file_recipient], check=False)
        self.assertEqual(done.returncode, 7, "the CLI's rep add of a look-alike name")
        self.assertIn(b"looks like", done.stderr)

    def test_f_removal_asks_first(self):
        self.add("To remove", self.rep.file_recipient)
        confirm = self.client.get("/representatives/remove?name=To%20remove")
        self.assertStatus(confirm, 200, "the confirmation page")
        self.assertTextIn("Yes, remove To remove", confirm, "the confirmation")
        self.assertIn("To remove", representatives(self.vault), "a GET removed the representative")
        r = self.client.post("/representatives/remove", {"name": "To remove"})
        self.assertRedirect(r, "/representatives?removed=To%20remove", "the removal")
        self.assertNotIn("To remove", representatives(self.vault))
        self.assertStatus(self.client.get("/representatives/show?name=To%20remove"), 404, "the removed representative's page")

    def test_g_a_cross_site_add_is_refused(self):
        r = post_multipart(self.client, "/representatives", {"name": "Evil", "recipient": self.rep.file_recipient},
                           {"file": ("", b"")}, site="cross-site")
        self.assertStatus(r, 403, "a cross-site add")
        self.assertNotIn("Evil", representatives(self.vault))


class ExportHTTPTests(AppTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.vault.cli(["code", "add", "uscis"], stdin=(USCIS_CODE + "\n").encode(), what="code add uscis")
        cls.vault.add_codes("login.gov", LOGIN_CODES)
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A012345678\n", what="id add")
        cls.small = os.urandom(300_000)
        cls.small_id = add_document(cls.vault, cls.workspace, cls.small, "green card", name="green card.jpg")
        cls.rep = Representative(cls.workspace)
        cls.vault.cli(["rep", "add", JANE, cls.rep.recipient], what="rep add")
        cls.vault.cli(["rep", "add", FILES, cls.rep.file_recipient], what="rep add")
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)
        cls.client.unlock(cls.vault.passphrase)
        cls.downloads = cls.workspace.sub("downloads")

    def choice(self, to=FILES, codes=(), ids=False, docs=(), sender="Maria Garcia"):
        fields = [("to", to)] + [("code", c) for c in codes] + [("doc", d) for d in docs] + [("as", sender)]
        if ids:
            fields.append(("ids", "on"))
        return fields

    def export(self, name, **kw):
        return post_download(self.client, "/export/download", self.choice(**kw), os.path.join(self.downloads, name))

    def test_a_the_form_ticks_no_code_and_warns_of_the_uscis_one(self):
        page = self.client.get("/export?to=Doe%20Law%20Files")
        self.assertStatus(page, 200, "the export form")
        self.assertTextIn('name="code" value="uscis"', page, "the USCIS code's box")
        self.assertTextNotIn('value="uscis" checked', page, "the USCIS box ticked at first")
        self.assertTextNotIn('value="login.gov" checked', page, "a code ticked at first")
        self.assertTextIn("USCIS online accounts are personal", page, "the warning")
        self.assertTextIn('value="Doe Law Files" checked', page, "the representative chosen by the link")

    def test_b_the_review_says_what_and_for_whom_before_anything_is_made(self):
        r = self.client.post("/export/review", self.choice(codes=["login.gov"], ids=True, docs=[self.small_id]))
        self.assertStatus(r, 200, "the review")
        for text in (f"For {FILES}", representatives(self.vault)[FILES]["fingerprint"], "Backup codes for login.gov",
                     "3 codes (3 unused)", "A-Number", "green card", "green card.jpg", "Maria Garcia",
                     'name="doc" value="' + self.small_id + '"', "Make the share and download it"):
            self.assertTextIn(text, r, "the review")
        self.assertTextNotIn("USCIS account", r, "the review of a share without the USCIS code")
        self.assertSecretAbsent(LOGIN_CODES[0], r.body, "the review page")
        r = self.client.post("/export/review", self.choice(codes=["uscis"]))
        self.assertTextIn("You are sending your USCIS backup code", r, "the review's USCIS warning")
        r = self.client.post("/export/review", self.choice())
        self.assertStatus(r, 400, "a review of nothing")
        self.assertTextIn("Choose what to send", r, "the refusal")
        r = self.client.post("/export/review", self.choice(to="Nobody", ids=True))
        self.assertStatus(r, 404, "a review for an unknown representative")
        self.assertTextIn("No representative named", r, "the refusal")

    def test_c_the_share_opens_on_the_representative_side_without_the_unticked_code(self):
        d = self.export("share.age", codes=["login.gov"], ids=True, docs=[self.small_id])
        self.assertEqual(d.status, 200, "the download")
        self.assertTrue(d.complete, "the download was cut")
        self.assertEqual(d.header("Content-Type"), "application/octet-stream")
        self.assertTrue(d.header("Content-Disposition").startswith('attachment; filename="CaseVault share for Doe Law Files '),
                        "the file name")
        self.assertTrue(d.header("Content-Disposition").rstrip().endswith(".age"), "the file's extension")
        self.assertEqual(d.header("Cache-Control"), "no-store")
        self.assertIsNone(d.header("Content-Length"), "a share's size is not known before it is made")
        payload = self.rep.age_decrypt(d.path)
        self.assertIsNotNone(payload, "the stock age did not decrypt the share")
        with tarfile.open(fileobj=io.BytesIO(payload)) as t:
            names = t.getnames()
            self.assertEqual(names[:2], ["casevault-share/manifest.json", "casevault-share/manifest.sig"])
            self.assertIn("casevault-share/documents/green card.jpg", names)
            self.assertEqual(t.extractfile("casevault-share/documents/green card.jpg").read(), self.small)
        text = codes_text(payload)
        for code in LOGIN_CODES:
            self.assertSecretPresent(code, text, "a ticked code in the share")
        self.assertSecretAbsent(USCIS_CODE, text, "the unticked USCIS code in the share")
        self.assertIn("A-012-345-678", text, "the case number in the share")
        opened = self.rep.open_share(d.path, extract=os.path.join(self.downloads, "extracted"))
        self.assertEqual(opened["from"], "Maria Garcia")
        self.assertEqual(opened["to"], FILES)
        self.assertEqual(len(opened["entries"]), 2)
        with open(os.path.join(self.downloads, "extracted", "documents", "green card.jpg"), "rb") as f:
            self.assertEqual(f.read(), self.small, "the extracted document")

    def test_d_the_uscis_code_is_in_the_share_only_when_ticked(self):
        d = self.export("uscis.age", codes=["uscis"], sender="Maria Garcia")
        self.assertTrue(d.complete)
        self.assertSecretPresent(USCIS_CODE, codes_text(self.rep.age_decrypt(d.path)), "the ticked USCIS code")
        d = self.export("no-codes.age", ids=True)
        self.assertTrue(d.complete)
        text = codes_text(self.rep.age_decrypt(d.path))
        self.assertSecretAbsent(USCIS_CODE, text, "the USCIS code in a share of case numbers")
        self.assertNotIn("BACKUP CODES", text)

    def test_e_to_the_vault_identity_opened_with_share_open(self):
        d = self.export("to-jane.age", to=JANE, docs=[self.small_id])
        self.assertTrue(d.complete)
        opened = self.rep.open_share(d.path, with_file_key=False)
        self.assertEqual(opened["to"], JANE)
        self.assertIsNone(self.rep.age_decrypt(d.path), "a share to the vault's identity opened with the other key")

    def test_f_a_64_mib_document_is_exported_with_memory_flat(self):
        big = os.urandom(64 << 20)
        big_id = add_document(self.vault, self.workspace, big, "passport scan", name="passport.bin")
        peak_reset(self.app.pid)
        before, _ = memory_kib(self.app.pid)
        d = self.export("big.age", docs=[big_id])
        _, peak = memory_kib(self.app.pid)
        self.assertTrue(d.complete, "the download was cut")
        grown = (peak - before) >> 10
        # Holding the document or the share whole would add 64 MiB or more.
        self.assertLess(grown, 40, f"the app's peak memory grew by {grown} MiB while exporting 64 MiB")
        self.assertGreater(d.size, 64 << 20)
        payload = self.rep.age_decrypt(d.path)
        with tarfile.open(fileobj=io.BytesIO(payload)) as t:
            got = t.extractfile("casevault-share/documents/passport.bin").read()
        self.assertTrue(hashlib.sha256(got).digest() == hashlib.sha256(big).digest(), "the exported document differs")

    def test_g_a_document_damaged_midway_cuts_the_download_and_is_explained(self):
        data = os.urandom(6 << 20)
        doc = add_document(self.vault, self.workspace, data, "damaged scan", name="damaged.bin")
        damage_document(self.vault.path, doc, chunk=4)
        d = self.export("damaged.age", docs=[doc])
        self.assertEqual(d.status, 200, "the headers of a download that fails later")
        self.assertFalse(d.complete, "the download of a share with a damaged document was not cut")
        self.assertLess(d.size, 6 << 20, "bytes past the damaged chunk were sent")
        self.assertIsNone(self.rep.age_decrypt(d.path), "the stock age decrypted a cut share")
        self.assertIsNone(self.rep.open_share(d.path, check=False), "share open accepted a cut share")
        page = self.client.get("/export")
        self.assertTextIn("The last share could not be finished", page, "the explanation")
        self.assertTextIn("Delete that file", page, "the explanation")
        self.assertTextNotIn("The last share could not be finished", self.client.get("/export"), "the note shown twice")
        # The vault is free again: another export works at once.
        self.assertTrue(self.export("after.age", ids=True).complete)

    def test_h_a_refusal_before_the_first_byte_is_a_page_not_a_download(self):
        self.vault.cli(["rep", "add", "Short lived", self.rep.file_recipient], what="rep add")
        self.vault.cli(["rep", "remove", "Short lived", "--yes"], what="rep remove")
        d = self.export("none.age", to="Short lived", ids=True)
        self.assertEqual(d.status, 404, "an export to a removed representative")
        self.assertTrue(d.header("Content-Type").startswith("text/html"))
        self.assertTextIn("no representative named", d.text, "the error page")
        d = self.export("nothing.age")
        self.assertEqual(d.status, 400, "an export of nothing")

    def test_i_a_cross_site_download_is_refused(self):
        d = post_download(self.client, "/export/download", self.choice(ids=True), os.path.join(self.downloads, "x.age"),
                          site="cross-site")
        self.assertEqual(d.status, 403)
        self.assertEqual(code_entry(self.vault, "uscis")["codes"][0].get("usedAt"), None)


class StalledDownloadTests(AppTestCase):
    """A share nobody downloads: its writer holds the vault's queue until
    the client stops taking it for the idle-lock time (3 s here), then
    gives up, so the vault (and the idle lock) is free again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.doc = add_document(cls.vault, cls.workspace, os.urandom(32 << 20), "stalled scan", name="stalled.bin")
        cls.rep = Representative(cls.workspace)
        cls.vault.cli(["rep", "add", FILES, cls.rep.file_recipient], what="rep add")
        cls.app = cls.make_app(cls.vault, idle_lock="3s")
        cls.client = cls.open_session(cls.app)
        cls.client.unlock(cls.vault.passphrase)

    def test_a_a_download_nobody_takes_frees_the_vault_after_the_idle_time(self):
        body = urllib.parse.urlencode([("to", FILES), ("doc", self.doc), ("as", "Maria Garcia")]).encode()
        cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.settimeout(30)
        s.connect(("127.0.0.1", self.app.port))
        try:
            s.sendall((f"POST /export/download HTTP/1.1\r\nHost: 127.0.0.1:{self.app.port}\r\nCookie: {cookie}\r\n"
                       "Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body)
            head = s.recv(4096)
            self.assertTrue(head.startswith(b"HTTP/1.1 200"), "the stalled download's headers")
            # Stop reading: the share fills the socket buffers and the ring,
            # and its writer waits, holding the vault's queue.
            time.sleep(3 + 3)
            started = time.monotonic()
            r = self.client.get("/representatives")
            waited = time.monotonic() - started
            self.assertStatus(r, (200, 303), "a page after the idle time")
            self.assertLess(waited, 5, "the vault stayed busy with a download nobody takes")
        finally:
            s.close()
