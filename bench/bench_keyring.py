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
    swift_src = os.path.join(d, "hello.swift")
    with open(swift_src, "w") as f:
        f.write('print("hello, world")\n')
    swift_bin = os.path.join(d, "hello-swift")
    if shutil.which("swiftc"):
        subprocess.run(["swiftc", "-O", swift_src, "-o", swift_bin], check=True, capture_output=True)
        out["swift"] = swift_bin
    c_src = os.path.join(d, "hello.c")
    with open(c_src, "w") as f:
        f.write('#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n')
    c_bin = os.path.join(d, "hello-c")
    if shutil.which("cc"):
        subprocess.run(["cc", "-O2", c_src, "-o", c_bin], check=True, capture_output=True)
        out["c"] = c_bin
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
        passphrase, _ = common.best_of(5, lambda: common.run(
            [common.CASEVAULT, "code", "show", "uscis", "--vault", vault, "--passphrase-file", pf, "--no-keyring"]))
        floors = {name: common.best_of(RUNS, lambda p=path: common.run([p]))[0]
                  for name, path in hello_worlds(d).items()}

        common.line("code show, unlocked through the keyring", ours * 1000, "ms", f"peak {ours_rss:.1f} MiB")
        common.line("secret-tool lookup (one item)", ref * 1000, "ms", f"peak {ref_rss:.1f} MiB")
        common.line("code show, passphrase (interactive Argon2id)", passphrase * 1000, "ms", "for context")
        for name, t in floors.items():
            common.line(f"hello-world start ({name})", t * 1000, "ms", "floor")
        common.ratio("code show (keyring) / secret-tool lookup", ours, ref, target=2.0)
        if "swift" in floors:
            common.ratio("code show (keyring) / Swift hello-world", ours, floors["swift"])
        if "c" in floors:
            common.ratio("secret-tool lookup / C hello-world", ref, floors["c"])
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
