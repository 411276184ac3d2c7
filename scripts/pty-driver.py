#!/usr/bin/env python3
"""Drives a command through a real pseudo-terminal, for the CLI tests.

Reads one JSON document on standard input (so test secrets never appear in
any argv):
  {"argv": [...], "env": {...}, "unset": [...], "timeout": 60,
   "steps": [{"expect": "text", "echo": "off"|"on"|null, "send": "text",
              "sendMatch": "regex with one group", "lower": false}],
   "noTTY": false}
For each step it waits until `expect` appears in the terminal output after the
previous match; when `echo` is given it then waits (up to 10 s) until the
terminal's ECHO flag is in that state, and records a failure if it never is;
then it types `send`. With "noTTY": true the command runs in a new session
with no controlling terminal at all (stdin /dev/null, stdout/stderr piped).

Prints one JSON document: {"status", "transcript" (CRLF folded to LF),
"stdout", "stderr" (noTTY only), "failures": [...]}.
"""
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import time


def run_without_tty(spec, env):
    p = subprocess.run(spec["argv"], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                       start_new_session=True, timeout=spec.get("timeout", 60), cwd=spec.get("cwd"))
    return {"status": p.returncode, "transcript": "", "stdout": p.stdout.decode("utf-8", "replace"),
            "stderr": p.stderr.decode("utf-8", "replace"), "failures": []}


def echo_is_on(fd):
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


def run_with_tty(spec, env):
    deadline = time.monotonic() + spec.get("timeout", 60)
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if spec.get("cwd"):
                os.chdir(spec["cwd"])
            os.execvpe(spec["argv"][0], spec["argv"], env)
        finally:
            os._exit(127)
    out = bytearray()
    failures = []
    eof = False

    def pump(wait):
        nonlocal eof
        if eof:
            return
        r, _, _ = select.select([fd], [], [], wait)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                eof = True
            out.extend(chunk)

    pos = 0
    for i, step in enumerate(spec.get("steps", [])):
        want = step["expect"].encode()
        while out.find(want, pos) < 0 and not eof and time.monotonic() < deadline:
            pump(0.05)
        at = out.find(want, pos)
        if at < 0:
            failures.append("step %d: never saw %r" % (i, step["expect"]))
            break
        pos = at + len(want)
        if step.get("echo") in ("on", "off"):
            want_on = step["echo"] == "on"
            until = time.monotonic() + 10
            while echo_is_on(fd) != want_on and time.monotonic() < until:
                pump(0.01)
            if echo_is_on(fd) != want_on:
                failures.append("step %d: echo was %s when typing after %r" % (
                    i, "on" if not want_on else "off", step["expect"]))
        if "sendMatch" in step:
            # Types back what the program showed: group 1 of a regex over the
            # output so far (e.g. the recovery key's last group), plus "send".
            m = re.search(step["sendMatch"], out.decode("utf-8", "replace").replace("\r\n", "\n"))
            if not m:
                failures.append("step %d: no match for %r" % (i, step["sendMatch"]))
                break
            text = m.group(1).lower() if step.get("lower") else m.group(1)
            os.write(fd, (text + step.get("send", "")).encode())
        elif "send" in step:
            os.write(fd, step["send"].encode())
    while not eof and time.monotonic() < deadline:
        pump(0.1)
    if not eof:
        failures.append("timed out; killed")
        os.kill(pid, signal.SIGKILL)
    _, st = os.waitpid(pid, 0)
    status = os.waitstatus_to_exitcode(st)
    os.close(fd)
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    return {"status": status, "transcript": text, "stdout": "", "stderr": "", "failures": failures}


def main():
    spec = json.load(sys.stdin)
    env = dict(os.environ)
    for k in spec.get("unset", []):
        env.pop(k, None)
    env.update(spec.get("env", {}))
    env.setdefault("TERM", "dumb")
    result = run_without_tty(spec, env) if spec.get("noTTY") else run_with_tty(spec, env)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
