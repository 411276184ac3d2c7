"""Helpers the first-run and settings tests share: a vault whose recovery key
the test knows, backups made by the CLI, the recovery key read off a page,
the app's open files (an uploaded backup is held as an unnamed file).

Nothing here prints a value: keys, passphrases and pages stay in memory.
"""

import json
import os
import re
import tempfile
from contextlib import contextmanager

from harness import TestVault, new_secret

#: A recovery key as the app shows it: nine groups of four Crockford base32 characters.
RECOVERY_KEY = re.compile(r'id="recovery-key">([0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){8})<')


def shown_recovery_key(body):
    """The recovery key a page shows in `#recovery-key`, or None (never printed)."""
    m = RECOVERY_KEY.search(body.decode() if isinstance(body, bytes) else body)
    return m.group(1) if m else None


@contextmanager
def secret_file(workspace, text):
    """A 0600 file holding `text` and a newline, removed when the block ends."""
    fd, path = tempfile.mkstemp(prefix="secret.", dir=workspace.path)
    try:
        os.write(fd, (text + "\n").encode())
        os.close(fd)
        yield path
    finally:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


def vault_with_recovery_key(workspace, name="vault"):
    """A vault made by `casevault init --json` (fast KDF); returns (TestVault, recovery key)."""
    vault = TestVault(workspace, name=name, create=False)
    out = vault.cli(["init", "--kdf", "interactive", "--json"], what="init").stdout
    return vault, json.loads(out)["recoveryKey"]


def new_vault_at(workspace, name):
    """A TestVault for a path where the app will make the vault (nothing there yet)."""
    return TestVault(workspace, name=name, passphrase=new_secret(), create=False)


def backup_with_passphrase(vault, path, backup_passphrase, check=True):
    """`casevault backup -o PATH --backup-passphrase-file …` on `vault`; returns the CompletedProcess."""
    with secret_file(vault.workspace, backup_passphrase) as f:
        return vault.cli(["backup", "-o", path, "--backup-passphrase-file", f], what="backup", check=check)


def backup_with_recovery_key(vault, path, recovery_key, check=True):
    """`casevault backup -o PATH --recovery-key-file …` (the key must open the vault); the CompletedProcess."""
    with secret_file(vault.workspace, recovery_key) as f:
        return vault.cli(["backup", "-o", path, "--recovery-key-file", f], what="backup --recovery-key", check=check)


def recovery_key_opens(vault, key):
    """Whether `key` opens `vault`: `backup --recovery-key-file` unlocks with it first (exit 4 when it does not)."""
    out = os.path.join(vault.workspace.path, "probe-" + new_secret(1) + ".age")
    with secret_file(vault.workspace, key) as f:
        done = vault.cli(["backup", "-o", out, "--recovery-key-file", f], what="backup probe", check=False)
    if os.path.exists(out):
        os.remove(out)
    return done.returncode == 0


def passphrase_opens(vault, passphrase):
    """Whether `passphrase` opens `vault` (`status`; the vault's own passphrase is not changed)."""
    saved = vault.passphrase
    vault.passphrase = passphrase
    try:
        return vault.cli(["status", "--json"], what="status", check=False).returncode == 0
    finally:
        vault.passphrase = saved


def vault_id(vault):
    return json.loads(vault.cli(["status", "--json"], what="status").stdout)["vaultId"]


def open_files_under(pid, folder):
    """The app's open files whose path is under `folder`: [(fd, link target)].

    An unnamed (O_TMPFILE) file shows as `FOLDER/#INODE (deleted)`.
    """
    found = []
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.startswith(folder.rstrip("/") + "/"):
            found.append((int(fd), target))
    return found


def unnamed_files_under(pid, folder):
    """The app's open unnamed files directly in `folder` (what an upload is held as)."""
    prefix = folder.rstrip("/") + "/#"
    return [(fd, t) for fd, t in open_files_under(pid, folder) if t.startswith(prefix) and t.endswith(" (deleted)")]


def read_open_file(pid, fd):
    """The bytes of the app's open file `fd` (read through /proc, from the start)."""
    with open(f"/proc/{pid}/fd/{fd}", "rb") as f:
        return f.read()


#: What screenshots show instead of a test's temporary folder and random key,
#: so a picture changes only when its page does.
USUAL_VAULT = "/home/maria/.local/share/casevault"
EXAMPLE_KEY = "7K3M-Q9XD-4TWE-HN2P-8RFA-C5YB-J6VG-0SZK-M1QT"


def show_usual_values(browser, replacements):
    """Replaces text on the page before a screenshot ({real: shown}), after the test checked the real values."""
    browser.driver.execute_script("""
        var pairs = arguments[0];
        var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            var node = walker.currentNode;
            for (var real in pairs) { node.nodeValue = node.nodeValue.split(real).join(pairs[real]); }
        }""", replacements)
