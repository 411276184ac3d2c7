"""The first run over HTTP: the walkthrough that creates a vault (as `init`
does), its recovery key shown once and typed back, the keyring and USCIS code
steps, starting again, a lock in the middle; the recovery-key unlock.

What the app did is checked through the CLI on the same vault: the passphrase
and the shown recovery key open it, the code is stored, one vault was made.
The restore is in test_restore.py.
"""

import json
import os
import re
import stat
import time

from firstrun import (new_vault_at, passphrase_opens, recovery_key_opens, shown_recovery_key,
                      vault_id, vault_with_recovery_key)
from harness import AppTestCase, new_secret

USCIS = "QRST-2345-WXYZ"


def spaced_lowercase(key):
    """The key as someone might type it from paper: small letters, spaces for dashes."""
    return key.lower().replace("-", " ")


class FirstRunTestCase(AppTestCase):
    @classmethod
    def start_without_vault(cls, folder, **app_options):
        """Starts the app where `folder` holds no vault yet, with `cls.client`'s session (the first run)."""
        cls.vault = new_vault_at(cls.workspace, folder)
        cls.app = cls.make_app(cls.vault, **app_options)
        cls.client = cls.open_session(cls.app)

    def create(self, client, passphrase, again=None):
        return client.post("/setup/create", {"passphrase": passphrase,
                                             "passphrase_again": passphrase if again is None else again})

    def assertNoVault(self, vault, what):
        if os.path.exists(os.path.join(vault.path, "vault.db")):
            self.fail(f"{what}: a vault.db exists")


class WalkthroughTests(FirstRunTestCase):
    """One app started where there is no vault; the tests run in order, as a person goes through the steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_without_vault("new-vault")
        cls.key = None

    def test_1_every_page_leads_to_the_first_run(self):
        for path in ("/", "/codes", "/settings"):
            self.assertRedirect(self.client.get(path), "/setup", f"GET {path} with no vault")
        page = self.client.get("/setup")
        self.assertStatus(page, 200, "the welcome page")
        for text in ("Welcome to CaseVault", self.vault.path, 'href="/setup/create"', 'href="/setup/restore"'):
            self.assertTextIn(text, page, "the welcome page")
        form = self.client.get("/setup/create")
        self.assertStatus(form, 200, "the passphrase form")
        self.assertTextIn('type="password" id="passphrase_again"', form, "the passphrase form asks twice")

    def test_2_refused_passphrases_make_nothing(self):
        p = new_secret()
        for fields, words in (({"passphrase": p, "passphrase_again": p + "x"}, "The two passphrases differ"),
                              ({"passphrase": "short", "passphrase_again": "short"}, "too short: use at least 10 characters"),
                              ({"passphrase": p}, "Type the new passphrase in both boxes")):
            r = self.client.post("/setup/create", fields)
            self.assertStatus(r, 400, words)
            self.assertTextIn(words, r, "the refusal")
            self.assertSecretAbsent(p, r.body, "the refusal page")
            self.assertNoVault(self.vault, "after a refused passphrase")

    def test_3_create_shows_the_recovery_key_once(self):
        started = time.monotonic()
        r = self.create(self.client, self.vault.passphrase)
        self.assertStatus(r, 200, "creating the vault")
        self.assertLess(time.monotonic() - started, 20, "creating the vault took too long")
        key = shown_recovery_key(r.body)
        self.assertIsNotNone(key, "the answer shows no recovery key")
        type(self).key = key
        self.assertSecretAbsent(self.vault.passphrase, r.body, "the recovery key page")
        self.assertTextIn("It is shown only now", r, "the recovery key page")
        self.assertTextIn('data-copy="recovery-key"', r, "the copy button")
        self.assertTextIn('action="/setup/recovery-key"', r, "the check form on the same page")
        # The vault is on disk, private, and opens with both the passphrase and the shown key.
        self.assertEqual(stat.S_IMODE(os.stat(self.vault.path).st_mode), 0o700)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.vault.path, "vault.db")).st_mode), 0o600)
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the chosen passphrase does not open the vault")
        self.assertTrue(recovery_key_opens(self.vault, key), "the shown recovery key does not open the vault")
        type(self).first_id = vault_id(self.vault)

    def test_4_reload_and_back_never_make_a_second_vault_or_show_the_key(self):
        # A reload of the POST (the browser sends the form again), a second click.
        for _ in range(2):
            r = self.create(self.client, new_secret())
            self.assertRedirect(r, "/setup/recovery-key", "posting the passphrase again")
        self.assertEqual(vault_id(self.vault), self.first_id, "a second vault was made")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the first passphrase stopped working")
        for path in ("/setup", "/setup/create"):
            self.assertRedirect(self.client.get(path), "/setup/recovery-key", f"GET {path} during the check")
        page = self.client.get("/setup/recovery-key")
        self.assertStatus(page, 200, "the check page")
        self.assertSecretAbsent(self.key, page.body, "the check page after the key was shown")
        self.assertTextIn("It is not shown again", page, "the check page")
        # The rest of the app waits until the key is checked.
        for path in ("/", "/codes", "/settings", "/emergency"):
            self.assertRedirect(self.client.get(path), "/setup", f"GET {path} before the key is checked")

    def test_5_a_wrong_key_is_refused_with_tries_left(self):
        other = "0000-0000-0000-0000-0000-0000-0000-0000-0000"
        r = self.client.post("/setup/recovery-key", {"recovery_key": other})
        self.assertStatus(r, 400, "a wrong recovery key")
        self.assertTextIn("does not match", r, "the refusal")
        self.assertTextIn("2 tries left", r, "the refusal")
        self.assertSecretAbsent(self.key, r.body, "the refusal page")

    def test_6_the_key_typed_back_moves_on_to_the_code(self):
        r = self.client.post("/setup/recovery-key", {"recovery_key": spaced_lowercase(self.key)})
        # Started with --no-keyring: the keyring step is skipped, saying why.
        self.assertRedirect(r, "/setup/code", "the right recovery key")
        page = self.client.get("/setup/code")
        self.assertStatus(page, 200, "the code step")
        self.assertTextIn("Step 4 of 4", page, "the code step")
        self.assertTextIn("The keyring step was skipped: CaseVault was started without the keyring.", page, "the code step")
        self.assertRedirect(self.client.get("/setup/recovery-key"), "/setup/code", "the check page after the check")
        self.assertRedirect(self.client.get("/setup/keyring"), "/setup/code", "the keyring page when skipped")
        again = self.client.post("/setup/recovery-key", {"recovery_key": self.key})
        self.assertRedirect(again, "/setup/code", "the check posted again")

    def test_7_a_code_that_cannot_be_read_is_refused_and_not_echoed(self):
        bad = "see my notes " + new_secret(1)
        r = self.client.post("/setup/code", {"choice": "store", "code": bad})
        self.assertStatus(r, 400, "an unreadable code")
        self.assertTextIn("not a backup code CaseVault can read", r, "the refusal")
        self.assertSecretAbsent(bad, r.body, "the refusal page")
        self.assertEqual(self.vault.code_entries(), [], "something was stored")

    def test_8_the_code_is_stored_and_the_walkthrough_ends(self):
        r = self.client.post("/setup/code", {"choice": "store", "code": USCIS})
        self.assertRedirect(r, "/setup/done", "storing the USCIS code")
        entry = json.loads(self.vault.cli(["code", "show", "uscis", "--json"], what="code show").stdout)
        self.assertEqual(entry["kind"], "single")
        if [c["code"] for c in entry["codes"]] != [USCIS]:
            self.fail("the CLI does not read the stored USCIS code back")
        done = self.client.get("/setup/done")
        self.assertStatus(done, 200, "the last page")
        for text in ("Your vault is ready", "USCIS backup code: kept", "Keyring unlock: off"):
            self.assertTextIn(text, done, "the last page")
        self.assertSecretAbsent(USCIS, done.body, "the last page")
        # Over: the steps send home, nothing is made again.
        self.assertRedirect(self.client.get("/setup"), "/", "GET /setup after the walkthrough")
        self.assertRedirect(self.client.post("/setup/code", {"choice": "store", "code": "ABCD-2345-EFGH"}), "/setup",
                            "the code posted again")
        self.assertRedirect(self.create(self.client, new_secret()), "/setup", "the passphrase posted again")
        self.assertEqual(len(self.vault.code_entries()), 1, "a second code was stored")
        self.assertEqual(vault_id(self.vault), self.first_id, "a second vault was made")
        self.assertStatus(self.client.get("/"), 200, "the home page")


class StartAgainTests(FirstRunTestCase):
    """No paper: "Start again" and three wrong check-backs remove the new, empty vault (as `init` does)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_without_vault("again")

    def test_1_start_again_removes_the_new_vault_and_its_folder(self):
        self.assertStatus(self.create(self.client, self.vault.passphrase), 200, "creating")
        r = self.client.post("/setup/start-again", {})
        self.assertRedirect(r, "/setup/create", "starting again")
        self.assertFalse(os.path.exists(self.vault.path), "the folder the walkthrough made is still there")
        self.assertRedirect(self.client.get("/"), "/setup", "the app after starting again")
        page = self.client.get("/setup")
        self.assertStatus(page, 200, "the welcome page again")
        self.assertTextIn("Welcome to CaseVault", page, "the welcome page again")

    def test_2_three_wrong_keys_remove_it_and_a_new_one_can_be_made(self):
        os.makedirs(self.vault.path, mode=0o700, exist_ok=True)  # a folder the user gave: kept
        r = self.create(self.client, self.vault.passphrase)
        self.assertStatus(r, 200, "creating")
        key = shown_recovery_key(r.body)
        for left in (2, 1):
            w = self.client.post("/setup/recovery-key", {"recovery_key": "1111-1111-1111-1111-1111-1111-1111-1111-1111"})
            self.assertTextIn(f"({left} tr", w, "a wrong key")
        last = self.client.post("/setup/recovery-key", {"recovery_key": "not even a key"})
        self.assertStatus(last, 400, "the third wrong key")
        self.assertTextIn("typed wrong 3 times, so the new, empty vault was removed", last, "the third wrong key")
        self.assertNoVault(self.vault, "after three wrong keys")
        self.assertTrue(os.path.isdir(self.vault.path), "a folder the walkthrough did not make was removed")
        self.assertEqual(os.listdir(self.vault.path), [], "files are left in the folder")
        # The old key opens nothing; a new vault is made with a new key.
        r = self.create(self.client, self.vault.passphrase)
        self.assertStatus(r, 200, "creating again")
        new_key = shown_recovery_key(r.body)
        self.assertNotEqual(new_key, key, "the same recovery key twice")
        self.assertRedirect(self.client.post("/setup/recovery-key", {"recovery_key": new_key}), "/setup/code", "the new key")

    def test_3_past_the_check_start_again_changes_nothing(self):
        # The vault of the test before is past its check: start-again is not offered, and a POST to it changes nothing.
        r = self.client.post("/setup/start-again", {})
        self.assertRedirect(r, "/setup/code", "start again after the check")
        self.assertTrue(os.path.exists(os.path.join(self.vault.path, "vault.db")), "the vault was removed")


class EntriesKeepTheVaultTests(FirstRunTestCase):
    """A vault that holds anything is never removed by "Start again" (something else wrote to it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_without_vault("entries")

    def test_start_again_refuses_a_vault_with_entries(self):
        r = self.create(self.client, self.vault.passphrase)
        key = shown_recovery_key(r.body)
        self.vault.add_codes("login.gov", ["K7Q2-M9X4-P3W8"])  # through the CLI, meanwhile
        refused = self.client.post("/setup/start-again", {})
        self.assertStatus(refused, 400, "start again with an entry in the vault")
        self.assertTextIn("This vault already holds entries, so it is not removed", refused, "the refusal")
        self.assertEqual([e["label"] for e in self.vault.code_entries()], ["login.gov"], "the entry is gone")
        self.assertRedirect(self.client.post("/setup/recovery-key", {"recovery_key": key}), "/setup/code", "the key")


class InterruptedByTheIdleLockTests(FirstRunTestCase):
    """The app locks before the key is typed back: the key is dropped from memory and
    never shown again; after unlocking, the walkthrough still asks for it and checks it
    against the vault itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_without_vault("interrupted", idle_lock="2s")

    def test_the_check_survives_a_lock(self):
        r = self.create(self.client, self.vault.passphrase)
        self.assertStatus(r, 200, "creating")
        key = shown_recovery_key(r.body)
        self.assertTextIn('http-equiv="refresh"', r, "the key page reloads itself when the app locks")
        time.sleep(4)
        self.assertRedirect(self.client.get("/setup/recovery-key"), "/unlock", "the check page once locked")
        self.assertRedirect(self.client.get("/setup"), "/setup/recovery-key", "the first run once locked")
        self.assertRedirect(self.client.unlock(self.vault.passphrase), "/", "unlocking")
        self.assertRedirect(self.client.get("/"), "/setup", "home before the key is checked")
        page = self.client.get("/setup/recovery-key")
        self.assertStatus(page, 200, "the check page after the lock")
        self.assertTextIn("CaseVault locked itself before you typed the recovery key back", page, "the check page")
        self.assertSecretAbsent(key, page.body, "the check page after the lock")
        wrong = self.client.post("/setup/recovery-key", {"recovery_key": "2222-2222-2222-2222-2222-2222-2222-2222-2222"})
        self.assertStatus(wrong, 400, "a wrong key after the lock")
        self.assertRedirect(self.client.post("/setup/recovery-key", {"recovery_key": key}), "/setup/code",
                            "the right key after the lock (checked against the vault)")


class KeyringStepTests(FirstRunTestCase):
    """Step 3 turns keyring unlock on (a real gnome-keyring: scripts/with-keyring.sh)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_without_vault("keyring", keyring=True)

    def test_the_keyring_step_turns_keyring_unlock_on(self):
        if os.environ.get("CASEVAULT_TEST_KEYRING") != "1":
            self.fail("no test keyring: run through scripts/with-keyring.sh (make test-app does)")
        r = self.create(self.client, self.vault.passphrase)
        key = shown_recovery_key(r.body)
        self.assertRedirect(self.client.post("/setup/recovery-key", {"recovery_key": key}), "/setup/keyring", "the check")
        page = self.client.get("/setup/keyring")
        self.assertStatus(page, 200, "the keyring step")
        self.assertTextIn("Anyone using your computer while you are logged in could then open it too", page, "the keyring step")
        self.assertRedirect(self.client.post("/setup/keyring", {"choice": "enable"}), "/setup/code", "turning the keyring on")
        self.assertTextIn("Keyring unlock is on", self.client.get("/setup/code"), "the next step's note")
        status = json.loads(self.vault.cli(["keyring", "status", "--json"], keyring=True, what="keyring status").stdout)
        self.assertEqual(status["state"], "enabled")
        self.assertRedirect(self.client.post("/setup/code", {"choice": "skip"}), "/setup/done", "skipping the code")
        self.assertTextIn("Keyring unlock: on", self.client.get("/setup/done"), "the last page")
        self.assertEqual(self.vault.code_entries(), [], "skipping stored a code")


class RecoverTests(FirstRunTestCase):
    """A forgotten passphrase: the recovery key and a new passphrase; a new key, shown once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.key = vault_with_recovery_key(cls.workspace)
        cls.vault.add_codes("uscis", [USCIS])
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)

    def recover(self, key, passphrase, again=None):
        return self.client.post("/unlock/recover", {"recovery_key": key, "passphrase": passphrase,
                                                    "passphrase_again": passphrase if again is None else again})

    def test_1_the_unlock_page_links_to_it(self):
        self.assertTextIn('href="/unlock/recover"', self.client.get("/unlock"), "the unlock page")
        page = self.client.get("/unlock/recover")
        self.assertStatus(page, 200, "the recover page")
        self.assertTextIn("Forgot your passphrase?", page, "the recover page")

    def test_2_refusals_change_nothing(self):
        new = new_secret()
        other_vault, other_key = vault_with_recovery_key(self.workspace, name="other")
        for (key, p, again), status, words in (
                ((other_key, new, None), 403, "That recovery key does not open this vault"),
                (("ABCD-EFGH", new, None), 400, "That recovery key is not valid"),
                ((self.key, new, new + "x"), 400, "The two passphrases differ")):
            r = self.recover(key, p, again)
            self.assertStatus(r, status, words)
            self.assertTextIn(words, r, "the refusal")
            for secret in (self.key, other_key, new):
                self.assertSecretAbsent(secret, r.body, "the refusal page")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the passphrase changed")
        self.assertTrue(recovery_key_opens(self.vault, self.key), "the recovery key stopped working")

    def test_3_recover_sets_the_passphrase_and_shows_a_new_key_once(self):
        new = new_secret()
        r = self.recover(spaced_lowercase(self.key), new)
        self.assertStatus(r, 200, "recovering")
        new_key = shown_recovery_key(r.body)
        self.assertIsNotNone(new_key, "no new recovery key shown")
        self.assertNotEqual(new_key, self.key, "the recovery key did not change")
        self.assertTextIn("the old one no longer opens this vault", r, "the new key's page")
        self.assertSecretAbsent(new, r.body, "the new key's page")
        # The vault is open in the app; the reload of the POST shows nothing again.
        self.assertStatus(self.client.get("/"), 200, "home after recovering")
        again = self.recover(self.key, new_secret())
        self.assertRedirect(again, "/", "the recover form posted again")
        self.assertSecretAbsent(new_key, again.body, "the answer to the form posted again")
        # Through the CLI: the new passphrase and key open it, the old ones do not, the code is there.
        old = self.vault.passphrase
        self.vault.passphrase = new
        self.assertEqual([e["label"] for e in self.vault.code_entries()], ["uscis"])
        self.assertFalse(passphrase_opens(self.vault, old), "the old passphrase still opens the vault")
        self.assertTrue(recovery_key_opens(self.vault, new_key), "the new recovery key does not open the vault")
        self.assertFalse(recovery_key_opens(self.vault, self.key), "the used recovery key still opens the vault")


class RecoverThrottleTests(FirstRunTestCase):
    """Wrong recovery keys on the recover form are slowed down as wrong passphrases are, and count with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vault, cls.key = vault_with_recovery_key(cls.workspace)
        cls.other_vault, cls.other_key = vault_with_recovery_key(cls.workspace, name="other")
        cls.app = cls.make_app(cls.vault)
        cls.client = cls.open_session(cls.app)

    def recover(self, key, passphrase):
        return self.client.post("/unlock/recover", {"recovery_key": key, "passphrase": passphrase, "passphrase_again": passphrase})

    def test_three_wrong_keys_then_a_wait_even_for_the_right_one(self):
        new = new_secret()
        # A key with a typo its checksum catches is tried against nothing: it does not count.
        r = self.recover("ABCD-EFGH", new)
        self.assertStatus(r, 400, "a key with a typo")
        self.assertTextIn("That recovery key is not valid", r, "a key with a typo")
        for attempt in range(3):
            r = self.recover(self.other_key, new)
            self.assertStatus(r, 403, f"wrong recovery key #{attempt + 1}")
            self.assertTextIn("That recovery key does not open this vault", r, f"wrong recovery key #{attempt + 1}")
        r = self.recover(self.key, new)
        self.assertStatus(r, 429, "the right key right after three wrong ones")
        self.assertTextIn("Too many wrong passphrases or recovery keys", r, "the attempt after three wrong ones")
        self.assertTextIn('action="/unlock/recover"', r, "the recover page with its form")
        wait = re.search(r"Wait (\d+) seconds", r.text)
        self.assertTrue(wait, "the refusal does not say how long to wait")
        for secret in (self.key, self.other_key, new):
            self.assertSecretAbsent(secret, r.body, "the throttle page")
        # One count for the whole app: the unlock page waits too.
        r = self.client.unlock(self.vault.passphrase)
        self.assertStatus(r, 429, "the unlock page during the wait the recover form started")
        self.assertTextIn("Too many wrong passphrases", r, "the unlock page during the wait")
        self.assertRedirect(self.client.get("/"), "/unlock", "the vault after the throttled tries")
        self.assertTrue(recovery_key_opens(self.vault, self.key), "the recovery key was used during the wait")
        self.assertTrue(passphrase_opens(self.vault, self.vault.passphrase), "the passphrase changed during the wait")
        time.sleep(int(wait.group(1)) + 0.5)
        r = self.recover(self.key, new)
        self.assertStatus(r, 200, "recovering after the wait")
        self.assertIsNotNone(shown_recovery_key(r.body), "no new recovery key shown")
        self.vault.passphrase = new
        self.assertTrue(passphrase_opens(self.vault, new), "the new passphrase does not open the vault")
