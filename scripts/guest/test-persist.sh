#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ifregctl save / restore (store format: the ifreg-store text file) with
# the kernel's side of persistence: registrations come back PDO-less and
# bind to their device when it is there, persistent values and properties
# and class defaults come back, and a netdev gets the NetLuidIndex saved
# for it. Two phases, on the store disk the host attaches at /mnt/store:
#
#   save  (boot 1): registrations on the VM's virtio NIC and serial port
#         and the sample driver's, values and properties (persistent and
#         not), a class default, dummy2 on a non-lowest NetLuidIndex;
#         expected results and the store go to the disk; then rmmod and
#         insmod, corrupted copies refused with nothing changed, copies
#         with one record the kernel refuses refused whole (by ifregctl's
#         copy of the kernel's rules before insmod, by the kernel's check
#         after) with nothing changed, restore, and everything compared
#         with what was saved.
#   check (boot 2, same disk): insmod, restore the store boot 1 wrote,
#         compare with boot 1's expected results; dummy2 created after
#         the restore gets its saved NetLuidIndex.
#
# Every comparison goes through `ifregctl --json` and jsonflat.
# The guest init runs this with `save` in boot 1 and `check` in boot 2:
# ifreg-vm-boots: save check

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

PHASE=${1:-save}
S=/mnt/store
STORE=$S/ifreg.store
EXP=$S/expect
T=/run/persist-test
FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
CTL='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}'
NEW='{6d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e}'
PK='{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}:5'
SAMPLE_KO=/ifreg/ifreg_sample.ko
NOBODY=65534

plan disk-fresh setup save-ok save-atomic store-crc copy-refuses-lower-case-subsystem copy-refuses-hash-in-subsystem copy-refuses-control-in-device-name copy-refuses-control-in-reference copy-refuses-control-in-value-name copy-refuses-empty-value-name copy-refuses-link-not-the-kernels copy-refuses-name-too-long copy-refuses-long-luid-key copy-refuses-iftype-0 restore-missing-file corrupt-flip corrupt-truncate corrupt-no-end corrupt-version corrupt-count corrupt-dangling corrupt-unknown-record kernel-refuses-lower-case-subsystem kernel-refuses-hash-in-subsystem kernel-refuses-control-in-device-name kernel-refuses-control-in-reference kernel-refuses-control-in-value-name kernel-refuses-empty-value-name kernel-refuses-link-not-the-kernels kernel-refuses-name-too-long kernel-refuses-long-luid-key kernel-refuses-iftype-0 kernel-refuses-value-over-max-store-size check-good-store restore-unpriv-refused check-unpriv-by-copy restore-ok restore-links restore-bound restore-props restore-nonpersistent-dropped restore-default restore-luid restore-luid-plain sample-rebind restore-again cleanup dmesg-clean
plan reboot-disk-survives reboot-restore-ok reboot-links reboot-bound reboot-props reboot-default reboot-luid-nic reboot-luid-dummy reboot-luid-plain reboot-sample-rebind reboot-cleanup reboot-dmesg-clean

mkdir -p "$T"
chmod 0755 "$T"

# rc CMD...: CMD's exit status, its output in $T/out and $T/err.
rc() {
	"$@" >"$T/out" 2>"$T/err"
	echo $?
}

# rows FILE KEYS: jsonflat output of an array of objects, one line per
# object: the members KEYS in that order, `-` when absent, joined by `|`,
# sorted (the order of the array does not matter here).
rows() {
	awk -v keys="$2" '
	match($0, /^\[[0-9]+\]\./) {
		i = substr($0, 2, RLENGTH - 3) + 0
		rest = substr($0, RLENGTH + 1)
		eq = index(rest, "=")
		val[i, substr(rest, 1, eq - 1)] = substr(rest, eq + 1)
		if (i + 1 > n)
			n = i + 1
	}
	END {
		nk = split(keys, k, " ")
		for (i = 0; i < n; i++) {
			l = ""
			for (j = 1; j <= nk; j++)
				l = l (j > 1 ? "|" : "") (((i, k[j]) in val) ? val[i, k[j]] : "-")
			print l
		}
	}' "$1" | sort
}

# json_rows KEYS CMD...: rows of CMD's JSON; fails when CMD fails or its
# output is not JSON.
json_rows() {
	local keys=$1
	shift
	"$@" >"$T/json" 2>"$T/json.err" || return 1
	jsonflat <"$T/json" >"$T/flat" || return 1
	rows "$T/flat" "$keys"
}

# The views compared. listing: every registration, enabled or not, with
# its PDO and default flag (not its state: restore does not enable).
listing() { json_rows 'symbolic_link class instance_path reference pdo default' ifregctl --json list --all; }
states() { json_rows 'symbolic_link pdo enabled' ifregctl --json list --all; }
classes() { json_rows 'class count default_link' ifregctl --json classes; }
props() { json_rows 'key type persistent length u32 data hex' ifregctl --json prop "$1"; }
ndis() { json_rows 'name iftype luid_index net_luid' ifregctl --json ndis; }
# luid NAME: "iftype|luid_index|net_luid" of one netdev.
luid() { json_rows 'iftype luid_index net_luid' ifregctl --json ndis "$1"; }
# state: all of it (LUID indexes too), for "nothing changed".
state() { states; classes; ndis; ifregctl luid list; }

# sample_pdoless FILE: the expected states after a restore, from a listing
# FILE: the sample driver's registrations without their PDO (its devices
# are gone with it), every registration disabled.
sample_pdoless() {
	awk -F'|' -v fn="$FN" -v ctl="$CTL" '{
		pdo = ($2 == fn || $2 == ctl) ? "-" : $5
		print $1 "|" pdo "|false"
	}' "$1" | sort
}

# craft OUT BODY COUNT: a store of BODY's lines with a correct `end` line
# claiming COUNT records (the CRC in the case the saved store used).
craft() {
	local c
	c=$(crc32 "$2")
	case $(tail -n1 "$STORE" | cut -d' ' -f3) in
	*[A-F]*) c=$(echo "$c" | tr a-f A-F) ;;
	esac
	{ cat "$2"; echo "end $3 $c"; } >"$1"
}

# refused NAME FILE [GREP]: restore of FILE fails, says why (GREP when
# given), and changes nothing. Not a usage error (2) or a missing module
# (3): a store it would not read. Only meaningful once a store was saved
# by an ifregctl that has restore.
refused() {
	local before r
	if [ ! -s "$STORE" ] || ! ifregctl --help 2>&1 | grep -q restore; then
		fail "$1" "no store saved, or ifregctl has no restore: nothing to corrupt"
		return
	fi
	before=$(state)
	r=$(rc ifregctl restore "$2")
	if [ "$r" = 0 ] || [ "$r" = 2 ] || [ "$r" = 3 ] || [ ! -s "$T/err" ] ||
	   { [ -n "${3:-}" ] && ! grep -q "$3" "$T/err"; }; then
		fail "$1" "restore of $2: exit $r, stderr: $(cat "$T/err")"
	elif [ "$(state)" != "$before" ]; then
		fail "$1" "restore of $2 refused (exit $r) but changed the registry:
before: $before
after: $(state)"
	else
		pass "$1"
	fi
}

# One record each that every field of is well formed but the kernel
# refuses (src/name.c, src/store.c, the netlink policy; the last one only
# the module's max_store_size), appended to the saved store: a restore that
# applied records one by one would have applied all the others first.
# bad_record CASE LINK: the record; LINK is a saved interface's.
bad_record() {
	local link=$2 long
	case $1 in
	lower-case-subsystem) printf "%s\n" "interface $NEW platform\\x.9 - - \\??\\platform#x.9#$NEW" ;;
	hash-in-subsystem) printf "%s\n" "interface $NEW PLAT#FORM\\x.9 - - \\??\\PLAT#FORM#x.9#$NEW" ;;
	control-in-device-name) printf "%s\n" "interface $NEW PLATFORM\\x%09y - - \\??\\PLATFORM#x%09y#$NEW" ;;
	control-in-reference) printf "%s\n" "interface $NEW PLATFORM\\x.9 a%09b - \\??\\PLATFORM#x.9#$NEW\\a%09b" ;;
	control-in-value-name) printf "%s\n" "value $link Bad%09Name 00" ;;
	empty-value-name) printf "%s\n" "value $link - 00" ;;
	link-not-the-kernels) printf "%s\n" "interface $NEW PLATFORM\\x.9 - - \\??\\PLATFORM#x.8#$NEW" ;;
	name-too-long)
		long=$(printf '%0220d' 0 | tr 0 x)
		printf "%s\n" "interface $NEW PLATFORM\\$long - - \\??\\PLATFORM#$long" ;;
	long-luid-key) printf "%s\n" "luid 6 9 /devices/$(printf '%0250d' 0 | tr 0 k)" ;;
	iftype-0) printf "%s\n" "luid 0 9 -" ;;
	value-over-max-store-size) printf "%s\n" "value $link Big $(printf '%04097d' 0 | sed 's/0/2a/g')" ;;
	esac
}
# Each case: what ifregctl's copy of the kernel's rules says of it (- when
# it cannot know: the module's cap), and what the kernel's check says.
CASES="lower-case-subsystem|bad instance path .*: a lower-case letter in the subsystem|interface .*: invalid argument (not an instance path like PLATFORM
hash-in-subsystem|bad instance path .*: '#' in the subsystem|interface .*: invalid argument (not an instance path like PLATFORM
control-in-device-name|bad instance path .*: a control character in the device name|interface .*: invalid argument (not an instance path like PLATFORM
control-in-reference|bad reference 'a%09b': a byte outside printable ASCII|interface .*: invalid argument (bad reference
control-in-value-name|bad value name 'Bad%09Name': a byte outside printable ASCII|value 'Bad.Name' of .*: invalid argument (bad value name
empty-value-name|bad value name '-': empty|value '' of .*: invalid argument (bad value name
link-not-the-kernels|symbolic link .* is not the name the kernel gives this interface|interface .*x.8.*: the kernel names it .*x.9.*, not as saved
name-too-long|the symbolic link would be 268 bytes after|interface .*: invalid argument (the name would be longer than a sysfs name
long-luid-key|LUID key .*: too long (259 bytes, at most 255)|luid 6 9: invalid argument (Attribute failed policy validation)
iftype-0|bad IfType '0' (IfTypes start at 1)|luid 0 9: .*(integer out of range)
value-over-max-store-size|-|value 'Big' of .*: no space in the store"

# bad_stores: $T/bad-CASE for every case, sealed (the saved records' CRC
# once, each case's record's from there).
bad_stores() {
	local c count state link
	sed '$d' "$STORE" >"$T/body"
	count=$(tail -n1 "$STORE" | cut -d' ' -f2)
	link=$(awk '/^value / { print $2; exit }' "$STORE")
	state=$(crc32 -s "$T/body")
	for c in $(echo "$CASES" | cut -d'|' -f1); do
		bad_record "$c" "$link" >"$T/bad-$c.rec"
		{
			cat "$T/body" "$T/bad-$c.rec"
			echo "end $((count + 1)) $(crc32 "$T/bad-$c.rec" "$state")"
		} >"$T/bad-$c"
	done
}

# dumps: the dumps a refused restore must leave as they were: every
# registration, class and LUID index, and the NIC's stored entries.
dumps() {
	ifregctl --json list --all
	ifregctl --json classes
	ifregctl luid list
	ifregctl --json prop "$nic_link" 2>&1
}

# kernel_refuses CASE GREP: with the module loaded, `restore --check` and
# `restore` of $T/bad-CASE both exit 4, name the record's line and the
# kernel's reason (GREP), say nothing was restored, and change nothing:
# dumps as in $before, those of the freshly loaded module. A failure loads
# it afresh for the next case.
kernel_refuses() {
	local name=kernel-refuses-$1 f=$T/bad-$1 r rc line why=
	line=$(($(wc -l <"$f") - 1))
	r=$(rc ifregctl restore --check "$f")
	if [ "$r" != 4 ] || ! grep -q "$f:$line: .*$2" "$T/err" ||
	   ! grep -q 'refused; nothing was restored' "$T/err"; then
		why="restore --check: exit $r, stderr: $(cat "$T/err")"
	fi
	rc=$(rc ifregctl restore "$f")
	if [ "$rc" != 4 ] || ! grep -q "$f:$line: .*$2" "$T/err" ||
	   ! grep -q 'refused; nothing was restored' "$T/err"; then
		why="$why
restore: exit $rc, stdout: $(cat "$T/out") stderr: $(cat "$T/err")"
	fi
	if [ "$(dumps)" != "$before" ]; then
		why="$why
the registry changed:
before: $before
after: $(dumps)"
		rmmod ifreg && insmod "$IFREG_KO" $NO_NATIVE && settle
		before=$(dumps)
	fi
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

# copy_refuses CASE GREP: without the module, `restore --check` of
# $T/bad-CASE exits 4 with ifregctl's reason (GREP) for the record's line.
copy_refuses() {
	local f=$T/bad-$1 r line
	line=$(($(wc -l <"$f") - 1))
	r=$(rc ifregctl restore --check "$f")
	check "copy-refuses-$1" "restore --check without the module: exit $r, stderr: $(cat "$T/err")" \
		sh -c '[ "$1" = 4 ] && grep -q "$2" "$3"' - "$r" "$f:$line: $2" "$T/err"
}

# plain_ok: the plain LUID index allocation saved in boot 1 is allocated
# again, with no key, and allocating one more of its IfType does not hand
# it out (Documentation/contract.rst 2.3: taken after a reboot until freed).
plain_ok() {
	local b n
	b=$(cat "$EXP/luid-plain") && [ -n "$b" ] &&
	ifregctl luid list | grep -qx "iftype 4242 luid-index $b luid [0-9a-fx]*" &&
	n=$(ifregctl luid alloc 4242) && ifregctl luid free 4242 "$n" && [ "$n" != "$b" ]
}
plain_why() {
	echo "saved: iftype 4242 luid-index $(cat "$EXP/luid-plain" 2>&1); now:"
	ifregctl luid list 2>&1 | grep '^iftype 4242 '
}

# unload: the sample, ifreg, and this test's dummies gone.
unload() {
	[ ! -e /sys/module/ifreg_sample ] || rmmod ifreg_sample
	[ ! -e /sys/module/ifreg ] || rmmod ifreg
	for d in dummy0 dummy1 dummy2; do
		[ ! -e "/sys/class/net/$d" ] || ip link del "$d"
	done
	[ ! -e /sys/module/ifreg ] && [ ! -e /sys/class/net/dummy2 ]
}

# mounted: the store disk is at $S.
mounted() { grep -q " $S ext4 " /proc/mounts; }

# compare NAME WHAT GOT EXPECTED-FILE: pass when GOT equals the file, which
# must have something in it (boot 1 may not have got as far as writing).
compare() {
	if [ -s "$4" ] && [ "$3" = "$(cat "$4")" ]; then
		pass "$1"
	else
		fail "$1" "$2 differs from $4:
got:
$3
expected:
$(cat "$4" 2>&1)"
	fi
}

# restored PREFIX: the comparisons after a restore with the sample driver
# unloaded (its devices gone): links, PDOs, store entries, defaults.
restored() {
	local p=$1 l got
	l=$(listing)
	compare "${p}links" "registrations (link class instance reference)" \
		"$(echo "$l" | cut -d'|' -f1-4)" "$T/exp-links"
	compare "${p}bound" "states (link pdo enabled: the NIC's and serial port's bound, the sample's PDO-less, all disabled)" \
		"$(states)" "$T/exp-states"
	got=$(props "$nic_link"; echo ---; props "$tty_link")
	compare "${p}props" "persistent entries of the NIC's and the serial port's instances" \
		"$got" "$T/exp-props"
	compare "${p}default" "classes (class count default)" "$(classes)" "$EXP/classes"
}

unload

case $PHASE in
save)
	disk_ok() {
		mounted && [ -s "$S/run-id" ] && [ ! -e "$STORE" ] && [ ! -e "$EXP" ]
	}
	check disk-fresh "no fresh store disk at $S: $(ls -la "$S" 2>&1)" disk_ok
	mkdir -p "$EXP"
	{ cat "$S/run-id"; uname -r; } >"$S/boot1-marker"
	sync

	insmod "$IFREG_KO" $NO_NATIVE
	insmod "$SAMPLE_KO"
	settle
	vm_devices
	nic_link=$(ifregctl register "$nic_dev" "$NEW" 2>"$T/reg.err")
	tty_link=$(ifregctl register "$tty_dev" "$NEW" persist 2>>"$T/reg.err")
	printf '%s\n' "$nic" >"$EXP/nic"
	printf '%s\n' "$nic_link" >"$EXP/nic-link"
	printf '%s\n' "$tty_link" >"$EXP/tty-link"
	setup_ok() {
		[ -n "$nic_link" ] && [ -n "$tty_link" ] &&
		ifregctl enable "$nic_link" && ifregctl enable "$tty_link" &&
		ifregctl set-default "$tty_link" &&
		ifregctl prop "$nic_link" set FriendlyName --persistent --string 'Front NIC' &&
		ifregctl prop "$nic_link" set "$PK" --type 7 --persistent --u32 42 &&
		ifregctl prop "$nic_link" set Scratch --string 'not saved' &&
		ifregctl prop "$tty_link" set 'My Name' --persistent --string 'a b%c' &&
		ifregctl prop "$tty_link" set Blob --persistent --hex 00ff25200a7e &&
		ip link add dummy0 type dummy && ip link add dummy1 type dummy &&
		ip link add dummy2 type dummy &&
		ip link del dummy0 && ip link del dummy1 &&
		# dummy2's index is not one a fresh table would give it: more
		# than the ethernet netdevs left (the NIC and dummy2).
		idx=$(luid dummy2 | cut -d'|' -f2) && [ "$idx" -gt 2 ] &&
		# A plain allocation (a provider's, contract.rst 2.3): index 2
		# of IfType 4242 stays allocated, 1 is free again.
		a=$(ifregctl luid alloc 4242) && b=$(ifregctl luid alloc 4242) &&
		ifregctl luid free 4242 "$a" && printf '%s\n' "$b" >"$EXP/luid-plain"
	}
	check setup "registering, storing or making dummy2: $(cat "$T/reg.err")
ndis: $(ifregctl ndis 2>&1)" setup_ok
	settle

	# What boot 2 (and the restore below) must find: the state saved.
	listing >"$EXP/list"
	classes >"$EXP/classes"
	{ props "$nic_link"; echo ---; props "$tty_link"; } | awk -F'|' '$1 == "---" || $3 == "true"' >"$EXP/props"
	luid "$nic" >"$EXP/luid-nic"
	luid dummy2 >"$EXP/luid-dummy2"
	sync

	save_ok() {
		ifregctl save "$STORE" && [ -s "$STORE" ] &&
		[ "$(head -n1 "$STORE")" = 'ifreg-store 1' ] &&
		tail -n1 "$STORE" | grep -q '^end [0-9]* [0-9a-fA-F]\{8\}$' &&
		grep -qF "interface $NEW" "$STORE" && grep -q '^default ' "$STORE" &&
		grep -q '^luid ' "$STORE" && grep -q '^value ' "$STORE" &&
		grep -q '^property ' "$STORE" && ! grep -q 'Scratch' "$STORE" && sync
	}
	check save-ok "ifregctl save $STORE: $(ls -l "$STORE" 2>&1)
$(head -c 3000 "$STORE" 2>&1)" save_ok
	check save-atomic "left behind: $(ls "$S")" sh -c '[ -s "$1" ] && [ ! -e "$1.tmp" ]' - "$STORE"
	crc_ok() {
		sed '$d' "$STORE" >"$T/body" &&
		[ "$(crc32 "$T/body")" = "$(tail -n1 "$STORE" | cut -d' ' -f3 | tr A-F a-f)" ]
	}
	check store-crc "the end line $(tail -n1 "$STORE" 2>&1) is not the CRC-32 of what precedes it ($(crc32 "$T/body" 2>&1))" crc_ok

	# Unload and load again: dummy2 takes a fresh, lower, index.
	rmmod ifreg_sample
	rmmod ifreg

	# Without the module, ifregctl's copy of the kernel's rules refuses
	# each bad record, and says the kernel was not asked of a good store.
	[ ! -s "$STORE" ] || bad_stores
	while IFS='|' read -r c copy _; do
		[ "$copy" = - ] || copy_refuses "$c" "$copy" </dev/null
	done <<EOF
$CASES
EOF

	insmod "$IFREG_KO" $NO_NATIVE
	settle
	fresh=$(luid dummy2)
	vm_devices

	# Refused stores change nothing: restoring into an empty registry
	# any record sent would show.
	refused restore-missing-file "$S/no-such.store"
	# The corrupted copies, when there is a store to corrupt (refused
	# fails each test otherwise): a flipped byte, cut short, no end line,
	# version 2, and with a correct CRC: a wrong count, a value of a link
	# no interface line declares, an unknown record.
	corrupt_copies() {
		local off byte new size count
		sed '$d' "$STORE" >"$T/body"
		cp "$STORE" "$T/flip"
		off=$(awk '/^interface / { print n + 12; exit } { n += length($0) + 1 }' "$STORE")
		byte=$(dd if="$STORE" bs=1 skip="$off" count=1 2>/dev/null)
		if [ "$byte" = X ]; then new=Y; else new=X; fi
		printf %s "$new" | dd of="$T/flip" bs=1 seek="$off" conv=notrunc 2>/dev/null
		size=$(wc -c <"$STORE")
		head -c $((size * 2 / 3)) "$STORE" >"$T/trunc"
		cp "$T/body" "$T/noend"
		count=$(tail -n1 "$STORE" | cut -d' ' -f2)
		sed '1s/^ifreg-store 1$/ifreg-store 2/' "$T/body" >"$T/v2.body"
		craft "$T/v2" "$T/v2.body" "$count"
		craft "$T/count" "$T/body" $((count + 1))
		awk -v fn="$FN" '!done && seen && !/^interface / {
			print "value \\??\\NOPE#x#" fn " Name 41"; done = 1
		}
		/^interface / { seen = 1 }
		{ print }' "$T/body" >"$T/dangling.body"
		craft "$T/dangling" "$T/dangling.body" $((count + 1))
		{ cat "$T/body"; echo 'frobnicate 1 2'; } >"$T/unknown.body"
		craft "$T/unknown" "$T/unknown.body" $((count + 1))
	}
	[ ! -s "$STORE" ] || corrupt_copies
	refused corrupt-flip "$T/flip"
	refused corrupt-truncate "$T/trunc"
	refused corrupt-no-end "$T/noend"
	refused corrupt-version "$T/v2" 'unsupported store version 2'
	refused corrupt-count "$T/count"
	refused corrupt-dangling "$T/dangling"
	refused corrupt-unknown-record "$T/unknown"


	# With the module, the kernel's check refuses each of them before
	# anything is applied; so does it a value over max_store_size, which
	# only the module knows.
	before=$(dumps)
	while IFS='|' read -r c _ kernel; do
		kernel_refuses "$c" "$kernel" </dev/null
	done <<EOF
$CASES
EOF
	# The saved store passes the kernel's check, and the check changes
	# nothing.
	before=$(state)
	r=$(rc ifregctl restore --check "$STORE")
	check check-good-store "restore --check $STORE: exit $r, stdout: $(cat "$T/out") stderr: $(cat "$T/err")" sh -c \
		'[ "$1" = 0 ] && grep -q "^valid store: " "$2" && [ ! -s "$3" ] && [ "$4" = "$5" ]' - \
		"$r" "$T/out" "$T/err" "$before" "$(state)"

	cp "$STORE" "$T/copy" 2>/dev/null
	chmod 0644 "$T/copy" 2>/dev/null
	before=$(state)
	r=$(rc runas $NOBODY ifregctl restore "$T/copy")
	check restore-unpriv-refused "restore as uid $NOBODY: exit $r, stderr: $(cat "$T/err")" sh -c \
		'[ "$1" = 1 ] && grep -q "permission denied" "$2" && [ "$3" = "$4" ]' - "$r" "$T/err" "$before" "$(state)"
	# --check as a user the kernel's check refuses: ifregctl's copy of
	# the rules, saying so: the saved store passes, a bad one does not.
	r=$(rc runas $NOBODY ifregctl restore --check "$T/copy")
	cp "$T/err" "$T/err1"
	r2=$(rc runas $NOBODY ifregctl restore --check "$T/bad-iftype-0")
	check check-unpriv-by-copy "restore --check as uid $NOBODY: exit $r ($(cat "$T/err1")), then $r2 for a bad store ($(cat "$T/err"))" sh -c \
		'[ "$1" = 0 ] && grep -q "the kernel was not asked (its check needs CAP_SYS_ADMIN" "$2" &&
		 [ "$3" = 4 ] && grep -q "bad IfType" "$4"' - "$r" "$T/err1" "$r2" "$T/err"

	r=$(rc ifregctl restore "$STORE")
	check restore-ok "ifregctl restore $STORE: exit $r, stdout: $(cat "$T/out") stderr: $(cat "$T/err")" [ "$r" = 0 ]
	cut -d'|' -f1-4 "$EXP/list" >"$T/exp-links"
	sample_pdoless "$EXP/list" >"$T/exp-states"
	cp "$EXP/props" "$T/exp-props"
	restored restore-
	check restore-nonpersistent-dropped "Scratch (not persistent) came back: exit $(rc ifregctl prop "$nic_link" get Scratch), $(cat "$T/out")" \
		sh -c 'ifregctl show "$1" >/dev/null && ! ifregctl prop "$1" get Scratch 2>/dev/null' - "$nic_link"
	luid_ok() {
		[ "$fresh" != "$(cat "$EXP/luid-dummy2")" ] &&
		[ "$(luid dummy2)" = "$(cat "$EXP/luid-dummy2")" ] &&
		[ "$(luid "$nic")" = "$(cat "$EXP/luid-nic")" ]
	}
	check restore-luid "dummy2 (iftype|luid_index|net_luid): saved $(cat "$EXP/luid-dummy2"), after insmod $fresh, after restore $(luid dummy2)
$nic: saved $(cat "$EXP/luid-nic"), now $(luid "$nic")" luid_ok

	check restore-luid-plain "$(plain_why)" plain_ok

	insmod "$SAMPLE_KO"
	settle
	rebind_ok() {
		[ "$(listing)" = "$(cat "$EXP/list")" ] &&
		[ "$(states | grep -c '|/sys/devices/[^|]*|true$')" = 6 ]
	}
	check sample-rebind "with the sample loaded again:
$(listing)
states: $(states)
expected: $(cat "$EXP/list")" rebind_ok

	before=$(state; props "$nic_link"; props "$tty_link")
	r=$(rc ifregctl restore "$STORE")
	check restore-again "restore over the restored state: exit $r, $(cat "$T/err")" sh -c \
		'[ "$1" = 0 ] && [ "$2" = "$3" ]' - "$r" "$before" "$(state; props "$nic_link"; props "$tty_link")"

	check cleanup "still loaded or dummy2 left" unload
	;;

check)
	survive_ok() {
		mounted && [ -s "$S/run-id" ] &&
		[ "$(cat "$S/boot1-marker")" = "$(cat "$S/run-id"; uname -r)" ]
	}
	check reboot-disk-survives "boot 1's marker: $(cat "$S/boot1-marker" 2>&1); run-id: $(cat "$S/run-id" 2>&1)" survive_ok

	insmod "$IFREG_KO" $NO_NATIVE
	settle
	vm_devices
	nic_link=$(cat "$EXP/nic-link" 2>/dev/null)
	tty_link=$(cat "$EXP/tty-link" 2>/dev/null)
	r=$(rc ifregctl restore "$STORE")
	check reboot-restore-ok "ifregctl restore $STORE after a reboot: exit $r, stdout: $(cat "$T/out") stderr: $(cat "$T/err")" \
		sh -c '[ "$1" = 0 ] && [ "$2" = "$3" ]' - "$r" "$nic" "$(cat "$EXP/nic" 2>&1)"
	cut -d'|' -f1-4 "$EXP/list" >"$T/exp-links" 2>/dev/null
	sample_pdoless "$EXP/list" >"$T/exp-states" 2>/dev/null
	cp "$EXP/props" "$T/exp-props" 2>/dev/null
	restored reboot-
	check reboot-luid-nic "$nic (iftype|luid_index|net_luid): saved $(cat "$EXP/luid-nic" 2>&1), now $(luid "$nic")" \
		sh -c '[ "$(cat "$1")" = "$2" ]' - "$EXP/luid-nic" "$(luid "$nic")"
	ip link add dummy2 type dummy
	check reboot-luid-dummy "dummy2 made after the restore: saved $(cat "$EXP/luid-dummy2" 2>&1), got $(luid dummy2)
ndis: $(ifregctl ndis 2>&1)" sh -c '[ -s "$1" ] && [ "$(cat "$1")" = "$2" ]' - "$EXP/luid-dummy2" "$(luid dummy2)"

	check reboot-luid-plain "$(plain_why)" plain_ok

	insmod "$SAMPLE_KO"
	settle
	check reboot-sample-rebind "with the sample loaded:
$(listing)
expected: $(cat "$EXP/list" 2>&1)" sh -c '[ "$1" = "$(cat "$2")" ]' - "$(listing)" "$EXP/list"

	check reboot-cleanup "still loaded or dummy2 left" unload
	;;
*)
	echo "usage: test-persist.sh save|check" >&2
	exit 2
	;;
esac

bad=$(dmesg_bad | head -n 6)
if [ "$PHASE" = save ]; then
	check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]
else
	check reboot-dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]
fi

finish
