"""The attorney's inbox at 10,000 clients with 3 shares each (issue 17, "Scale").

The inbox is generated once (Bench/InboxGenerator: every share signed by its
client's own key, encrypted to the vault's identity and imported through the
library's real import path) and cached outside the repository, under
$XDG_CACHE_HOME/casevault-bench/ (else ~/.cache/casevault-bench/); later runs
reuse it, and a change of FORMAT below makes it again.

Measured, each beside the unlock alone on the same vault (`rep list`: the
Argon2id unlock, the state check and a small table), as bench_shares.py
leaves the unlock out:
- `casevault share list` (every client and share, 40,000 lines): target
  under 0.5 s with the unlock left out;
- `casevault share import FILE` of 20 new shares, one command each, then
  `share import FILE...` of 280 more in one command, into a copy of the
  inbox: shares per second;
- the unlock at that size against the unlock of an empty vault;
- the vault's size on disk;
- in the library (InboxGenerator measure): the state digest every write and
  unlock computes, reading the inbox index and making it from the records,
  the index's memory, and a page, a search and one client's shares (p50, p95).

The app's own pages (first page, search p95, memory) are measured by the
app's bench from the same cached vault: `inbox_vault()` below.
"""
import json
import os
import shutil
import statistics
import subprocess
import common

CLIENTS = int(os.environ.get("CASEVAULT_BENCH_INBOX_CLIENTS", "10000"))
PER_CLIENT = 3
EXTRA = 300
# Bump when the generator, the share format or the vault format changes: the
# cached inbox is then made again.
FORMAT = 1
ROUNDS = 5
SINGLE = 20
GENERATOR = os.path.join(common.ROOT, ".build", "release", "InboxGenerator")
PASSPHRASE = "bench passphrase, not a secret"


def cache_root():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "casevault-bench", f"inbox-v{FORMAT}-{CLIENTS}x{PER_CLIENT}")


def inbox_vault():
    """The cached inbox: (vault directory, passphrase file, directory of the
    EXTRA share files not imported, what the generator reported). Made first
    if missing (about 10 minutes here). Commands that only read may use the
    vault in place (an unlock records its state counter under
    $XDG_STATE_HOME, nothing in the vault); anything that writes must use a
    copy (`copy_inbox`), so every run starts from the same inbox."""
    root = cache_root()
    done = os.path.join(root, "generated.json")
    if not os.path.exists(done):
        generate(root)
    with open(done) as f:
        report = json.load(f)
    return os.path.join(root, "vault"), os.path.join(root, "passphrase"), os.path.join(root, "extra"), report


def generate(root):
    if not os.path.exists(GENERATOR):
        raise RuntimeError("bench: build first: swift build -c release --product InboxGenerator")
    parent = os.path.dirname(root)
    os.makedirs(parent, mode=0o700, exist_ok=True)
    # Older formats' inboxes are dropped with the new one made.
    for old in os.listdir(parent):
        if old.startswith("inbox-") and os.path.join(parent, old) != root:
            shutil.rmtree(os.path.join(parent, old), ignore_errors=True)
    work = root + ".partial"
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work, mode=0o700)
    pf = os.path.join(work, "passphrase")
    with open(pf, "w") as f:
        f.write(PASSPHRASE + "\n")
    os.chmod(pf, 0o600)
    print(f"  generating the inbox ({CLIENTS} clients x {PER_CLIENT} shares) in {root} ...", flush=True)
    out = subprocess.run([GENERATOR, os.path.join(work, "vault"), pf, str(CLIENTS), str(PER_CLIENT),
                          os.path.join(work, "extra"), str(EXTRA)], check=True, stdout=subprocess.PIPE)
    report = json.loads(out.stdout)
    with open(os.path.join(work, "generated.json"), "w") as f:
        json.dump(report, f)
    shutil.rmtree(root, ignore_errors=True)
    os.rename(work, root)


def copy_inbox(directory):
    """A copy of the cached vault at `directory`/vault (modes kept); returns its path."""
    vault, _, _, _ = inbox_vault()
    target = os.path.join(directory, "vault")
    shutil.copytree(vault, target, symlinks=True)
    return target


def size_mib(path):
    total = 0
    for d, _, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(d, name)).st_blocks * 512
    return total / common.MiB


def main():
    common.header(f"inbox: {CLIENTS} clients x {PER_CLIENT} shares")
    vault, pf, extra, generated = inbox_vault()
    d = common.scratch()
    # This run's own record of state counters: the cached vault is used in place.
    env = {"XDG_STATE_HOME": os.path.join(d, "state")}
    try:
        cv = lambda path, *args: [common.CASEVAULT, *args, "--vault", path, "--passphrase-file", pf, "--no-keyring"]
        quiet = common.Quiet(d, mib=64)

        def timed(argv, stdout=None):
            quiet()
            return common.run_cpu(argv, stdout_path=stdout, env=env)

        listing = os.path.join(d, "list.txt")
        rounds = [(timed(cv(vault, "rep", "list")), timed(cv(vault, "share", "list"), stdout=listing),
                   timed(cv(vault, "share", "list", "--json"), stdout=os.devnull)) for _ in range(ROUNDS)]
        common.show_rounds("share list", ("unlock", "list", "list --json"), rounds)
        unlock, text, js = (min((r[i] for r in rounds), key=lambda x: x[0]) for i in range(3))
        lines = sum(1 for _ in open(listing))
        common.line("unlock only (rep list), subtracted below", unlock[0], "s", f"peak {unlock[1]:.1f} MiB")
        common.line(f"share list ({lines} lines)", text[0], "s", f"peak {text[1]:.1f} MiB")
        net = text[0] - unlock[0]
        per_round = sorted(r[1][0] - r[0][0] for r in rounds)
        verdict = "MET" if net < 0.5 else "MISSED"
        common.line("share list without unlock", net, "s", f"target < 0.5 s: {verdict}")
        common.line("  (median of the rounds' differences)", statistics.median(per_round), "s")
        common.line("share list --json without unlock", js[0] - unlock[0], "s", f"peak {js[1]:.1f} MiB")

        # The unlock at this size against an empty vault's (same KDF).
        empty = os.path.join(d, "empty")
        common.run([common.CASEVAULT, "init", "--vault", empty, "--passphrase-file", pf, "--kdf", "interactive", "--no-keyring"], env=env)
        empty_unlock = common.best_of(ROUNDS, lambda: timed(cv(empty, "rep", "list")))
        common.line("unlock of an empty vault (rep list)", empty_unlock[0], "s")
        common.line("unlock at this size minus empty", unlock[0] - empty_unlock[0], "s")
        common.line("vault size (vault.db and inbox/)", size_mib(vault), "MiB",
                    f"vault.db {os.path.getsize(os.path.join(vault, 'vault.db')) / common.MiB:.1f} MiB")

        # Import into a copy (half new clients, half clients already pinned):
        # SINGLE files one command each, then the rest in one command.
        files = sorted(os.path.join(extra, f) for f in os.listdir(extra))
        copy = copy_inbox(d)
        singles = [timed(cv(copy, "share", "import", f), stdout=os.devnull)[0] - unlock[0] for f in files[:SINGLE]]
        common.line(f"share import FILE, one per command (median of {SINGLE})", statistics.median(singles), "s",
                    f"unlock out: {1 / statistics.median(singles):.0f} shares/s")
        rest = files[SINGLE:]
        imported = timed(cv(copy, "share", "import", *rest), stdout=os.devnull)
        rate = len(rest) / (imported[0] - unlock[0])
        common.line(f"share import of {len(rest)} files (one command)", imported[0], "s", f"peak {imported[1]:.1f} MiB")
        common.line("  shares per second (unlock out)", rate, "/s")
        common.line("library import while generating (shares/s)", generated["sharesPerSecond"], "/s",
                    f"{generated['shares']:.0f} shares in {generated['importSeconds']:.0f} s")
        after = timed(cv(copy, "share", "list"), stdout=os.devnull)
        common.line("share list after the import, unlock out", after[0] - unlock[0], "s")

        # The library's own figures, in one process.
        out = subprocess.run([GENERATOR, "measure", vault, pf], check=True, stdout=subprocess.PIPE, env=dict(os.environ, **env))
        m = json.loads(out.stdout)
        common.line("library: unlock (Argon2id interactive + state check)", m["unlockSeconds"], "s")
        common.line("library: state digest (each write and unlock)", m["stateDigestSeconds"], "s")
        common.line("library: read the index (first, then median)", m["indexFirstLoadSeconds"], "s", f"then {m['indexLoadSeconds']:.3f} s")
        common.line("library: make the index from the records", m["indexBuildSeconds"], "s")
        common.line("library: index in memory", m["indexMiB"], "MiB")
        common.line("library: page of 50 clients, p95", m["pageP95"] * 1000, "ms", f"p50 {m['pageP50'] * 1000:.2f} ms")
        common.line("library: search, p95", m["searchP95"] * 1000, "ms", f"p50 {m['searchP50'] * 1000:.2f} ms")
        common.line("library: one client's shares, p95", m["clientSharesP95"] * 1000, "ms")
        quiet.close()

        # The app's Clients pages on the same vault, in place (bench/app_inbox.py).
        import app_inbox
        app_inbox.measure(vault, PASSPHRASE, CLIENTS, env=env)
    finally:
        shutil.rmtree(d, ignore_errors=True)
