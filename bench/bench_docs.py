"""Document scans: `doc add` / `doc get` throughput against raw secretstream
in memory (the ceiling) and the stock `age` tool (the peer), and peak memory
at 1 byte, 64 MiB and 1 GiB.

Unlock time is taken out of the casevault figures, both ways the issue
allows. With the passphrase, every command runs Argon2id first, so the time
of `doc list` on the same vault (a command that only unlocks and reads the
small index) is measured the same way and subtracted. Through the keyring
(the same vault with `keyring enable`, as in daily use) the unlock is one
Secret Service lookup, so far less is subtracted; `doc list` through the
keyring is measured and taken off the same way. Each best figure is the best
of several rounds; the medians pair each round's commands.
"""
import json, os, resource, shutil, subprocess

import common
import sodium_ref
from common import CASEVAULT, MiB

SIZE = 256 * MiB
# Rounds: the figure of each command is its best round. On a small shared
# machine other work lands in some rounds and not others; nine rounds find
# a quiet one for each side more often than five did.
RUNS = 9
CHUNK = 1 * MiB  # the store's chunk size (DocumentFormat.defaultChunkSize)


def main():
    root = common.scratch()
    try:
        vault = os.path.join(root, "vault")
        pf = common.new_vault(vault)
        cv = lambda *a: [CASEVAULT, *a, "--vault", vault, "--passphrase-file", pf, "--no-keyring"]
        # Memory first: a forked child's ru_maxrss starts at its parent's RSS,
        # so this runs while the bench itself is small (before it reads the
        # 256 MiB file into memory for the raw secretstream ceiling).
        memory(root, cv)
        common.header("Documents: doc add / doc get (256 MiB, release build)")
        src = os.path.join(root, "scan.bin")
        common.make_file(src, SIZE)

        out = os.path.join(root, "out.bin")
        keyfile = os.path.join(root, "age-key")
        common.run(["age-keygen", "-o", keyfile])
        with open(keyfile) as f:
            recipient = next(l.split(": ")[1].strip() for l in f if l.startswith("# public key: "))
        aged = os.path.join(root, "scan.age")
        age_out = os.path.join(root, "age-out.bin")

        # Rounds interleave ours and the references, so a burst of other work
        # on the machine hits both alike; each figure is its best round.
        # Every timed command starts from the same state (common.Quiet).
        quiet = common.Quiet(root)

        def timed(argv):
            quiet()
            wall, _, cpu = common.run_cpu(argv)
            return wall, cpu

        kv = keyring_unlocked(vault, pf)
        names = ("unlock", "add", "get", "age_e", "age_d") + (("k_unlock", "k_add", "k_get") if kv else ())
        runs = {k: [] for k in names}
        for _ in range(RUNS):
            runs["unlock"].append(timed(cv("doc", "list")))
            if kv:
                runs["k_unlock"].append(timed(kv("doc", "list")))
            runs["age_e"].append(timed(["age", "-e", "-r", recipient, "-o", aged, src]))
            runs["add"].append(timed(cv("doc", "add", src, "--label", "bench")))
            if kv:
                runs["k_add"].append(timed(kv("doc", "add", src, "--label", "keyring")))
            runs["age_d"].append(timed(["age", "-d", "-i", keyfile, "-o", age_out, aged]))
            runs["get"].append(timed(cv("doc", "get", "bench", "-o", out)))
            if not filecmp(src, out):
                raise RuntimeError("doc get returned different bytes")
            os.remove(out)
            if kv:
                runs["k_get"].append(timed(kv("doc", "get", "keyring", "-o", out)))
                if not filecmp(src, out):
                    raise RuntimeError("doc get (keyring) returned different bytes")
                os.remove(out)
                common.run(cv("doc", "remove", "keyring", "--yes"))
            for f in (age_out, aged):
                os.remove(f)
            common.run(cv("doc", "remove", "bench", "--yes"))
        keys = ("unlock", "age_e", "add", "age_d", "get") + (("k_unlock", "k_add", "k_get") if kv else ())
        common.show_rounds("doc add/get", keys, [tuple(runs[k][i] for k in keys) for i in range(RUNS)])
        (unlock, unlock_cpu), (add, add_cpu), (get, get_cpu), (age_e, age_e_cpu), (age_d, age_d_cpu) = (
            min(runs[k], key=lambda r: r[0]) for k in ("unlock", "add", "get", "age_e", "age_d"))
        push, pull = sodium_ref.secretstream(src, CHUNK, RUNS)

        mbs = lambda s: SIZE / s / 1e6
        add_net, get_net = add - unlock, get - unlock
        common.line("unlock only (doc list), subtracted below", unlock, "s")
        common.line("doc add, without unlock", mbs(add_net), "MB/s", f"({add_net:.3f} s; fsync included)")
        common.line("doc get, without unlock", mbs(get_net), "MB/s", f"({get_net:.3f} s)")
        common.line("raw secretstream push in memory (ceiling)", mbs(push), "MB/s", f"({push:.3f} s)")
        common.line("raw secretstream pull in memory (ceiling)", mbs(pull), "MB/s", f"({pull:.3f} s)")
        common.line("age -e (X25519 recipient)", mbs(age_e), "MB/s", f"({age_e:.3f} s)")
        common.line("age -d (X25519 identity)", mbs(age_d), "MB/s", f"({age_d:.3f} s)")
        common.ratio("doc add time / age -e time", add_net, age_e, target=1.25)
        common.ratio("doc get time / age -d time", get_net, age_d, target=1.0)
        # The same ratios round by round.
        # Within a round the commands run back to back, so they share the
        # machine's state; the median of these paired ratios moves less from
        # one bench run to the next than the ratio of two best rounds, which
        # one lucky round of either side decides. The unlock taken off is the
        # median of the rounds' unlocks: it is a fixed cost, and pairing it
        # by round only added its own noise.
        unlock_median = sorted(r[0] for r in runs["unlock"])[RUNS // 2]
        per_round = lambda k, ref: sorted((runs[k][i][0] - unlock_median) / runs[ref][i][0] for i in range(RUNS))
        adds, gets = per_round("add", "age_e"), per_round("get", "age_d")
        common.ratio(f"doc add / age -e, median of {RUNS} rounds", adds[RUNS // 2], 1, target=1.25)
        common.line("  (range over the rounds)", adds[0], "x", f"to {adds[-1]:.3f} x")
        common.ratio(f"doc get / age -d, median of {RUNS} rounds", gets[RUNS // 2], 1, target=1.0)
        common.line("  (range over the rounds)", gets[0], "x", f"to {gets[-1]:.3f} x")
        common.ratio("doc add time / raw push time", add_net, push)
        # The push is sequential (each chunk's nonce follows from the previous
        # chunk's tag), so no add can beat it: this is doc add's floor against
        # age -e on this machine (the issue assumed push ran at twice age's speed).
        common.ratio("floor: raw push in memory / age -e", push, age_e)
        common.ratio("doc get time / raw pull time", get_net, pull)
        common.line("load average (1 min) during the run", os.getloadavg()[0], "", "(above 2 the cores are shared)")
        common.line("CPU s: doc add / age -e (unlock out)", add_cpu - unlock_cpu, "s", f"/ {age_e_cpu:.3f} s (SHA-256 and writes run on other threads)")
        common.line("CPU s: doc get / age -d (unlock out)", get_cpu - unlock_cpu, "s", f"/ {age_d_cpu:.3f} s")
        if kv:
            keyring_figures(runs, age_e, age_d)
        else:
            print("  (no keyring unlock here: the keyring figures are left out; run under scripts/with-keyring.sh)")
        os.remove(src)
        quiet.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def keyring_unlocked(vault, pf):
    """Enables keyring unlock on the vault; returns a command builder that
    unlocks through it, or None where no keyring answers."""
    common.run([CASEVAULT, "keyring", "enable", "--vault", vault, "--passphrase-file", pf])
    status = subprocess.run([CASEVAULT, "keyring", "status", "--json", "--vault", vault],
                            capture_output=True, stdin=subprocess.DEVNULL)
    try:
        enabled = json.loads(status.stdout).get("state") == "enabled"
    except ValueError:
        enabled = False
    return (lambda *a: [CASEVAULT, *a, "--vault", vault]) if enabled else None


def keyring_figures(runs, age_e, age_d):
    """The same targets, unlocked through the keyring: far less to subtract."""
    best = lambda k: min(r[0] for r in runs[k])
    median = lambda k: sorted(r[0] for r in runs[k])[RUNS // 2]
    unlock = best("k_unlock")
    add_net, get_net = best("k_add") - unlock, best("k_get") - unlock
    common.line("unlock only through the keyring (doc list)", unlock, "s", "subtracted below")
    common.line("doc add through the keyring, without unlock", SIZE / add_net / 1e6, "MB/s", f"({add_net:.3f} s)")
    common.line("doc get through the keyring, without unlock", SIZE / get_net / 1e6, "MB/s", f"({get_net:.3f} s)")
    common.ratio("keyring: doc add time / age -e time", add_net, age_e, target=1.25)
    common.ratio("keyring: doc get time / age -d time", get_net, age_d, target=1.0)
    unlock_median = median("k_unlock")
    for ours, ref, what, target in (("k_add", "age_e", "doc add / age -e", 1.25), ("k_get", "age_d", "doc get / age -d", 1.0)):
        r = sorted((runs[ours][i][0] - unlock_median) / runs[ref][i][0] for i in range(RUNS))
        common.ratio(f"keyring: {what}, median of {RUNS}", r[RUNS // 2], 1, target=target)
        common.line("  (range over the rounds)", r[0], "x", f"to {r[-1]:.3f} x")


def memory(root, cv):
    common.header("Documents: peak memory (RSS of the casevault process, Argon2id unlock included)")
    common.line("bench process RSS when the children start", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, "MiB")
    peaks = {}
    for name, size in (("1 byte", 1), ("64 MiB", 64 * MiB), ("1 GiB", 1024 * MiB)):
        src = os.path.join(root, "mem.bin")
        out = os.path.join(root, "mem-out.bin")
        common.make_file(src, size)
        _, add_rss = common.run(cv("doc", "add", src, "--label", "mem"))
        _, get_rss = common.run(cv("doc", "get", "mem", "-o", out))
        common.run(cv("doc", "remove", "mem", "--yes"))
        os.remove(src)
        os.remove(out)
        peaks[name] = (add_rss, get_rss)
        common.line(f"doc add peak RSS, {name}", add_rss, "MiB")
        common.line(f"doc get peak RSS, {name}", get_rss, "MiB")
    for i, what in ((0, "doc add"), (1, "doc get")):
        growth = peaks["1 GiB"][i] - peaks["1 byte"][i]
        verdict = "MET" if growth <= 32 else "MISSED"
        print(f"  {what + ' peak at 1 GiB minus peak at 1 byte':<44} {growth:>10.3f} MiB    target <= 32 MiB: {verdict}")


def filecmp(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(MiB), fb.read(MiB)
            if x != y:
                return False
            if not x:
                return True
