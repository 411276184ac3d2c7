"""age: `casevault age encrypt/decrypt` against the stock `age -e/-d` on the
same 256 MiB file, with libsodium's in-memory ChaCha20-Poly1305 speed as the
ceiling. Targets: time ratio ours/age <= 1.00 both ways (at least as fast as
age) and flat memory (peak RSS independent of the file size)."""
import ctypes, ctypes.util, filecmp, os, resource, shutil, time
import common

SIZE = 256 * common.MiB
SMALL = 16 * common.MiB
RUNS = 5


def best_pair(ours, theirs, quiet):
    """Runs the two commands alternately RUNS times (so neither always runs
    right after the other's writes), each from the same state (`quiet`,
    common.Quiet); for each, best wall time, highest peak RSS and best CPU time."""
    a, b = [], []
    for _ in range(RUNS):
        quiet()
        a.append(common.run_cpu(ours))
        quiet()
        b.append(common.run_cpu(theirs))
    pick = lambda runs: (min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs))
    return pick(a), pick(b)


def libsodium_seconds(size):
    """Seconds for libsodium alone to seal `size` bytes in 64 KiB chunks, in memory."""
    lib = ctypes.CDLL(ctypes.util.find_library("sodium") or "libsodium.so.23")
    lib.sodium_init()
    chunk = 64 * 1024
    key = (ctypes.c_ubyte * 32)()
    nonce = (ctypes.c_ubyte * 12)()
    src = (ctypes.c_ubyte * chunk)()
    dst = (ctypes.c_ubyte * (chunk + 16))()
    out_len = ctypes.c_ulonglong()
    enc = lib.crypto_aead_chacha20poly1305_ietf_encrypt
    t0 = time.perf_counter()
    for i in range(size // chunk):
        nonce[11] = i & 0xFF
        enc(dst, ctypes.byref(out_len), src, ctypes.c_ulonglong(chunk), None, ctypes.c_ulonglong(0), None, nonce, key)
    return time.perf_counter() - t0


def main():
    common.header("age: 256 MiB file, casevault age vs age 1.1 (best of %d)" % RUNS)
    if not shutil.which("age"):
        raise RuntimeError("age is not installed (scripts/setup.sh test installs it)")
    d = common.scratch()
    try:
        key = os.path.join(d, "key.txt")
        wall, _ = common.run([common.CASEVAULT, "age", "keygen", "-o", key], stdout_path=os.path.join(d, "recipient"))
        recipient = open(os.path.join(d, "recipient")).read().strip()
        plain = os.path.join(d, "plain")
        common.make_file(plain, SIZE)

        ours_enc, theirs_enc = os.path.join(d, "ours.age"), os.path.join(d, "theirs.age")
        quiet = common.Quiet(d)
        oe, te = best_pair([common.CASEVAULT, "age", "encrypt", "-r", recipient, "-o", ours_enc, plain],
                           ["age", "-e", "-r", recipient, "-o", theirs_enc, plain], quiet)
        ours_dec, theirs_dec = os.path.join(d, "ours.out"), os.path.join(d, "theirs.out")
        od, td = best_pair([common.CASEVAULT, "age", "decrypt", "-i", key, "-o", ours_dec, ours_enc],
                           ["age", "-d", "-i", key, "-o", theirs_dec, theirs_enc], quiet)
        quiet.close()
        if not (filecmp.cmp(plain, ours_dec, shallow=False) and filecmp.cmp(plain, theirs_dec, shallow=False)):
            raise RuntimeError("a decryption did not give back the plaintext")
        # Cross-check: each decrypts the other's file (not timed).
        common.run([common.CASEVAULT, "age", "decrypt", "-i", key, "-o", ours_dec, theirs_enc])
        common.run(["age", "-d", "-i", key, "-o", theirs_dec, ours_enc])

        mib = SIZE / common.MiB
        sodium = libsodium_seconds(SIZE)
        common.line("libsodium chacha20poly1305 (in memory)", mib / sodium, "MiB/s")
        for name, (w, rss, cpu) in [("casevault age encrypt", oe), ("age -e", te), ("casevault age decrypt", od), ("age -d", td)]:
            common.line(name, mib / w, "MiB/s", f"{w:.3f} s wall, {cpu:.3f} s cpu, peak RSS {rss:.1f} MiB")
        common.ratio("encrypt wall time, casevault / age", oe[0], te[0], target=1.0)
        common.ratio("decrypt wall time, casevault / age", od[0], td[0], target=1.0)
        # The target is time ("at least as fast as age"). CPU time is shown
        # beside it: sealing on all cores spends a little more CPU than one
        # thread would, to finish sooner.
        common.ratio("encrypt cpu time, casevault / age", oe[2], te[2])
        common.ratio("decrypt cpu time, casevault / age", od[2], td[2])
        common.ratio("encrypt cpu time, casevault / libsodium alone", oe[2], sodium)
        common.ratio("peak RSS encrypt, casevault / age", oe[1], te[1])
        common.ratio("peak RSS decrypt, casevault / age", od[1], td[1])

        # Flat memory: peak RSS for a 16 MiB file vs the 256 MiB file.
        small = os.path.join(d, "small")
        common.make_file(small, SMALL)
        se = common.run([common.CASEVAULT, "age", "encrypt", "-r", recipient, "-o", ours_enc, small])
        sd = common.run([common.CASEVAULT, "age", "decrypt", "-i", key, "-o", ours_dec, ours_enc])
        common.ratio("peak RSS encrypt, 256 MiB / 16 MiB file", oe[1], se[1], target=1.10)
        common.ratio("peak RSS decrypt, 256 MiB / 16 MiB file", od[1], sd[1], target=1.10)
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
