"""Shared helpers for `make bench`: timing and peak memory of child processes.

Every figure is measured in the same run as its reference, and printed as a
ratio, so results compare like with like on whatever machine runs them.
"""
import os, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASEVAULT = os.path.join(ROOT, ".build", "release", "casevault")
MiB = 1024 * 1024


GNU_TIME = "/usr/bin/time"


def run(argv, stdin_path=None, stdout_path=None, env=None, input_bytes=None):
    """Runs argv; returns (wall seconds, peak RSS in MiB). Raises on failure.

    Peak RSS comes from GNU time, not from our own wait4: at exec, Linux
    records the forking process's RSS high-water mark as the child's, so a
    child of this (possibly large) Python process would report Python's size.
    GNU time is a small process; what it measures is the command alone.
    """
    rss_file = None
    if os.path.exists(GNU_TIME):
        fd, rss_file = tempfile.mkstemp(prefix="casevault-bench-rss-")
        os.close(fd)
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + list(argv)
    e = dict(os.environ)
    if env:
        e.update(env)
    stdin = open(stdin_path, "rb") if stdin_path else (subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL)
    stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=e)
    if input_bytes is not None:
        p.stdin.write(input_bytes)
        p.stdin.close()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    for f in (stdin, stdout):
        if hasattr(f, "close"):
            f.close()
    code = os.waitstatus_to_exitcode(status)
    peak_kib = usage.ru_maxrss
    if rss_file:
        try:
            with open(rss_file) as f:
                peak_kib = int(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(rss_file)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err.strip()}")
    return wall, peak_kib / 1024.0


def best_of(n, fn):
    """Runs fn() n times; returns the fastest (seconds, rss) pair."""
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r[0])


def make_file(path, size):
    """Writes `size` pseudo-random bytes (incompressible) to path."""
    chunk = os.urandom(MiB)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[:n])
            left -= n


def scratch():
    d = tempfile.mkdtemp(prefix="casevault-bench-")
    os.chmod(d, 0o700)
    return d


def header(title):
    print(f"\n== {title}")


def line(name, value, unit="", note=""):
    print(f"  {name:<44} {value:>10.3f} {unit:<6} {note}")


def ratio(name, ours, ref, target=None, lower_is_better=True):
    """Prints ours/ref and whether the target (a bound on that ratio) holds."""
    r = ours / ref if ref else float("inf")
    verdict = ""
    if target is not None:
        ok = r <= target if lower_is_better else r >= target
        verdict = f"target {'<=' if lower_is_better else '>='} {target:.2f}: {'MET' if ok else 'MISSED'}"
    print(f"  {name:<44} {r:>10.3f} x      {verdict}")
    return r


def new_vault(directory, passphrase="bench passphrase, not a secret"):
    """Creates a vault with interactive KDF limits; returns the passphrase file path."""
    pf = os.path.join(os.path.dirname(directory), "passphrase")
    with open(pf, "w") as f:
        f.write(passphrase + "\n")
    os.chmod(pf, 0o600)
    run([CASEVAULT, "init", "--vault", directory, "--passphrase-file", pf, "--kdf", "interactive", "--no-keyring"])
    return pf
