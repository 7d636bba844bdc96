#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# libifreg, the library programs reach ifreg through, against the real
# module: tools/libifreg/tests/libtest calls every function of libifreg.h
# and checks the errors it documents (without the module, for another
# network namespace, for an unprivileged user, on absent instances,
# entries and NDIS interfaces, past the caps), a disk the module
# publishes is opened through its device node, and a monitor hears the
# events of its class in order, then -ENODEV when the module goes;
# tools/libifreg/tests/followtest proves that a monitor's list, then its
# events, give each change exactly once while another process keeps
# changing the class (50 lists during the churn), and that -ENOBUFS,
# then a list again, recovers from an overrun. The programs print one
# "PASS name" or "FAIL name: why" line per check, which this script
# reports as its own.
# ifreg-vm-series: 6.1 6.12 debug

. /ifreg/lib.sh

T=/run/libifreg-test
# The caps libtest checks: a store over one attribute (300 values of
# 250-character names), the largest entry an instance may hold (32 KiB),
# and the LUID indexes of an IfType running out.
PARAMS="max_store_entries=1000 max_store_size=32768 max_luid_index=16"
# followtest's lists during the churn, and its time limit (the debug
# kernel is several times slower).
ROUNDS=50
LIMIT=1800

plan tool-present ctx-open-no-module mon-open-no-module noload-exit load ctx-open register register-errors errmsg get get-absent list-empty list-nonactive list-bad-args set-state list-enabled list-pdo list-all-classes remove-busy remove set-default class-list alias alias-unbound open-no-devnode open-devnode store-absent store-value store-persistent store-empty store-property store-list-order store-delete store-large store-over-cap store-many netif-list netif-by netif-absent convert convert-absent luid-list luid-alloc-free luid-free-busy luid-nospc restore-iface-check restore-check-before restore-iface restore-unbound restore-entry-check restore-entry restore-default restore-luid mon-fd mon-events mon-class-filter mon-list-follow cloexec netns-iface-refused netns-ndis-own netns-change-taken unpriv-reads unpriv-changes-refused unpriv-nothing-changed cleanup main-exit follow-writer follow-lists follow-events follow-no-duplicate follow-no-miss follow-overflow-enobufs follow-overflow-relist follow-cleaned follow-exit mon-unload-enodev example-wait unload-exit unload-gone dmesg-clean

mkdir -p "$T"
[ -e /sys/module/ifreg_sample ] && rmmod ifreg_sample
[ -e /sys/module/ifreg ] && rmmod ifreg

# run NAME CMD...: run a test program; its "PASS x" and "FAIL x: why" lines
# become this script's results, anything else a comment for the log. NAME
# (planned) says whether it ran to its end: exit 0, or exit 1 after a
# FAIL; a crash or a timeout fails it. Its output stays in $T/NAME.out.
run() {
	local name=$1 line rc fails=0
	shift
	timeout "$LIMIT" "$@" >"$T/$name.out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		"PASS "*)
			pass "${line#PASS }"
			;;
		"FAIL "*)
			line=${line#FAIL }
			fail "${line%%: *}" "${line#*: }"
			fails=$((fails + 1))
			;;
		*)
			echo "# $IFREG_T: $line"
			;;
		esac
	done <"$T/$name.out"
	if [ "$rc" = 0 ] || { [ "$rc" = 1 ] && [ "$fails" -gt 0 ]; }; then
		pass "$name"
	else
		fail "$name" "$* exited $rc after $fails failures (a crash, or killed after $LIMIT s)"
	fi
}

check tool-present "the test programs or libifreg.so.1 are not in the guest" sh -c \
	'command -v libtest && command -v followtest && [ -e /usr/lib/libifreg.so.1 ]'
# Without the module: no context, no monitor.
run noload-exit libtest noload
# shellcheck disable=SC2086 # words
check load "insmod ifreg $PARAMS failed" insmod "$IFREG_KO" $PARAMS
settle
run main-exit libtest main
run follow-exit followtest $ROUNDS
# The README's example, tools/libifreg/examples/ifreg-wait: an interface
# of a class of its own there before it starts is "present", one enabled
# while it waits "arrived", and it exits after that one arrival.
CLS='{6a2f7c1e-0d4b-4e8a-9f3c-5b1d2e7a8c90}'
example_wait() {
	local a b pid i l ok=0
	a=$(ifregctl register /sys/devices/virtual/net/lo "$CLS" before) &&
		ifregctl enable "$a" >/dev/null || return 1
	timeout 120 ifreg-wait --count 1 "$CLS" >"$T/wait.out" 2>&1 &
	pid=$!
	# Its list first (the debug kernel is slow to start a program), or
	# "after" could be listed as present and never arrive.
	for i in $(seq 600); do
		grep -q '^present ' "$T/wait.out" && break
		sleep 0.1
	done
	if grep -q '^present ' "$T/wait.out" &&
	   b=$(ifregctl register /sys/devices/virtual/net/lo "$CLS" after) &&
	   ifregctl enable "$b" >/dev/null && wait "$pid"; then
		cat "$T/wait.out"
		[ "$(cat "$T/wait.out")" = "$(printf 'present %s -\narrived %s -' "$a" "$b")" ] && ok=1
	else
		kill "$pid" 2>/dev/null
		cat "$T/wait.out"
	fi
	# Gone whatever happened: libtest's unload counts what is left.
	ifregctl list --all --class "$CLS" | cut -d' ' -f1 | while read -r l; do
		ifregctl disable "$l"
		ifregctl remove "$l"
	done >/dev/null 2>&1
	[ "$ok" = 1 ]
}
check example-wait "ifreg-wait did not print the present one, then the arrival, and exit" example_wait
# It does the rmmod itself, under a monitor.
run unload-exit libtest unload
check unload-gone "ifreg is still loaded" sh -c '[ ! -e /sys/module/ifreg ] || { rmmod ifreg; false; }'
# The unload's uevents handled before the next script counts its own.
settle

bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
