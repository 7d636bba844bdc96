#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make install, on the host, into a throwaway DESTDIR: from a copy of the
# tree without git (the repository stays clean; the version is VERSION's,
# as in a tarball), against the cached headers of each Debian kernel (KDIR
# given, as a packager or DKMS would), every file lands where README.md
# says and no depmod index is written under DESTDIR; every program and the
# module say VERSION; the example module (examples/driver) builds against
# the installed headers and Module.symvers, W=1 and warnings as errors, and
# does not link without them; make uninstall leaves no file behind.
# PREFIX=/usr moves the tool, the rules and the units to a distribution's
# places. The shipped units pass `systemd-analyze verify` (a key-by-key
# check where it is missing) and the rules file parses as udev rules.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

host_need make gcc gcc-12 bc flex bison libelf-dev dwarves rsync kmod libmnl-dev python3

work=$(mktemp -d "$IFREG_CACHE/.install.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
ok() { result PASS "install/$1"; }
ko() { result FAIL "install/$1"; shift; printf '  %s\n' "$@" >&2; status=1; }

# The tree as git sees it, uncommitted changes included.
(cd "$IFREG_TOP" && git ls-files -co --exclude-standard -z) |
	rsync -a --from0 --files-from=- "$IFREG_TOP/" "$work/src/"

version=$(cat "$IFREG_TOP/VERSION")
for s in $IFREG_SERIES; do
	kdir=$(kernel_headers "$s")
	rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
	dest=$work/root-$s
	log=$work/install-$s.log
	if ! make -C "$work/src" install DESTDIR="$dest" KDIR="$kdir" >"$log" 2>&1; then
		cat "$log" >&2
		ko "make-install/$s" "make install DESTDIR=$dest KDIR=$kdir failed"
		continue
	fi
	make -C "$work/src" clean KDIR="$kdir" >/dev/null 2>&1
	missing=()
	ko_file=$(ls "$dest/lib/modules/$rel/extra/"ifreg.ko* 2>/dev/null | head -n1)
	[ -n "$ko_file" ] || missing+=("lib/modules/$rel/extra/ifreg.ko")
	devel=usr/local/src/ifreg-$version
	# udev and systemd (bookworm's) read /usr/local/lib/{udev/rules.d,
	# systemd/system}: a local install needs nothing in /etc.
	for f in usr/local/sbin/ifregctl usr/local/share/man/man8/ifregctl.8 \
		 usr/local/lib/libifreg.so.1 usr/local/lib/libifreg.so usr/local/lib/pkgconfig/libifreg.pc \
		 usr/local/include/ifreg/libifreg.h usr/local/share/man/man3/libifreg.3 \
		 usr/local/share/bash-completion/completions/ifregctl \
		 usr/local/lib/udev/rules.d/90-ifreg.rules usr/local/lib/systemd/system/ifreg-restore.service \
		 usr/local/lib/systemd/system/ifreg-save.service \
		 "$devel/include/ifreg/ifreg.h" "$devel/include/ifreg/ndis.h" "$devel/$rel/Module.symvers"; do
		[ -s "$dest/$f" ] || missing+=("$f")
	done
	if [ ${#missing[@]} -eq 0 ] && [ ! -e "$dest/etc" ]; then
		ok "files/$s"
	else
		ko "files/$s" "missing: ${missing[*]}" "$(cd "$dest" && find . -type f)"
	fi
	# A package's tree must not carry depmod's indexes (they would
	# replace the system's); make install says to run depmod instead.
	if [ -z "$(find "$dest/lib/modules/$rel" -maxdepth 1 -name 'modules.*' -print -quit)" ] &&
	   grep -q "no depmod under DESTDIR: run depmod $rel" "$log" &&
	   [ "$(modinfo -F vermagic "$ko_file" 2>/dev/null | cut -d' ' -f1)" = "$rel" ]; then
		ok "no-depmod/$s"
	else
		ko "no-depmod/$s" "$(ls "$dest/lib/modules/$rel")" "vermagic: $(modinfo -F vermagic "$ko_file" 2>&1)"
	fi
	# The installed ifregctl runs on the installed library (ldconfig
	# finds /usr/local/lib in a real install); both, and the module, say
	# the tree's VERSION (the copy has no git).
	vers=$(LD_LIBRARY_PATH=$dest/usr/local/lib "$dest/usr/local/sbin/ifregctl" --version 2>&1)
	if [ -x "$dest/usr/local/sbin/ifregctl" ] &&
	   printf '%s\n' "$vers" | grep -qx "ifregctl $version" &&
	   printf '%s\n' "$vers" | grep -qx "libifreg $version" &&
	   [ "$(modinfo -F version "$ko_file")" = "$version" ] &&
	   [ -n "$(modinfo -F author "$ko_file")" ] &&
	   [ "$(grep -h '^Exec.*ifregctl' "$dest"/usr/local/lib/systemd/system/ifreg-*.service | cut -d' ' -f1 | sort -u)" = \
	     "$(printf '%s\n' ExecStart=/usr/local/sbin/ifregctl ExecStop=/usr/local/sbin/ifregctl)" ]; then
		ok "tool/$s"
	else
		ko "tool/$s" "$vers" "module: $(modinfo -F version "$ko_file" 2>&1)" \
			"$(grep -h '^Exec' "$dest"/usr/local/lib/systemd/system/ifreg-*.service)"
	fi
	# Another out-of-tree module against the installed ifreg: it builds
	# clean with the installed Module.symvers, and modpost refuses it
	# without (the symbols really come from there).
	ex=$work/example-$s
	cp -a "$work/src/examples/driver" "$ex"
	cp -a "$work/src/examples/driver" "$ex-nosyms"
	if make -C "$ex" KDIR="$kdir" IFREG="$dest/$devel" W=1 KCFLAGS=-Werror >"$ex.log" 2>&1 &&
	   ! grep -qi 'warning' "$ex.log" && [ -f "$ex/ifreg_example.ko" ] &&
	   [ "$(modinfo -F depends "$ex/ifreg_example.ko")" = ifreg ] &&
	   ! make -C "$kdir" M="$ex-nosyms" IFREG="$dest/$devel" modules >"$ex-nosyms.log" 2>&1 &&
	   grep -q '"ifreg_register_interface" .* undefined' "$ex-nosyms.log"; then
		ok "example-driver/$s"
	else
		ko "example-driver/$s" "$(cat "$ex.log")" "without Module.symvers: $(tail -n3 "$ex-nosyms.log")"
	fi
	# make uninstall takes back every file make install put there, and
	# ifreg's own directory for other modules, but no parent of it
	# (/usr/local/src is the system's).
	if make -C "$work/src" uninstall DESTDIR="$dest" KDIR="$kdir" >"$work/uninstall-$s.log" 2>&1 &&
	   [ -z "$(find "$dest" ! -type d -print -quit)" ] &&
	   [ ! -e "$dest/$devel" ] && [ -d "$dest/usr/local/src" ]; then
		ok "uninstall/$s"
	else
		ko "uninstall/$s" "$(cat "$work/uninstall-$s.log")" "left: $(cd "$dest" && find . ! -type d)"
	fi
done

# A distribution's layout: PREFIX=/usr (the module part is as above).
dest=$work/root-usr
if make -C "$work/src" install-tools DESTDIR="$dest" PREFIX=/usr >"$work/usr.log" 2>&1 &&
   [ -x "$dest/usr/sbin/ifregctl" ] && [ -s "$dest/usr/share/man/man8/ifregctl.8" ] &&
   [ -s "$dest/usr/lib/udev/rules.d/90-ifreg.rules" ] &&
   [ -s "$dest/usr/lib/systemd/system/ifreg-restore.service" ] &&
   grep -qx 'ExecStop=/usr/sbin/ifregctl save /var/lib/ifreg/store' "$dest/usr/lib/systemd/system/ifreg-save.service" &&
   grep -qx 'ExecStart=/usr/sbin/ifregctl restore /var/lib/ifreg/store' "$dest/usr/lib/systemd/system/ifreg-restore.service" &&
   [ ! -e "$dest/etc" ]; then
	ok prefix-usr
else
	ko prefix-usr "$(cat "$work/usr.log")" "$(cd "$dest" && find . -type f)"
fi

# The units as installed, their ifregctl the one just installed.
units=$work/units
mkdir -p "$units"
for u in "$dest"/usr/lib/systemd/system/ifreg-*.service; do
	sed "s|/usr/sbin/ifregctl|$dest/usr/sbin/ifregctl|" "$u" >"$units/${u##*/}"
done
if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify --man=no "$units"/ifreg-*.service 2>&1)
	if [ $? -eq 0 ] && [ -z "$out" ]; then ok units-verify; else ko units-verify "$out"; fi
else
	result SKIP install/units-verify
fi
# What the units promise, key by key (also where systemd-analyze is missing).
out=$(python3 - "$IFREG_TOP/systemd" <<'PYEOF'
import configparser, sys
def load(name):
    c = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    c.optionxform = str
    c.read(f"{sys.argv[1]}/{name}")
    return c
bad = []
r = load("ifreg-restore.service")
def want(c, sec, key, *words):
    v = c.get(sec, key, fallback="")
    for w in words:
        if w not in v.split():
            bad.append(f"{sec}.{key} lacks {w}: {v!r}")
want(r, "Unit", "DefaultDependencies", "no")
want(r, "Unit", "Before", "systemd-udev-trigger.service")
want(r, "Unit", "RequiresMountsFor", "/var/lib/ifreg")
want(r, "Unit", "ConditionPathExists", "/var/lib/ifreg/store")
want(r, "Service", "Type", "oneshot")
want(r, "Install", "WantedBy", "sysinit.target")
# configparser keeps the last of repeated keys: read ExecStart= in order.
execs = [l.split("=", 1)[1].strip() for l in open(f"{sys.argv[1]}/ifreg-restore.service")
         if l.startswith("ExecStart=")]
if execs != ["/sbin/modprobe ifreg", "/usr/local/sbin/ifregctl restore /var/lib/ifreg/store"]:
    bad.append(f"restore ExecStart: {execs}")
s = load("ifreg-save.service")
want(s, "Service", "Type", "oneshot")
want(s, "Service", "RemainAfterExit", "yes")
want(s, "Service", "ExecStop", "/usr/local/sbin/ifregctl", "save", "/var/lib/ifreg/store")
want(s, "Unit", "After", "ifreg-restore.service", "local-fs.target")
want(s, "Unit", "Requires", "ifreg-restore.service")
want(s, "Install", "WantedBy", "multi-user.target")
print("\n".join(bad))
PYEOF
)
if [ -z "$out" ]; then ok units-keys; else ko units-keys "$out"; fi

# The rules: every line a comment, blank, or comma-separated KEY op "value"
# pairs of keys udev knows, and the variables it tests ones ifreg sets.
out=$(python3 - "$IFREG_TOP/udev/90-ifreg.rules" "$IFREG_TOP/src/device.c" <<'PYEOF'
import re, sys
keys = {"ACTION", "SUBSYSTEM", "KERNEL", "DRIVER", "ENV", "TAG", "RUN", "GOTO",
        "LABEL", "SYMLINK", "ATTR", "PROGRAM", "IMPORT", "OPTIONS", "TEST", "NAME"}
pair = re.compile(r'\s*([A-Z]+)(\{([A-Za-z0-9_]+)\})?\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*(,|$)')
known = set(re.findall(r'"(IFREG_[A-Z_]+)=', open(sys.argv[2]).read())) | {"SYSTEMD_WANTS", "SYSTEMD_ALIAS"}
bad, labels, gotos = [], set(), set()
for n, raw in enumerate(open(sys.argv[1]), 1):
    line = raw.strip()
    if line.startswith("#") and re.match(r"#[A-Z]+(\{|==|=)", line):
        line = line[1:]           # a commented-out example: it must parse too
    elif not line or line.startswith("#"):
        continue
    pos = 0
    while pos < len(line):
        m = pair.match(line, pos)
        if not m or m.group(1) not in keys:
            bad.append(f"line {n}: cannot parse at {line[pos:]!r}")
            break
        if m.group(1) == "ENV" and m.group(3) not in known:
            bad.append(f"line {n}: ENV{{{m.group(3)}}} is no variable ifreg sets")
        if m.group(1) == "LABEL": labels.add(m.group(5))
        if m.group(1) == "GOTO": gotos.add(m.group(5))
        pos = m.end()
if not re.search(r'SUBSYSTEM(==|!=)"ifreg"', open(sys.argv[1]).read()):
    bad.append("no SUBSYSTEM==\"ifreg\" match")
bad += [f"GOTO {g} has no LABEL" for g in gotos - labels]
print("\n".join(bad))
PYEOF
)
if [ -z "$out" ]; then ok rules-parse; else ko rules-parse "$out"; fi
exit $status
