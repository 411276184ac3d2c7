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
    """Runs argv; returns (wall seconds, peak RSS in MiB). Raises on failure."""
    wall, rss, _ = run_cpu(argv, stdin_path, stdout_path, env, input_bytes)
    return wall, rss


def run_cpu(argv, stdin_path=None, stdout_path=None, env=None, input_bytes=None):
    """Runs argv; returns (wall seconds, peak RSS in MiB, CPU seconds). Raises on failure.

    CPU seconds are user + system time of the command and its threads: on a
    busy machine wall time partly measures waiting, CPU time the work.

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
    # wait4 on GNU time counts the command it waited for as well.
    return wall, peak_kib / 1024.0, usage.ru_utime + usage.ru_stime


def show_rounds(title, names, rounds):
    """With CASEVAULT_BENCH_VERBOSE=1, prints every round's wall/CPU seconds."""
    if os.environ.get("CASEVAULT_BENCH_VERBOSE") != "1":
        return
    print(f"  rounds of {title} (wall/CPU s):")
    for name, i in zip(names, range(len(names))):
        print(f"    {name:<10} " + " ".join(f"{r[i][0]:.2f}/{r[i][-1]:.2f}" for r in rounds))


class Quiet:
    """Puts the machine in the same state before each timed command: no
    writeback of earlier commands' files under way, and free memory that
    the guest still holds.

    The second matters on virtual machines that hand freed memory back to
    the host (virtio-balloon free page reporting, about two seconds after it
    is freed): the next process to touch such memory waits while the host
    maps it again. Measured on this project's 2-core VMs: copying 256 MiB
    into a new file took 0.55 to 0.85 s that way, 0.07 s when it got pages
    freed a moment before. Which timed command in a round met that cost
    depended on the order of the round, not on the command. So before each
    one, the bench writes and deletes `mib` MiB of distinct random bytes
    (pages of identical content may be merged by the host, and writing to a
    merged page costs the same wait), which leaves that much recently freed
    memory for the command's page cache and buffers. Untimed; applied to
    casevault and to its references alike.
    """

    def __init__(self, directory, mib=320):
        self.source = os.path.join(directory, "quiet-source")
        self.copy = os.path.join(directory, "quiet-copy")
        with open(self.source, "wb") as f:
            for _ in range(mib):
                f.write(os.urandom(MiB))
        self.size = mib * MiB

    def __call__(self):
        os.sync()
        with open(self.source, "rb") as src, open(self.copy, "wb") as dst:
            left = self.size
            while left > 0:
                left -= os.sendfile(dst.fileno(), src.fileno(), None, left)
        os.remove(self.copy)

    def close(self):
        os.remove(self.source)


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
