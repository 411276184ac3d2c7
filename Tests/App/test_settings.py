"""Settings over HTTP: where the vault is and when it locks, the passphrase
change (as `passwd`: a key rotation), the integrity check (as `check`),
keyring unlock on and off (as `keyring enable|disable`, with a real
gnome-keyring under scripts/with-keyring.sh).

Each change is checked through the CLI on the same vault.
"""

import json
import os
import re
import time

from firstrun import passphrase_opens, recovery_key_opens, shown_recovery_key, vault_with_recovery_key
from harness import AppTestCase, new_secret
from pages import PageTestCase


def add_document(vault, name, data):
    path = os.path.join(vault.workspace.path, name)
    with open(path, "wb") as f:
        f.write(data)
    out = vault.cli(["doc", "add", path, "--json"], what="doc add").stdout
    os.remove(path)
    return json.loads(out)["documents"][0]


def flip_byte(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x01]))


class SettingsTests(PageTestCase):
    """One app on a vault with a code and a document; the tests run in order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.key = vault_with_recovery_key(cls.workspace)
        cls.vault.add_codes("uscis", ["ABCD2345EFGH"])
        cls.document = add_document(cls.vault, "green-card.txt", os.urandom(200_000))
        cls.open_unlocked_session(cls.vault)  # the default idle time: 5 minutes

    def test_1_the_page_says_where_the_vault_is_and_when_it_locks(self):
        page = self.client.get("/settings")
        self.assertStatus(page, 200, "the settings page")
        for text in (self.vault.path, "CaseVault locks itself after 5 minutes without use", 'action="/lock"',
                     "This window of CaseVault was started without the desktop keyring",
                     "Off: CaseVault asks for your passphrase each time it opens."):
            self.assertTextIn(text, page, "the settings page")
        self.assertTextNotIn('action="/settings/keyring/enable"', page, "the settings page with --no-keyring")
        r = self.client.post("/settings/keyring/enable", {"passphrase": self.vault.passphrase})
        self.assertStatus(r, 400, "keyring enable with --no-keyring")
        self.assertTextIn("started without the keyring", r, "the refusal")

    def test_2_the_check_says_everything_checks(self):
        r = self.client.post("/settings/check", {})
        self.assertStatus(r, 200, "the integrity check")
        for text in ("Everything checks.", "1 backup-code entry", "1 document", "2 keys that open the vault"):
            self.assertTextIn(text, r, "the check's page")

    def test_3_the_check_names_a_damaged_document(self):
        path = os.path.join(self.vault.path, "documents", self.document["id"] + ".cvdoc")
        flip_byte(path, 3000)
        try:
            r = self.client.post("/settings/check", {})
            self.assertStatus(r, 200, "the integrity check of a damaged vault")
            self.assertTextIn("1 problem found", r, "the check's page")
            self.assertTextIn(f"Document {self.document['id'][:8]} (&quot;green-card.txt&quot;)", r, "the damaged document named")
            self.assertTextNotIn("Everything checks.", r, "the check's page")
            cli = self.vault.cli(["check", "--json"], what="check", check=False)
            self.assertEqual(cli.returncode, 6, "the CLI's check does not see the damage the app reported")
        finally:
            flip_byte(path, 3000)
        self.assertTextIn("Everything checks.", self.client.post("/settings/check", {}), "the check after repair")

    def test_4_a_passphrase_change_is_refused_without_the_current_one(self):
        new = new_secret()
        for fields, status, words in (
                ({"current": "not my passphrase", "passphrase": new, "passphrase_again": new}, 403,
                 "That is not your current passphrase. The passphrase was not changed."),
                ({"current": self.vault.passphrase, "passphrase": new, "passphrase_again": new + "x"}, 400,
                 "The two passphrases differ"),
                ({"current": self.vault.passphrase, "passphrase": "short", "passphrase_again": "short"}, 400, "too short"),
                ({"passphrase": new, "passphrase_again": new}, 400, "Type your current passphrase")):
            with self.subTest(words=words):
                r = self.client.post("/settings/passphrase", fields)
                self.assertStatus(r, status, words)
                self.assertTextIn(words, r, "the refusal")
                for secret in (self.vault.passphrase, new):
                    self.assertSecretAbsent(secret, r.body, "the refusal page")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the passphrase changed")

    def test_5_a_passphrase_change_rotates_the_keys(self):
        old, new = self.vault.passphrase, new_secret()
        r = self.client.post("/settings/passphrase", {"current": old, "passphrase": new, "passphrase_again": new})
        self.assertStatus(r, 200, "changing the passphrase")
        self.assertTextIn("Passphrase changed", r, "the result")
        self.assertTextIn("Your recovery key has not changed", r, "the result")
        self.assertIsNone(shown_recovery_key(r.body), "a recovery key was shown though it did not change")
        for secret in (old, new):
            self.assertSecretAbsent(secret, r.body, "the result page")
        self.vault.passphrase = new
        self.assertFalse(passphrase_opens(self.vault, old), "the old passphrase still opens the vault")
        self.assertTrue(passphrase_opens(self.vault, new), "the new passphrase does not open the vault")
        self.assertTrue(recovery_key_opens(self.vault, self.key), "the recovery key stopped working")
        # The app's open vault follows the rotation: its pages and the check still work.
        self.assertStatus(self.client.get("/codes"), 200, "the codes page after the change")
        self.assertTextIn("Everything checks.", self.client.post("/settings/check", {}), "the check after the change")
        self.assertEqual(self.vault.cli(["doc", "verify", "--json"], what="doc verify").returncode, 0)

    def test_6_get_changes_nothing(self):
        for path in ("/settings/passphrase", "/settings/check", "/settings/keyring/enable", "/settings/keyring/disable"):
            self.assertStatus(self.client.get(path), 404, f"GET {path}")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "a GET changed the passphrase")


class SettingsThrottleTests(AppTestCase):
    """Wrong current passphrases in Settings are slowed down as on the unlock page, and count with it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault = cls.make_vault()
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)
        r = cls.client.unlock(cls.vault.passphrase)
        if r.status != 303:
            raise AssertionError(f"unlock answered {r.status}")

    def change(self, current, new):
        return self.client.post("/settings/passphrase", {"current": current, "passphrase": new, "passphrase_again": new})

    def test_three_wrong_current_passphrases_then_a_wait(self):
        new = new_secret()
        for attempt in range(3):
            r = self.change(f"not my passphrase {attempt}", new)
            self.assertStatus(r, 403, f"wrong current passphrase #{attempt + 1}")
            self.assertTextIn("That is not your current passphrase", r, f"wrong current passphrase #{attempt + 1}")
        r = self.change(self.vault.passphrase, new)
        self.assertStatus(r, 429, "the right current passphrase right after three wrong ones")
        self.assertTextIn("Too many wrong passphrases", r, "the attempt after three wrong ones")
        self.assertTextIn("The passphrase was not changed.", r, "the attempt after three wrong ones")
        self.assertTextIn('action="/settings/passphrase"', r, "the Settings page with its form")
        wait = re.search(r"Wait (\d+) seconds", r.text)
        self.assertTrue(wait, "the refusal does not say how long to wait")
        for secret in (self.vault.passphrase, new):
            self.assertSecretAbsent(secret, r.body, "the throttle page")
        # One count for the whole app: the unlock page waits too.
        self.assertRedirect(self.client.post("/lock", {}), "/unlock", "Lock now")
        r = self.client.unlock(self.vault.passphrase)
        self.assertStatus(r, 429, "the unlock page during the wait Settings started")
        self.assertTextIn("Too many wrong passphrases", r, "the unlock page during the wait")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the passphrase changed during the wait")
        time.sleep(int(wait.group(1)) + 0.5)
        self.assertRedirect(self.client.unlock(self.vault.passphrase), "/", "unlocking after the wait")
        r = self.change(self.vault.passphrase, new)
        self.assertStatus(r, 200, "the change after the wait")
        self.assertTextIn("Passphrase changed", r, "the change after the wait")
        old, self.vault.passphrase = self.vault.passphrase, new
        self.assertTrue(passphrase_opens(self.vault, new), "the new passphrase does not open the vault")
        self.assertFalse(passphrase_opens(self.vault, old), "the old passphrase still opens the vault")


class SettingsKeyringTests(PageTestCase):
    """Keyring unlock on and off from Settings, with a real gnome-keyring (scripts/with-keyring.sh)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.open_unlocked_session(cls.make_vault(), keyring=True)

    def status(self):
        return json.loads(self.vault.cli(["keyring", "status", "--json"], keyring=True, what="keyring status").stdout)["state"]

    def test_keyring_on_then_off(self):
        if os.environ.get("CASEVAULT_TEST_KEYRING") != "1":
            self.fail("no test keyring: run through scripts/with-keyring.sh (make test-app does)")
        page = self.client.get("/settings")
        self.assertTextIn("Off: CaseVault asks for your passphrase", page, "the settings page")
        self.assertTextIn('action="/settings/keyring/enable"', page, "the enable form")
        wrong = self.client.post("/settings/keyring/enable", {"passphrase": "not the passphrase"})
        self.assertStatus(wrong, 403, "enable with a wrong passphrase")
        self.assertTextIn("That is not your passphrase. Keyring unlock was not changed.", wrong, "the refusal")
        self.assertEqual(self.status(), "disabled")
        r = self.client.post("/settings/keyring/enable", {"passphrase": self.vault.passphrase})
        self.assertRedirect(r, "/settings?done=keyring-on", "enable")
        self.assertEqual(self.status(), "enabled")
        page = self.client.get(r.location)
        self.assertTextIn("Keyring unlock is on", page, "the notice")
        self.assertTextIn("On: CaseVault opens through your desktop keyring", page, "the state")
        self.assertTextIn('action="/settings/keyring/disable"', page, "the disable form")
        # The keyring now opens the vault in the app: lock, then the keyring button.
        self.assertRedirect(self.client.post("/lock", {}), "/unlock", "lock")
        self.assertRedirect(self.client.post("/unlock/keyring", {}), "/", "unlock through the keyring")
        r = self.client.post("/settings/keyring/disable", {})
        self.assertRedirect(r, "/settings?done=keyring-off", "disable")
        self.assertEqual(self.status(), "disabled")
        self.assertTextIn("Keyring unlock is off", self.client.get(r.location), "the notice")
        again = self.client.post("/settings/keyring/disable", {})
        self.assertRedirect(again, "/settings?done=keyring-was-off", "disable again")
