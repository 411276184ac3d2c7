"""Documents over HTTP, against the built binary: an upload streamed as
multipart/form-data (64 MiB, memory flat) and downloaded byte for byte; a
cut-off or unfinished upload leaves no document and no temporary file; the
type of an inline view is decided from the stored name and bytes, with its
headers; a damaged document is reported by verify and cuts a download short;
removal asks first."""

import hashlib
import json
import http.client
import os
import re
import secrets
import socket
import threading
import time

from pages import PageTestCase


def make_pdf(text="CaseVault test", pad=0):
    """A small valid PDF (one page of text); `pad` adds a stream of that many zero bytes."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
    ]
    stream = f"BT /F1 36 Tf 72 700 Td ({text}) Tj ET".encode()
    objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if pad:
        objs.append(b"<< /Length %d >>\nstream\n" % pad + bytes(pad) + b"\nendstream")
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2217bc70000000049454e44ae426082")


class Sent:
    """What the server answered to a raw upload (None when the client cut it off)."""

    def __init__(self, status, location, body):
        self.status, self.location, self.body = status, location, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"Sent({self.status})"


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class DocumentsHTTPTests(PageTestCase):
    """One app and one session for the class; each test makes its own documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault())

    # Helpers

    def upload(self, data, name="scan.pdf", fields=None, part_type="application/octet-stream",
               cut_at=None, closing=True, site="same-origin", piece=1 << 20):
        """POSTs the upload form as a browser does (fields first, the file last), streaming
        `data` (bytes) in pieces. `cut_at`: close the connection after that many file bytes."""
        boundary = "----CaseVaultTest" + secrets.token_hex(8)
        head = b""
        for k, v in (fields or {}).items():
            head += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        head += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: {part_type}\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode() if closing else b""
        cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        request = (f"POST /documents/add HTTP/1.1\r\nHost: 127.0.0.1:{self.app.port}\r\nCookie: {cookie}\r\n"
                   + (f"Sec-Fetch-Site: {site}\r\n" if site else "")
                   + f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                   f"Content-Length: {len(head) + len(data) + len(tail)}\r\n\r\n").encode()
        s = socket.create_connection(("127.0.0.1", self.app.port), timeout=120)
        try:
            s.sendall(request + head)
            end = len(data) if cut_at is None else cut_at
            view = memoryview(data)
            for i in range(0, end, piece):
                s.sendall(view[i:min(i + piece, end)])
            if cut_at is not None:
                return None
            s.sendall(tail)
            r = http.client.HTTPResponse(s)
            r.begin()
            return Sent(r.status, r.getheader("Location"), r.read())
        finally:
            s.close()

    def stored(self, data, name="scan.pdf", label=None, **kw):
        """Uploads and returns the new document's id."""
        sent = self.upload(data, name=name, fields={"label": label or secrets.token_hex(6)}, **kw)
        self.assertEqual(sent.status, 303, f"upload of {name}: {sent.status}")
        m = re.fullmatch(r"/documents/([0-9a-f]{32})", sent.location or "")
        self.assertIsNotNone(m, "the upload did not lead to the new document's page")
        return m.group(1)

    def document_ids(self):
        r = self.client.get("/documents")
        self.assertStatus(r, 200, "the document list")
        return set(re.findall(r'href="/documents/([0-9a-f]{32})"', r.text))

    def store_files(self):
        return sorted(os.listdir(os.path.join(self.vault.path, "documents")))

    def temporary_files(self):
        return [n for n in self.store_files() if n.startswith(".tmp-")]

    def wait_until(self, condition, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return True
            time.sleep(0.05)
        return condition()

    # Upload and download

    def test_a_64_mib_upload_is_downloaded_byte_for_byte_with_memory_flat(self):
        data = os.urandom(64 << 20)
        baseline = resident_kib(self.app.pid)
        peak = [baseline]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], resident_kib(self.app.pid))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            doc = self.stored(data, name="passport scan.bin")
            r = self.client.get(f"/documents/{doc}/download")
        finally:
            done.set()
            sampler.join()
        self.assertStatus(r, 200, "the download")
        self.assertEqual(r.header("Content-Type"), "application/octet-stream")
        self.assertEqual(r.header("Content-Disposition"),
                         "attachment; filename=\"passport scan.bin\"; filename*=UTF-8''passport%20scan.bin")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(len(r.body), len(data), "the download's length")
        self.assertTrue(hashlib.sha256(r.body).digest() == hashlib.sha256(data).digest(), "the download differs from the upload")
        grown = (peak[0] - baseline) >> 10
        # Buffering the file whole would add 64 MiB or more.
        self.assertLess(grown, 40, f"the app's resident memory grew by {grown} MiB during a 64 MiB upload and download")
        page = self.client.get(f"/documents/{doc}")
        self.assertStatus(page, 200, "the document's page")
        self.assertTextIn(hashlib.sha256(data).hexdigest(), page, "the document's page shows its SHA-256")

    def test_b_fields_are_kept_and_the_list_warns_of_a_near_expiry(self):
        soon = time.strftime("%Y-%m-%d", time.localtime(time.time() + 30 * 86400))
        label = "green card " + secrets.token_hex(3)
        sent = self.upload(PNG_1X1, name="card.png",
                           fields={"type": "green-card", "label": label, "expires": soon, "note": "front\r\nand back"})
        self.assertEqual(sent.status, 303)
        doc = sent.location.rsplit("/", 1)[1]
        page = self.client.get(f"/documents/{doc}")
        for text in (label, "Green card", "card.png", soon, "front", "and back", "Renewals take months"):
            self.assertTextIn(text, page, "the document's page")
        listing = self.client.get("/documents")
        self.assertTextIn(label, listing, "the list")
        self.assertTextIn("Renewals take months", listing, "the list's renewal warning")

    # Cut off, refused

    def test_c_a_cut_off_upload_leaves_no_document_and_no_file(self):
        before_ids, before_files = self.document_ids(), self.store_files()
        self.assertIsNone(self.upload(os.urandom(32 << 20), name="cut.bin", cut_at=9 << 20))
        self.assertTrue(self.wait_until(lambda: not self.temporary_files()), "a temporary file outlived the cut-off upload")
        self.assertEqual(self.document_ids(), before_ids, "a cut-off upload was stored")
        self.assertEqual(self.store_files(), before_files)

    def test_d_a_body_without_its_closing_delimiter_is_refused(self):
        before = self.document_ids()
        sent = self.upload(os.urandom(3 << 20), name="open.bin", closing=False)
        self.assertEqual(sent.status, 400)
        self.assertTextIn("cut off", sent.text, "the refusal")
        self.assertEqual(self.document_ids(), before)
        self.assertEqual(self.temporary_files(), [])

    def test_e_a_taken_label_or_a_bad_date_is_refused_and_nothing_stored(self):
        label = "taken " + secrets.token_hex(3)
        self.stored(b"first", name="a.txt", label=label)
        before = self.document_ids()
        sent = self.upload(os.urandom(6 << 20), name="b.txt", fields={"label": label})
        self.assertEqual(sent.status, 409)
        self.assertTextIn("That name is taken", sent.text, "the refusal")
        sent = self.upload(b"x", name="c.txt", fields={"expires": "31/04/2031"})
        self.assertEqual(sent.status, 400)
        self.assertTextIn("2031-04-30", sent.text, "the refusal names the format")
        self.assertEqual(self.document_ids(), before)
        self.assertTrue(self.wait_until(lambda: not self.temporary_files()))

    def test_f_a_cross_site_upload_is_refused(self):
        before = self.document_ids()
        sent = self.upload(b"%PDF-1.4 evil", name="x.pdf", site="cross-site")
        self.assertEqual(sent.status, 403)
        self.assertEqual(self.document_ids(), before)

    # Viewing

    def test_g_a_pdf_is_shown_inline_whatever_the_browser_claimed(self):
        pdf = make_pdf()
        doc = self.stored(pdf, name="notice.pdf", part_type="text/html")
        r = self.client.get(f"/documents/{doc}/view")
        self.assertStatus(r, 200, "the view")
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertEqual(r.header("Content-Disposition"), "inline; filename=\"notice.pdf\"; filename*=UTF-8''notice.pdf")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        csp = r.header("Content-Security-Policy")
        self.assertTrue(csp.startswith("default-src 'none'"), csp)
        self.assertNotIn("script-src", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertEqual(r.body, pdf)
        self.assertTextIn(f'href="/documents/{doc}/view"', self.client.get(f"/documents/{doc}"), "the View button")

    def test_h_an_image_is_shown_sandboxed(self):
        doc = self.stored(PNG_1X1, name="photo.png")
        r = self.client.get(f"/documents/{doc}/view")
        self.assertEqual(r.header("Content-Type"), "image/png")
        self.assertTrue(r.header("Content-Disposition").startswith("inline;"))
        self.assertIn("sandbox", r.header("Content-Security-Policy"))
        self.assertEqual(r.body, PNG_1X1)

    def test_i_what_could_run_as_a_page_is_only_ever_downloaded(self):
        html = b"<!doctype html><script>document.title='ran'</script>"
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        for name, data in (("page.html", html), ("notice.pdf", html), ("image.svg", svg), ("photo.pdf", PNG_1X1)):
            doc = self.stored(data, name=name, part_type="application/pdf")
            r = self.client.get(f"/documents/{doc}/view")
            self.assertStatus(r, 200, f"the view of {name}")
            self.assertEqual(r.header("Content-Type"), "application/octet-stream", name)
            self.assertTrue(r.header("Content-Disposition").startswith("attachment;"), name)
            self.assertIn("sandbox", r.header("Content-Security-Policy"), name)
            self.assertTextNotIn(f'href="/documents/{doc}/view"', self.client.get(f"/documents/{doc}"), f"a View button for {name}")

    # Verify, damage, removal

    def test_j_verify_then_damage_is_reported_and_cuts_a_download_short(self):
        data = os.urandom(5 << 20)
        doc = self.stored(data, name="scan.bin")
        r = self.client.post(f"/documents/{doc}/verify")
        self.assertStatus(r, 200, "verify")
        self.assertTextIn("OK.", r, "verify")
        # Flip a byte in the fourth 1 MiB chunk of the ciphertext.
        path = os.path.join(self.vault.path, "documents", f"{doc}.cvdoc")
        with open(path, "r+b") as f:
            f.seek(40 + 3 * ((1 << 20) + 17) + 1000)
            b = f.read(1)
            f.seek(-1, os.SEEK_CUR)
            f.write(bytes([b[0] ^ 1]))
        r = self.client.post(f"/documents/{doc}/verify")
        self.assertStatus(r, 500, "verify of a damaged document")
        self.assertTextIn("The document is damaged", r, "verify")
        self.assertTextIn("chunk 4", r, "verify names the chunk")
        # The download sends the three authentic chunks, then the connection is cut.
        conn = http.client.HTTPConnection("127.0.0.1", self.app.port, timeout=30)
        conn.request("GET", f"/documents/{doc}/download", headers={
            "Host": f"127.0.0.1:{self.app.port}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())})
        response = conn.getresponse()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Length"), str(len(data)), "a download names its size")
        got = b""
        cut = False
        try:
            while True:
                piece = response.read1(1 << 16)
                if not piece:
                    break
                got += piece
        except (http.client.IncompleteRead, ConnectionError):
            cut = True
        conn.close()
        # Cut short: an error while reading, or the connection closed before
        # the Content-Length the response announced.
        self.assertTrue(cut or len(got) < len(data), "the download of a damaged document was not cut short")
        self.assertLessEqual(len(got), 3 << 20, "bytes past the damaged chunk were sent")
        self.assertEqual(got, data[:len(got)], "what was sent is not the document's start")

    def test_k_removal_asks_first_then_removes(self):
        doc = self.stored(b"to be removed", name="old.txt")
        confirm = self.client.get(f"/documents/{doc}/remove")
        self.assertStatus(confirm, 200, "the confirmation page")
        self.assertTextIn(f'action="/documents/{doc}/remove"', confirm, "the confirmation form")
        self.assertIn(doc, self.document_ids(), "a GET removed the document")
        r = self.client.post(f"/documents/{doc}/remove")
        self.assertRedirect(r, "/documents", "the removal")
        self.assertNotIn(doc, self.document_ids())
        self.assertStatus(self.client.get(f"/documents/{doc}"), 404, "the removed document's page")
        self.assertFalse(any(doc in n for n in self.store_files()), "the removed document's file is still there")

    def test_l_unknown_or_malformed_ids_are_not_found(self):
        for target in ("/documents/" + "0" * 32, "/documents/ZZZ", "/documents/" + "A" * 32 + "/view",
                       "/documents/..%2F..%2Fvault.db/download"):
            self.assertStatus(self.client.get(target), 404, target)

    # Editing a document's details: a GET shows the form and changes nothing;
    # the POST changes the words and the date, never the scan; a refusal keeps
    # what was typed and changes nothing; a cross-site POST is refused.

    def page(self, doc):
        r = self.client.get(f"/documents/{doc}")
        self.assertStatus(r, 200, "the document's page")
        return r.text

    def test_m_edit_the_expiry_label_and_note(self):
        doc = self.stored(b"%PDF-1.4 passport", name="passport.pdf", label="pp")
        scan = [n for n in self.store_files() if doc in n]
        with open(os.path.join(self.vault.path, "documents", scan[0]), "rb") as f:
            sealed = f.read()
        form = self.client.get(f"/documents/{doc}/edit")
        self.assertStatus(form, 200, "the edit form")
        self.assertTextIn('value="pp"', form, "the label in the form")
        self.assertTextIn(f'action="/documents/{doc}/edit"', form, "the form's target")
        self.assertNotIn("Saved.", self.page(doc), "a GET of the form changed something")

        r = self.client.post(f"/documents/{doc}/edit", {"type": "passport", "label": "passport",
                                                        "expires": "2030-02-28", "note": "renew\r\nat the consulate"})
        self.assertRedirect(r, f"/documents/{doc}?changed=1", "the edit")
        shown = self.client.get(f"/documents/{doc}?changed=1").text
        self.assertIn("Saved.", shown)
        self.assertIn("2030-02-28", shown)
        self.assertIn("<h1>passport</h1>", shown)
        listed = json.loads(self.vault.cli(["doc", "list", "--json"]).stdout)["documents"]
        mine = [d for d in listed if d["id"] == doc][0]
        self.assertEqual((mine["label"], mine["type"], mine["expires"], mine["note"]),
                         ("passport", "passport", "2030-02-28", "renew\nat the consulate"))
        with open(os.path.join(self.vault.path, "documents", scan[0]), "rb") as f:
            self.assertEqual(f.read(), sealed, "the edit changed the encrypted scan")

        # An empty date and note take them away.
        r = self.client.post(f"/documents/{doc}/edit", {"type": "passport", "label": "passport", "expires": "", "note": ""})
        self.assertRedirect(r, f"/documents/{doc}?changed=1", "the second edit")
        mine = [d for d in json.loads(self.vault.cli(["doc", "list", "--json"]).stdout)["documents"] if d["id"] == doc][0]
        self.assertIsNone(mine.get("expires"))
        self.assertIsNone(mine.get("note"))

    def test_n_edit_refusals_keep_what_was_typed_and_change_nothing(self):
        doc = self.stored(b"card", name="card.png", label="card")
        self.stored(b"other", name="other.png", label="taken")
        r = self.client.post(f"/documents/{doc}/edit", {"type": "green-card", "label": "card", "expires": "31/04/2031", "note": "kept"})
        self.assertStatus(r, 400, "a bad date")
        self.assertTextIn("year-month-day", r, "the date's format")
        self.assertTextIn("31/04/2031", r, "the typed date")
        self.assertTextIn(">kept</textarea>", r, "the typed note")
        r = self.client.post(f"/documents/{doc}/edit", {"type": "green-card", "label": "taken", "expires": "2031-04-30"})
        self.assertStatus(r, 409, "a taken label")
        self.assertTextIn("Nothing was changed", r, "the refusal")
        r = self.client.post(f"/documents/{doc}/edit", {"type": "green-card", "label": "card", "expires": "2031-04-30"},
                             site="cross-site")
        self.assertStatus(r, 403, "a cross-site edit")
        mine = [d for d in json.loads(self.vault.cli(["doc", "list", "--json"]).stdout)["documents"] if d["id"] == doc][0]
        self.assertEqual((mine["label"], mine["type"], mine.get("expires")), ("card", "other", None), "a refused edit changed the document")
