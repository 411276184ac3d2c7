"""The attorney's side over HTTP, against the built binary: the identity
page against `identity show`, shares made by applicants' vaults with the CLI
(`rep add`, `export`) imported several at once, the inbox newest first and
searched, a client's shares, a share's page verified at each opening, its
documents viewed inline (the document view's headers) and downloaded byte for
byte, its codes only after Show; refused shares (another signer, a tampered
file, a cut-off upload) leave nothing kept; a held-back look-alike shows
nothing until it is pinned; re-pinning after a phone call; a kept share
damaged on disk is refused and its document's download cut short.

Every result is checked through the CLI on the same vault (`share list`).
"""

import html
import json
import http.client
import os
import re
import secrets
import socket
import time

from attorney import Applicant, generated_practice, inbox_files, make_attorney, post_files, share_list, vault_folder_files
from pages import PageTestCase
from test_documents import PNG_1X1, make_pdf

ID = r"[0-9a-f]{32}"


def flip_byte(data, at):
    """`data` with the byte at `at` (negative: from the end) changed."""
    b = bytearray(data)
    b[at] ^= 0x5A
    return bytes(b)


class AttorneyHTTPTests(PageTestCase):
    """One attorney vault and app; three clients' shares imported in one upload."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attorney, cls.recipient, cls.fingerprint = make_attorney(cls)
        cls.files = cls.workspace.sub("shares")
        cls.pdf = make_pdf("I-797 notice")
        cls.maria = Applicant(cls, cls.recipient, name="Maria Lopez",
                              documents={"green card.png": PNG_1X1, "I-797 notice.pdf": cls.pdf, "notes.txt": b"call back on Monday"})
        cls.ahmed = Applicant(cls, cls.recipient, name="Ahmed Khan")
        cls.li = Applicant(cls, cls.recipient, name="Li Wei", codes=False, documents={"passport.pdf": make_pdf("Passport")})
        # One second apart: shares are ordered by when they were made (seconds).
        cls.shares = {}
        for who in (cls.maria, cls.ahmed, cls.li):
            cls.shares[who.name] = who.export(cls.path(who.name.replace(" ", "-") + ".age"))
            time.sleep(1.1)
        cls.open_unlocked_session(cls.attorney, idle_lock="10m")
        cls.before_import = vault_folder_files(cls.attorney)
        cls.imported = post_files(cls.client, "/clients/import",
                                  [(f"{n}.age", d) for n, d in cls.shares.items()])

    @classmethod
    def path(cls, name):
        return os.path.join(cls.files, name)

    # Helpers

    def page(self, target, status=200, what=None):
        r = self.client.get(target)
        self.assertStatus(r, status, what or target)
        return r

    def clients(self, query=None, page=None):
        """(names in the list's order, their links) of one page of the inbox."""
        target = "/clients"
        params = []
        if query is not None:
            params.append("q=" + query)
        if page is not None:
            params.append(f"page={page}")
        if params:
            target += "?" + "&".join(params)
        r = self.page(target)
        rows = re.findall(rf'<td><a href="(/clients/{ID})">([^<]+)</a>', r.text)
        return [n for _, n in rows], [l for l, _ in rows], r

    def client_link(self, name):
        names, links, _ = self.clients()
        self.assertIn(name, names)
        return links[names.index(name)]

    def share_links(self, name):
        r = self.page(self.client_link(name))
        return re.findall(rf'href="(/shares/{ID})"', r.text)

    def pins(self):
        return {c["client"]: c["fingerprint"] for c in share_list(self.attorney).values()}

    def stream(self, target):
        """GETs `target` reading the body piece by piece: (status, headers, bytes, cut short)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.app.port, timeout=60)
        conn.request("GET", target, headers={"Host": f"127.0.0.1:{self.app.port}",
                                             "Cookie": "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())})
        response = conn.getresponse()
        got, cut = b"", False
        try:
            while True:
                piece = response.read1(1 << 16)
                if not piece:
                    break
                got += piece
        except (http.client.IncompleteRead, ConnectionError):
            cut = True
        conn.close()
        length = response.getheader("Content-Length")
        return response.status, response, got, cut or (length is not None and len(got) < int(length))

    # Identity

    def test_a_identity_page_shows_the_recipient_and_both_fingerprints(self):
        r = self.page("/identity")
        self.assertTextIn(self.recipient, r, "the recipient")
        self.assertTextIn(self.fingerprint, r, "the recipient's fingerprint")
        self.assertTextIn('data-copy="recipient-text"', r, "a copy button for the recipient")
        self.assertTextIn('data-copy="recipient-fingerprint"', r, "a copy button for the fingerprint")
        # `identity new` made no signing key: the page offers it (a GET makes nothing).
        self.assertTextIn('action="/identity/signing-key"', r, "the button that makes the signing key")
        made = self.client.post("/identity/signing-key")
        self.assertRedirect(made, "/identity?done=signing", "making the signing key")
        shown = self.attorney.cli(["identity", "show", "--json"], what="identity show").stdout.decode()
        import json
        shown = json.loads(shown)
        r = self.page("/identity")
        self.assertTextIn(shown["signingFingerprint"], r, "the signing key's fingerprint")
        self.assertTextIn(shown["signingKey"], r, "the signing key")
        self.assertEqual(shown["recipient"], self.recipient)
        # A second identity is refused: replacing one is the CLI's, which asks.
        again = self.client.post("/identity")
        self.assertStatus(again, 409, "creating a second identity")
        self.assertEqual(json.loads(self.attorney.cli(["identity", "show", "--json"]).stdout)["recipient"], self.recipient,
                         "the identity changed")

    # Import

    def test_b_several_shares_are_imported_at_once_and_listed_by_the_cli(self):
        r = self.imported
        self.assertStatus(r, 200, "the import")
        self.assertTextIn("3 shares kept.", r, "the summary")
        for name in ("Maria Lopez", "Ahmed Khan", "Li Wei"):
            self.assertTextIn(f"<h2>{name}.age</h2>", r, "each file named")
            self.assertTextIn(f"The first share from {name}: their key is now pinned", r, "the pin")
        self.assertTextIn(self.maria.signing_fingerprint(), r, "the fingerprint to confirm by phone")
        for doc in ("green card.png", "I-797 notice.pdf", "notes.txt"):
            self.assertTextIn(doc, r, "what the share holds")
        listed = share_list(self.attorney)
        self.assertEqual(sorted(listed), ["Ahmed Khan", "Li Wei", "Maria Lopez"])
        self.assertEqual(listed["Maria Lopez"]["fingerprint"], self.maria.signing_fingerprint())
        self.assertTrue(all(c["pinned"] for c in listed.values()))
        self.assertEqual(len([f for f in inbox_files(self.attorney) if f.endswith(".age")]), 3, "three files kept")
        # The uploads were unnamed files: nothing else appeared in the vault's folder.
        extra = vault_folder_files(self.attorney) - self.before_import
        self.assertEqual({n for n in extra if not n.startswith("inbox")}, set(), "files left in the vault's folder")

    def test_c_the_inbox_lists_the_latest_sender_first(self):
        names, links, r = self.clients()
        self.assertEqual(names[:3], ["Li Wei", "Ahmed Khan", "Maria Lopez"])
        self.assertTextIn("Import shares", r, "the import button")
        for link in links:
            self.assertNotIn("Lopez", link, "a client's name in an address")

    def test_d_search_by_name_ignores_case_and_accents_and_changes_nothing(self):
        before = share_list(self.attorney)
        self.assertEqual(self.clients("khan")[0], ["Ahmed Khan"])
        self.assertEqual(self.clients("L%C3%B3pez")[0], ["Maria Lopez"], "an accent in the search")
        self.assertEqual(self.clients("LI+WEI")[0], ["Li Wei"], "a space sent as + by the form")
        names, _, r = self.clients("nobody")
        self.assertEqual(names, [])
        self.assertTextIn("No client has a name containing", r, "an empty search says so")
        self.assertTextIn('value="nobody"', r, "the search box keeps the search")
        self.assertEqual(share_list(self.attorney), before, "a search changed the inbox")

    def test_e_a_share_page_is_verified_and_shows_codes_only_after_show(self):
        links = self.share_links("Maria Lopez")
        self.assertEqual(len(links), 1)
        r = self.page(links[0])
        self.assertTextIn("Verified.", r, "the verification")
        self.assertTextIn(self.maria.signing_fingerprint(), r, "the signer's fingerprint")
        self.assertTextIn(self.fingerprint, r, "made for this identity")
        for doc in ("green card.png", "I-797 notice.pdf", "notes.txt"):
            self.assertTextIn(doc, r, "the documents")
        self.assertSecretAbsent(self.maria.code, r.body, "the share page before Show")
        self.assertSecretAbsent(self.maria.a_number, r.body, "the share page before Show")
        shown = self.client.post(links[0] + "/codes")
        self.assertStatus(shown, 200, "Show")
        self.assertSecretPresent(self.maria.code, shown.body, "the codes after Show")
        self.assertSecretPresent(self.maria.a_number, shown.body.replace(b"-", b""), "the A-Number after Show")
        self.assertTextIn('data-copy="codes-text"', shown, "a copy button for the codes")
        self.assertSecretAbsent(self.maria.code, self.page(links[0]).body, "the page again after Show")
        # Show is a POST only.
        self.assertStatus(self.client.get(links[0] + "/codes"), (404, 405), "Show by GET")

    def test_f_documents_are_viewed_inline_with_the_document_views_headers_and_downloaded(self):
        share = self.share_links("Maria Lopez")[0]
        r = self.page(share)
        views = re.findall(rf'href="({share}/documents/\d+)"', r.text)
        downloads = re.findall(rf'href="({share}/documents/\d+/download)"', r.text)
        self.assertEqual(len(views), 2, "PNG and PDF can be viewed, the text file not")
        self.assertEqual(len(downloads), 3)
        by_type = {}
        for v in views:
            got = self.page(v)
            by_type[got.header("Content-Type")] = got
            self.assertEqual(got.header("Cache-Control"), "no-store")
            self.assertEqual(got.header("X-Content-Type-Options"), "nosniff")
            self.assertTrue(got.header("Content-Disposition").startswith("inline;"))
            self.assertIn("default-src 'none'", got.header("Content-Security-Policy"))
        self.assertEqual(by_type["image/png"].body, PNG_1X1)
        self.assertIn("sandbox", by_type["image/png"].header("Content-Security-Policy"), "images are sandboxed")
        self.assertEqual(by_type["application/pdf"].body, self.pdf)
        got = {self.page(d).body for d in downloads}
        self.assertEqual(got, {PNG_1X1, self.pdf, b"call back on Monday"})
        for d in downloads:
            self.assertEqual(self.page(d).header("Content-Type"), "application/octet-stream")
        # The text file asked for inline is still only a download.
        text = re.search(rf'href="({share}/documents/(\d+))/download" aria-label="Download notes.txt"', r.text).group(1)
        self.assertEqual(self.page(text).header("Content-Type"), "application/octet-stream")
        # Nothing of the documents was written in plaintext into the vault.
        for root, _, names in os.walk(self.attorney.path):
            for n in names:
                with open(os.path.join(root, n), "rb") as f:
                    data = f.read()
                self.assertNotIn(b"call back on Monday", data, f"plaintext in {n}")
                self.assertNotIn(b"I-797 notice) Tj", data, f"plaintext in {n}")
        self.assertStatus(self.client.get(share + "/documents/9"), 404, "a document that is not there")

    # Refusals

    def test_g_a_share_signed_by_another_key_is_refused_then_re_pinned_after_a_call(self):
        impostor = Applicant(type(self), self.recipient, name="Ahmed Khan")
        data = impostor.export(self.path("impostor.age"))
        old = self.ahmed.signing_fingerprint()
        new = impostor.signing_fingerprint()
        files_before = inbox_files(self.attorney)
        r = post_files(self.client, "/clients/import", [("impostor.age", data)])
        self.assertStatus(r, 200, "the import")
        self.assertTextIn("REFUSED, not kept.", r, "the refusal")
        self.assertTextIn("signed by another key than the one you have for Ahmed Khan", r, "why")
        self.assertEqual(inbox_files(self.attorney), files_before, "a refused share was kept")
        self.assertEqual(self.pins()["Ahmed Khan"], old, "the pin changed")
        self.assertEqual(len(share_list(self.attorney)["Ahmed Khan"]["shares"]), 1)
        repin = re.search(r'href="(/clients/repin/[0-9a-f]{32})"', r.text).group(1)
        page = self.page(repin)
        self.assertTextIn(old, page, "the old fingerprint")
        self.assertTextIn(new, page, "the new fingerprint")
        self.assertTextIn('type="checkbox" id="called"', page, "the confirmation box")
        # Without the box ticked: nothing changes.
        r = self.client.post(repin, {})
        self.assertStatus(r, 400, "a re-pin without the box")
        self.assertEqual(self.pins()["Ahmed Khan"], old)
        r = self.client.post(repin, {"called": "yes"})
        self.assertStatus(r, 200, "the re-pin")
        self.assertTextIn("1 share kept.", r, "kept")
        self.assertTextIn(f"The new key {new} is now pinned for Ahmed Khan (it was {old})", r, "the new pin")
        self.assertEqual(self.pins()["Ahmed Khan"], new)
        self.assertEqual(len(share_list(self.attorney)["Ahmed Khan"]["shares"]), 2)
        self.assertStatus(self.client.post(repin, {"called": "yes"}), 400, "the re-pin used twice")
        # The earlier share (signed by the earlier key) still opens, and says so.
        links = self.share_links("Ahmed Khan")
        pages = [self.page(l).text for l in links]
        self.assertTrue(any("the key Ahmed Khan used before" in p for p in pages), "the earlier key named")

    def test_h_a_tampered_or_cut_file_is_refused_and_nothing_is_kept(self):
        fresh = Applicant(type(self), self.recipient, name="Chen Yu", documents={"letter.pdf": make_pdf("Letter")})
        data = fresh.export(self.path("chen.age"))
        files_before = inbox_files(self.attorney)
        r = post_files(self.client, "/clients/import", [
            ("tampered.age", flip_byte(data, len(data) // 2)),
            ("cut.age", data[: len(data) - 300]),
            ("not-a-share.age", b"hello"),
            ("empty.age", b""),
        ])
        self.assertStatus(r, 200, "the import")
        self.assertTextIn("0 shares kept, 4 refused.", r, "the summary")
        self.assertEqual(r.text.count("REFUSED, not kept."), 4)
        self.assertTextIn("damaged or cut off", r, "the damaged file's reason")
        self.assertTextIn("not a CaseVault share", r, "the other file's reason")
        self.assertTextIn("The file is empty.", r, "the empty file's reason")
        self.assertEqual(inbox_files(self.attorney), files_before, "a refused share was kept")
        self.assertNotIn("Chen Yu", share_list(self.attorney), "a refused share's client was pinned")

    def test_i_a_cut_off_upload_keeps_nothing(self):
        fresh = Applicant(type(self), self.recipient, name="Sofia Petrova", codes=False, documents={"a.pdf": make_pdf("A")})
        data = fresh.export(self.path("sofia.age"))
        boundary = "----CaseVaultTest" + secrets.token_hex(8)
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="shares"; filename="sofia.age"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        request = (f"POST /clients/import HTTP/1.1\r\nHost: 127.0.0.1:{self.app.port}\r\nCookie: {cookie}\r\n"
                   f"Sec-Fetch-Site: same-origin\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
                   f"Content-Length: {len(head) + len(data) + len(tail)}\r\n\r\n").encode()
        # The whole file, but not the closing delimiter: the connection closes.
        s = socket.create_connection(("127.0.0.1", self.app.port), timeout=30)
        s.sendall(request + head + data)
        s.close()
        time.sleep(1)
        self.assertNotIn("Sofia Petrova", share_list(self.attorney), "a cut-off upload was kept")
        # A body that ends without its closing delimiter is refused too.
        r = self.client.request("POST", "/clients/import", body=head + data, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Sec-Fetch-Site": "same-origin"})
        self.assertStatus(r, 400, "a form without its end")
        self.assertNotIn("Sofia Petrova", share_list(self.attorney), "an unfinished upload was kept")
        # A cross-site post is refused before anything is read.
        r = post_files(self.client, "/clients/import", [("sofia.age", data)], site="cross-site")
        self.assertStatus(r, 403, "a cross-site import")
        self.assertNotIn("Sofia Petrova", share_list(self.attorney))
        # The same upload, whole and same-origin, is kept.
        r = post_files(self.client, "/clients/import", [("sofia.age", data)])
        self.assertTextIn("1 share kept.", r, "the whole upload")
        self.assertIn("Sofia Petrova", share_list(self.attorney))
        # Again: the same share is not kept twice.
        r = post_files(self.client, "/clients/import", [("sofia.age", data)])
        self.assertTextIn("already in your inbox", r, "a second import")
        self.assertEqual(len(share_list(self.attorney)["Sofia Petrova"]["shares"]), 1)

    def test_j_a_look_alike_is_held_back_and_shows_nothing_until_pinned(self):
        other = Applicant(type(self), self.recipient, name="Maria\u00a0Lopez", codes=False,
                          documents={"secret-plan.pdf": make_pdf("Plan")})
        data = other.export(self.path("lookalike.age"))
        r = post_files(self.client, "/clients/import", [("lookalike.age", data)])
        self.assertStatus(r, 200, "the import")
        self.assertTextIn("Held back", r, "held back")
        self.assertTextNotIn("secret-plan.pdf", r, "a held-back share's contents on the results page")
        share = re.search(rf'href="(/shares/{ID})"', r.text).group(1)
        page = self.client.get(share)
        self.assertStatus(page, 403, "a held-back share's page")
        self.assertTextIn("REFUSED", page, "refused")
        self.assertTextIn("Maria\\u{A0}Lopez", page, "the name with what differs written out")
        self.assertTextNotIn("secret-plan.pdf", page, "a held-back share's document named")
        self.assertStatus(self.client.get(share + "/documents/0"), 403, "a held-back share's document")
        self.assertStatus(self.client.post(share + "/codes"), 403, "a held-back share's codes")
        listed = share_list(self.attorney)
        flagged = [c for c in listed.values() if c["client"] == "Maria\u00a0Lopez"][0]
        self.assertFalse(flagged["pinned"], "a look-alike was pinned")
        # Pinning it as a client of its own: both fingerprints, a box, a POST.
        pin = self.page(share + "/pin")
        self.assertTextIn(self.maria.signing_fingerprint(), pin, "the pinned client's fingerprint")
        self.assertTextIn(other.signing_fingerprint(), pin, "the sender's fingerprint")
        self.assertStatus(self.client.post(share + "/pin", {}), 400, "pinning without the box")
        self.assertFalse([c for c in share_list(self.attorney).values() if c["client"] == "Maria\u00a0Lopez"][0]["pinned"])
        self.assertRedirect(self.client.post(share + "/pin", {"called": "yes"}), share + "?done=pinned", "pinning")
        opened = self.page(share)
        self.assertTextIn("Verified.", opened, "the share once pinned")
        self.assertTextIn("secret-plan.pdf", opened, "its documents once pinned")
        self.assertTrue([c for c in share_list(self.attorney).values() if c["client"] == "Maria\u00a0Lopez"][0]["pinned"])
        self.assertEqual(self.pins()["Maria Lopez"], self.maria.signing_fingerprint(), "the real client's pin changed")

    def test_k_a_kept_share_damaged_on_disk_is_refused_and_its_download_cut_short(self):
        big = os.urandom(3 << 20)
        fresh = Applicant(type(self), self.recipient, name="Omar Haddad", codes=False, documents={"scan.bin": big})
        data = fresh.export(self.path("omar.age"))
        r = post_files(self.client, "/clients/import", [("omar.age", data)])
        self.assertTextIn("1 share kept.", r, "the import")
        share = re.search(rf'href="(/shares/({ID}))"', r.text)
        link, inbox_id = share.group(1), share.group(2)
        download = link + "/documents/0/download"
        status, _, got, cut = self.stream(download)
        self.assertEqual((status, got, cut), (200, big, False), "the download before the damage")
        # A byte of the kept file's last part changed (inside the document).
        path = os.path.join(self.attorney.path, "inbox", inbox_id + ".age")
        with open(path, "rb") as f:
            kept = f.read()
        with open(path, "wb") as f:
            f.write(flip_byte(kept, len(kept) - (200 << 10)))
        page = self.client.get(link)
        self.assertStatus(page, 403, "the damaged share's page")
        self.assertTextIn("REFUSED", page, "refused")
        self.assertTextNotIn("scan.bin", page, "a damaged share's document named")
        status, response, got, cut = self.stream(download)
        self.assertEqual(status, 200, "the first chunks verified")
        self.assertEqual(response.getheader("Content-Length"), str(len(big)))
        self.assertTrue(cut, "the download of a damaged share was not cut short")
        self.assertLess(len(got), len(big))
        self.assertEqual(got, big[:len(got)], "what was sent is not the document's start")

    def test_m_a_document_is_sent_whole_only_once_the_whole_share_verified(self):
        # Two documents; the damage is in the one the archive holds last.
        first, last = os.urandom(3 << 19), os.urandom(3 << 19)
        fresh = Applicant(type(self), self.recipient, name="Yuki Tanaka", codes=False,
                          documents={"first.bin": first, "last.bin": last})
        data = fresh.export(self.path("yuki.age"))
        r = post_files(self.client, "/clients/import", [("yuki.age", data)])
        self.assertTextIn("1 share kept.", r, "the import")
        share = re.search(rf'href="(/shares/({ID}))"', r.text)
        link, inbox_id = share.group(1), share.group(2)
        page = self.page(link).text
        downloads = {name: target for target, name in re.findall(rf'href="({link}/documents/\d+/download)" aria-label="Download ([^"]+)"', page)}
        self.assertEqual(set(downloads), {"first.bin", "last.bin"})
        order = sorted(downloads, key=lambda n: downloads[n])
        early, late = order[0], order[1]
        contents = {"first.bin": first, "last.bin": last}
        path = os.path.join(self.attorney.path, "inbox", inbox_id + ".age")
        with open(path, "rb") as f:
            kept = f.read()
        with open(path, "wb") as f:
            f.write(flip_byte(kept, len(kept) - (100 << 10)))
        # The earlier document's own bytes are intact, but the share is not:
        # its download never completes.
        status, response, got, cut = self.stream(downloads[early])
        if status == 200:
            self.assertTrue(cut, "a document of a damaged share was sent whole")
            self.assertEqual(got, contents[early][:len(got)])
        else:
            self.assertEqual(status, 500, "the download of a damaged share")

    def test_n_a_large_share_is_imported_and_viewed_with_memory_flat(self):
        big = os.urandom(48 << 20)
        fresh = Applicant(type(self), self.recipient, name="Elena Popova", codes=False, documents={"scan.bin": big})
        data = fresh.export(self.path("elena.age"))
        self.assertGreater(len(data), 48 << 20)
        before, _ = self.app.memory()
        self.app.reset_peak()
        r = post_files(self.client, "/clients/import", [("elena.age", data)])
        _, peak = self.app.memory()
        self.assertTextIn("1 share kept.", r, "the import")
        self.assertLess(peak - before, 32, f"the app grew by {peak - before:.0f} MiB importing a 48 MiB share")
        link = re.search(rf'href="(/shares/{ID})"', r.text).group(1)
        before, _ = self.app.memory()
        self.app.reset_peak()
        status, _, got, cut = self.stream(link + "/documents/0/download")
        _, peak = self.app.memory()
        self.assertEqual((status, cut), (200, False))
        if got != big:
            self.fail("the downloaded document differs from the one the client added")
        self.assertLess(peak - before, 32, f"the app grew by {peak - before:.0f} MiB sending a 48 MiB document")

    def test_l_unknown_ids_are_not_found_and_gets_change_nothing(self):
        before = share_list(self.attorney)
        for target in ("/clients/" + "0" * 32, "/clients/xyz", "/shares/" + "0" * 32, "/shares/ZZ",
                       "/shares/" + "0" * 32 + "/documents/0", "/clients/repin/" + "0" * 32):
            self.assertStatus(self.client.get(target), (400, 404), target)
        for target in ("/clients", "/clients?q=a", "/clients/import", "/identity"):
            self.page(target)
        self.assertEqual(share_list(self.attorney), before, "a GET changed the inbox")

    def test_o_a_share_is_removed_only_by_the_confirming_post_and_the_pin_stays(self):
        link = self.share_links("Li Wei")[0]
        share_id = link.rsplit("/", 1)[1]
        files_before = inbox_files(self.attorney)
        self.assertTextIn(f'href="{link}/remove"', self.page(link), "the share page's Remove link")
        ask = self.page(link + "/remove")
        self.assertTextIn("Remove this share?", ask, "the question")
        self.assertTextIn("The key you have for Li Wei stays", ask, "the pin is said to stay")
        self.assertEqual(inbox_files(self.attorney), files_before, "the GET removed something")
        self.assertIn("Li Wei", share_list(self.attorney))
        # Another site's form cannot remove it (the same-origin check).
        r = self.client.post(link + "/remove", {}, site="cross-site")
        self.assertStatus(r, 403, "a cross-site removal")
        self.assertEqual(inbox_files(self.attorney), files_before)
        r = self.client.post(link + "/remove", {})
        self.assertStatus(r, 303, "the removal")
        self.assertEqual(r.location, f"/clients?removed={share_id[:12]}")
        done = self.page(r.location)
        self.assertTextIn(f"The share {share_id[:12]} was removed, with its file.", done, "the notice")
        self.assertEqual(inbox_files(self.attorney), [f for f in files_before if f != share_id + ".age"], "its kept file")
        self.assertNotIn("Li Wei", share_list(self.attorney), "share list names clients with shares")
        self.assertIn("Li Wei", self.pins_all(), "the pin stays")
        self.assertStatus(self.client.get(link), 404, "the removed share")
        self.assertStatus(self.client.post(link + "/remove", {}), 404, "removed twice")

    def pins_all(self):
        """Every pinned client's name, through the CLI (`share list --client` finds a pin without shares)."""
        found = set()
        for name in ("Li Wei", "Maria Lopez", "Ahmed Khan"):
            out = self.attorney.cli(["share", "list", "--client", name, "--json"], what="share list")
            if json.loads(out.stdout)["clients"]:
                found.add(name)
        return found


class IdentityCreateTests(PageTestCase):
    """A vault without an identity: the pages say so, and the page creates it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault(), idle_lock="10m")

    def test_identity_is_created_on_request_as_identity_new_does(self):
        import json
        r = self.client.get("/identity")
        self.assertStatus(r, 200, "the identity page")
        self.assertTextIn("Create my identity", r, "the create button")
        self.assertTextIn("Create your identity", self.client.get("/clients"), "the inbox's warning")
        refused = post_files(self.client, "/clients/import", [("x.age", b"age-encryption.org/v1\n")])
        self.assertStatus(refused, 400, "an import without an identity")
        shown = json.loads(self.vault.cli(["identity", "show", "--json"]).stdout)
        self.assertIsNone(shown.get("recipient"), "a GET made an identity")
        self.assertRedirect(self.client.post("/identity"), "/identity?done=created", "creating it")
        shown = json.loads(self.vault.cli(["identity", "show", "--json"]).stdout)
        r = self.client.get("/identity?done=created")
        self.assertTextIn("Your identity is ready", r, "the notice")
        self.assertTextIn(shown["recipient"], r, "the recipient")
        self.assertTextIn(shown["recipientFingerprint"], r, "its fingerprint")
        self.assertTextIn(shown["signingFingerprint"], r, "the signing key's fingerprint, made with it")


class InboxPagingTests(PageTestCase):
    """120 clients (made by the bench's generator through the library's import):
    pages of 50 in the CLI's order, searches that page too, and 10 more shares
    imported through the app at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vault, cls.extra = generated_practice(cls, clients=120, per_client=1, extra=10)
        cls.open_unlocked_session(vault, idle_lock="10m")

    def rows(self, target):
        r = self.client.get(target)
        self.assertStatus(r, 200, target)
        names = re.findall(rf'<td><a href="/clients/{ID}">([^<]+)</a>', r.text)
        return [html.unescape(n) for n in names], r

    def cli_order(self):
        import json
        out = json.loads(self.vault.cli(["share", "list", "--json"], what="share list").stdout)
        return [c["client"] for c in out["clients"]]

    def test_a_pages_of_fifty_in_the_order_share_list_gives(self):
        pages = []
        target = "/clients"
        for number in (1, 2, 3):
            names, r = self.rows(target)
            pages.append(names)
            self.assertTextIn(f"Page {number} of 3", r, "the pager")
            nxt = re.search(r'href="([^"]+)" rel="next"', r.text)
            prev = re.search(r'href="([^"]+)" rel="prev"', r.text)
            self.assertEqual(prev is not None, number > 1, "a Previous link but on the first page")
            self.assertEqual(nxt is not None, number < 3, "a Next link but on the last page")
            if nxt:
                target = html.unescape(nxt.group(1))
        self.assertEqual([len(p) for p in pages], [50, 50, 20])
        self.assertEqual(pages[0] + pages[1] + pages[2], self.cli_order(), "the pages are not share list's order")
        # Past the end: the last page; a page number that is not one: the first.
        self.assertEqual(self.rows("/clients?page=99")[0], pages[2])
        self.assertEqual(self.rows("/clients?page=x")[0], pages[0])

    def test_b_a_search_pages_too_and_keeps_its_words(self):
        everyone = self.cli_order()
        garcia = [n for n in everyone if "García" in n]
        self.assertEqual(len(garcia), 20, "the generator's names changed")
        names, r = self.rows("/clients?q=garcia")
        self.assertEqual(names, garcia, "a search ignoring accents")
        self.assertTextIn("20 clients whose name contains", r, "the count")
        lopez = [n for n in everyone if "Lopez" in n]
        first, r = self.rows("/clients?q=LOPEZ")
        self.assertEqual(len(first), 50)
        nxt = html.unescape(re.search(r'href="([^"]+)" rel="next"', r.text).group(1))
        self.assertIn("q=LOPEZ", nxt, "the next page keeps the search")
        second, _ = self.rows(nxt)
        self.assertEqual(first + second, lopez)
        names, _ = self.rows("/clients?q=Nguy%E1%BB%85n+V%C4%83n")
        self.assertTrue(names and all(n.startswith("Nguyễn Văn") for n in names), "a search with accents and a space")

    def test_c_ten_more_imported_at_once(self):
        files = []
        for p in self.extra:
            with open(p, "rb") as f:
                files.append((os.path.basename(p), f.read()))
        before = len(self.cli_order())
        r = post_files(self.client, "/clients/import", files)
        self.assertStatus(r, 200, "the import")
        self.assertTextIn("10 shares kept.", r, "the summary")
        self.assertEqual(len(self.cli_order()), before + 5, "five new clients, five known ones")
        names, r = self.rows("/clients")
        self.assertEqual(names, self.cli_order()[:50], "the first page after the import")
