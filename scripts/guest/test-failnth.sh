#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every netlink command of the ifreg family with each of the kernel's
# allocations for it failing in turn: the 1st, then the 2nd, ... until the
# command succeeds without reaching a failure (fail-nth, armed by
# tools/ifregctl/tests/failnth.so for the one request). After each failed
# attempt ifregctl exits 1 (restore: 1 or 4) with an out-of-memory reason,
# and the registry is exactly as before: the dumps, the instance's entries,
# the LUID indexes and sysfs. One failure may come after the change: the
# netlink core's acknowledgement, allocated once the command is done;
# then ifregctl says the answer was lost and the state is the success's,
# never a part of it. An attempt that succeeds anyway (a failure the
# kernel got around) must leave what a success leaves. Reads answer in
# full or fail cleanly. The guest then asks kmemleak, and the host checks
# the console: nothing leaked, no WARNING, no lockdep report.
# About 300 attempts, each a run of ifregctl and of ifregctl save: about
# 9 minutes in the debug kernel. `make vmtest-failnth` runs it alone.
# ifreg-vm-series: debug

. /ifreg/lib.sh

plan load register enable disable set-default value-set property-set value-delete remove luid-alloc luid-free restore-interface restore-value restore-luid read-list read-show read-classes read-prop read-prop-get read-ndis read-luid unload-clean dmesg-clean

T=/run/failnth
G='{7f1e0c5d-9a4b-4c3d-8e2f-6a5b4c3d2e1f}'
G2='{7f1e0c5d-9a4b-4c3d-8e2f-6a5b4c3d2e20}'
PK='{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}:9'
# A command that needs more attempts than this never converges.
MAX=600
mkdir -p "$T"
POINTS=0

vm_devices
[ -e /sys/module/ifreg ] && rmmod ifreg
check load "insmod failed" insmod "$IFREG_KO"
settle

# state: what a failed change must leave as it was: what `ifregctl save`
# writes (registrations, persistent entries, defaults, LUID indexes) and
# sysfs (the enabled instances, the classes and their views). One program
# run: under TCG and KASAN every exec costs, and a sweep reads the state
# after each of hundreds of attempts. The entries the sweeps change are
# persistent, so that save sees them.
state() {
	ifregctl save "$T/state" >/dev/null 2>&1 || echo "save failed"
	while IFS= read -r l; do
		# NetLuidIndexes come cyclically: an index the sweep of
		# luid-alloc got is any free one (LUID_ANY set), and so is
		# the checksum over it.
		case $l in
		"luid 71 "*" -") [ -z "${LUID_ANY:-}" ] || l="luid 71 any -" ;;
		"end "*) [ -z "${LUID_ANY:-}" ] || l="end" ;;
		esac
		echo "$l"
	done <"$T/state"
	echo /sys/class/ifreg/* /sys/kernel/ifreg/classes/*/*
}

# faulty N MSG CMD...: CMD with the N-th kernel allocation of its MSG-th
# request failing; stdout in $T/out, stderr in $T/err, the exit status
# in $rc, what the shim saw in $got.
faulty() {
	local nth=$1 msg=$2
	shift 2
	: >"$T/got"
	IFREG_FAIL_NTH=$nth IFREG_FAIL_NTH_MSG=$msg IFREG_FAIL_NTH_OUT=$T/got \
		LD_PRELOAD=/usr/lib/failnth.so timeout 120 "$@" >"$T/out" 2>"$T/err"
	rc=$?
	got=$(cat "$T/got")
	# An answer that never comes is a failure of its own.
	[ $rc != 124 ] && [ $rc != 143 ] || got="no answer in 120 s (exit $rc)"
	[ $((nth % 25)) != 0 ] || echo "# failnth: $*: attempt $nth"
}

# A failed change's reason: the allocation's, nothing else.
oom_reason() {
	grep -qiE 'cannot allocate memory|out of memory|no buffer space' "$T/err"
}

# The failure was the acknowledgement's, after the change: ifregctl says
# its answer was lost.
answer_lost() {
	grep -q "the kernel's answer was lost" "$T/err"
}
LOST=0

# sweep NAME UNDO CMD...: fail each allocation of CMD's request in turn
# (of its MSG-th request, default 1); the state after each failure must
# be $before, and after the success what a plain CMD leaves, which UNDO
# (a shell function) then takes back. A plain CMD and UNDO run once
# first: what they leave (a class made once stays) is $before, and a
# second plain CMD gives the success's state.
sweep() {
	local name=$1 undo=$2 n=1 why= ok after
	shift 2
	if ! "$@" >"$T/ref" 2>"$T/err" || ! $undo >/dev/null 2>&1; then
		fail "$name" "without faults: $* or its undo failed: $(cat "$T/err")"
		return
	fi
	before=$(state)
	"$@" >"$T/ref" 2>"$T/err"
	after=$(state)
	$undo
	if [ "$(state)" != "$before" ]; then
		fail "$name" "the undo of $* did not restore the state"
		return
	fi
	while [ $n -le $MAX ]; do
		faulty $n "${MSG:-1}" "$@"
		ok=
		case $got in
		missed)
			if [ $rc != 0 ]; then
				why="no allocation failed, yet exit $rc: $(cat "$T/err")"
			elif [ "$(state)" != "$after" ]; then
				why="no allocation failed, and the state is not a success's"
			fi
			$undo
			break
			;;
		injected)
			now=$(state)
			if [ $rc = 0 ] && [ "$now" = "$after" ]; then
				ok=1
				$undo
			elif [ $rc = 0 ]; then
				why="allocation $n failed, exit 0, but the state is not a success's:
$now"
			elif [ $rc != 1 ] && [ $rc != 4 ]; then
				why="allocation $n failed: exit $rc: $(cat "$T/err")"
			elif ! oom_reason; then
				why="allocation $n failed: not an out-of-memory reason: $(cat "$T/err")"
			elif [ "$now" = "$after" ] && answer_lost; then
				# Made, and only its acknowledgement lost.
				ok=1
				LOST=$((LOST + 1))
				$undo
			elif [ "$now" != "$before" ]; then
				why="allocation $n failed (exit $rc, $(cat "$T/err")), and the state changed:
before:
$before
after:
$now"
			else
				ok=1
			fi
			;;
		*)
			why="the fault-injection shim reported nothing: $(cat "$T/err")"
			;;
		esac
		if [ -z "$ok" ]; then
			# Put it back for the next sweep.
			[ "$(state)" = "$before" ] || $undo
			break
		fi
		n=$((n + 1))
	done
	[ $n -le $MAX ] || why="still failing after $MAX allocations"
	POINTS=$((POINTS + n))
	echo "# failnth/$name: $n fault points"
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

# read_sweep NAME CMD...: a read with each allocation failing: exit 1
# with an out-of-memory reason, or the whole answer; afterwards nothing
# has changed.
read_sweep() {
	local name=$1 n=1 why=
	shift
	before=$(state)
	"$@" >"$T/ref" 2>&1 || { fail "$name" "without faults: $* failed: $(cat "$T/ref")"; return; }
	while [ $n -le $MAX ]; do
		faulty $n 1 "$@"
		if [ $rc = 0 ] && ! cmp -s "$T/out" "$T/ref"; then
			why="allocation $n ($got): exit 0 with another answer: $(cat "$T/out")"
		elif [ $rc != 0 ] && { [ $rc != 1 ] || [ "$got" != injected ] || ! oom_reason; }; then
			why="allocation $n ($got): exit $rc: $(cat "$T/err")"
		fi
		[ -z "$why" ] && [ "$got" = injected ] || break
		n=$((n + 1))
	done
	[ $n -le $MAX ] || why="still failing after $MAX allocations"
	[ -n "$why" ] || [ "$(state)" = "$before" ] || why="the reads changed the state"
	POINTS=$((POINTS + n))
	echo "# failnth/$name: $n fault points"
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why"; fi
}

# requests CMD...: how many requests CMD sends to the family (it runs).
requests() {
	IFREG_FAIL_NTH=0 IFREG_FAIL_NTH_OUT=$T/got LD_PRELOAD=/usr/lib/failnth.so "$@" >/dev/null 2>&1
	sed -n 's/^requests //p' "$T/got"
}

# store_of FILE RECORD...: a store of the records.
store_of() {
	local f=$1 n=0 crc
	shift
	echo 'ifreg-store 1' >"$f"
	for r in "$@"; do
		printf '%s\n' "$r" >>"$f"
		n=$((n + 1))
	done
	crc=$(crc32 "$f")
	echo "end $n $crc" >>"$f"
}

LA=
undo_register() { ifregctl remove "$(cat "$T/ref")"; }
sweep register undo_register ifregctl register "$nic_dev" "$G" fa

LA=$(ifregctl register "$nic_dev" "$G" fa)
LB=$(ifregctl register "$nic_dev" "$G" fb)

undo_enable() { ifregctl disable "$LA"; }
sweep enable undo_enable ifregctl enable "$LA"

ifregctl enable "$LA"
undo_disable() { ifregctl enable "$LA"; }
sweep disable undo_disable ifregctl disable "$LA"

ifregctl enable "$LB"
ifregctl set-default "$LA"
undo_default() { ifregctl set-default "$LA"; }
sweep set-default undo_default ifregctl set-default "$LB"
ifregctl disable "$LB"

undo_value() { ifregctl prop "$LA" delete Label; }
sweep value-set undo_value ifregctl prop "$LA" set Label --persistent --string 'fault injected'

undo_property() { ifregctl prop "$LA" delete "$PK"; }
sweep property-set undo_property ifregctl prop "$LA" set "$PK" --type 7 --persistent --u32 42

ifregctl prop "$LA" set Label --persistent --string kept
undo_value_delete() { ifregctl prop "$LA" set Label --persistent --string kept; }
sweep value-delete undo_value_delete ifregctl prop "$LA" delete Label

undo_remove() { ifregctl register "$nic_dev" "$G" fb >/dev/null; }
sweep remove undo_remove ifregctl remove "$LB"

# Every index of IfType 71 goes: the one a run got is any free one.
undo_luid_alloc() {
	for i in $(ifregctl luid list | sed -n 's/^iftype 71 luid-index \([0-9]*\) .*/\1/p'); do
		ifregctl luid free 71 "$i"
	done
}
LUID_ANY=1
sweep luid-alloc undo_luid_alloc ifregctl luid alloc 71
LUID_ANY=

# The freed index back, that one: allocating again would give the next.
IDX=$(ifregctl luid alloc 71)
undo_luid_free() {
	store_of "$T/undo.store" "luid 71 $IDX -"
	ifregctl restore "$T/undo.store" >/dev/null
}
sweep luid-free undo_luid_free ifregctl luid free 71 "$IDX"
ifregctl luid free 71 "$IDX"

# restore: its last request applies the store's last record, the others
# are made no-ops first (the same store restored once beforehand) or are
# checks that pass.
LC=$(ifregctl register "$tty_dev" "$G2" fc)
ifregctl prop "$LC" set "$PK" --type 7 --persistent --u32 5
ifregctl save "$T/iface-value.store"
ifregctl prop "$LC" delete "$PK"
ifregctl remove "$LC"

IFACE=$(grep "^interface .* fc " "$T/iface-value.store")
VALUE=$(grep "^property " "$T/iface-value.store")
store_of "$T/iface.store" "$IFACE"
store_of "$T/value.store" "$IFACE" "$VALUE"
store_of "$T/luid.store" "luid 71 77 -"

undo_restore_iface() { ifregctl remove "$LC"; }
MSG=$(requests ifregctl restore "$T/iface.store")
undo_restore_iface
sweep restore-interface undo_restore_iface ifregctl restore "$T/iface.store"

ifregctl restore "$T/iface.store" >/dev/null
undo_restore_value() { ifregctl prop "$LC" delete "$PK"; }
MSG=$(requests ifregctl restore "$T/value.store")
undo_restore_value
sweep restore-value undo_restore_value ifregctl restore "$T/value.store"
ifregctl remove "$LC"

undo_restore_luid() { ifregctl luid free 71 77; }
MSG=$(requests ifregctl restore "$T/luid.store")
undo_restore_luid
sweep restore-luid undo_restore_luid ifregctl restore "$T/luid.store"
MSG=1

ifregctl enable "$LA"
ifregctl prop "$LA" set Label --string read
read_sweep read-list ifregctl --json list --all
read_sweep read-show ifregctl --json show "$LA"
read_sweep read-classes ifregctl --json classes
read_sweep read-prop ifregctl --json prop "$LA"
read_sweep read-prop-get ifregctl --json prop "$LA" get Label
read_sweep read-ndis ifregctl --json ndis
read_sweep read-luid ifregctl luid list
echo "# failnth: $POINTS fault points in all; $LOST answers lost after the change"

ifregctl disable "$LA"
ifregctl remove "$LA"
ifregctl remove "$LB"
check unload-clean "rmmod ifreg failed" rmmod ifreg
bad=$(dmesg_bad | head -n 20)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
