#!/usr/bin/env bash
# Fails when a library target speaks CLI: the library must serve any front end
# (the CLI, the local app), so its errors carry a kind, a message, plain
# advice and a `Suggestion` value, and only the CLI names commands, flags and
# exit codes (Sources/casevault/ExitCode.swift and CLIHints.swift).
#
# Looked for in Sources/CaseVault, Sources/AgeKit, Sources/KeyringKit and Sources/ShamirKit,
# outside comments:
#   - an `exitCode` (or `exitStatus`) property, or an exit code in a string;
#   - in a string: a `casevault <command>` command name (the command words are
#     read from the CLI's own `commandName:` declarations; "a casevault
#     backup", "valid casevault share" name a thing, not a command), a
#     backquoted command, or a long flag (--vault, --no-keyring ...).
# Usage: scripts/check-library-neutral.sh [ROOT]   (ROOT defaults to the repository)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
exec python3 - "$root" <<'PY'
import os, re, sys
root = sys.argv[1]
cli = os.path.join(root, "Sources/casevault")
commands = set()
for d, _, files in os.walk(cli):
    for f in files:
        if f.endswith(".swift"):
            commands |= set(re.findall(r'commandName:\s*"([a-z][a-z-]*)"', open(os.path.join(d, f), encoding="utf-8").read()))
commands.discard("casevault")
if not commands:
    sys.exit("check-library-neutral: found no command names in Sources/casevault")
words = "|".join(sorted(map(re.escape, commands), key=len, reverse=True))
command = re.compile(r'(?<!\ba )(?<!\bvalid )(?<!\bthe )\bcasevault (?:%s)\b' % words)
rules = [
    ("a casevault command name", command),
    ("a backquoted command", re.compile(r'`[a-z]')),
    ("a command-line flag", re.compile(r'(?<![\w-])--[a-z]')),
    ("an exit code", re.compile(r'\bexit (?:code|status)\b|\bexit \d', re.I)),
]
prop = re.compile(r'\bexit(?:Code|Status)\b')


def split(line):
    """The code of a line (strings emptied, comment dropped) and its string
    literals, each with the text that follows it."""
    code, strings, i, n = [], [], 0, len(line)
    while i < n:
        if line.startswith("//", i):
            break
        if line[i] == '"':
            j, depth = i + 1, 0
            while j < n and not (line[j] == '"' and depth == 0):
                if line[j] == "\\" and line.startswith("\\(", j):
                    depth += 1; j += 2; continue
                if line[j] == "\\":
                    j += 2; continue
                if line[j] == ")" and depth > 0:
                    depth -= 1
                j += 1
            strings.append((line[i + 1:j], line[j + 1:]))
            code.append('""')
            i = j + 1
            continue
        code.append(line[i]); i += 1
    return "".join(code), strings


problems = []
for target in ("CaseVault", "AgeKit", "KeyringKit", "ShamirKit"):
    for d, _, files in os.walk(os.path.join(root, "Sources", target)):
        for f in sorted(files):
            if not f.endswith(".swift"):
                continue
            path = os.path.join(d, f)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                where = "%s:%d" % (os.path.relpath(path, root), n)
                code, strings = split(line)
                if prop.search(code):
                    problems.append("%s: an exitCode property: %s" % (where, line.strip()))
                for s, after in strings:
                    # Bytes for a key derivation or a MAC ("casevault share
                    # manifest v1".utf8) are labels, never shown to anyone.
                    if after.startswith(".utf8"):
                        continue
                    for what, rule in rules:
                        if rule.search(s):
                            problems.append("%s: %s in a string: \"%s\"" % (where, what, s))
if problems:
    print("check-library-neutral: the library must name no command, flag or exit code "
          "(say it in plain words and give a Suggestion; the CLI words it in Sources/casevault/CLIHints.swift):", file=sys.stderr)
    for p in problems:
        print("  " + p, file=sys.stderr)
    sys.exit(1)
print("check-library-neutral: Sources/CaseVault, AgeKit, KeyringKit and ShamirKit name no command, flag or exit code")
PY
