"""Whole-vault backup from the app, over HTTP, against the built binary: to
a backup passphrase (typed twice) or to the recovery key (checked against
the vault first), downloaded streamed with the app's peak memory flat, then
restored with `casevault restore` and compared with the original through
the CLI. Refusals make nothing; a damaged vault is named before any
download, and a backup made anyway leaves the damaged item out and says so.
"""

import json
import os

from forms import code_entry, code_labels, identifiers
from harness import AppTestCase, TestVault, new_secret
from sharing import (Representative, SecretFile, add_document, damage_document, documents, memory_kib, peak_reset,
                     post_download, representatives)

LOGIN_CODES = ["QX7P-44ZR-MMTN", "7Y2B-KK9D-PLQ3", "HJ4K-5522-WWER"]


class BackupHTTPTests(AppTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Made here rather than by make_vault: the recovery key init prints is needed.
        cls.vault = TestVault(cls.workspace, create=False)
        cls.recovery_key = json.loads(cls.vault.cli(["init", "--kdf", "interactive", "--json"], what="init").stdout)["recoveryKey"]
        cls.vault.cli(["code", "add", "uscis"], stdin=b"ZK4M-7QWP-99TR\n", what="code add")
        cls.vault.add_codes("login.gov", LOGIN_CODES)
        cls.vault.cli(["code", "use", "login.gov"], what="code use")
        cls.vault.cli(["id", "add", "a-number"], stdin=b"A012345678\n", what="id add")
        cls.big = os.urandom(64 << 20)
        add_document(cls.vault, cls.workspace, cls.big, "passport scan", name="passport.bin")
        add_document(cls.vault, cls.workspace, os.urandom(4000), "green card", name="card.jpg")
        cls.rep = Representative(cls.workspace)
        cls.vault.cli(["rep", "add", "Jane Doe, Esq.", cls.rep.recipient], what="rep add")
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)
        cls.client.unlock(cls.vault.passphrase)
        cls.downloads = cls.workspace.sub("downloads")

    def backup(self, name, fields, **kw):
        return post_download(self.client, "/backup", fields, os.path.join(self.downloads, name), **kw)

    def restored(self, name, backup_file, backup_passphrase=None, recovery_key=None):
        """A new vault restored from `backup_file` with `casevault restore`; the CompletedProcess too."""
        target = TestVault(self.workspace, name=name, passphrase=self.vault.passphrase, create=False)
        secret = backup_passphrase or recovery_key
        option = "--backup-passphrase-file" if backup_passphrase else "--recovery-key-file"
        with SecretFile(self.workspace, secret) as f:
            done = target.cli(["restore", backup_file, option, f, "--json"], what="restore", check=False)
        return target, done

    def assertSameVault(self, copy):
        self.assertEqual(code_labels(copy).keys(), code_labels(self.vault).keys())
        for label in code_labels(self.vault):
            # Codes, used marks and history, compared in memory (never printed).
            self.assertTrue(code_entry(copy, label) == code_entry(self.vault, label), f"the entry {label} differs after restore")
        self.assertEqual(identifiers(copy), identifiers(self.vault))
        self.assertEqual(documents(copy), documents(self.vault))
        self.assertEqual(representatives(copy), representatives(self.vault))

    def test_a_the_page_explains_how_to_restore(self):
        page = self.client.get("/backup")
        self.assertStatus(page, 200, "the backup page")
        for text in ("How to restore it", "Restore from a backup file", "casevault restore FILE --vault FOLDER",
                     'name="backup_passphrase_again"', 'name="recovery_key"'):
            self.assertTextIn(text, page, "the backup page")

    def test_b_to_a_backup_passphrase_restored_and_compared_with_memory_flat(self):
        passphrase = new_secret()
        # Measured from the first bytes on: before them, sealing to a
        # passphrase runs age's scrypt (work factor 18: 256 MiB for about a
        # second, as `casevault backup` and age itself), and the check before
        # the backup is measured on its own (test_e).
        start = {}

        def first_bytes():
            peak_reset(self.app.pid)
            start["rss"] = memory_kib(self.app.pid)[0]

        d = self.backup("passphrase.age", {"method": "passphrase", "backup_passphrase": passphrase,
                                           "backup_passphrase_again": passphrase}, on_first_bytes=first_bytes)
        _, peak = memory_kib(self.app.pid)
        self.assertEqual(d.status, 200, "the backup's download")
        self.assertTrue(d.complete, "the backup's download was cut")
        self.assertTrue(d.header("Content-Disposition").startswith('attachment; filename="CaseVault backup '), "the file name")
        self.assertEqual(d.header("Cache-Control"), "no-store")
        self.assertGreater(d.size, 64 << 20)
        grown = (peak - start["rss"]) >> 10
        # Holding the documents or the backup whole would add 64 MiB or more.
        self.assertLess(grown, 40, f"the app's peak memory grew by {grown} MiB while a backup of 64 MiB of documents downloaded")
        with open(d.path, "rb") as f:
            self.assertEqual(f.read(22), b"age-encryption.org/v1\n", "a backup is an age file")
        copy, done = self.restored("restored-passphrase", d.path, backup_passphrase=passphrase)
        self.assertEqual(done.returncode, 0, "casevault restore of the app's backup")
        self.assertTrue(json.loads(done.stdout)["complete"])
        self.assertSameVault(copy)
        page = self.client.get("/backup")
        self.assertTextIn("Your last backup was downloaded whole", page, "the note after a backup")
        self.assertTextIn("2 documents", page, "the note after a backup")

    def test_c_to_the_recovery_key_checked_first_then_restored(self):
        bad = self.recovery_key[:-1] + ("0" if self.recovery_key[-1] != "0" else "1")
        r = self.client.post("/backup", {"method": "recovery-key", "recovery_key": bad})
        self.assertStatus(r, 400, "a mistyped recovery key")
        self.assertTextIn("That recovery key is not valid", r, "the refusal")
        self.assertSecretAbsent(bad, r.body, "the refusal page")
        other = json.loads(TestVault(self.workspace, name="other", create=False)
                           .cli(["init", "--kdf", "interactive", "--json"], what="init").stdout)["recoveryKey"]
        r = self.client.post("/backup", {"method": "recovery-key", "recovery_key": other})
        self.assertStatus(r, 400, "another vault's recovery key")
        self.assertTextIn("does not open this vault", r, "the refusal")
        d = self.backup("recovery.age", {"method": "recovery-key", "recovery_key": self.recovery_key.lower().replace("-", " ")})
        self.assertEqual(d.status, 200, "the backup to the recovery key")
        self.assertTrue(d.complete)
        copy, done = self.restored("restored-recovery", d.path, recovery_key=self.recovery_key)
        self.assertEqual(done.returncode, 0, "casevault restore --recovery-key of the app's backup")
        self.assertSameVault(copy)

    def test_d_passphrase_refusals_make_nothing(self):
        for fields, words in (
                ({"method": "passphrase", "backup_passphrase": "Qz7x", "backup_passphrase_again": "Qz7x"}, "too short"),
                ({"method": "passphrase", "backup_passphrase": new_secret(), "backup_passphrase_again": new_secret()}, "differ"),
                ({"method": "passphrase", "backup_passphrase": new_secret()}, "both boxes"),
                ({}, "Choose what will open the backup")):
            with self.subTest(words):
                r = self.client.post("/backup", fields)
                self.assertStatus(r, 400, "a refused backup passphrase")
                self.assertTrue(r.header("Content-Type").startswith("text/html"), "a refusal is a page")
                self.assertTextIn(words, r, "the refusal")
                self.assertTextIn("No backup was made.", r, "the refusal")
                for name, value in fields.items():
                    if name.startswith("backup_passphrase"):
                        self.assertSecretAbsent(value, r.body, "the refusal page")

    def test_e_a_damaged_vault_is_named_first_and_left_out_when_asked_again(self):
        doc = add_document(self.vault, self.workspace, os.urandom(5 << 20), "damaged scan", name="damaged.bin")
        damage_document(self.vault.path, doc, chunk=3)
        passphrase = new_secret()
        fields = {"method": "passphrase", "backup_passphrase": passphrase, "backup_passphrase_again": passphrase}
        peak_reset(self.app.pid)
        before, _ = memory_kib(self.app.pid)
        d = self.backup("refused.age", fields)
        _, peak = memory_kib(self.app.pid)
        self.assertEqual(d.status, 409, "a backup of a damaged vault, before it is confirmed")
        grown = (peak - before) >> 10
        # The check read every document (64 MiB among them) before answering.
        self.assertLess(grown, 40, f"the app's peak memory grew by {grown} MiB while the vault was checked")
        self.assertIsNone(d.path, "something was downloaded")
        self.assertTextIn("Damaged items found", d.text, "the page")
        self.assertTextIn(f'Document {doc[:8]} (&quot;damaged scan&quot;)', d.text, "the damaged document, named")
        self.assertTextIn('name="damage" value="accepted"', d.text, "the way on")
        self.assertSecretAbsent(passphrase, d.body, "the damaged-items page")
        d = self.backup("damaged.age", dict(fields, damage="accepted"))
        self.assertEqual(d.status, 200)
        self.assertTrue(d.complete, "a backup that leaves a damaged item out is still a whole file")
        page = self.client.get("/backup")
        self.assertTextIn("Your last backup left out damaged items", page, "the note")
        self.assertTextIn(f'Document {doc[:8]} (&quot;damaged scan&quot;)', page, "the note names the document")
        copy, done = self.restored("restored-damaged", d.path, backup_passphrase=passphrase)
        self.assertEqual(done.returncode, 11, "restore of a backup that left an item out")
        self.assertNotIn("damaged scan", documents(copy))
        self.assertIn("passport scan", documents(copy))
        # The vault is whole again for the other tests.
        self.vault.cli(["doc", "remove", doc, "--yes"], what="doc remove")

    def test_f_no_backup_cross_site_or_once_locked(self):
        passphrase = new_secret()
        fields = {"method": "passphrase", "backup_passphrase": passphrase, "backup_passphrase_again": passphrase}
        d = post_download(self.client, "/backup", fields, os.path.join(self.downloads, "x.age"), site="cross-site")
        self.assertEqual(d.status, 403, "a cross-site backup")
        self.assertStatus(self.client.post("/lock"), 303, "the Lock button")
        d = self.backup("locked.age", fields)
        self.assertEqual(d.status, 303, "a backup once locked")
        self.assertEqual(d.header("Location"), "/unlock")
        self.assertStatus(self.client.unlock(self.vault.passphrase), 303, "unlocking again")
