"""Post-quantum shares: an export of 256 MiB to a post-quantum representative
(age1pq1..., ML-KEM-768 + X25519) against the same export to an X25519 one,
and the time to wrap and to unwrap one file key.

The export's cost is the payload (the same ChaCha20-Poly1305 stream for both
kinds); the recipient kind changes only the one stanza, so the target is
within 1.02x. Rounds are paired (both exports in every round, the order
alternating) and the median of the per-round ratios is the figure.

Wrap and unwrap: `casevault age encrypt`/`decrypt` of a 1-byte file, to a
post-quantum recipient and to a classic one, 31 runs each interleaved: the
difference of the medians is what the post-quantum stanza adds to a command
(process start and the rest cancel out); the absolute medians are printed too.
"""
import os
import statistics
import common

SIZE = int(os.environ.get("CASEVAULT_BENCH_SHARE_MIB", "256")) * common.MiB
ROUNDS = 7
SMALL_RUNS = 31


def main():
    common.header(f"post-quantum shares: export of {SIZE // common.MiB} MiB, age1pq1 vs age1 representative")
    d = common.scratch()
    try:
        vault = os.path.join(d, "vault")
        pf = common.new_vault(vault)
        cv = [common.CASEVAULT, "--vault", vault, "--passphrase-file", pf, "--no-keyring"]
        keys = {}
        for kind, flag in (("pq", []), ("classic", ["--classic"])):
            key = os.path.join(d, f"{kind}.key")
            common.run([common.CASEVAULT, "identity", "new", "-o", key] + flag)
            keys[kind] = (key, [l.split(": ")[1].strip() for l in open(key) if l.startswith("# public key:")][0])
            common.run(cv[:1] + ["rep", "add", kind, keys[kind][1]] + cv[1:])
        big, small = os.path.join(d, "scans.pdf"), os.path.join(d, "i797.pdf")
        common.make_file(big, SIZE - common.MiB)
        common.make_file(small, common.MiB)
        common.run(cv[:1] + ["doc", "add", big, small] + cv[1:])
        quiet = common.Quiet(d)

        def export(kind):
            quiet()
            target = os.path.join(d, f"share-{kind}.age")
            r = common.run_cpu(cv[:1] + ["export", "--to", kind, "--all-docs", "--as", "Bench", "-o", target] + cv[1:])
            os.remove(target)
            return r

        rounds = []
        for i in range(ROUNDS):
            order = ("pq", "classic") if i % 2 == 0 else ("classic", "pq")
            got = {k: export(k) for k in order}
            rounds.append((got["classic"], got["pq"]))
        common.show_rounds("export", ("to age1 (X25519)", "to age1pq1"), rounds)
        ratios = sorted(r[1][0] / r[0][0] for r in rounds)
        common.line("export to X25519 rep (median)", statistics.median(r[0][0] for r in rounds), "s")
        common.line("export to post-quantum rep (median)", statistics.median(r[1][0] for r in rounds), "s")
        common.ratio(f"export pq / X25519, median of {ROUNDS} paired", ratios[ROUNDS // 2], 1, target=1.02)

        # One file key: encrypt and decrypt a 1-byte file.
        one = os.path.join(d, "one.bin")
        with open(one, "wb") as f:
            f.write(b"x")
        times = {("enc", k): [] for k in keys} | {("dec", k): [] for k in keys}
        for _ in range(SMALL_RUNS):
            for kind, (key, recipient) in keys.items():
                out = os.path.join(d, f"one-{kind}.age")
                times[("enc", kind)].append(common.run([common.CASEVAULT, "age", "encrypt", "-r", recipient, "-o", out, one])[0])
                dec = os.path.join(d, f"one-{kind}.out")
                times[("dec", kind)].append(common.run([common.CASEVAULT, "age", "decrypt", "-i", key, "-o", dec, out])[0])
                os.remove(out)
                os.remove(dec)
        med = {k: statistics.median(v) for k, v in times.items()}
        common.line("age encrypt 1 byte, age1pq1 (median)", med[("enc", "pq")] * 1000, "ms")
        common.line("age encrypt 1 byte, age1 (median)", med[("enc", "classic")] * 1000, "ms")
        common.line("post-quantum wrap adds", (med[("enc", "pq")] - med[("enc", "classic")]) * 1000, "ms")
        common.line("age decrypt 1 byte, AGE-SECRET-KEY-PQ (median)", med[("dec", "pq")] * 1000, "ms")
        common.line("age decrypt 1 byte, AGE-SECRET-KEY (median)", med[("dec", "classic")] * 1000, "ms")
        common.line("post-quantum unwrap adds", (med[("dec", "pq")] - med[("dec", "classic")]) * 1000, "ms")
        quiet.close()
    finally:
        common.shutil.rmtree(d, ignore_errors=True)
