#!/usr/bin/env python3
"""Crash harness: SIGKILLs casevault at random points and checks the vault after each kill.

Usage: scripts/crash-test.py [RUNS] [SECONDS]   (defaults 30 runs, 600 s at most)

Each run picks an operation, starts it with the built binary, kills it with
SIGKILL after a random delay within the operation's measured duration, and
then checks that
  - the vault opens and `casevault check` passes,
  - every operation that reported success is there (codes printed by a `code use`
    that exited 0 are marked used; no code is ever handed out twice),
  - nothing is half done (a killed `code add` left all of its codes or none;
    a killed `passwd` left exactly one of the old and new passphrases working;
    a killed `doc add` left the whole document or none; a killed `doc remove`
    left it whole or gone; a killed `keyring enable/disable` left the keyring
    enabled (and unlocking), disabled, or a harmless leftover item).
Operations: code add, code use, passwd, doc add, doc remove, and (inside a
test keyring session) keyring enable/disable, and restore (a killed restore
leaves no vault or a whole one that checks and matches its backup).
It ends with one line "N runs, N consistent" and exits 1 if any run was not.
"""
import json, os, random, shutil, signal, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CASEVAULT_BIN", os.path.join(ROOT, ".build", "debug", "casevault"))


class Harness:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="casevault-crash-")
        os.chmod(self.tmp, 0o700)
        self.vault = os.path.join(self.tmp, "vault")
        self.passes = [self.secret_file("pass0", "crash test passphrase 0")]
        self.current = 0
        self.handed_out = set()      # codes printed by uses that exited 0
        self.codes_added = {}        # label -> codes, for adds that exited 0
        self.docs = {}               # label -> size, for documents known to be stored
        self.counter = 0
        self.durations = {}
        self.kills = 0
        r = self.cv(["init", "--kdf", "interactive"])
        assert r.returncode == 0, r.stderr
        t0 = time.monotonic()
        self.cv(["status"])
        self.unlock_time = time.monotonic() - t0

    def secret_file(self, name, text):
        p = os.path.join(self.tmp, name)
        with open(p, "w") as f:
            f.write(text + "\n")
        os.chmod(p, 0o600)
        return p

    def argv(self, args, pass_index=None):
        i = self.current if pass_index is None else pass_index
        # keyring commands must see the keyring; every other command is run
        # with --no-keyring so that it proves the passphrase still works.
        extra = [] if args[0] == "keyring" else ["--no-keyring"]
        return [BIN] + args + ["--vault", self.vault, "--passphrase-file", self.passes[i]] + extra

    def cv(self, args, stdin=None, pass_index=None):
        return subprocess.run(self.argv(args, pass_index), input=stdin, capture_output=True, text=True, timeout=120)

    def killed(self, name, args, stdin=None):
        """Runs args, SIGKILLs it at a random point; returns (exit status or None if killed, stdout)."""
        expected = self.durations.get(name, self.unlock_time * 1.5)
        # Up to 1.5x the usual duration: most runs die somewhere inside the
        # operation (key derivation, transaction, commit), some complete.
        delay = random.uniform(0.0, expected * 1.5)
        p = subprocess.Popen(self.argv(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        t0 = time.monotonic()
        if stdin is not None:
            try:
                p.stdin.write(stdin)
            except BrokenPipeError:
                pass
        try:
            p.stdin.close()
        except BrokenPipeError:
            pass
        self.wait_or_kill(p, delay)
        elapsed = time.monotonic() - t0
        out = p.stdout.read()
        p.stdout.close(); p.stderr.close()
        if p.returncode == 0:
            # Learn how long the operation takes when it completes.
            self.durations[name] = max(self.durations.get(name, 0.0) * 0.5 + elapsed * 0.5, 0.05)
            return 0, out
        return (None if p.returncode == -signal.SIGKILL else p.returncode), out

    # --- operations -----------------------------------------------------
    def op_code_add(self):
        self.counter += 1
        label = f"site{self.counter}"
        codes = [f"C{self.counter:03d}-{i:04d}" for i in range(5)]
        status, _ = self.killed("code add", ["code", "add", label], "\n".join(codes) + "\n")
        if status == 0:
            self.codes_added[label] = codes
        return self.verify(f"code add {label}", added=(label, codes, status))

    def op_code_use(self):
        if not self.codes_added:
            return self.op_code_add()
        label = random.choice(sorted(self.codes_added))
        status, out = self.killed("code use", ["code", "use", label])
        code = out.strip()
        if status == 0:
            if code in self.handed_out:
                return f"code {code} was handed out twice"
            self.handed_out.add(code)
        return self.verify(f"code use {label}")

    def op_passwd(self):
        new_index = len(self.passes)
        self.passes.append(self.secret_file(f"pass{new_index}", f"crash test passphrase {new_index}"))
        status, _ = self.killed("passwd", ["passwd", "--new-passphrase-file", self.passes[new_index]])
        old_ok = self.cv(["status"], pass_index=self.current).returncode == 0
        new_ok = self.cv(["status"], pass_index=new_index).returncode == 0
        if old_ok == new_ok:
            return f"after a killed passwd, old works={old_ok} and new works={new_ok}"
        if status == 0 and not new_ok:
            return "passwd reported success but the new passphrase does not work"
        if new_ok:
            self.current = new_index
        return self.verify("passwd")

    def op_doc_add(self):
        self.counter += 1
        src = os.path.join(self.tmp, f"scan{self.counter}.bin")
        with open(src, "wb") as f:
            f.write(os.urandom(random.choice([1, 3, 12]) * 1024 * 1024))
        label = f"scan{self.counter}"
        status, _ = self.killed("doc add", ["doc", "add", src, "--label", label])
        docs = self.doc_labels()
        if status == 0 and label not in docs:
            return f"doc add {label}: reported success but the document is missing"
        if label in docs:
            self.docs[label] = os.path.getsize(src)
            if docs[label] != os.path.getsize(src):
                return f"doc add {label}: a document of the wrong size is visible"
        os.unlink(src)
        return self.verify(f"doc add {label}")

    def op_doc_remove(self):
        if not self.docs:
            return self.op_doc_add()
        label = random.choice(sorted(self.docs))
        status, _ = self.killed("doc remove", ["doc", "remove", label, "--yes"])
        docs = self.doc_labels()
        if status == 0 and label in docs:
            return f"doc remove {label}: reported success but the document is still listed"
        if label not in docs:
            del self.docs[label]
        return self.verify(f"doc remove {label}")

    def op_keyring(self):
        enabled = json.loads(self.cv(["keyring", "status", "--json"]).stdout).get("state") == "enabled"
        action = "disable" if enabled else "enable"
        self.killed(f"keyring {action}", ["keyring", action])
        state = json.loads(self.cv(["keyring", "status", "--json"]).stdout).get("state")
        if state not in ("enabled", "disabled", "leftover-item"):
            return f"keyring {action} killed: keyring state is {state}"
        if state == "enabled":
            # Unlock through the keyring alone: no passphrase file, no terminal.
            r = subprocess.run([BIN, "status", "--vault", self.vault], capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, timeout=60, start_new_session=True)
            if r.returncode != 0:
                return f"keyring {action} killed: state enabled but the keyring does not unlock: {r.stderr.strip()[:200]}"
        return self.verify(f"keyring {action}")

    def op_restore(self):
        # A backup of the vault as it is now (sealed to a backup passphrase),
        # then a restore into a new directory, killed at a random point.
        self.counter += 1
        backup = os.path.join(self.tmp, f"backup{self.counter}.age")
        bpass = self.secret_file("backup-pass", "crash test backup passphrase")
        r = self.cv(["backup", "-o", backup, "--backup-passphrase-file", bpass])
        if r.returncode != 0:
            return f"backup failed: {r.stderr.strip()[:200]}"
        expected = sorted(e["label"] for e in json.loads(self.cv(["code", "list", "--json"]).stdout)["entries"])
        target = os.path.join(self.tmp, f"restored{self.counter}")
        argv = [BIN, "restore", backup, "--vault", target, "--backup-passphrase-file", bpass,
                "--passphrase-file", self.passes[self.current], "--no-keyring"]
        status = self.killed_argv("restore", argv)
        restored = os.path.exists(os.path.join(target, "vault.db"))
        if status == 0 and not restored:
            return "restore reported success but there is no vault"
        if restored:
            base = ["--vault", target, "--passphrase-file", self.passes[self.current], "--no-keyring"]
            chk = subprocess.run([BIN, "check"] + base, capture_output=True, text=True, timeout=120)
            if chk.returncode != 0:
                return f"a killed restore left a vault that fails check: {chk.stdout.strip()[:200]}"
            got = sorted(e["label"] for e in json.loads(subprocess.run([BIN, "code", "list", "--json"] + base,
                         capture_output=True, text=True, timeout=60).stdout)["entries"])
            if got != expected:
                return f"a restored vault differs from its backup: {got} != {expected}"
        shutil.rmtree(target, ignore_errors=True)
        os.unlink(backup)
        return self.verify("restore")

    def wait_or_kill(self, p, delay):
        """Waits `delay` seconds for p, then SIGKILLs it; True if it was killed."""
        try:
            p.wait(timeout=delay)
            return False
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
            self.kills += 1
            return True

    def killed_argv(self, name, argv):
        expected = self.durations.get(name, self.unlock_time * 4)
        delay = random.uniform(0.0, expected * 1.5)
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.monotonic()
        if self.wait_or_kill(p, delay):
            return None
        if p.returncode == 0:
            self.durations[name] = max(self.durations.get(name, 0.0) * 0.5 + (time.monotonic() - t0) * 0.5, 0.05)
        return p.returncode

    def doc_labels(self):
        r = self.cv(["doc", "list", "--json"])
        if r.returncode != 0:
            return {}
        return {d["label"]: d["size"] for d in json.loads(r.stdout)["documents"]}

    OPS = ["op_code_add", "op_code_use", "op_code_use", "op_passwd", "op_doc_add", "op_doc_add", "op_doc_remove", "op_restore"]

    # --- invariants -----------------------------------------------------
    def verify(self, what, added=None):
        chk = self.cv(["check", "--json"])
        if chk.returncode != 0:
            return f"{what}: check failed (exit {chk.returncode}): {chk.stdout.strip()[:300]} {chk.stderr.strip()[:300]}"
        entries = json.loads(self.cv(["code", "list", "--json"]).stdout)["entries"]
        labels = {e["label"] for e in entries}
        if added:
            label, codes, status = added
            if label in labels:
                shown = json.loads(self.cv(["code", "show", label, "--json"]).stdout)
                if [c["code"] for c in shown["codes"]] != codes:
                    return f"{what}: half an entry was stored"
                self.codes_added[label] = codes
            elif status == 0:
                return f"{what}: reported success but the entry is missing"
        missing_docs = set(self.docs) - set(self.doc_labels())
        if missing_docs:
            return f"{what}: documents that were stored are gone: {sorted(missing_docs)}"
        missing = set(self.codes_added) - labels
        if missing:
            return f"{what}: entries that were added are gone: {sorted(missing)}"
        used = set()
        for label in labels:
            shown = json.loads(self.cv(["code", "show", label, "--json"]).stdout)
            used |= {c["code"] for c in shown["codes"] if c.get("usedAt")}
        if not self.handed_out <= used:
            return f"{what}: codes handed out are not marked used: {sorted(self.handed_out - used)[:3]}"
        return None


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
    if not os.path.exists(BIN):
        sys.exit(f"crash-test: build first ({BIN} is missing)")
    seed = int(os.environ.get("CRASH_SEED", str(int(time.time()))))
    random.seed(seed)
    h = Harness()
    ops = list(Harness.OPS)
    if os.environ.get("CASEVAULT_TEST_KEYRING") == "1":
        ops += ["op_keyring", "op_keyring"]
    else:
        print("crash-test: no test keyring session: keyring enable/disable not exercised "
              "(run through scripts/with-keyring.sh, as make test does)", file=sys.stderr)
    done = consistent = 0
    start = time.monotonic()
    try:
        for _ in range(runs):
            if time.monotonic() - start > budget:
                print(f"crash-test: time budget of {budget:.0f} s reached", file=sys.stderr)
                break
            problem = getattr(h, random.choice(ops))()
            done += 1
            if problem is None:
                consistent += 1
            else:
                print(f"INCONSISTENT (seed {seed}): {problem}", file=sys.stderr)
    finally:
        shutil.rmtree(h.tmp, ignore_errors=True)
    print(f"crash-test: {h.kills} of the operations were killed mid-way, the rest completed (seed {seed})", file=sys.stderr)
    print(f"{done} runs, {consistent} consistent")
    sys.exit(0 if done == consistent and done > 0 else 1)


if __name__ == "__main__":
    main()
