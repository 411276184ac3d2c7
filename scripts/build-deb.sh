#!/usr/bin/env bash
# Builds casevault_VERSION_ARCH.deb from a built casevault binary, with dpkg-deb.
# Usage: scripts/build-deb.sh BINARY OUTDIR [COMPRESSION]
# COMPRESSION is dpkg-deb's -Z (xz, the default; the test passes gzip, which is
# several times faster on an 80 MB binary and changes nothing inside).
# `make deb` passes the release binary (Swift runtime linked statically); the
# package test (scripts/test-deb.sh) passes the debug one, which only runs where
# the Swift toolchain is (its RUNPATH names it), so that package is for tests only.
# The package holds: /usr/bin/casevault (stripped), casevault(1), bash/zsh/fish
# completions, the desktop launcher and icons, copyright and changelog, and the
# systemd user units of packaging/systemd/ when that folder exists (shipped off:
# no maintainer script enables them). Needs dpkg-dev, librsvg2-bin, python3.
set -euo pipefail
bin=$1 out=$2 compression=${3:-xz}
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$bin" ] || { echo "build-deb: no executable at $bin" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps rsvg-convert strip; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing (scripts/setup.sh deb)" >&2; exit 1; }
done

# The package's version is the changelog's; its upstream part must be what the
# binary says, so the two cannot drift apart.
upstream=$("$bin" --version)
version=$(sed -nE '1s/^casevault \(([^)]+)\).*/\1/p' "$here/packaging/changelog")
if [ "${version%-*}" != "$upstream" ]; then
  echo "build-deb: packaging/changelog is at $version but the binary says $upstream: add a changelog entry" >&2
  exit 1
fi
arch=$(dpkg --print-architecture)
# Reproducible: every date inside the package is the changelog's.
SOURCE_DATE_EPOCH=$(date -d "$(sed -nE 's/^ -- .*>  (.*)$/\1/p' "$here/packaging/changelog" | head -n 1)" +%s)
export SOURCE_DATE_EPOCH

work=$(mktemp -d /tmp/casevault-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
root=$work/root
umask 022

# Binary, man page and completions: the same generator as `make install`.
scripts_out=$("$here/scripts/install.sh" "$bin" "$root" /usr)
: "$scripts_out"
# dh_strip's flags for an executable: symbols and the .comment/.note sections go.
strip --remove-section=.comment --remove-section=.note "$root/usr/bin/casevault"
# Debian's places: zsh's vendor folder, the man page compressed without a timestamp.
install -d -m 755 "$root/usr/share/zsh/vendor-completions"
mv "$root/usr/share/zsh/site-functions/_casevault" "$root/usr/share/zsh/vendor-completions/_casevault"
rmdir "$root/usr/share/zsh/site-functions"
gzip -9n "$root/usr/share/man/man1/casevault.1"
# A completion file is sourced, never run: lintian asks for no #! line.
sed -i '1{/^#!/d}' "$root/usr/share/bash-completion/completions/casevault"

# The launcher and the icon (the app's own shield, scalable and at three sizes).
install -D -m 644 "$here/packaging/casevault.desktop" "$root/usr/share/applications/casevault.desktop"
install -D -m 644 "$here/packaging/casevault.svg" "$root/usr/share/icons/hicolor/scalable/apps/casevault.svg"
for size in 48 128 256; do
  install -d -m 755 "$root/usr/share/icons/hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$here/packaging/casevault.svg" \
    -o "$root/usr/share/icons/hicolor/${size}x${size}/apps/casevault.png"
  chmod 644 "$root/usr/share/icons/hicolor/${size}x${size}/apps/casevault.png"
done

# Reminder units, when the branch has them: installed, never enabled here
# (`casevault remind --enable` turns the timer on for one user).
if [ -d "$here/packaging/systemd" ]; then
  for unit in "$here"/packaging/systemd/*.service "$here"/packaging/systemd/*.timer; do
    [ -e "$unit" ] || continue
    install -D -m 644 "$unit" "$root/usr/lib/systemd/user/$(basename "$unit")"
  done
fi

install -D -m 644 "$here/packaging/lintian-overrides" "$root/usr/share/lintian/overrides/casevault"
install -D -m 644 "$here/packaging/copyright" "$root/usr/share/doc/casevault/copyright"
gzip -9n -c "$here/packaging/changelog" > "$root/usr/share/doc/casevault/changelog.Debian.gz"
chmod 644 "$root/usr/share/doc/casevault/changelog.Debian.gz"

# Depends: what the stripped binary really links (dpkg-shlibdeps reads its
# NEEDED entries and the shlibs files of the packages that hold them), plus
# xdg-utils, whose xdg-open the app uses to open the browser. Libraries of the
# Swift toolchain (the debug build only) belong to no package: ignored there.
mkdir -p "$work/src/debian"
printf 'Source: casevault\n\nPackage: casevault\nArchitecture: any\n' > "$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-shlibdeps --ignore-missing-info -O "$root/usr/bin/casevault" 2>"$work/shlibdeps.err" \
  | sed -n 's/^shlibs:Depends=//p') || { cat "$work/shlibdeps.err" >&2; exit 1; }
[ -n "$shlibs" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; cat "$work/shlibdeps.err" >&2; exit 1; }
depends="$shlibs, xdg-utils"

install -d -m 755 "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<EOF
Package: casevault
Version: $version
Architecture: $arch
Maintainer: CaseVault maintainers <maintainers@users.noreply.r-seed-9c384dd7.example>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: encrypted personal vault for immigration applicants
 CaseVault keeps the USCIS backup code and other sites' one-time backup
 codes, case numbers (A-Number, receipt numbers, card numbers) and scans of
 documents encrypted on your own disk. It has a command-line tool and an app
 that opens in your web browser and serves only this computer.
 .
 It can print an emergency sheet, share a recovery copy among trusted people,
 and unlock through the desktop keyring.
EOF
chmod 644 "$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/md5sums"
# Every file dated from the changelog, so two builds of one binary are identical.
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$out"
deb="$out/casevault_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"$compression" --build "$root" "$deb" >/dev/null
echo "$deb"
