#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A load of ifreg that fails part way leaves nothing behind: insmod with
# the 1st, 2nd, ... allocation made under the module's own code (its init
# and everything it calls) failing in turn, until an insmod succeeds with
# no failure injected. After each failed insmod nothing of ifreg is left
# (/sys/kernel/ifreg, class "ifreg", /proc/net/ifreg, the netlink family,
# the module), the next insmod can follow at once, and the console shows
# no report; the guest asks kmemleak after the script. The failures come
# from the kernel's fault injection: /proc/self/fail-nth of the shell that
# then execs insmod, counting only allocations with module memory on the
# stack (failslab's and fail_page_alloc's stack filter), where ifreg is
# the only module. Each attempt is an insmod in the debug kernel, about
# ten seconds under TCG and KASAN, and the sweep takes hundreds: too long
# for every `make vmtest`; `make vmtest-loadfail` runs it.
# ifreg-vm-series: debug
# ifreg-vm-on-request

. /ifreg/lib.sh

plan sweep converged unload-clean dmesg-clean

DBG=/sys/kernel/debug
# x86_64's module area (MODULES_VADDR to MODULES_END, no KASLR): checked
# against where ifreg lands below.
MOD_START=0xffffffffa0000000
MOD_END=0xffffffffff000000
# An init that needs more attempts than this never converges.
MAX=400

[ -e /sys/module/ifreg ] && rmmod ifreg

# filter START END: count and fail only allocations called from [START, END).
filter() {
	for f in "$DBG/failslab" "$DBG/fail_page_alloc"; do
		echo "$1" >"$f/require-start"
		echo "$2" >"$f/require-end"
	done
}

# injected: failures injected so far. Each takes one off "times" (set high
# here), quiet ones (__GFP_NOWARN, which log nothing) too.
injected() {
	echo $((100000 - $(cat "$DBG/failslab/times") + 100000 - $(cat "$DBG/fail_page_alloc/times")))
}
echo 100000 >"$DBG/failslab/times"
echo 100000 >"$DBG/fail_page_alloc/times"

# nothing_left: no trace of ifreg after a failed insmod.
nothing_left() {
	for p in /sys/kernel/ifreg /sys/class/ifreg /proc/net/ifreg /sys/module/ifreg; do
		[ ! -e "$p" ] || { echo "$p is there"; return 1; }
	done
	ifregctl list >/dev/null 2>&1
	[ $? = 3 ] || { echo "the ifreg family still answers"; return 1; }
}

insmod "$IFREG_KO"
base=$(awk '$1 == "ifreg" { print $6 }' /proc/modules)
rmmod ifreg
filter "$MOD_START" "$MOD_END"

n=1
why=
converged=
while [ $n -le $MAX ]; do
	before=$(injected)
	sh -c 'echo "$1" >/proc/self/fail-nth && exec insmod "$2"' _ "$n" "$IFREG_KO" 2>/dev/null
	rc=$?
	hit=$(($(injected) - before))
	if [ $rc = 0 ]; then
		rmmod ifreg || { why="attempt $n: rmmod failed"; break; }
		# Loaded with no failure injected: every allocation was tried.
		[ "$hit" != 0 ] || { converged=$n; break; }
	elif [ "$hit" = 0 ]; then
		why="attempt $n: insmod failed (exit $rc) with no failure injected"
		break
	elif ! left=$(nothing_left); then
		why="attempt $n: after the failed insmod, $left"
		break
	fi
	[ $((n % 25)) != 0 ] || echo "# loadfail: attempt $n"
	n=$((n + 1))
done
filter 0 0xffffffffffffffff
echo 1 >"$DBG/failslab/times"
echo 1 >"$DBG/fail_page_alloc/times"
echo "# loadfail: module at $base; $((${converged:-$n} - 1)) allocations failed in turn"

# The filter's range holds the module: 16-digit hex compared as text.
[ ${#base} = 18 ] && awk -v b="x$base" -v s="x$MOD_START" -v e="x$MOD_END" \
	'BEGIN { exit !(b >= s && b < e) }' || why=${why:-"the module at '$base' is outside $MOD_START..$MOD_END"}
check sweep "$why" [ -z "$why" ]
check converged "no insmod without a failure in $MAX attempts" [ -n "$converged" ]
check unload-clean "insmod and rmmod after the sweep" sh -c \
	"insmod $IFREG_KO && rmmod ifreg && [ ! -e /sys/kernel/ifreg ] && [ ! -e /sys/class/ifreg ]"
bad=$(dmesg_bad | head -n 20)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
