#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The device-interface registry seen from user space, driven by the sample
# provider (samples/ifreg_sample.c) with a real systemd-udevd: interfaces
# enabled in probe arrive as "ifreg" devices whose uevents a udev rule on
# IFREG_CLASS matches exactly once each; "udevadm trigger" replays their
# properties; the shipped rules file (udev/90-ifreg.rules) tags every
# instance "ifreg" and "systemd", so that `udevadm trigger --tag-match=ifreg`
# finds exactly them; /sys/kernel/ifreg/classes/{guid} lists the enabled ones;
# unbinding disables them; deleting devices with their interfaces still
# enabled (surprise removal) disables them before the devices' own
# "remove"; a device that comes back gets the same names; and unloading
# leaves nothing behind.

. /ifreg/lib.sh

FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
CTL='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}'
LOG=/run/ifreg-iface.log
SAMPLE_KO=/ifreg/ifreg_sample.ko
FN0="PLATFORM#ifreg-sample.0#$FN"

plan load names-windows-form udev-add udev-props registry-view class-devices shipped-rules-tag trigger-replay unbind-disables rebind-same-name unbind-left-enabled rebind-arrives surprise-removal removal-before-pdo reattach-same-name subscriber-logs subscriber-left-ended unload-clean dmesg-clean

# count ACTION: how many rule runs udev logged for ACTION.
count() { grep -c "^$1 " "$LOG" 2>/dev/null || true; }

# enabled_in CLASS: the sorted names in the registry view of CLASS.
enabled_in() { ls "/sys/kernel/ifreg/classes/$1" 2>/dev/null | sort; }

# devices_of CLASS: the sorted names of /sys/class/ifreg devices of CLASS.
devices_of() {
	for d in /sys/class/ifreg/*; do
		[ -e "$d/uevent" ] || continue
		grep -qx "IFREG_CLASS=$1" "$d/uevent" && echo "${d##*/}"
	done | sort
}

# Events of the scripts before are logged first, then the log starts.
settle
rm -f "$LOG"
check load "insmod ifreg and ifreg_sample failed" sh -c "insmod $IFREG_KO $NO_NATIVE && insmod $SAMPLE_KO"
settle

# Two platform devices and one class device, one function interface each.
expected_fn=$(printf '%s\n' "$FN0" "PLATFORM#ifreg-sample.1#$FN" "IFREG_SAMPLE#sample0#$FN" | sort)
check names-windows-form "function class view is:
$(enabled_in "$FN")" [ "$(enabled_in "$FN")" = "$expected_fn" ]
check udev-add "the rule ran $(count add) times for add, want 3" [ "$(count add)" = 3 ]

props=$(cat "/sys/class/ifreg/PLATFORM#ifreg-sample.0#$CTL#ctl/uevent" 2>&1)
want_props="IFREG_CLASS=$CTL
IFREG_SYMBOLIC_LINK=\\??\\PLATFORM#ifreg-sample.0#$CTL\\ctl
IFREG_REFERENCE=ctl
IFREG_INSTANCE_PATH=PLATFORM\\ifreg-sample.0
IFREG_DEVNODE=/dev/ifreg-sample.0-ctl"
check udev-props "uevent of the control interface:
$props" sh -c 'printf "%s\n" "$1" | grep -q "^IFREG_" && [ "$(printf "%s\n" "$1" | grep "^IFREG_")" = "$2" ]' - "$props" "$want_props"

# The registry view is what a list of the class gives: the same set as the
# class devices of that class, and each link points at the PDO.
links_ok() {
	[ "$(enabled_in "$FN")" = "$(devices_of "$FN")" ] &&
	[ "$(enabled_in "$CTL")" = "$(devices_of "$CTL")" ] &&
	[ "$(readlink -f "/sys/kernel/ifreg/classes/$FN/$FN0")" = "$(readlink -f /sys/bus/platform/devices/ifreg-sample.0)" ]
}
check registry-view "classes/{guid} does not match the enabled devices" links_ok

# The control interface names its node: udev made it, sysfs says it.
devnode_ok() {
	[ -c /dev/ifreg-sample.0-ctl ] && [ -c /dev/sample0-ctl ] &&
	[ "$(cat "/sys/class/ifreg/PLATFORM#ifreg-sample.0#$CTL#ctl/devnode")" = /dev/ifreg-sample.0-ctl ] &&
	[ "$(cat "/sys/class/ifreg/$FN0/devnode")" = "" ]
}
check devnode "control node: $(ls -l /dev/ifreg-sample.0-ctl /dev/sample0-ctl 2>&1); sysfs: $(cat "/sys/class/ifreg/PLATFORM#ifreg-sample.0#$CTL#ctl/devnode" 2>&1)" devnode_ok
check class-devices "/sys/class/ifreg has $(ls /sys/class/ifreg | wc -l) devices, want 6, or a device link is wrong" sh -c \
	"[ \$(ls /sys/class/ifreg | wc -l) = 6 ] && [ \"\$(readlink -f '/sys/class/ifreg/$FN0/device')\" = \"\$(readlink -f /sys/bus/platform/devices/ifreg-sample.0)\" ]"

# The shipped rules: every instance tagged, and only they.
tags_ok() {
	for d in /sys/class/ifreg/*; do
		udevadm info -q property -p "$d" | grep -qx 'TAGS=:\(ifreg:systemd\|systemd:ifreg\):' || return 1
	done
	[ "$(udevadm trigger --dry-run --verbose --tag-match=ifreg | sort)" = \
	  "$(for d in /sys/class/ifreg/*; do readlink -f "$d"; done | sort)" ]
}
check shipped-rules-tag "TAGS of the ifreg devices: $(for d in /sys/class/ifreg/*; do udevadm info -q property -p "$d" | grep '^TAGS='; done)
tag-match=ifreg: $(udevadm trigger --dry-run --verbose --tag-match=ifreg)" tags_ok

udevadm trigger --subsystem-match=ifreg --action=add
settle
replayed=$(tail -n 3 "$LOG")
adds=$(count add)
check trigger-replay "after udevadm trigger the rule ran $adds times for add, last:
$replayed" sh -c '[ "$1" = 6 ] && printf "%s\n" "$2" | grep -qF "add $3 \\??\\PLATFORM#ifreg-sample.0#"' - "$adds" "$replayed" "$FN0"

echo ifreg-sample.0 >/sys/bus/platform/drivers/ifreg-sample/unbind
settle
check unbind-disables "after unbind: removes $(count remove), view:
$(enabled_in "$FN")" sh -c "[ $(count remove) = 1 ] && ! ls /sys/kernel/ifreg/classes/$FN | grep -q ifreg-sample.0 && [ ! -e '/sys/class/ifreg/$FN0' ]"

echo ifreg-sample.0 >/sys/bus/platform/drivers/ifreg-sample/bind
settle
check rebind-same-name "after bind the rule logged: $(tail -n 1 "$LOG")" sh -c "tail -n 1 $LOG | grep -q '^add $FN0 '"

# PnP removal is an unbind too: the driver now leaves its interfaces
# enabled at remove; ifreg disables them, one "remove" each, and the next
# probe's enable is one "add" each.
echo N >/sys/module/ifreg_sample/parameters/disable_on_remove
removes=$(count remove)
adds=$(count add)
FN1="PLATFORM#ifreg-sample.1#$FN"
echo ifreg-sample.1 >/sys/bus/platform/drivers/ifreg-sample/unbind
settle
check unbind-left-enabled "after unbind of a driver that left it enabled: removes $removes -> $(count remove), last: $(tail -n 1 "$LOG")" sh -c \
	"[ $(count remove) = $((removes + 1)) ] && tail -n 1 $LOG | grep -q '^remove $FN1 ' && [ ! -e '/sys/class/ifreg/$FN1' ] && ! ls /sys/kernel/ifreg/classes/$FN | grep -q ifreg-sample.1"
echo ifreg-sample.1 >/sys/bus/platform/drivers/ifreg-sample/bind
settle
check rebind-arrives "after bind: adds $adds -> $(count add), last: $(tail -n 1 "$LOG")" sh -c \
	"[ $(count add) = $((adds + 1)) ] && tail -n 1 $LOG | grep -q '^add $FN1 ' && [ -e '/sys/class/ifreg/$FN1' ]"

# Surprise removal: the driver leaves its interfaces enabled on remove and
# the devices are deleted; ifreg disables them, each before its device's
# own remove uevent.
udevadm monitor --kernel >/run/monitor.log 2>&1 &
mon=$!
subscribed "$mon" 15
before=$(count remove)
rmmod ifreg_sample
settle
sleep 1
kill "$mon"
wait "$mon" 2>/dev/null
check surprise-removal "after rmmod of the sample: removes $((${before:-0})) -> $(count remove), views:
$(ls /sys/kernel/ifreg/classes/*) $(ls /sys/class/ifreg)" sh -c \
	"[ $(count remove) = $((before + 3)) ] && [ -z \"\$(ls -A /sys/kernel/ifreg/classes/$FN)\$(ls -A /sys/kernel/ifreg/classes/$CTL)\" ] && [ -z \"\$(ls -A /sys/class/ifreg)\" ]"

# In the kernel's own order of uevents, each interface device's remove
# comes before its PDO's remove.
order_ok() {
	awk '
		$2 != "remove" { next }
		$4 == "(ifreg)" {
			n = split($3, p, "/")
			# the PDO is the parent, past the class glue directory
			pdo = (p[n - 1] == "ifreg") ? p[n - 2] : p[n - 1]
			gone_first[pdo] = 1
			next
		}
		{
			n = split($3, p, "/")
			if (p[n] ~ /^(ifreg-sample\.[01]|sample0)$/) {
				seen++
				if (!gone_first[p[n]]) bad = 1
			}
		}
		END { exit (bad || seen != 3) }' /run/monitor.log
}
check removal-before-pdo "kernel uevents during rmmod:
$(grep remove /run/monitor.log)" order_ok

dmesg -c >/dev/null
check reattach-same-name "insmod of the sample again failed, or names changed" sh -c \
	"insmod $SAMPLE_KO && udevadm settle && [ \"\$(ls /sys/kernel/ifreg/classes/$FN | sort)\" = '$expected_fn' ] && [ \$(dmesg | grep -c 'known from before') = 3 ]"

# A module that unloads without ending its subscription: ifreg ends it,
# says so once, naming the module, and never calls into the gone module
# again (an event of its class afterwards would oops).
rmmod ifreg_sample
settle
dmesg -c >/dev/null
insmod $SAMPLE_KO subscribe=1 leave_subscription=1
settle
check subscriber-logs "the sample's subscription logged: $(dmesg | grep 'ifreg_sample: arrival')" sh -c \
	"[ \$(dmesg | grep -c 'ifreg_sample: arrival .*$FN') = 3 ]"
rmmod ifreg_sample
settle
sub_warn=$(dmesg | grep -c 'module ifreg_sample unloaded with 1 notification subscription(s) not ended; ended them')
# An arrival of its class now: delivered to nobody, and nothing oopses.
vm_devices
tty_fn=$(ifregctl register "$tty_dev" "$FN")
ifregctl enable "$tty_fn"
sleep 1
ifregctl disable "$tty_fn"
ifregctl remove "$tty_fn"
sleep 1
left_ok() {
	[ "$sub_warn" = 1 ] && [ -n "$tty_fn" ] &&
	! dmesg | grep -qF "ifreg_sample: arrival $tty_fn" && [ -z "$(dmesg_bad)" ]
}
check subscriber-left-ended "warnings naming the module: $sub_warn; interface of its class enabled after: '$tty_fn'; dmesg:
$(dmesg | tail -n 8)" left_ok
insmod $SAMPLE_KO
settle

check unload-clean "something is left after rmmod of both" sh -c \
	"rmmod ifreg_sample && rmmod ifreg && [ ! -e /sys/class/ifreg ] && [ ! -e /sys/kernel/ifreg ] && [ ! -e /sys/module/ifreg ] && [ ! -e /sys/class/ifreg_sample ]"

bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
