#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The `make demo` transcript, run by the guest init in Debian's kernel with
# a real systemd-udevd, driven by ifregctl: the machine's own disks,
# volumes, CD-ROM drive, serial ports, keyboard, mouse, HID and USB
# devices and NIC, each in its Windows class with its FriendlyName and
# device node, and a PCI remove and rescan of the disk; device interfaces registered
# on the VM's own virtio NIC and serial port, enabled, their arrival seen
# by a udev rule on their class and by `ifregctl monitor`; the registry
# and NDIS views; a value and a property on an instance; then the store:
# save to the disk, unload and load ifreg, restore, and the same
# registrations, store entries and NetLuidIndexes are back.
# Every command is echoed with a `$ ` prompt before its output.

# shellcheck disable=SC2016 # commands are shown as typed, then eval'ed

# run CMD: echo CMD as typed, then run it in this shell (so `&` jobs and
# variables stay ours); a failing command shows its status, as a shell
# would not hide it.
run() {
	echo "\$ $*"
	eval "$*" 2>&1 || echo "[exit status $?]"
}

say() { printf '\n# %s\n' "$*"; }

CLS='{7e57de30-5a1e-4c0d-9e11-44454d4f0001}'
PK='{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}:5'
STORE=/mnt/store/ifreg.store
grep -q ' /mnt/store ' /proc/mounts || STORE=/run/ifreg.store

# The VM's virtio NIC, named by its driver.
. /ifreg/lib.sh
vm_devices
eth=${nic:-eth0}

say "Debian's own kernel under qemu, with Debian's systemd-udevd and ifregctl:"
run uname -r
run udevadm --version
run ifregctl --version

say "A udev rule that reacts when an interface of our class comes or goes:"
run "grep -v '^#' /etc/udev/rules.d/92-ifreg-demo.rules"
run "grep -v '^#' /ifreg/log-iface.sh"

say "The machine: a partitioned virtio disk, a CD-ROM drive, serial ports, a USB keyboard and mouse, a VGA card, a NIC. Their drivers:"
run 'for m in ata_piix sr_mod uhci-hcd usbhid hid-generic evdev bochs; do modprobe $m; done'
# USB enumerates and IDE probes in their own time under TCG.
i=0
while { [ ! -e /sys/class/hidraw/hidraw1 ] || [ ! -e /sys/block/sr0 ] ||
	[ ! -e /sys/class/drm/card0 ]; } && [ $i -lt 300 ]; do
	sleep 0.2
	i=$((i + 1))
done
run udevadm settle
run 'ls /sys/block /sys/class/hidraw; ls /sys/class/input | grep event'

say "Load ifreg: with no driver ported, it publishes the machine's own devices in their Windows classes:"
run insmod /ifreg/ifreg.ko
run ifregctl classes
# brief CLASS: the class's instances, their FriendlyName and device node.
brief() {
	ifregctl list --class "$1" | while read -r link _; do
		printf '%s\n    %s  %s\n' "$link" \
			"$(ifregctl prop "$link" get '{026e516e-b814-414b-83cd-856d6fef4822}:2' | sed 's/^.* type 18 data //')" \
			"$(ifregctl --json show "$link" | sed -n 's/.*"devnode":"\([^"]*\)".*/\1/p')"
	done
}
echo "(each instance: its link, then its FriendlyName and device node)"
for c in GUID_DEVINTERFACE_DISK GUID_DEVINTERFACE_VOLUME GUID_DEVINTERFACE_CDROM \
	 GUID_DEVINTERFACE_COMPORT GUID_DEVINTERFACE_KEYBOARD GUID_DEVINTERFACE_MOUSE \
	 GUID_DEVINTERFACE_HID GUID_DEVINTERFACE_USB_DEVICE GUID_DEVINTERFACE_DISPLAY_ADAPTER \
	 GUID_DEVINTERFACE_NET; do
	run "brief $c"
done
say "One of them in full; a program opens its device node in one step:"
run 'vol=$(ifregctl list --class volume | head -n 1 | cut -d" " -f1) && ifregctl show "$vol"'
run 'dd if="$(ifregctl --json show "$vol" | sed -n "s/.*\"devnode\":\"\([^\"]*\)\".*/\1/p")" bs=512 count=1 2>/dev/null | wc -c'
say "PCI remove and rescan of the disk's controller: its interfaces leave and come back with the same names:"
run 'ifregctl monitor >/run/monitor-pci.log &'
pcimon=$!
say "and a program on libifreg (tools/libifreg/examples/ifreg-wait) waiting for the next disk:"
run "timeout 30 ifreg-wait --count 1 '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}' >/run/wait-pci.log &"
waitpid=$!
sleep 1
run 'pci=$(realpath /sys/block/vdb/device/..) && echo "$pci"'
run 'echo 1 >"$pci/remove"; udevadm settle; echo 1 >/sys/bus/pci/rescan; sleep 2; udevadm settle'
run "kill $pcimon"
run "cut -d' ' -f1,2,4 /run/monitor-pci.log | grep -E 'arrival|removal'"
run "wait $waitpid; cat /run/wait-pci.log"

say "Our own interfaces next: watch ifreg's events with ifregctl monitor in the background:"
run 'ifregctl monitor >/run/monitor.log &'
monitor=$!
sleep 1

say "The VM's real devices: its virtio NIC and its serial port:"
run "realpath /sys/class/net/$eth/device /sys/class/tty/ttyS0/device"

say "Register an interface of our class on each (IoRegisterDeviceInterface); the link is printed:"
run "nic=\$(ifregctl register /sys/class/net/$eth/device '$CLS') && echo \"\$nic\""
run "tty=\$(ifregctl register /sys/class/tty/ttyS0/device '$CLS' console) && echo \"\$tty\""
say "Registered, not yet enabled: list shows them with --all only:"
run "ifregctl list --class '$CLS'"
run "ifregctl list --all --class '$CLS'"

say "Enable both (IoSetDeviceInterfaceState TRUE): each becomes a device of class ifreg, udev runs the rule:"
run 'ifregctl enable "$nic"'
run 'ifregctl enable "$tty"'
run udevadm settle
run cat /run/ifreg-iface.log
run "ls -l /sys/kernel/ifreg/classes/$CLS/ | sed 's/^.* \\([^ ]* -> \\)/\\1/' | tail -n +2"

say "Make the serial port's the class default, store a value and a property on the NIC's:"
run 'ifregctl set-default "$tty"'
run 'ifregctl prop "$nic" set FriendlyName --persistent --string "Front NIC"'
run "ifregctl prop \"\$nic\" set '$PK' --type 7 --persistent --u32 42"
run 'ifregctl prop "$nic" set Scratch --string "not persistent"'

say "The registry view:"
run ifregctl list
run ifregctl classes
run 'ifregctl show "$nic"'
run "ifregctl --json list --class '$CLS'"

say "What ifregctl monitor saw so far (seq, event, class, link):"
run cat /run/monitor.log

say "The NDIS table; dummy2 made after two others that went keeps its higher NetLuidIndex:"
run 'ip link add dummy0 type dummy && ip link add dummy1 type dummy && ip link add dummy2 type dummy'
run 'ip link del dummy0 && ip link del dummy1'
run ifregctl ndis

say "Save everything persistent to the store disk:"
run "ifregctl save $STORE"
run "cat $STORE"

say "Unload ifreg: the interfaces go (udev sees them leave), the monitor ends by itself (exit 3); load it again: the kernel kept nothing, dummy2 gets a fresh, lower index:"
run rmmod ifreg
run "wait $monitor"
run udevadm settle
run 'tail -n 2 /run/ifreg-iface.log'
run insmod /ifreg/ifreg.ko
run 'ifregctl list --all'
run 'ifregctl ndis dummy2'

say "Restore the store: registrations (not enabled: that is the driver's job), values and properties, the default, and dummy2's NetLuidIndex:"
run 'ifregctl monitor >/run/monitor2.log &'
monitor=$!
sleep 1
run "ifregctl restore $STORE"
run 'ifregctl list --all'
run ifregctl classes
run 'ifregctl prop "$nic"'
run 'ifregctl ndis dummy2'
run 'ifregctl enable "$nic" && ifregctl enable "$tty"'
run udevadm settle
run 'ifregctl list'
run 'cat /run/monitor2.log'
run 'tail -n 2 /run/ifreg-iface.log'

say "Unload everything; nothing is left:"
run 'ip link del dummy2'
run rmmod ifreg
wait "$monitor" 2>/dev/null
run udevadm settle
run "ls /sys/kernel/ifreg /sys/class/ifreg"
