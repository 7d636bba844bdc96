#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The `make demo` transcript, run by the guest init in Debian's kernel with
# a real systemd-udevd: ifreg loads; the sample provider's driver registers
# and enables device interfaces in probe, as a Windows driver does; a udev
# rule on the interface class reacts to each arrival; the registry view and
# the class devices show them; the driver unbinds and rebinds; the devices
# go with their interfaces still enabled, and ifreg disables them itself;
# the NDIS table of the VM's netdevs, per network namespace.
# Every command is echoed with a `$ ` prompt before its output.

# run CMD: echo CMD as typed, then run it in this shell (so `&` jobs stay
# ours); a failing command shows its status, as a shell would not hide it.
run() {
	echo "\$ $*"
	eval "$*" 2>&1 || echo "[exit status $?]"
}

say() { printf '\n# %s\n' "$*"; }

FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'

say "Debian's own kernel under qemu, with Debian's systemd-udevd:"
run uname -r
run udevadm --version

say "A udev rule that reacts when an interface of the sample's function class comes or goes:"
run "grep -v '^#' /etc/udev/rules.d/91-ifreg-sample.rules"
run "grep -v '^#' /ifreg/log-iface.sh"

say "Watch the kernel's uevents for class ifreg in the background:"
run 'udevadm monitor --kernel --subsystem-match=ifreg >/run/udev-monitor.log &'
monitor=$!
sleep 1

say "Load ifreg, then the sample driver (probe = AddDevice + START: register, enable):"
run insmod /ifreg/ifreg.ko
run insmod /ifreg/ifreg_sample.ko
run udevadm settle
run "dmesg | grep 'ifreg-sample\\|sample0' | sed 's/^\\[[ 0-9.]*\\] //'"

say "The udev rule ran once per arrival of the function class:"
run cat /run/ifreg-iface.log

say "The registry view: ls of a class is IoGetDeviceInterfaces (links to the PDOs):"
run "ls /sys/kernel/ifreg/classes/"
run "ls -l /sys/kernel/ifreg/classes/$FN/ | sed 's/^.* \\([^ ]* -> \\)/\\1/' | tail -n +2"

say "Each enabled interface is a device of class ifreg under its PDO, with its properties:"
run "ls /sys/class/ifreg/"
run "udevadm info '/sys/class/ifreg/PLATFORM#ifreg-sample.0#$FN' | grep -e '^P:' -e IFREG_"
run "udevadm info '/sys/class/ifreg/PLATFORM#ifreg-sample.0#{5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}#ctl' | grep IFREG_"

say "Unbind the driver (REMOVE: it disables its interfaces), then bind it again:"
run "echo ifreg-sample.0 > /sys/bus/platform/drivers/ifreg-sample/unbind"
run udevadm settle
run "ls /sys/kernel/ifreg/classes/$FN/"
run "echo ifreg-sample.0 > /sys/bus/platform/drivers/ifreg-sample/bind"
run udevadm settle
run "tail -n 2 /run/ifreg-iface.log"

say "Surprise removal: the driver now leaves its interfaces enabled, and its devices go."
say "ifreg disables each interface itself, before its device's own remove:"
run "echo N > /sys/module/ifreg_sample/parameters/disable_on_remove"
run "udevadm monitor --kernel --subsystem-match=platform --subsystem-match=ifreg >/run/removal.log &"
removal=$!
sleep 1
run rmmod ifreg_sample
run udevadm settle
sleep 1
kill "$removal" 2>/dev/null
wait "$removal" 2>/dev/null
run "grep remove /run/removal.log | sed 's/^KERNEL\\[[ 0-9.]*\\] *//'"
run "ls -A /sys/kernel/ifreg/classes/$FN/ /sys/class/ifreg/"

say "The devices come back: same names, known from before (the registration outlived them):"
dmesg -C
run insmod /ifreg/ifreg_sample.ko
run udevadm settle
run "dmesg | grep 'known from before' | sed 's/^\\[[ 0-9.]*\\] //'"
run "ls /sys/kernel/ifreg/classes/$FN/"

say "The NDIS table: every netdev of this network namespace, with its NET_LUID and ifIndex:"
run "cat /proc/net/ifreg/ndis"
say "A vlan on a new dummy: the binding answer (highest, lowest) follows the links between them:"
run "ip link add ndemo0 type dummy && ip link add link ndemo0 name ndemo0.5 type vlan id 5"
run "ip link set ndemo0 up"
run "grep -e '^ifindex' -e ndemo /proc/net/ifreg/ndis"
say "Another network namespace has its own table:"
run "ip netns add demo && ip link set ndemo0 netns demo"
run "ip netns exec demo cat /proc/net/ifreg/ndis"
run "ip netns del demo"

say "Unload everything; nothing is left:"
run rmmod ifreg_sample
run rmmod ifreg
run "ls /sys/kernel/ifreg /sys/class/ifreg"
kill "$monitor" 2>/dev/null
wait "$monitor" 2>/dev/null
run "grep -c '' /run/udev-monitor.log"
run "cat /run/ifreg-iface.log"
