"""What the share and backup tests share: a representative's side (a second
vault with its own identity, and a stock age identity file), a download
read as it streams (to a file, noting whether it was cut), the app's peak
memory, damage to a stored document, and secret files that live for one
call. Nothing here prints a value: codes, keys and pages stay in memory.
"""

import http.client
import json
import os
import subprocess
import tempfile
import urllib.parse

from harness import BINARY, TestVault

#: The stock age binary (Debian's `age`), to check a share is a real age file.
AGE = "/usr/bin/age"


class Representative:
    """An attorney's vault with its age identity (`identity new`), and a
    plain age identity file (`identity new -o FILE`) for stock `age -d`."""

    def __init__(self, workspace, name="attorney"):
        self.vault = TestVault(workspace, name=name)
        shown = json.loads(self.vault.cli(["identity", "new", "--json"], what="identity new").stdout)
        self.recipient = shown["recipient"]
        self.fingerprint = shown["fingerprint"]
        self.key_file = os.path.join(workspace.path, name + "-identity.txt")
        # Classic: the stock age here (1.1) has no post-quantum recipients.
        self.vault.cli(["identity", "new", "--classic", "-o", self.key_file], what="identity new -o")
        with open(self.key_file) as f:
            self.file_recipient = next(line.split(":", 1)[1].strip() for line in f if line.startswith("# public key:"))

    def open_share(self, path, extract=None, with_file_key=True, check=True):
        """`share open PATH [-i KEY] [--extract DIR] --json` in the attorney's vault; the parsed JSON."""
        args = ["share", "open", path, "--json"] + (["-i", self.key_file] if with_file_key else [])
        if extract:
            args += ["--extract", extract]
        done = self.vault.cli(args, what="share open", check=check)
        return json.loads(done.stdout) if done.returncode == 0 else None

    def age_decrypt(self, path):
        """The share's payload decrypted by the stock age binary (a tar archive), or None if age refused it."""
        done = subprocess.run([AGE, "-d", "-i", self.key_file, path], capture_output=True, timeout=120)
        return done.stdout if done.returncode == 0 else None


class Download:
    """A download read as it streams into `path`: status, headers, bytes, and
    whether the transfer ended properly (`complete`) or was cut."""

    def __init__(self, status, headers, path, size, complete, body=None):
        self.status, self.headers, self.path, self.size, self.complete, self.body = status, headers, path, size, complete, body

    def header(self, name):
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None

    @property
    def text(self):
        return (self.body or b"").decode("utf-8", errors="replace")

    def __repr__(self):
        return f"Download({self.status}, complete={self.complete})"


def post_download(client, target, fields, path, site="same-origin", on_first_bytes=None):
    """POSTs a form and streams the answer into `path` (a 200 download), or
    keeps it in `body` (any other answer: a page). Never follows a redirect.
    `on_first_bytes()` is called once the first bytes of a download arrived."""
    body = urllib.parse.urlencode(fields).encode()
    conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=120)
    try:
        conn.putrequest("POST", target, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", f"127.0.0.1:{client.port}")
        conn.putheader("Cookie", "; ".join(f"{k}={v}" for k, v in client.cookies.items()))
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        if site:
            conn.putheader("Sec-Fetch-Site", site)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        headers = r.getheaders()
        if r.status != 200 or (r.getheader("Content-Type") or "").startswith("text/html"):
            return Download(r.status, headers, None, 0, True, body=r.read())
        size, complete = 0, True
        with open(path, "wb") as out:
            try:
                while True:
                    piece = r.read1(1 << 16)
                    if not piece:
                        break
                    out.write(piece)
                    if size == 0 and on_first_bytes:
                        on_first_bytes()
                    size += len(piece)
            except (http.client.IncompleteRead, ConnectionError):
                complete = False
        return Download(r.status, headers, path, size, complete)
    finally:
        conn.close()


def peak_reset(pid):
    """Resets the process's peak resident size (VmHWM) to its current size."""
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def memory_kib(pid):
    """(VmRSS, VmHWM) of the process, in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]


def damage_document(vault_path, doc_id, chunk=3):
    """Flips one byte inside chunk `chunk` (0-based) of a stored document's ciphertext."""
    path = os.path.join(vault_path, "documents", f"{doc_id}.cvdoc")
    with open(path, "r+b") as f:
        f.seek(40 + chunk * ((1 << 20) + 17) + 1000)
        b = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([b[0] ^ 1]))


def add_document(vault, workspace, data, label, name="scan.bin"):
    """Adds `data` as a document through the CLI (`doc add`); its id."""
    folder = tempfile.mkdtemp(dir=workspace.path)
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    try:
        out = vault.cli(["doc", "add", path, "--label", label, "--json"], what="doc add").stdout
    finally:
        os.remove(path)
        os.rmdir(folder)
    return json.loads(out)["documents"][0]["id"]


def documents(vault):
    """{label: entry} from `doc list --json`."""
    return {d["label"]: d for d in json.loads(vault.cli(["doc", "list", "--json"], what="doc list").stdout)["documents"]}


def representatives(vault):
    """{name: entry} from `rep list --json`."""
    return {r["name"]: r for r in json.loads(vault.cli(["rep", "list", "--json"], what="rep list").stdout)["representatives"]}


class SecretFile:
    """A 0600 file holding one secret line, removed when the `with` block ends."""

    def __init__(self, workspace, secret):
        self.workspace, self.secret = workspace, secret

    def __enter__(self):
        fd, self.path = tempfile.mkstemp(prefix="secret.", dir=self.workspace.path)
        os.write(fd, (self.secret + "\n").encode())
        os.close(fd)
        return self.path

    def __exit__(self, *exc):
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass


def run_cli(args, check=False):
    """The built binary with `args` (no vault options added)."""
    return subprocess.run([BINARY] + list(args), capture_output=True, timeout=120, check=check)
