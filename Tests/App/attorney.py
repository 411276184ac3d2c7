"""What the attorney-side tests share: an attorney's vault with an identity,
applicants' vaults that send it shares (made with the CLI: `identity new`,
`rep add`, `export`), a multipart POST of several share files, and the
inbox read back through the CLI (`share list --json`).

Nothing here prints a code, a passphrase or a page.
"""

import json
import os
import secrets
import tempfile

REP_NAME = "Jane Doe, Esq."


def make_attorney(cls, name="attorney"):
    """An attorney's vault with an identity; returns (vault, recipient, fingerprint)."""
    vault = cls.make_vault(name=name)
    out = json.loads(vault.cli(["identity", "new", "--json"], what="identity new").stdout)
    return vault, out["recipient"], out["fingerprint"]


class Applicant:
    """An applicant's vault, its representative set to the attorney's recipient.

    `codes`: the USCIS backup code stored (kept in memory only);
    `a_number`: the A-Number stored; `documents`: {file name: bytes}.
    """

    def __init__(self, cls, recipient, name=None, documents=None, codes=True, vault_name=None):
        self.cls = cls
        self.vault = cls.make_vault(name=vault_name or ("applicant-" + secrets.token_hex(4)))
        self.vault.cli(["rep", "add", REP_NAME, recipient], what="rep add")
        self.code = None
        self.a_number = None
        if codes:
            self.code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
            self.vault.cli(["code", "add", "uscis"], stdin=(self.code + "\n").encode(), what="code add")
            self.a_number = "A0" + "".join(str(secrets.randbelow(10)) for _ in range(8))
            self.vault.cli(["id", "add", "a-number"], stdin=(self.a_number + "\n").encode(), what="id add")
        self.documents = dict(documents or {})
        if self.documents:
            folder = cls.workspace.sub("docs-" + secrets.token_hex(4))
            paths = []
            for file_name, data in self.documents.items():
                path = os.path.join(folder, file_name)
                with open(path, "wb") as f:
                    f.write(data)
                paths.append(path)
            self.vault.cli(["doc", "add"] + paths, what="doc add")
        self.name = name

    def export(self, path, as_name=None, codes=True, docs=True):
        """A share to the attorney, signed as `as_name` (default: the applicant's name)."""
        args = ["export", "--to", REP_NAME, "--as", as_name or self.name, "-o", path]
        if codes and self.code:
            args += ["--all-codes", "--ids"]
        if docs and self.documents:
            args.append("--all-docs")
        self.vault.cli(args, what="export")
        with open(path, "rb") as f:
            return f.read()

    def signing_fingerprint(self):
        return json.loads(self.vault.cli(["identity", "show", "--json"], what="identity show").stdout)["signingFingerprint"]


def post_files(client, target, files, site="same-origin", field="shares"):
    """POSTs `files` ([(file name, bytes)]) as one `<input type=file multiple>` field."""
    boundary = "----CaseVaultTest" + secrets.token_hex(8)
    parts = []
    for file_name, data in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{file_name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if site is not None:
        headers["Sec-Fetch-Site"] = site
    return client.request("POST", target, headers=headers, body=body)


def share_list(vault):
    """`share list --json`: {client name: [share]} (entry paths, no contents)."""
    out = json.loads(vault.cli(["share", "list", "--json"], what="share list").stdout)
    return {c["client"]: c for c in out["clients"]}


def inbox_files(vault):
    """The files in the vault's inbox/ folder (none before the first import)."""
    folder = os.path.join(vault.path, "inbox")
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def vault_folder_files(vault):
    """Every name in the vault's folder and its inbox/ (a kept upload would show here)."""
    names = set(os.listdir(vault.path))
    names |= {"inbox/" + n for n in inbox_files(vault)}
    return names


GENERATOR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         ".build", "debug", "InboxGenerator")


def generated_practice(cls, clients, per_client=1, extra=0, name="practice"):
    """An attorney's vault holding `clients` clients (`per_client` shares each),
    made by the bench's InboxGenerator through the library's import; and
    `extra` share files not imported (half new clients, half existing).
    Returns (TestVault, [extra file paths])."""
    import subprocess
    from harness import HarnessError, TestVault
    if not os.access(GENERATOR, os.X_OK):
        raise HarnessError(f"no InboxGenerator at {GENERATOR}: run swift build first")
    vault = TestVault(cls.workspace, name=name, create=False)
    extra_dir = cls.workspace.sub(name + "-extra")
    fd, pass_file = tempfile.mkstemp(prefix="pass.", dir=cls.workspace.path)
    try:
        os.write(fd, (vault.passphrase + "\n").encode())
        os.close(fd)
        done = subprocess.run([GENERATOR, vault.path, pass_file, str(clients), str(per_client), extra_dir, str(extra)],
                              capture_output=True, timeout=600)
    finally:
        os.remove(pass_file)
    if done.returncode != 0:
        raise HarnessError(f"InboxGenerator exited {done.returncode}")
    return vault, sorted(os.path.join(extra_dir, n) for n in os.listdir(extra_dir))
