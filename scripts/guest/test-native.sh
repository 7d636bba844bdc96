#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The publisher of native devices on the VM's real devices (vm_boot's
# VM_DEVICES): the partitioned virtio disk (vdb; the store is vda), the
# IDE CD-ROM drive, the serial ports, the virtio NIC, the USB keyboard
# and mouse, and the standard VGA card. The CD-ROM's driver is loaded before ifreg (found
# at load), the USB ones after it (found as they come: the USB bus, and
# the hidraw class, are first seen then). Each device is in its class,
# enabled, with its FriendlyName and device node; ttyS2 and ttyS3, with
# no UART behind them, are not COM ports; a PCI remove and rescan of the
# disk's controller disables and enables its three interfaces again with
# the same names, one uevent each way, and a subscriber sees exactly
# those; unloading a driver disables its device's interfaces; loading
# ifreg again gives every name back; the "publish" parameter limits or
# turns off the publisher and refuses a class it does not know.
# ifreg-vm-series: 6.1 6.12

. /ifreg/lib.sh

NET='{cac88484-7515-4c03-82e6-71a87abac361}'
DISK='{53f56307-b6bf-11d0-94f2-00a0c91efb8b}'
CDROM='{53f56308-b6bf-11d0-94f2-00a0c91efb8b}'
VOLUME='{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}'
COMPORT='{86e0d1e0-8089-11d0-9ce4-08003e301f73}'
HID='{4d1e55b2-f16f-11cf-88cb-001111000030}'
USB='{a5dcbf10-6530-11d2-901f-00c04fb951ed}'
KBD='{884b96c3-56ef-11d1-bc8c-00a0c91405dd}'
MOUSE='{378de44c-56ef-11d1-bc8c-00a0c91405dd}'
DISPLAY_ADAPTER='{5b45201d-f2f2-4f3b-85bb-30ff1f953599}'
FRIENDLY='{026e516e-b814-414b-83cd-856d6fef4822}:2'
T=/run/native-test

plan devices-present disk class-by-name volumes cdrom comports net usb-devices hid keyboard mouse usb-replug display devnode-property uevent-devnode driver-unload rescan-disabled rescan-same-names rescan-one-uevent-each rescan-subscriber reload-same-names publish-limited publish-none publish-bogus-refused unload-clean dmesg-clean

mkdir -p "$T"
[ -e /sys/module/ifreg_sample ] && rmmod ifreg_sample
[ -e /sys/module/ifreg ] && rmmod ifreg

# wait_for PATH...: until every PATH exists, 60 s at most (TCG is slow to
# probe IDE and enumerate USB).
wait_for() {
	local i=0 p
	while [ $i -lt 600 ]; do
		for p in "$@"; do
			[ -e "$p" ] || break
		done
		[ -e "$p" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# listing CLASS: the class's enabled instances as jsonflat lines in $T/CLASS.
listing() {
	ifregctl --json list --class "$1" >"$T/json" && jsonflat <"$T/json" >"$T/list"
}

# link_of CLASS DEVNODE: the enabled instance of CLASS served by DEVNODE.
link_of() {
	local i
	listing "$1" || return 1
	i=$(idx_of devnode "$2" "$T/list")
	[ -n "$i" ] && sed -n "s/^\[$i\]\.symbolic_link=//p" "$T/list"
}

# friendly LINK: its FriendlyName, as a string property.
friendly() {
	ifregctl prop "$1" get "$FRIENDLY" | sed -n "s/^[^ ]* type 18 data //p"
}

# has CLASS DEVNODE FRIENDLY: an enabled instance of CLASS served by
# DEVNODE, named FRIENDLY (a shell pattern).
has() {
	local link name
	link=$(link_of "$1" "$2") && [ -n "$link" ] || { echo "no $2 in $1"; return 1; }
	name=$(friendly "$link")
	# shellcheck disable=SC2254 # a pattern on purpose
	case $name in
	$3) return 0 ;;
	*) echo "$link: FriendlyName '$name', wanted '$3'"; return 1 ;;
	esac
}

# all_links: every enabled instance's name, sorted.
all_links() {
	ifregctl --json list >"$T/json" && jsonflat <"$T/json" |
		sed -n 's/^\[[0-9]*\]\.symbolic_link=//p' | LC_ALL=C sort
}

# The CD-ROM drive's driver before ifreg: published at load.
modprobe ata_piix
modprobe sr_mod
check devices-present "the VM's disk, partitions or CD-ROM drive are missing: $(ls /sys/block)" \
	wait_for /sys/block/sr0 /sys/block/vdb/vdb1 /sys/block/vdb/vdb2
settle
insmod "$IFREG_KO" || fail disk "insmod ifreg failed"
settle

check disk "$(has "$DISK" /dev/vdb 'virtio_blk (vdb)'; ifregctl list --class "$DISK")" \
	has "$DISK" /dev/vdb 'virtio_blk (vdb)'
# ifregctl names the well-known classes as Windows' headers do.
byname_ok() {
	ifregctl list --class "$DISK" >"$T/a" && [ -s "$T/a" ] &&
	ifregctl list --class GUID_DEVINTERFACE_DISK >"$T/b" && cmp -s "$T/a" "$T/b" &&
	ifregctl list --class disk >"$T/b" && cmp -s "$T/a" "$T/b" &&
	! ifregctl list --class GUID_DEVINTERFACE_FLOPPY 2>/dev/null
}
check class-by-name "$(cat "$T/a" "$T/b")" byname_ok
volumes_ok() {
	has "$VOLUME" /dev/vdb1 'virtio_blk (vdb1)' && has "$VOLUME" /dev/vdb2 'virtio_blk (vdb2)' &&
	[ -z "$(link_of "$DISK" /dev/vdb1)" ] &&
	# The disk and its partitions: one PDO, told apart by reference.
	[ "$(link_of "$VOLUME" /dev/vdb1 | cut -d'#' -f1-2)" = "$(link_of "$DISK" /dev/vdb | cut -d'#' -f1-2)" ]
}
check volumes "$(volumes_ok; ifregctl list --class "$VOLUME")" volumes_ok
cdrom_ok() {
	has "$CDROM" /dev/sr0 'QEMU QEMU DVD-ROM (sr0)' && [ -z "$(link_of "$DISK" /dev/sr0)" ]
}
check cdrom "$(cdrom_ok; ifregctl list --class "$CDROM")" cdrom_ok
comports_ok() {
	has "$COMPORT" /dev/ttyS0 'Communications Port (ttyS0)' &&
	has "$COMPORT" /dev/ttyS1 'Communications Port (ttyS1)' &&
	[ -z "$(link_of "$COMPORT" /dev/ttyS2)" ] && [ -z "$(link_of "$COMPORT" /dev/ttyS3)" ] &&
	[ -z "$(link_of "$COMPORT" /dev/tty0)" ] && [ -z "$(link_of "$COMPORT" /dev/ptmx)" ]
}
check comports "$(comports_ok; ifregctl list --class "$COMPORT")" comports_ok
vm_devices
nic_pdo=${nic_dev##*/}
# The NIC under its virtio device; lo, virtual, its own PDO.
net_ok() {
	listing "$NET" &&
	grep -qF "].symbolic_link=\\??\\NET#lo#$NET" "$T/list" &&
	grep -qF "].symbolic_link=\\??\\VIRTIO#$nic_pdo#$NET" "$T/list" &&
	[ "$(friendly "\\??\\VIRTIO#$nic_pdo#$NET")" = "virtio_net ($nic)" ]
}
check net "$(ifregctl list --class "$NET"; cat "$T/list")" net_ok

# The USB drivers after ifreg: their devices come while it runs.
modprobe uhci_hcd
modprobe usbhid
modprobe hid_generic
modprobe evdev
wait_for /sys/class/hidraw/hidraw1 /sys/bus/usb/devices/1-1 /sys/bus/usb/devices/1-2 >/dev/null
settle
# The keyboard and mouse: 1-1 and 1-2 on the first bus, in either order.
usb_ok() {
	local d n
	for d in 1-1 1-2; do
		n=$(printf '/dev/bus/usb/%03d/%03d' "$(cat /sys/bus/usb/devices/$d/busnum)" \
			"$(cat /sys/bus/usb/devices/$d/devnum)")
		has "$USB" "$n" "QEMU QEMU USB * ($d)" || return 1
	done
	# Not the root hub.
	! ifregctl list --class "$USB" | grep -q '#usb1#'
}
check usb-devices "$(usb_ok; ifregctl list --class "$USB")" usb_ok
hid_ok() {
	has "$HID" /dev/hidraw0 'QEMU QEMU USB * (hidraw0)' &&
	has "$HID" /dev/hidraw1 'QEMU QEMU USB * (hidraw1)'
}
check hid "$(hid_ok; ifregctl list --class "$HID")" hid_ok
# input_node NAME: /dev/input/eventN of the input device called NAME.
input_node() {
	local e
	for e in /sys/class/input/event*; do
		[ "$(cat "$e/device/name")" = "$1" ] && echo "/dev/input/${e##*/}" && return 0
	done
	return 1
}
kbd_node=$(input_node 'QEMU QEMU USB Keyboard')
mouse_node=$(input_node 'QEMU QEMU USB Mouse')
check keyboard "$(has "$KBD" "$kbd_node" "QEMU QEMU USB Keyboard (${kbd_node#/dev/input/})"; ifregctl list --class "$KBD")" \
	has "$KBD" "$kbd_node" "QEMU QEMU USB Keyboard (${kbd_node#/dev/input/})"
mouse_ok() {
	has "$MOUSE" "$mouse_node" "QEMU QEMU USB Mouse (${mouse_node#/dev/input/})" &&
	[ -z "$(link_of "$KBD" "$mouse_node")" ] && [ -z "$(link_of "$MOUSE" "$kbd_node")" ]
}
check mouse "$(mouse_ok; ifregctl list --class "$MOUSE")" mouse_ok

# The USB devices unplugged and plugged into the same ports again (the
# root hub deauthorized, which disconnects them, and authorized, which
# enumerates them anew): a new USB device, HID device, hidraw and evdev
# node for the keyboard, and its USB, HID and keyboard interfaces with the
# same names (the HID device, named by a count, is not their PDO).
usb_names() {
	for c in "$USB" "$HID" "$KBD"; do
		ifregctl list --class "$c" | cut -d' ' -f1
	done | LC_ALL=C sort
}
# replugged DEVNUM: until 1-1 is a USB device numbered otherwise than
# DEVNUM with its hidraw and evdev nodes, 60 s at most.
replugged() {
	local i=0 n
	while [ $i -lt 600 ]; do
		n=$(cat /sys/bus/usb/devices/1-1/devnum 2>/dev/null)
		[ -n "$n" ] && [ "$n" != "$1" ] && [ -e /sys/class/hidraw/hidraw1 ] &&
		[ -e "/sys/class/input/${kbd_node#/dev/input/}" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
usb_names >"$T/usb-before"
devnum=$(cat /sys/bus/usb/devices/1-1/devnum)
# gone PATH: until PATH is no more, 30 s at most.
gone() {
	local i=0
	while [ -e "$1" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e "$1" ]
}
replug_ok() {
	echo 0 >/sys/bus/usb/devices/usb1/authorized && gone /sys/bus/usb/devices/1-1 &&
	echo 1 >/sys/bus/usb/devices/usb1/authorized && replugged "$devnum" && settle &&
	usb_names >"$T/usb-after" && cmp -s "$T/usb-before" "$T/usb-after" &&
	! grep -q 'HID#' "$T/usb-before"
}
replug_ok
replug=$?
check usb-replug "device number $devnum, now $(cat /sys/bus/usb/devices/1-1/devnum 2>&1); before: $(cat "$T/usb-before")
after: $(cat "$T/usb-after" 2>/dev/null)" [ "$replug" = 0 ]

# qemu's standard VGA card, once its DRM driver is loaded; not its
# connectors.
modprobe bochs
wait_for /sys/class/drm/card0 >/dev/null
settle
display_ok() {
	has "$DISPLAY_ADAPTER" /dev/dri/card0 '*(card0)' &&
	[ "$(ifregctl list --class "$DISPLAY_ADAPTER" | wc -l)" = 1 ]
}
check display "$(ls /sys/class/drm; ifregctl list --class "$DISPLAY_ADAPTER")" display_ok

# The node is the read-only property too, and opens.
vdb1=$(link_of "$VOLUME" /dev/vdb1)
devnode_ok() {
	[ "$(ifregctl prop "$vdb1" get '{3d9f2c4e-8b1a-4f6d-9e27-5c0b8a41d3f6}:2')" = \
	  "{3d9f2c4e-8b1a-4f6d-9e27-5c0b8a41d3f6}:2 type 18 data /dev/vdb1" ] &&
	[ "$(ifregctl prop "$vdb1" set "$FRIENDLY" --type 18 --string x >/dev/null 2>&1; friendly "$vdb1")" = x ] &&
	dd if="$(ifregctl --json show "$vdb1" | jsonflat | sed -n 's/^\.devnode=//p')" of=/dev/null bs=512 count=1 2>/dev/null
}
check devnode-property "$(ifregctl show "$vdb1")" devnode_ok
# The instance's device says it in its uevent (what udev rules read).
uevent_ok() {
	grep -rlx 'IFREG_DEVNODE=/dev/sr0' /sys/class/ifreg/*/uevent >/dev/null
}
check uevent-devnode "no instance's uevent names /dev/sr0" uevent_ok

# A driver unloaded: its device's interfaces are disabled, and its
# registrations stay (so the same names come back with it).
sr0=$(link_of "$CDROM" /dev/sr0)
unload_ok() {
	rmmod sr_mod && settle && [ -z "$(link_of "$CDROM" /dev/sr0)" ] &&
	ifregctl --json show "$sr0" | jsonflat | grep -qx '.enabled=false' &&
	modprobe sr_mod && wait_for /sys/block/sr0 && settle &&
	[ "$(link_of "$CDROM" /dev/sr0)" = "$sr0" ]
}
check driver-unload "sr0 was $sr0; now: $(ifregctl list --all --class "$CDROM")" unload_ok

# PCI remove and rescan of the partitioned disk's controller.
vdb=$(link_of "$DISK" /dev/vdb)
vdb2=$(link_of "$VOLUME" /dev/vdb2)
pci=$(realpath /sys/block/vdb/device/..)
udevadm monitor --kernel --subsystem-match=ifreg >"$T/uevents" 2>&1 &
um=$!
ifregctl --json monitor >"$T/mon" 2>"$T/mon.err" &
mon=$!
subscribed "$um" 15
subscribed "$mon"
echo 1 >"$pci/remove"
settle
disabled_ok() {
	[ ! -e /sys/block/vdb ] && [ -z "$(link_of "$DISK" /dev/vdb)" ] &&
	[ -z "$(link_of "$VOLUME" /dev/vdb1)" ] && [ -z "$(link_of "$VOLUME" /dev/vdb2)" ]
}
check rescan-disabled "after the remove: $(ifregctl list --class "$DISK"; ifregctl list --class "$VOLUME")" disabled_ok
echo 1 >/sys/bus/pci/rescan
wait_for /sys/block/vdb/vdb2 >/dev/null
settle
sleep 1
kill "$um" "$mon" 2>/dev/null
wait "$um" "$mon" 2>/dev/null
same_ok() {
	[ -n "$vdb" ] && [ "$(link_of "$DISK" /dev/vdb)" = "$vdb" ] &&
	[ "$(link_of "$VOLUME" /dev/vdb1)" = "$vdb1" ] && [ "$(link_of "$VOLUME" /dev/vdb2)" = "$vdb2" ]
}
check rescan-same-names "were $vdb $vdb1 $vdb2; now: $(ifregctl list --class "$DISK"; ifregctl list --class "$VOLUME")" same_ok
uevents_ok() {
	[ "$(grep -c '^KERNEL.* remove ' "$T/uevents")" = 3 ] &&
	[ "$(grep -c '^KERNEL.* add ' "$T/uevents")" = 3 ]
}
check rescan-one-uevent-each "$(cat "$T/uevents")" uevents_ok
jsonflat -m <"$T/mon" >"$T/mon.flat" 2>&1
evs() { grep -c "^[0-9]*\.event=$1\$" "$T/mon.flat"; }
# link_evs EVENT LINK: how many EVENTs LINK had.
link_evs() {
	# The link through the environment: awk -v would eat its backslashes.
	E="$1" L="$2" awk -F= '
		/^[0-9]+\.event=/ { split($1, a, "."); ev[a[1]] = $2 }
		/^[0-9]+\.link=/ { split($1, a, "."); lk[a[1]] = substr($0, length($1) + 2) }
		END {
			for (i in ev)
				if (ev[i] == ENVIRON["E"] && lk[i] == ENVIRON["L"])
					n++
			print n + 0
		}' "$T/mon.flat"
}
sub_ok() {
	local l
	[ "$(evs arrival)" = 3 ] && [ "$(evs removal)" = 3 ] || return 1
	for l in "$vdb" "$vdb1" "$vdb2"; do
		[ "$(link_evs arrival "$l")" = 1 ] && [ "$(link_evs removal "$l")" = 1 ] || return 1
	done
}
check rescan-subscriber "$(cat "$T/mon")" sub_ok

# ifreg unloaded and loaded again: every name is back.
all_links >"$T/before"
rmmod ifreg
insmod "$IFREG_KO"
settle
all_links >"$T/after"
reload_ok() {
	[ "$(wc -l <"$T/before")" -ge 12 ] && cmp -s "$T/before" "$T/after"
}
check reload-same-names "$(diff "$T/before" "$T/after")" reload_ok

rmmod ifreg
insmod "$IFREG_KO" publish=disk,volume
settle
limited_ok() {
	[ -n "$(link_of "$DISK" /dev/vdb)" ] && [ -n "$(link_of "$VOLUME" /dev/vdb1)" ] &&
	[ -z "$(link_of "$CDROM" /dev/sr0)" ] && [ -z "$(ifregctl list --class "$NET")" ] &&
	[ -z "$(ifregctl list --class "$COMPORT")" ]
}
check publish-limited "$(ifregctl list)" limited_ok
rmmod ifreg
insmod "$IFREG_KO" publish=none
settle
check publish-none "$(ifregctl list)" sh -c '[ -z "$(ifregctl list)" ]'
rmmod ifreg
bogus_ok() {
	! insmod "$IFREG_KO" publish=disk,floppy 2>/dev/null && [ ! -e /sys/module/ifreg ] &&
	dmesg | grep -q 'publish: no class "floppy"'
}
check publish-bogus-refused "insmod with publish=disk,floppy: $(dmesg | tail -3)" bogus_ok

insmod "$IFREG_KO"
settle
check unload-clean "rmmod ifreg with everything published failed" rmmod ifreg
check dmesg-clean "$(dmesg_bad)" sh -c '[ -z "$(dmesg_bad)" ]'
# The scripts after this one find the machine as it was.
for m in bochs evdev hid_generic usbhid hid uhci_hcd sr_mod ata_piix; do
	rmmod "$m" 2>/dev/null
done
