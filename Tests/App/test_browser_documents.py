"""Documents in a real browser (headless Chromium): a 64 MiB upload through
the form (JavaScript on, with its progress bar; and off, a plain form post),
the inline view of a PDF and a PNG, Verify, Remove after confirming; the
app's memory stays flat during the upload; screenshots of the list and a
document's page.
"""

import hashlib
import json
import os
import re
import struct
import zlib

from forms import SCREENSHOTS, click_and_wait
from pages import BrowserPageTestCase

MiB = 1 << 20


def tiny_png(path, width=64, height=48):
    """A real PNG (a blue rectangle), so the browser renders it."""
    raw = b"".join(b"\x00" + b"\x1d\x4e\x89" * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def minimal_pdf(path):
    """A one-page PDF with a line of text, written by hand (offsets computed)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    text = b"BT /F1 18 Tf 20 100 Td (Passport scan) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


class DocumentsBrowserTests(BrowserPageTestCase):
    javascript = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked(cls.make_vault(), browser_options={"javascript": cls.javascript}, idle_lock="10m")
        cls.files = cls.workspace.sub("files")

    def documents(self):
        return json.loads(self.vault.cli(["doc", "list", "--json"]).stdout)["documents"]

    def upload(self, path, label, expect_path_re=r"/documents/[0-9a-f]{32}", timeout=180):
        b = self.browser
        self.go("/documents/add")
        self.assertEqual(b.heading(), "Add a document")
        b.find("#label").send_keys(label)
        b.find("#file").send_keys(path)
        b.find("form[action='/documents/add'] button[type=submit]").click()
        import time
        deadline = time.monotonic() + timeout
        while not re.fullmatch(expect_path_re, b.path()) or b.driver.execute_script("return document.readyState") != "complete":
            if time.monotonic() > deadline:
                self.fail(f"the upload did not reach the document's page within {timeout} s (at {b.path()})")
            time.sleep(0.2)
        return b.path().rsplit("/", 1)[1]

    def test_1_a_64_mib_upload_through_the_form(self):
        big = os.path.join(self.files, "scan-64.bin")
        with open(big, "wb") as f:
            for _ in range(64):
                f.write(os.urandom(MiB))
        digest = hashlib.sha256(open(big, "rb").read()).hexdigest()
        before, _ = self.app.memory()
        self.app.reset_peak()
        label = "big scan (JS)" if self.javascript else "big scan (no JS)"
        doc = self.upload(big, label)
        _, peak = self.app.memory()
        self.assertEqual(self.browser.heading(), label)
        stored = {d["label"]: d for d in self.documents()}
        self.assertIn(label, stored, "the upload did not store the document")
        self.assertEqual(stored[label]["size"], 64 * MiB)
        if stored[label]["sha256"] != digest:
            self.fail("the stored document differs from the uploaded file")
        self.assertEqual(stored[label]["id"], doc)
        # Memory flat: the app does not hold the file (64 MiB) while it streams it in.
        self.assertLess(peak - before, 48, f"the app grew by {peak - before:.0f} MiB during a 64 MiB upload")
        os.remove(big)

    def test_2_view_inline_verify_and_remove(self):
        b = self.browser
        pdf = os.path.join(self.files, "passport.pdf")
        minimal_pdf(pdf)
        png = os.path.join(self.files, "card.png")
        tiny_png(png)
        doc_pdf = self.upload(pdf, "passport")
        doc_png = self.upload(png, "green card front")
        # The list, with both.
        self.go("/documents")
        text = b.page_text()
        self.assertIn("passport", text)
        self.assertIn("green card front", text)
        b.set_viewport(1200, 800)
        os.makedirs(SCREENSHOTS, exist_ok=True)
        width, height = b.screenshot(os.path.join(SCREENSHOTS, "documents.png"))
        self.assertEqual((width, height), (1200, 800))
        # The image renders inline (the browser decoded it: natural size known).
        b.driver.get(f"http://127.0.0.1:{self.app.port}/documents/{doc_png}/view")
        natural = b.driver.execute_script(
            "var i = document.querySelector('img'); return i ? [i.naturalWidth, i.naturalHeight] : null;")
        self.assertEqual(natural, [64, 48], "the PNG did not render inline")
        # The PDF is served inline as a PDF (Chromium's viewer takes it).
        self.go(f"/documents/{doc_pdf}")
        self.assertEqual(b.heading(), "passport")
        width, height = b.screenshot(os.path.join(SCREENSHOTS, "document.png"))
        self.assertEqual((width, height), (1200, 800))
        view = b.find(f"a[href='/documents/{doc_pdf}/view']")
        self.assertEqual(view.text, "View")
        # Verify: a POST, answered in plain words.
        click_and_wait(b, f"form[action='/documents/{doc_pdf}/verify'] button", f"/documents/{doc_pdf}/verify")
        self.assertIn("OK", b.page_text())
        # Remove: asks first; keeping it changes nothing; confirming removes it.
        self.go(f"/documents/{doc_png}/remove")
        self.assertEqual(b.heading(), "Remove green card front?")
        self.assertIn("green card front", [d["label"] for d in self.documents()], "asking removed it")
        click_and_wait(b, f"form[action='/documents/{doc_png}/remove'] button", "/documents")
        self.assertNotIn("green card front", [d["label"] for d in self.documents()])


class DocumentsBrowserJavaScriptOffTests(DocumentsBrowserTests):
    javascript = False

    def test_0_scripts_are_off(self):
        self.assertFalse(self.browser.scripts_run(), "the profile runs scripts")
        self.go("/")

    # Viewing, verifying and removing do not depend on scripts (links and
    # plain forms); they run once, with JavaScript on.
    test_2_view_inline_verify_and_remove = None
