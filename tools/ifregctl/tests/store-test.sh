#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The store format on the host, no kernel needed: `ifregctl restore
# --check` accepts a good store and refuses every kind of bad one with the
# line, the reason and exit code 4; `ifregctl restore` (no --check) refuses
# them the same way before it ever opens a netlink socket (when the host
# has no ifreg module, a store that passed would end in exit 3, "not
# loaded": a refused one never gets that far); and the atomic write save
# uses leaves the old file alone when it fails. Run by scripts/hosttest.sh
# with ifregctl and tests/storetool built.
set -uo pipefail
# shellcheck source=SCRIPTDIR/../../../scripts/lib.sh
source "$(dirname "$0")/../../../scripts/lib.sh"
# python3 computes the CRC-32 and counts of crafted stores.
host_need python3

CTL=${IFREGCTL:-$IFREG_TOP/tools/ifregctl/ifregctl}
# The tree's ifregctl finds the tree's libifreg.so.1 (it has no rpath).
export LD_LIBRARY_PATH=$IFREG_TOP/tools/libifreg${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
TOOL=$IFREG_TOP/tools/ifregctl/tests/storetool
[ -x "$CTL" ] && [ -x "$TOOL" ] || die "build ifregctl and tests/storetool first (make -C tools/ifregctl all tests/storetool)"

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
status=0

# Whether restore without --check may be tried here: only where ifreg is
# not loaded (where it is, a good store would really be restored).
"$CTL" classes >/dev/null 2>&1
[ $? -eq 3 ] && no_module=1 || no_module=

ok() { result PASS "store/$1"; }
ko() { result FAIL "store/$1"; shift; printf '  %s\n' "$@" >&2; status=1; }

# seal FILE: append the end line (record count, zlib CRC-32 of all before).
seal() {
	python3 - "$1" <<'EOF'
import sys, zlib
p = sys.argv[1]
b = open(p, "rb").read()
n = sum(1 for l in b.split(b"\n")[1:] if l and not l.startswith(b"#"))
open(p, "ab").write(b"end %d %08x\n" % (n, zlib.crc32(b)))
EOF
}

C='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
C2='{1fc0a6b2-3d4e-4f50-8a61-72837495a6b7}'
L0="\\??\\PLATFORM#ifreg_sample.0#$C"
L1="\\??\\PLATFORM#ifreg_sample.1#$C\\my%20ref"

# body: the records of the good store, one per line.
body() {
	printf '%s\n' \
		"interface $C PLATFORM\\ifreg_sample.0 - /sys/devices/platform/ifreg_sample.0 $L0" \
		"interface $C PLATFORM\\ifreg_sample.1 my%20ref - $L1" \
		"# a comment" \
		"value $L0 FriendlyName 46726f6e74204e494300" \
		"value $L0 Empty -" \
		"value $L0 %2D 00" \
		"property \\??\\platform#IFREG_SAMPLE.0#$C {a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d} 5 7 2a000000" \
		"default $C $L1" \
		"luid 6 1 /devices/pci0000:00/0000:00:03.0/virtio0/net/eth0" \
		"luid 6 2 -" \
		"luid 71 1 -"
}

# make_store NAME [HEADER] [EXTRA RECORD]: a sealed store from body().
make_store() {
	{
		echo "${2:-ifreg-store 1}"
		body
		[ -z "${3:-}" ] || printf '%s\n' "$3"
	} >"$tmp/$1"
	seal "$tmp/$1"
}

# refused NAME FILE PATTERN: restore --check and restore both exit 4 with
# a message matching PATTERN (FILE:LINE: reason) and "nothing was restored".
refused() {
	local name=$1 file=$2 pat=$3 out rc mode
	for mode in --check plain; do
		if [ $mode = plain ] && [ -z "$no_module" ]; then
			continue
		fi
		out=$("$CTL" restore $([ $mode = --check ] && echo --check) "$file" 2>&1)
		rc=$?
		if [ $rc -ne 4 ] || ! grep -qE -- "$pat" <<<"$out" ||
		   ! grep -q 'refused; nothing was restored' <<<"$out" ||
		   grep -q 'not loaded' <<<"$out"; then
			ko "$name${mode/plain/-no-check}" "exit $rc, wanted 4 and /$pat/:" "$out"
			return
		fi
	done
	# STORE_TEST_VERBOSE=1 shows each refusal as a user sees it.
	[ -z "${STORE_TEST_VERBOSE:-}" ] || printf '%s\n' "$out" >&2
	ok "$name"
}

f=$tmp/good
make_store good

# A good store: --check says what it holds (and, without the module,
# that the kernel was not asked); without --check (no module here) it gets
# as far as netlink.
out=$("$CTL" restore --check "$f" 2>"$tmp/err")
rc=$?
want='valid store: 2 interfaces, 4 values/properties, 1 defaults, 3 LUID indexes'
if [ $rc -eq 0 ] && [ "$out" = "$want" ] &&
   { [ -z "$no_module" ] || grep -q "checked by ifregctl's copy of the kernel's rules" "$tmp/err"; }; then
	ok good-check
else
	ko good-check "exit $rc: $out" "$(cat "$tmp/err")"
fi
out=$("$CTL" -j restore --check "$f" 2>/dev/null)
if [ -z "$no_module" ] ||
   [ "$out" = '{"check":true,"kernel":false,"interfaces":2,"entries":4,"defaults":1,"luids":3}' ]; then
	ok good-check-json
else
	ko good-check-json "$out"
fi
if [ -n "$no_module" ]; then
	out=$("$CTL" restore "$f" 2>&1)
	rc=$?
	if [ $rc -eq 3 ] && grep -q 'not loaded' <<<"$out"; then ok good-reaches-netlink; else ko good-reaches-netlink "exit $rc: $out"; fi
else
	result SKIP store/good-reaches-netlink
fi

# Round trip: what save would write of it reads back the same, and a
# second pass changes nothing (the format is canonical after one pass).
if "$TOOL" rewrite "$f" "$tmp/rt1" && "$TOOL" rewrite "$tmp/rt1" "$tmp/rt2" &&
   cmp -s "$tmp/rt1" "$tmp/rt2" && [ ! -e "$tmp/rt1.tmp" ] &&
   [ "$("$CTL" restore --check "$tmp/rt1" 2>/dev/null)" = "$want" ] &&
   grep -qxF "value $L0 %2D 00" "$tmp/rt1" && grep -qxF "value $L0 Empty -" "$tmp/rt1" &&
   grep -qF "interface $C PLATFORM\\ifreg_sample.1 my%20ref - " "$tmp/rt1" &&
   grep -qE '^end 10 [0-9a-f]{8}$' "$tmp/rt1"; then
	ok round-trip
else
	ko round-trip "$(cat "$tmp/rt1" 2>&1)"
fi

# Damage, each with its message.
head -c -30 "$f" >"$tmp/trunc"
refused truncated "$tmp/trunc" "trunc: truncated store: the last line is incomplete"
head -n 5 "$f" >"$tmp/trunc-line"
refused truncated-at-line "$tmp/trunc-line" "trunc-line: truncated store: no 'end' line"
: >"$tmp/empty"
refused empty "$tmp/empty" "empty: empty file, not an ifreg store"

sed 's/46726f6e74204e494300/46726f6e74204e494301/' "$f" >"$tmp/flip"
refused flipped-byte "$tmp/flip" "flip:13: checksum mismatch \(the end line says [0-9a-f]{8}, the contents give [0-9a-f]{8}\): the store is corrupt"

sed '$d' "$f" >"$tmp/count"
python3 - "$tmp/count" <<'EOF'
import sys, zlib
p = sys.argv[1]
b = open(p, "rb").read()
open(p, "ab").write(b"end 11 %08x\n" % zlib.crc32(b))
EOF
refused wrong-count "$tmp/count" "count:13: the end line counts 11 records, the file has 10"

make_store v2 'ifreg-store 2'
refused version-2 "$tmp/v2" "v2:1: unsupported store version 2; this ifregctl reads version 1"
printf 'something else\n' >"$tmp/foreign"
refused not-a-store "$tmp/foreign" "foreign:1: not an ifreg store"

make_store unknown '' "frobnicate $L0"
refused unknown-record "$tmp/unknown" "unknown:13: unknown record 'frobnicate'"
make_store midend '' "end 3 00000000"
refused end-in-middle "$tmp/midend" "midend:13: 'end' before the last line"

make_store badguid '' "interface {5a3b0e6c-1f1e-4e8a-9a77-53414d504c4} PLATFORM\\x.2 - - \\??\\PLATFORM#x.2#$C"
refused bad-guid "$tmp/badguid" "badguid:13: bad class GUID '\{5a3b0e6c-1f1e-4e8a-9a77-53414d504c4\}'"
make_store badfmtid '' "property $L0 {a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4z} 5 7 00"
refused bad-fmtid "$tmp/badfmtid" "badfmtid:13: bad property fmtid"

make_store badhex '' "value $L0 Speed 0a0g"
refused bad-hex "$tmp/badhex" "badhex:13: bad hex data: 'g' at position 4 is not a hex digit"
make_store oddhex '' "value $L0 Speed 0a0"
refused odd-hex "$tmp/oddhex" "oddhex:13: bad hex data: odd number of hex digits"

make_store badpct '' "value $L0 Bad%2 00"
refused bad-percent "$tmp/badpct" "badpct:13: value name 'Bad%2': bad percent-encoding"
make_store nulpct '' "value $L0 Bad%00 00"
refused nul-percent "$tmp/nulpct" "nulpct:13: value name 'Bad%00': %00 \(a NUL byte\) is not allowed"
make_store fields '' "value $L0 Speed"
refused field-count "$tmp/fields" "fields:13: 'value' wants 3 fields after it, this line has 2"
make_store spaces '' "value $L0  Speed 00"
refused double-space "$tmp/spaces" "spaces:13: empty field"
make_store tab '' "$(printf 'value %s Sp\teed 00' "$L0")"
refused raw-control-byte "$tmp/tab" "tab:13: byte 0x09 outside a percent-encoding"
make_store badlink '' "value PLATFORM#x.0#$C Speed 00"
refused bad-link "$tmp/badlink" "badlink:13: bad symbolic link"
make_store badpdo '' "interface $C PLATFORM\\x.2 - /devices/x.2 \\??\\PLATFORM#x.2#$C"
refused bad-pdo "$tmp/badpdo" "badpdo:13: bad PDO '/devices/x.2'"
make_store badidx '' "luid 6 16777216 -"
refused bad-luid-index "$tmp/badidx" "badidx:13: bad LUID index '16777216'"
make_store zeroidx '' "luid 6 0 -"
refused zero-luid-index "$tmp/zeroidx" "zeroidx:13: bad LUID index '0'"
make_store badtype '' "luid 65536 3 -"
refused bad-iftype "$tmp/badtype" "badtype:13: bad IfType '65536'"

make_store dangling '' "value \\??\\PLATFORM#nowhere.0#$C Speed 00"
refused dangling-link "$tmp/dangling" "dangling:13: value of '.*nowhere.0.*': no 'interface' line declares that symbolic link"
make_store dangdef '' "default $C2 \\??\\PLATFORM#nowhere.0#$C2"
refused dangling-default "$tmp/dangdef" "dangdef:13: default '.*': no 'interface' line declares"
make_store wrongclass '' "default $C2 $L0"
refused default-wrong-class "$tmp/wrongclass" "wrongclass:13: default of class \{1fc0a6b2-3d4e-4f50-8a61-72837495a6b7\}: .* is an interface of class"

make_store dupif '' "interface $C PLATFORM\\ifreg_sample.0 - - \\??\\platform#IFREG_SAMPLE.0#$C"
refused duplicate-interface "$tmp/dupif" "dupif:13: duplicate interface '.*' \(line 2 declares it already\)"
make_store dupval '' "value $L0 FriendlyName 00"
refused duplicate-value "$tmp/dupval" "dupval:13: duplicate value 'FriendlyName' of .* \(line 5 has it already\)"
make_store dupprop '' "property $L0 {A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D} 5 0 -"
refused duplicate-property "$tmp/dupprop" "dupprop:13: duplicate property \{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d\}:5"
make_store dupdef '' "default $C $L0"
refused duplicate-default "$tmp/dupdef" "dupdef:13: duplicate default of class"
make_store dupluid '' "luid 6 2 /devices/x/net/eth1"
refused duplicate-luid "$tmp/dupluid" "dupluid:13: duplicate LUID index 2 of IfType 6 \(line 11 has it already\)"
# One key at two indexes: the kernel keeps one index for a key, so the
# second reservation would fail halfway through a restore.
make_store dupkey '' "luid 71 9 /devices/pci0000:00/0000:00:03.0/virtio0/net/eth0"
refused duplicate-luid-key "$tmp/dupkey" "dupkey:13: duplicate LUID key '/devices/pci0000:00/0000:00:03.0/virtio0/net/eth0' \(line 10 keeps another index for it\)"

# Records whose every field is well formed but which the kernel refuses,
# by the rules of src/name.c (instance paths, references, the names made
# of them), src/store.c (value names) and the netlink policy (IfType, LUID
# key): without the module ifregctl's copy of those rules refuses the
# store whole, as the kernel's check would (exit 4, nothing sent).
make_store lcsub '' "interface $C platform\\x.2 - - \\??\\platform#x.2#$C"
refused lower-case-subsystem "$tmp/lcsub" "lcsub:13: bad instance path 'platform\\\\x.2': a lower-case letter in the subsystem"
make_store hashsub '' "interface $C PLAT#FORM\\x.2 - - \\??\\PLAT#FORM#x.2#$C"
refused hash-in-subsystem "$tmp/hashsub" "hashsub:13: bad instance path 'PLAT#FORM\\\\x.2': '#' in the subsystem"
make_store ctlname '' "interface $C PLATFORM\\x%09y - - \\??\\PLATFORM#x%09y#$C"
refused control-in-device-name "$tmp/ctlname" "ctlname:13: bad instance path 'PLATFORM\\\\x%09y': a control character in the device name"
make_store ctlref '' "interface $C PLATFORM\\x.2 a%09b - \\??\\PLATFORM#x.2#$C\\a%09b"
refused control-in-reference "$tmp/ctlref" "ctlref:13: bad reference 'a%09b': a byte outside printable ASCII"
make_store ctlval '' "value $L0 Bad%09Name 00"
refused control-in-value-name "$tmp/ctlval" "ctlval:13: bad value name 'Bad%09Name': a byte outside printable ASCII"
make_store emptyval '' "value $L0 - 00"
refused empty-value-name "$tmp/emptyval" "emptyval:13: bad value name '-': empty"
make_store mismatch '' "interface $C PLATFORM\\x.2 - - \\??\\PLATFORM#x.3#$C"
refused link-not-the-kernels "$tmp/mismatch" "mismatch:13: symbolic link '.*x.3.*' is not the name the kernel gives this interface \\(.*x.2.*\\)"
long=$(printf 'x%.0s' $(seq 1 220))
make_store longname '' "interface $C PLATFORM\\$long - - \\??\\PLATFORM#$long"
refused name-too-long "$tmp/longname" "longname:13: the symbolic link would be 268 bytes after .*, more than a sysfs name's 255"
make_store longkey '' "luid 6 9 /devices/$(printf 'k%.0s' $(seq 1 250))"
refused long-luid-key "$tmp/longkey" "longkey:13: LUID key '/devices/k.*': too long \\(259 bytes, at most 255\\)"
make_store iftype0 '' "luid 0 9 -"
refused iftype-0 "$tmp/iftype0" "iftype0:13: bad IfType '0' \\(IfTypes start at 1\\)"

# Bytes after the end line, and a NUL: not a store ifregctl wrote.
cp "$f" "$tmp/after"
printf 'luid 6 9 -\n' >>"$tmp/after"
refused after-end "$tmp/after" "after:14: text after the end line"
cp "$f" "$tmp/nul"
printf 'x\0y\n' >>"$tmp/nul"
refused nul-byte "$tmp/nul" "nul:14: NUL byte in the file"

# A missing file: exit 1, the system's reason.
out=$("$CTL" restore --check "$tmp/nosuch" 2>&1)
rc=$?
if [ $rc -eq 1 ] && grep -q 'nosuch: No such file or directory' <<<"$out"; then ok missing-file; else ko missing-file "exit $rc: $out"; fi

# The atomic write save uses: when it fails, the old file stays whole and
# no FILE.tmp is left behind.
echo old >"$tmp/keep"
mkdir "$tmp/keep.tmp"
out=$("$TOOL" rewrite "$f" "$tmp/keep" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ "$(cat "$tmp/keep")" = old ] && grep -q 'keep.tmp: creating: .*; .*keep is unchanged' <<<"$out"; then
	ok save-atomic-create-fails
else
	ko save-atomic-create-fails "exit $rc: $out"
fi
rmdir "$tmp/keep.tmp"
# Another save writing FILE.tmp (it holds the lock): this one gives up,
# leaving both that save's FILE.tmp and FILE alone.
if command -v flock >/dev/null; then
	flock "$tmp/keep.tmp" sleep 10 &
	locker=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e "$tmp/keep.tmp" ] && break; sleep 0.1; done
	sleep 0.2
	out=$("$TOOL" rewrite "$f" "$tmp/keep" 2>&1)
	rc=$?
	kill "$locker" 2>/dev/null
	wait "$locker" 2>/dev/null
	if [ $rc -eq 1 ] && [ "$(cat "$tmp/keep")" = old ] && [ -e "$tmp/keep.tmp" ] &&
	   grep -q 'keep.tmp: locking: in use (another save is writing it); .*keep is unchanged' <<<"$out"; then
		ok save-atomic-concurrent
	else
		ko save-atomic-concurrent "exit $rc: $out"
	fi
	rm -f "$tmp/keep.tmp"
	# With the other save gone, a stale FILE.tmp is simply reused.
	echo stale >"$tmp/keep.tmp"
	if "$TOOL" rewrite "$f" "$tmp/keep" && [ ! -e "$tmp/keep.tmp" ] &&
	   "$CTL" restore --check "$tmp/keep" >/dev/null 2>&1; then
		ok save-stale-tmp
	else
		ko save-stale-tmp "$(ls -la "$tmp")"
	fi
	echo old >"$tmp/keep"
else
	result SKIP store/save-atomic-concurrent
fi
mkdir -p "$tmp/isdir/sub"
out=$("$TOOL" rewrite "$f" "$tmp/isdir" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ -d "$tmp/isdir/sub" ] && [ ! -e "$tmp/isdir.tmp" ] &&
   grep -q 'isdir.tmp: renaming it over the store: ' <<<"$out"; then
	ok save-atomic-rename-fails
else
	ko save-atomic-rename-fails "exit $rc: $out"
fi
out=$("$TOOL" rewrite "$f" "$tmp/nodir/store" 2>&1)
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$tmp/nodir" ]; then ok save-atomic-no-dir; else ko save-atomic-no-dir "exit $rc: $out"; fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro"
	echo old >"$tmp/ro/store"
	chmod a-w "$tmp/ro"
	out=$("$TOOL" rewrite "$f" "$tmp/ro/store" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && [ "$(cat "$tmp/ro/store")" = old ] && [ ! -e "$tmp/ro/store.tmp" ]; then
		ok save-atomic-readonly-dir
	else
		ko save-atomic-readonly-dir "exit $rc: $out"
	fi
elif command -v setpriv >/dev/null; then
	# root writes anywhere: as nobody, into a directory nobody cannot write.
	mkdir "$tmp/ro"
	echo old >"$tmp/ro/store"
	chmod 755 "$tmp" "$tmp/ro"
	cp "$TOOL" "$tmp/"
	chmod 755 "$tmp/storetool"
	chmod 644 "$tmp/good"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/storetool" rewrite "$tmp/good" "$tmp/ro/store" 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && [ "$(cat "$tmp/ro/store")" = old ] && [ ! -e "$tmp/ro/store.tmp" ] &&
	   grep -q 'Permission denied; .*store is unchanged' <<<"$out"; then
		ok save-atomic-readonly-dir
	else
		ko save-atomic-readonly-dir "exit $rc: $out"
	fi
else
	result SKIP store/save-atomic-readonly-dir
fi

# save without the module: exit 3, and FILE untouched.
echo old >"$tmp/saved"
if [ -n "$no_module" ]; then
	out=$("$CTL" save "$tmp/saved" 2>&1)
	rc=$?
	if [ $rc -eq 3 ] && [ "$(cat "$tmp/saved")" = old ] && [ ! -e "$tmp/saved.tmp" ]; then
		ok save-no-module
	else
		ko save-no-module "exit $rc: $out"
	fi
fi
# usage errors: exit 2.
"$CTL" restore >/dev/null 2>&1
rc1=$?
"$CTL" restore --bogus x >/dev/null 2>&1
rc2=$?
"$CTL" save a b >/dev/null 2>&1
rc3=$?
"$CTL" luid free 6 >/dev/null 2>&1
rc4=$?
"$CTL" luid alloc 70000 >/dev/null 2>&1
rc5=$?
if [ "$rc1$rc2$rc3$rc4$rc5" = 22222 ]; then ok usage; else ko usage "exits $rc1 $rc2 $rc3 $rc4 $rc5"; fi
exit $status
