#!/usr/bin/env bash
# Check a WellPlan .deb without touching this machine (CI runs it after `make installer`):
#  1. unpacked into a temporary folder (dpkg-deb -x), the installed program passes its self-test
#     and the command-line link prints its usage;
#  2. dpkg installs it into a temporary root with a database of its own (--root), the files are
#     where the desktop looks for them and the maintainer scripts ran there (DPKG_ROOT); then dpkg
#     removes and purges it, and nothing of WellPlan is left in that root.
# usage: packaging/check_deb.sh dist/wellplan_VERSION_ARCH.deb
set -euo pipefail
deb=$(realpath "$1")
pkg=$(dpkg-deb --field "$deb" Package)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "check_deb: $*" >&2; exit 1; }

# 1. Unpacked: the program as installed, from /opt and from the /usr/bin links.
dpkg-deb -x "$deb" "$tmp/unpacked"
program="$tmp/unpacked/opt/$pkg/WellPlan"
out=$(QT_QPA_PLATFORM=offscreen "$program" self-test 2>&1) || { rc=$?; echo "$out"; fail "the installed self-test exited with $rc"; }
grep -qx "self-test ok" <<<"$out" || { echo "$out"; fail "the installed self-test did not print 'self-test ok'"; }
echo "installed self-test ok ($program)"
"$tmp/unpacked/usr/bin/wellplan-cli" --help | grep -q "^usage: " || fail "/usr/bin/wellplan-cli --help printed no usage"
"$tmp/unpacked/usr/bin/$pkg" --help | grep -q "^usage: " || fail "/usr/bin/$pkg --help printed no usage"
# A plan on a district server: the installed program has its driver and finds the system's libpq
# (the package depends on libpq5). Port 1 on the loopback: refused at once, and said so.
said=$("$tmp/unpacked/usr/bin/wellplan-cli" check postgresql://wellplan@127.0.0.1:1/plan 2>&1) && fail "a server nobody runs was reachable?"
grep -q "The district server could not be used (plan on 127.0.0.1:1)" <<<"$said" \
  || { echo "$said"; fail "the installed program can't reach a district server"; }
echo "installed program reaches for a district server ok"

# 2. Installed and removed by dpkg, in a root of its own. --force-depends: that root has no
# libraries; --force-script-chrootless: the maintainer scripts run here with DPKG_ROOT=$root.
root="$tmp/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# What every desktop has, which the maintainer scripts build on: hicolor-icon-theme's index and
# shared-mime-info's own definitions (a stand-in here, so the folder outlives our package's file).
mkdir -p "$root/usr/share/icons/hicolor" "$root/usr/share/mime/packages"
touch "$root/usr/share/icons/hicolor/index.theme"
echo '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info"/>' \
  >"$root/usr/share/mime/packages/freedesktop.org.xml"
dpkg_here=(dpkg --root="$root" --log=/dev/null --force-not-root --force-script-chrootless --force-depends)
"${dpkg_here[@]}" --install "$deb" >/dev/null 2>"$tmp/dpkg.err" || { cat "$tmp/dpkg.err"; fail "dpkg --install failed"; }
grep -v "dependency problems\|depends on\|is not installed\|^ \|^$" "$tmp/dpkg.err" >&2 || true
"${dpkg_here[@]}" --status "$pkg" | grep -qx "Status: install ok installed" || fail "dpkg does not list $pkg as installed"
for f in "opt/$pkg/WellPlan" "usr/bin/$pkg" usr/bin/wellplan-cli "usr/share/applications/$pkg.desktop" \
         "usr/share/mime/packages/$pkg.xml" "usr/share/icons/hicolor/48x48/apps/$pkg.png" \
         "usr/share/icons/hicolor/256x256/apps/$pkg.png"; do
  [ -e "$root/$f" ] || fail "/$f is not installed"
done
# postinst refreshed the MIME database where the tool exists: the plan type is known there.
if command -v update-mime-database >/dev/null; then
  [ -e "$root/usr/share/mime/application/x-$pkg.xml" ] || fail "postinst did not register application/x-$pkg"
fi
echo "dpkg install ok: $(find "$root/opt/$pkg" | wc -l) files under /opt/$pkg, desktop entry, MIME type, icons"

"${dpkg_here[@]}" --remove "$pkg" >/dev/null 2>&1 || fail "dpkg --remove failed"
"${dpkg_here[@]}" --purge "$pkg" >/dev/null 2>&1 || fail "dpkg --purge failed"
[ ! -e "$root/opt/$pkg" ] || fail "/opt/$pkg is still there after removal"
[ ! -e "$root/usr/share/applications/$pkg.desktop" ] || fail "the desktop entry is still there after removal"
left=$(cd "$root" && find . -iname "*$pkg*" ! -path ./var/lib/dpkg/status)
[ -z "$left" ] || { echo "$left"; fail "files of $pkg are left after purge"; }
"${dpkg_here[@]}" --status "$pkg" >/dev/null 2>&1 && fail "dpkg still lists $pkg after purge"
echo "dpkg remove and purge ok: nothing of $pkg left"
