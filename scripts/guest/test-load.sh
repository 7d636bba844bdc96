#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loading and unloading ifreg in a real kernel with a real systemd-udevd:
# insmod builds the sysfs tree, the module's add/remove uevents reach a udev
# rule, rmmod leaves nothing behind, and ten more cycles behave the same with
# udev seeing every event exactly once. Run by the guest init.

. /ifreg/lib.sh

CYCLES=10
LOG=/run/ifreg-udev.log

plan insmod sysfs udev-add rmmod rmmod-clean udev-remove cycles udev-cycles dmesg-clean

# count WORD: how many times udev logged WORD for an event of this test.
count() {
	events | grep -c "^$1 "
}

# events: udev's log, without what an earlier script's rmmod sent: udevd
# can run that rule after this script's first settle (an event it had not
# read from the kernel yet is not in the queue settle waits for). The
# kernel numbers uevents: this test's come after $START.
events() {
	awk -v start="$START" '$2 > start' "$LOG" 2>/dev/null
}

gone() {
	[ ! -e /sys/kernel/ifreg ] && [ ! -e /sys/module/ifreg ] &&
		! grep -q '^ifreg ' /proc/modules
}

present() {
	[ -d /sys/kernel/ifreg ] && [ -d /sys/kernel/ifreg/classes ] &&
		[ -d /sys/module/ifreg ] && grep -q '^ifreg ' /proc/modules
}

rm -f "$LOG"
settle
START=$(cat /sys/kernel/uevent_seqnum)

check insmod "insmod $IFREG_KO failed" insmod "$IFREG_KO"
check sysfs "/sys/kernel/ifreg, its classes/ or /sys/module/ifreg missing" present
settle
check udev-add "udev logged $(count add) add events, not 1" [ "$(count add)" = 1 ]

check rmmod "rmmod ifreg failed" rmmod ifreg
check rmmod-clean "something of ifreg is left after rmmod" gone
settle
check udev-remove "udev logged $(count remove) remove events, not 1" [ "$(count remove)" = 1 ]

ok=1
i=0
while [ "$i" -lt "$CYCLES" ]; do
	insmod "$IFREG_KO" || { ok=0; echo "# cycle $i: insmod failed"; break; }
	present || { ok=0; echo "# cycle $i: sysfs tree missing after insmod"; }
	rmmod ifreg || { ok=0; echo "# cycle $i: rmmod failed"; break; }
	gone || { ok=0; echo "# cycle $i: leftovers after rmmod"; }
	i=$((i + 1))
done
check cycles "$CYCLES load/unload cycles did not all work" [ "$ok" = 1 ]

# Every event once, in order: add, remove, add, remove, ... with rising
# sequence numbers (a duplicate or a lost event breaks the pattern).
settle
expect=$((CYCLES + 1))
seq_ok() {
	events | awk -v n="$expect" '
		{ want = (NR % 2) ? "add" : "remove" }
		$1 != want || $2 <= last { bad = 1 }
		{ last = $2 }
		END { exit (bad || NR != 2 * n) }'
}
check udev-cycles "udev saw $(count add) adds and $(count remove) removes, want $expect each, alternating" seq_ok

bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
