"""Keyring unlock: `casevault code show` opened through the Secret Service.

Measured beside its floors in the same run:
- `secret-tool lookup` of one item (libsecret's own client: one process, one
  D-Bus session, one lookup), the reference for the target;
- the start of a compiled hello-world (Swift -O and C -O2): what any process
  start costs here.
Target: `code show` through the keyring within 2x of `secret-tool lookup`.
Runs inside scripts/with-keyring.sh (make bench), on its private keyring.
"""
import json
import os
import shutil
import subprocess

import common

RUNS = 21


def hello_worlds(d):
    """Compiles hello-world in Swift (-O) and C (-O2); returns their paths."""
    out = {}
    programs = [("swift", "swift", ["swiftc", "-O"], 'print("hello, world")\n'),
                ("c", "c", ["cc", "-O2"], '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n')]
    for name, ext, compiler, text in programs:
        if not shutil.which(compiler[0]):
            continue
        src, binary = os.path.join(d, "hello." + ext), os.path.join(d, "hello-" + name)
        with open(src, "w") as f:
            f.write(text)
        subprocess.run(compiler + [src, "-o", binary], check=True, capture_output=True)
        out[name] = binary
    return out


def main():
    common.header("keyring unlock (code show through the Secret Service)")
    d = common.scratch()
    try:
        vault = os.path.join(d, "vault")
        pf = common.new_vault(vault)
        common.run([common.CASEVAULT, "code", "add", "uscis", "--vault", vault, "--passphrase-file", pf, "--no-keyring"],
                   input_bytes=b"ABCD-EFGH-1234\n")
        common.run([common.CASEVAULT, "keyring", "enable", "--vault", vault, "--passphrase-file", pf])
        status = subprocess.run([common.CASEVAULT, "keyring", "status", "--json", "--vault", vault],
                                capture_output=True, check=True, stdin=subprocess.DEVNULL)
        info = json.loads(status.stdout)
        if info.get("state") != "enabled":
            raise RuntimeError(f"keyring unlock is not working here: {info.get('explanation')}")
        vault_id = info["vaultId"]

        show = [common.CASEVAULT, "code", "show", "uscis", "--vault", vault]
        lookup = ["secret-tool", "lookup", "application", "casevault", "vault", vault_id]
        # Warm the page cache and the keyring daemon once.
        common.run(show)
        common.run(lookup)
        # Interleaved, so a burst of load elsewhere hits both sides alike.
        pairs = [(common.run(show), common.run(lookup)) for _ in range(RUNS)]
        ours, ours_rss = min((p[0] for p in pairs), key=lambda r: r[0])
        ref, ref_rss = min((p[1] for p in pairs), key=lambda r: r[0])
        # casevault's own floor: process start and vault open, no keyring.
        opened, _ = common.best_of(RUNS, lambda: common.run(
            [common.CASEVAULT, "keyring", "status", "--no-keyring", "--vault", vault]))
        passphrase, _ = common.best_of(5, lambda: common.run(
            [common.CASEVAULT, "code", "show", "uscis", "--vault", vault, "--passphrase-file", pf, "--no-keyring"]))
        floors = {name: common.best_of(RUNS, lambda p=path: common.run([p]))[0]
                  for name, path in hello_worlds(d).items()}

        common.line("code show, unlocked through the keyring", ours * 1000, "ms", f"peak {ours_rss:.1f} MiB")
        common.line("secret-tool lookup (one item)", ref * 1000, "ms", f"peak {ref_rss:.1f} MiB")
        common.line("casevault start + vault open, no unlock", opened * 1000, "ms", "casevault's floor")
        common.line("  so the keyring step itself takes about", (ours - opened) * 1000, "ms")
        common.line("code show, passphrase (interactive Argon2id)", passphrase * 1000, "ms", "for context")
        for name, t in floors.items():
            common.line(f"hello-world start ({name})", t * 1000, "ms", "floor")
        common.ratio("code show (keyring) / secret-tool lookup", ours, ref, target=2.0)
        if "swift" in floors:
            common.ratio("code show (keyring) / Swift hello-world", ours, floors["swift"])
        common.ratio("keyring step / secret-tool lookup", max(ours - opened, 0.0), ref)
        if "c" in floors:
            common.ratio("secret-tool lookup / C hello-world", ref, floors["c"])
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
