#!/usr/bin/env python3
"""Checks CaseVault's post-quantum age (mlkem768x25519) against the
independent Python implementation (age_pq.py), both ways, through the built
binary. `make test` runs it; it ends with `pq vectors: N passed, M failed`
and exits non-zero when any check failed.

    test_age_pq.py CASEVAULT_BINARY

1. The committed vectors are exactly what the generator writes (it is
   deterministic), and the spec's published key and stanza check out here.
2. Every vector through `casevault age decrypt`: the plaintext for the good
   ones, the documented exit status for each refusal.
3. Files `casevault age encrypt -r age1pq1...` writes open here (several
   sizes, armored, two recipients), and files written here open with
   `casevault age decrypt` (an identity from `casevault age keygen --pq`,
   and one made here).
"""
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import age_pq as a  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "AgeKitTests", "Fixtures", "pq")

# casevault's exit statuses (docs/cli.md): 4 no key opens it, 6 integrity.
EXIT = {"success": 0, "no match": 4, "hmac failure": 6, "payload failure": 6, "header failure": 6,
        "pq argument count": 6, "pq encapsulated key not base64": 6, "pq encapsulated key length": 6,
        "pq body length": 6, "pq encapsulated key refused": 6}

passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def run(binary, args, stdin=None):
    return subprocess.run([binary] + args, input=stdin, capture_output=True, timeout=120)


def read_vector(path):
    data = open(path, "rb").read()
    head, body = data.split(b"\n\n", 1)
    fields = [l.split(": ", 1) for l in head.decode().splitlines()]
    return {"expect": next(v for k, v in fields if k == "expect"),
            "identities": [v for k, v in fields if k == "identity"],
            "blake2b": next((v for k, v in fields if k == "payload-blake2b"), None),
            "file": body}


def committed_vectors_are_reproducible():
    import importlib.util
    spec = importlib.util.spec_from_file_location("gen", os.path.join(FIXTURES, "generate_pq_vectors.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    with tempfile.TemporaryDirectory() as tmp:
        gen.OUT = os.path.join(tmp, "vectors")
        real_here = gen.HERE
        gen.HERE = tmp
        gen.FUZZ_CORPUS = os.path.join(tmp, "no-fuzz-corpus")  # leave the source tree alone
        import contextlib, io
        with contextlib.redirect_stdout(io.StringIO()):
            gen.main()
        gen.HERE = real_here
        names = sorted(os.listdir(gen.OUT))
        check("vector set", names == sorted(os.listdir(os.path.join(FIXTURES, "vectors"))), "names differ")
        for n in names:
            same = open(os.path.join(gen.OUT, n), "rb").read() == open(os.path.join(FIXTURES, "vectors", n), "rb").read()
            check(f"reproducible {n}", same, "the committed vector differs from what the generator writes")
        for f in ["recipients.txt", "identities.txt"]:
            check(f"reproducible {f}", open(os.path.join(tmp, f)).read() == open(os.path.join(FIXTURES, f)).read())


def spec_example():
    f = dict(l.split(": ", 1) for l in open(os.path.join(FIXTURES, "spec-example.txt")).read().splitlines()
             if l and not l.startswith("#"))
    ident = a.PQIdentity.parse(f["identity"])
    check("spec recipient", ident.recipient().encode() == f["recipient"])
    key = a.hpke_open_base(a.b64decode(f["stanza-enc"]), ident.seed, a.PQ_INFO, b"", a.b64decode(f["stanza-body"]))
    check("spec stanza opens", key is not None and len(key) == 16)


def vectors_through_the_cli(binary, tmp):
    vdir = os.path.join(FIXTURES, "vectors")
    for n in sorted(os.listdir(vdir)):
        v = read_vector(os.path.join(vdir, n))
        keyfile = os.path.join(tmp, n + ".key")
        with open(keyfile, "w") as f:
            f.write("".join(i + "\n" for i in v["identities"]))
        os.chmod(keyfile, 0o600)
        r = run(binary, ["age", "decrypt", "-i", keyfile], stdin=v["file"])
        ok = r.returncode == EXIT[v["expect"]]
        if ok and v["expect"] == "success":
            ok = hashlib.blake2b(r.stdout, digest_size=32).hexdigest() == v["blake2b"]
        check(f"cli {n}", ok, f"exit {r.returncode}, expected {EXIT[v['expect']]} ({v['expect']}): {r.stderr.decode()[:200]}")


def both_ways(binary, tmp):
    # casevault's identity, read here.
    keyfile = os.path.join(tmp, "cv.key")
    r = run(binary, ["age", "keygen", "--pq", "-o", keyfile])
    check("keygen --pq", r.returncode == 0, r.stderr.decode())
    recipient = r.stdout.decode().strip()
    ident = a.parse_identity_file(open(keyfile).read())[0]
    check("keygen recipient matches X-Wing here", ident.recipient().encode() == recipient)

    # Ours to theirs: casevault encrypts, Python decrypts.
    for size in [0, 1, 65535, 65536, 65537, 300_001]:
        plain = bytes((i * 7 + size) % 256 for i in range(size))
        r = run(binary, ["age", "encrypt", "-r", recipient], stdin=plain)
        try:
            ok = r.returncode == 0 and a.decrypt([ident], r.stdout) == plain
        except a.AgeFailure as e:
            ok = False
            print(e)
        check(f"casevault -> python, {size} bytes", ok, r.stderr.decode())
    # Armored and two recipients (the second made here).
    mine = a.PQIdentity(os.urandom(32))
    r = run(binary, ["age", "encrypt", "-a", "-r", recipient, "-r", mine.recipient().encode()], stdin=b"two of us\n")
    import base64
    lines = r.stdout.decode().strip().splitlines()
    raw = base64.b64decode("".join(lines[1:-1])) if r.returncode == 0 else b""
    check("casevault armored -> python", r.returncode == 0 and a.decrypt([mine], raw) == b"two of us\n", r.stderr.decode())

    # Theirs to ours: Python encrypts to casevault's recipient.
    for size in [0, 5, 65536, 131_073]:
        plain = os.urandom(size)
        data = a.encrypt([a.parse_recipient(recipient)], plain)
        r = run(binary, ["age", "decrypt", "-i", keyfile], stdin=data)
        check(f"python -> casevault, {size} bytes", r.returncode == 0 and r.stdout == plain, r.stderr.decode())
    # An identity made here, in a file casevault reads.
    mykey = os.path.join(tmp, "py.key")
    with open(mykey, "w") as f:
        f.write("# made by age_pq.py\n" + mine.encode() + "\n")
    data = a.encrypt([mine.recipient()], b"from python\n")
    r = run(binary, ["age", "decrypt", "-i", mykey], stdin=data)
    check("python identity file -> casevault", r.returncode == 0 and r.stdout == b"from python\n", r.stderr.decode())
    # casevault refuses to mix; so does this implementation.
    classic = a.X25519Identity(os.urandom(32)).recipient().encode()
    r = run(binary, ["age", "encrypt", "-r", recipient, "-r", classic], stdin=b"x")
    check("casevault refuses mixing", r.returncode == 7 and r.stdout == b"", r.stderr.decode())
    try:
        a.encrypt([a.parse_recipient(recipient), a.parse_recipient(classic)], b"x")
        check("python refuses mixing", False)
    except a.AgeFailure as e:
        check("python refuses mixing", e.kind == "mixed post-quantum")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    committed_vectors_are_reproducible()
    spec_example()
    with tempfile.TemporaryDirectory() as tmp:
        vectors_through_the_cli(binary, tmp)
        both_ways(binary, tmp)
    print(f"pq vectors: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
