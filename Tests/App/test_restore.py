"""The restore from a backup file over HTTP, as `casevault restore` does.

Backups are made by the CLI (`casevault backup`) from a filled vault; the app
restores them where it has no vault, and the result is read back through the
CLI. The upload is checked where it lives: an unnamed file (no name on disk)
in the vault's parent folder holding exactly the uploaded ciphertext, and gone
once restored.
"""

import http.client
import json
import os
import secrets

from firstrun import (backup_with_passphrase, backup_with_recovery_key, new_vault_at, passphrase_opens,
                      read_open_file, unnamed_files_under, vault_with_recovery_key)
from forms import post_multipart
from harness import AppTestCase, Response, new_secret

CODES = ["K7Q2-M9X4-P3W8", "T5R6-Y8U2-J4H7"]


def fill(vault):
    """Codes, a case number and two documents, as an applicant would keep."""
    vault.add_codes("uscis", ["ABCD2345EFGH"])
    vault.add_codes("login.gov", CODES)
    vault.cli(["id", "add", "a-number"], stdin=b"A123456789\n", what="id add")
    for name, data in (("green-card.txt", b"front and back\n" * 100), ("passport.txt", os.urandom(300_000))):
        path = os.path.join(vault.workspace.path, name)
        with open(path, "wb") as f:
            f.write(data)
        vault.cli(["doc", "add", path], what="doc add")
        os.remove(path)


def peak_memory(pid):
    """The process's peak resident memory so far (VmHWM), in bytes."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM line")


def stream_upload(client, target, field, file_name, size, chunk=1 << 20):
    """A multipart POST of `size` random bytes, sent as they are made (never whole in memory here)."""
    boundary = "----CaseVaultTest" + secrets.token_hex(8)
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{file_name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=120)
    try:
        conn.putrequest("POST", target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"127.0.0.1:{client.port}")
        conn.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in client.cookies.items()))
        conn.putheader("Sec-Fetch-Site", "same-origin")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Content-Length", str(len(head) + size + len(tail)))
        conn.endheaders()
        conn.send(head)
        left = size
        while left:
            n = min(chunk, left)
            conn.send(os.urandom(n))
            left -= n
        conn.send(tail)
        return Response(conn.getresponse())
    finally:
        conn.close()


def labels(vault):
    return sorted(e["label"] for e in vault.code_entries())


class RestoreTestCase(AppTestCase):
    def upload(self, client, data, file_name="casevault-backup.age"):
        return post_multipart(client, "/setup/restore", files={"backup": (file_name, data)})

    def unlock(self, client, **fields):
        return client.post("/setup/restore/unlock", fields)


class RestoreWithPassphraseTests(RestoreTestCase):
    """A backup sealed with a backup passphrase, restored where the app has no vault."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.make_vault("source")
        fill(cls.source)
        cls.backup_passphrase = new_secret()
        cls.backup_path = os.path.join(cls.workspace.path, "backup.age")
        backup_with_passphrase(cls.source, cls.backup_path, cls.backup_passphrase)
        with open(cls.backup_path, "rb") as f:
            cls.backup = f.read()
        cls.target = new_vault_at(cls.workspace, "restored")
        cls.target.passphrase = cls.source.passphrase
        cls.app = cls.make_app(cls.target)
        cls.client = cls.open_session(cls.app)

    def test_1_the_upload_is_kept_as_ciphertext_in_an_unnamed_file(self):
        page = self.client.get("/setup/restore")
        self.assertStatus(page, 200, "the restore page")
        self.assertTextIn('enctype="multipart/form-data"', page, "the upload form")
        empty = self.upload(self.client, b"", file_name="")
        self.assertStatus(empty, 400, "no file chosen")
        self.assertTextIn("No file was chosen", empty, "no file chosen")
        before = set(os.listdir(self.workspace.path))
        r = self.upload(self.client, self.backup)
        self.assertRedirect(r, "/setup/restore/unlock", "uploading the backup")
        self.assertEqual(set(os.listdir(self.workspace.path)), before, "the upload left a name in the vault's parent folder")
        held = unnamed_files_under(self.app.pid, self.workspace.path)
        self.assertEqual(len(held), 1, "the app does not hold exactly one unnamed file in the vault's parent folder")
        st = os.stat(f"/proc/{self.app.pid}/fd/{held[0][0]}")
        self.assertEqual(st.st_mode & 0o777, 0o600, "the upload's mode")
        if read_open_file(self.app.pid, held[0][0]) != self.backup:
            self.fail("the held file is not byte for byte the uploaded backup")
        page = self.client.get("/setup/restore/unlock")
        self.assertStatus(page, 200, "the page that asks for the secrets")
        self.assertTextIn("casevault-backup.age", page, "the file's name")

    def test_2_wrong_secrets_are_refused_and_leave_no_vault(self):
        cases = (({"method": "passphrase", "backup_passphrase": "not the one", "vault_passphrase": self.source.passphrase},
                  "That backup passphrase does not open this backup file"),
                 ({"method": "passphrase", "backup_passphrase": self.backup_passphrase, "vault_passphrase": "wrong vault pass"},
                  "The backup opened, but the vault&#39;s passphrase is not the one of the vault inside it"),
                 ({"method": "passphrase", "backup_passphrase": self.backup_passphrase},
                  "Type both the backup passphrase and the vault&#39;s passphrase"),
                 ({"method": "recovery-key", "recovery_key": "ABCD"}, "That recovery key is not valid"))
        for fields, words in cases:
            with self.subTest(words=words):
                r = self.unlock(self.client, **fields)
                self.assertStatus(r, 400, words)
                self.assertTextIn(words, r, "the refusal")
                for secret in (self.backup_passphrase, self.source.passphrase):
                    self.assertSecretAbsent(secret, r.body, "the refusal page")
                self.assertFalse(os.path.exists(self.target.path), "a vault folder was left")
                leftovers = [n for n in os.listdir(self.workspace.path) if n.startswith(".casevault-restore-")]
                self.assertEqual(leftovers, [], "the restore's temporary folder was left")
        self.assertEqual(len(unnamed_files_under(self.app.pid, self.workspace.path)), 1, "the upload was dropped")

    def test_3_the_right_secrets_restore_everything(self):
        r = self.unlock(self.client, method="passphrase", backup_passphrase=self.backup_passphrase,
                        vault_passphrase=self.source.passphrase)
        self.assertRedirect(r, "/setup/restore/done", "restoring")
        self.assertEqual(unnamed_files_under(self.app.pid, self.workspace.path), [], "the upload is still held")
        page = self.client.get("/setup/restore/done")
        self.assertStatus(page, 200, "the result page")
        self.assertTextIn("Restored and checked: 2 backup-code entries, 1 case number, 2 documents.", page, "the result page")
        self.assertTextNotIn("Not everything came back", page, "the result page")
        self.assertStatus(self.client.get("/"), 200, "home: the restored vault is open")
        # Posted again: no second restore, back to the result.
        again = self.unlock(self.client, method="passphrase", backup_passphrase=self.backup_passphrase,
                            vault_passphrase=self.source.passphrase)
        self.assertRedirect(again, "/setup/restore/done", "the secrets posted again")
        self.assertRedirect(self.upload(self.client, self.backup), "/setup", "an upload once there is a vault")
        # Through the CLI: the same entries, and everything checks.
        self.assertEqual(labels(self.target), labels(self.source))
        self.assertEqual(self.target.cli(["check", "--json"], what="check").returncode, 0)
        docs = json.loads(self.target.cli(["doc", "list", "--json"], what="doc list").stdout)["documents"]
        self.assertEqual(sorted(d["label"] for d in docs), ["green-card.txt", "passport.txt"])


class RestoreWithRecoveryKeyTests(RestoreTestCase):
    """A backup sealed to the recovery key; a damaged document is left out and named."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source, cls.key = vault_with_recovery_key(cls.workspace, "source")
        fill(cls.source)
        cls.backup_path = os.path.join(cls.workspace.path, "backup.age")
        # Damage one document's ciphertext: the backup leaves it out (and says so), the restore names it.
        docs = json.loads(cls.source.cli(["doc", "list", "--json"], what="doc list").stdout)["documents"]
        cls.damaged = next(d for d in docs if d["label"] == "passport.txt")
        path = os.path.join(cls.source.path, "documents", cls.damaged["id"] + ".cvdoc")
        with open(path, "r+b") as f:
            f.seek(5000)
            byte = f.read(1)
            f.seek(5000)
            f.write(bytes([byte[0] ^ 0x40]))
        done = backup_with_recovery_key(cls.source, cls.backup_path, cls.key, check=False)
        if done.returncode != 11:
            raise AssertionError(f"the backup of a damaged vault exited {done.returncode}, expected 11")
        with open(cls.backup_path, "rb") as f:
            cls.backup = f.read()
        cls.target = new_vault_at(cls.workspace, "restored")
        cls.app = cls.make_app(cls.target)
        cls.client = cls.open_session(cls.app)

    def test_1_a_large_upload_is_streamed_to_disk(self):
        size = 96 << 20
        before = peak_memory(self.app.pid)
        r = stream_upload(self.client, "/setup/restore", "backup", "big.age", size)
        self.assertRedirect(r, "/setup/restore/unlock", "uploading 96 MiB")
        grown = peak_memory(self.app.pid) - before
        self.assertLess(grown, 40 << 20, f"the app's peak memory grew by {grown >> 20} MiB for a 96 MiB upload")
        held = unnamed_files_under(self.app.pid, self.workspace.path)
        self.assertEqual(len(held), 1, "the upload is not held as one unnamed file")
        self.assertEqual(os.stat(f"/proc/{self.app.pid}/fd/{held[0][0]}").st_size, size, "the held file's size")
        self.assertTextIn("(101 MB)", self.client.get("/setup/restore/unlock"), "the size shown")
        self.assertRedirect(self.client.post("/setup/restore/cancel", {}), "/setup/restore", "choosing another file")

    def test_2_an_upload_cut_off_keeps_nothing(self):
        boundary = "----CaseVaultTest" + secrets.token_hex(8)
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="backup"; filename="b.age"\r\n\r\n').encode() \
            + self.backup[:5000]
        r = self.client.request("POST", "/setup/restore", body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Sec-Fetch-Site": "same-origin"})
        self.assertStatus(r, 400, "an upload without its end")
        self.assertTextIn("The upload stopped before the end of the file", r, "the refusal")
        self.assertEqual(unnamed_files_under(self.app.pid, self.workspace.path), [], "a cut-off upload is still held")
        self.assertRedirect(self.client.get("/setup/restore/unlock"), "/setup/restore", "the secrets page without an upload")

    def test_3_a_file_that_is_not_a_backup_is_refused(self):
        self.assertRedirect(self.upload(self.client, secrets.token_bytes(4000), "notes.pdf"), "/setup/restore/unlock", "upload")
        r = self.unlock(self.client, method="recovery-key", recovery_key=self.key)
        self.assertStatus(r, 400, "restoring a file that is not a backup")
        self.assertTextIn("This file is not a CaseVault backup", r, "the refusal")
        self.assertSecretAbsent(self.key, r.body, "the refusal page")
        # Choose another file: the upload is dropped.
        self.assertRedirect(self.client.post("/setup/restore/cancel", {}), "/setup/restore", "choosing another file")
        self.assertEqual(unnamed_files_under(self.app.pid, self.workspace.path), [], "the dropped upload is still held")
        self.assertRedirect(self.client.get("/setup/restore/unlock"), "/setup/restore", "the secrets page without an upload")

    def test_4_restore_with_the_key_names_what_was_left_out(self):
        self.assertRedirect(self.upload(self.client, self.backup), "/setup/restore/unlock", "upload")
        r = self.unlock(self.client, method="recovery-key", recovery_key=self.key.lower())
        self.assertRedirect(r, "/setup/restore/done", "restoring with the recovery key")
        page = self.client.get("/setup/restore/done")
        self.assertTextIn("Restored and checked: 2 backup-code entries, 1 case number, 1 document.", page, "the result")
        self.assertTextIn("Not everything came back", page, "the result")
        self.assertTextIn(f"Document {self.damaged['id'][:8]}", page, "the damaged document named")
        self.assertTextIn("left out when the backup was made", page, "why")
        # The restored vault opens with the same recovery key; codes came back.
        self.target.passphrase = self.source.passphrase
        self.assertTrue(passphrase_opens(self.target, self.source.passphrase), "the vault's passphrase does not open it")
        got = json.loads(self.target.cli(["code", "show", "login.gov", "--json"], what="code show").stdout)
        if [c["code"] for c in got["codes"]] != CODES:
            self.fail("the restored codes differ")

