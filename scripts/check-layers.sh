#!/usr/bin/env bash
# The layer check (docs/design.md, "Layers"): only the system layer calls the
# operating system. Fails, naming file and line, when a Swift file outside
# Sources/SystemKit, Sources/SodiumKit, Sources/KeyringKit (and the C module
# maps under Sources/C*) imports Glibc, Darwin or Musl, names one of them as
# a qualifier (`Glibc.read(`), or calls a POSIX function directly: one of the
# names below as a whole word followed by `(`, not preceded by `.` (a method
# of our own types, `file.read(`), nor by `func ` (a declaration), nor by
# `try` (C functions do not throw: `try read(...)` is one of our methods
# called on self), nor with a labelled first argument (C functions take
# none: `read(count: 1)`), nor inside a `//` comment or a string literal. A line that truly needs an exception ends with
# `// layer-check: allow` (none does today). Tests/ and Fuzz/ may call POSIX:
# they test from outside.
#
# Likewise only Sources/SwiftCryptoKit may import swift-crypto (`Crypto`,
# `_CryptoExtras`, `CryptoBoringWrapper`, `CCryptoBoringSSL*`): the one
# exception to libsodium for every primitive stays in one thin layer.
#
# Usage: scripts/check-layers.sh [ROOT]   (ROOT defaults to the repository)
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2

calls='open|openat|close|read|write|pread|pwrite|fsync|fdatasync|rename|renameat|renameat2|link|linkat|unlink|unlinkat|mkdir|mkdirat|rmdir|chmod|fchmod|fchmodat|chown|fchown|flock|fcntl|ftruncate|lstat|fstat|fstatat|stat|mkstemp|mkdtemp|umask|getpwuid|getpwnam|isatty|tcgetattr|tcsetattr|kill|getuid|geteuid|getpid|errno|strerror|perror|posix_fadvise|inotify_init|inotify_init1|inotify_add_watch|setrlimit|getrlimit|prctl|mknod|mkfifo|dup|dup2|pipe|readlink|realpath|opendir|fdopendir|readdir|closedir|rewinddir|usleep|signal|sigaction|mlock|munlock|mmap|munmap|access|faccessat|symlink|symlinkat|utimensat|futimens|lseek|fork|execv|execvp|waitpid|sync_file_range|fallocate|posix_fallocate'

status=0
while IFS= read -r -d '' file; do
    case "$file" in
        Sources/SystemKit/*|Sources/SodiumKit/*|Sources/KeyringKit/*) continue ;;
    esac
    # awk: strip `//` comments (outside string literals, roughly: from the
    # first `//` not inside double quotes), then look for the patterns.
    awk -v file="$file" -v calls="$calls" '
    BEGIN { callre = "(^|[^.A-Za-z0-9_])(" calls ")[ \t]*\\("; found = 0 }
    {
        line = $0
        if (line ~ /\/\/ layer-check: allow[ \t]*$/) next
        code = ""; inq = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (c == "\\" && inq) { code = code substr(line, i, 2); i++; continue }
            if (c == "\"") inq = !inq
            if (!inq && substr(line, i, 2) == "//") break
            code = code c
        }
        # String literal contents never count.
        gsub(/"([^"\\]|\\.)*"/, "\"\"", code)
        if (code ~ /^[ \t]*(@_exported[ \t]+)?import[ \t]+(Glibc|Darwin|Musl)([ \t]|$)/) {
            printf "%s:%d: imports a C library outside the system layer: %s\n", file, NR, line; found = 1; next
        }
        if (code ~ /(^|[^A-Za-z0-9_])(Glibc|Darwin|Musl)\./) {
            printf "%s:%d: calls the C library outside the system layer: %s\n", file, NR, line; found = 1; next
        }
        tmp = code
        while (match(tmp, callre)) {
            hit = substr(tmp, RSTART, RLENGTH)
            before = substr(tmp, 1, RSTART)
            # a declaration (func read(...)), not a call
            after = substr(tmp, RSTART + RLENGTH)
            ours = (before ~ /func[ \t]+.?$/) || (before ~ /(^|[^A-Za-z0-9_])try[?!]?[ \t]+.?$/) \
                || (after ~ /^[ \t]*[A-Za-z_][A-Za-z0-9_]*:/)
            if (!ours) {
                name = hit; sub(/^[^A-Za-z_]/, "", name); sub(/[ \t]*\($/, "", name)
                printf "%s:%d: calls POSIX %s() outside the system layer (use SystemKit): %s\n", file, NR, name, line
                found = 1
                break
            }
            tmp = substr(tmp, RSTART + RLENGTH)
        }
    }
    END { exit found }' "$file" || status=1
done < <(find Sources -name '*.swift' -print0 | sort -z)

crypto=0
while IFS= read -r -d '' file; do
    case "$file" in Sources/SwiftCryptoKit/*) continue ;; esac
    if grep -nE '^[[:space:]]*(@_exported[[:space:]]+|@_implementationOnly[[:space:]]+|(public|package|internal)[[:space:]]+)?import[[:space:]]+(Crypto|_CryptoExtras|CryptoBoringWrapper|CCryptoBoringSSL[A-Za-z]*)([[:space:]]|$)' "$file" \
        | sed "s|^|$file:|; s|\$| (imports swift-crypto outside Sources/SwiftCryptoKit)|"; then
        crypto=1
    fi
done < <(find Sources -name '*.swift' -print0 | sort -z)
[ "$crypto" -ne 0 ] && status=1

if [ "$status" -ne 0 ]; then
    echo "check-layers: C library calls outside Sources/SystemKit, SodiumKit, KeyringKit, or swift-crypto outside Sources/SwiftCryptoKit (see above)" >&2
else
    echo "check-layers: ok (only SystemKit, SodiumKit and KeyringKit call the C library; only SwiftCryptoKit imports swift-crypto)"
fi
exit "$status"
