#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The `make demo` transcript, run by the guest init in Debian's kernel with
# a real systemd-udevd: load ifreg, show its sysfs tree, show a udev rule on
# the module's uevents firing (the rule, what it logged, and what
# `udevadm monitor` saw), unload it and show nothing is left. Every command
# is echoed with a `$ ` prompt before its output.

# run CMD: echo CMD as typed, then run it in this shell (so `&` jobs stay
# ours); a failing command shows its status, as a shell would not hide it.
run() {
	echo "\$ $*"
	eval "$*" 2>&1 || echo "[exit status $?]"
}

say() { printf '\n# %s\n' "$*"; }

say "The kernel: Debian's own, booted under qemu; udev is Debian's systemd-udevd."
run uname -r
run udevadm --version

say "A udev rule on the module's own uevents (SUBSYSTEM=module, KERNEL=ifreg):"
run cat /etc/udev/rules.d/90-ifreg-module.rules

say "Watch what the kernel sends and what udevd makes of it, in the background:"
run 'udevadm monitor --kernel --udev --property >/run/udev-monitor.log &'
monitor=$!
# The monitor must be listening before the first event.
sleep 1

say "Load the module:"
run insmod /ifreg/ifreg.ko
run udevadm settle
run "grep '^ifreg ' /proc/modules"
run "dmesg | grep 'ifreg:'"

say "Its sysfs tree: the registry root and the per-class directory (empty: no class registered yet)."
run find /sys/kernel/ifreg
run ls -l /sys/module/ifreg

say "The rule ran (udev's RUN+= appended to the log):"
run cat /run/ifreg-udev.log

say "Unload it:"
run rmmod ifreg
run udevadm settle
run ls /sys/kernel/ifreg /sys/module/ifreg
run cat /proc/modules

say "The rule ran again, for remove:"
run cat /run/ifreg-udev.log

say "And the uevents as udevadm monitor saw them, kernel first, then udev after its rules:"
kill "$monitor" 2>/dev/null
wait "$monitor" 2>/dev/null
run cat /run/udev-monitor.log
