#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# examples/driver, a module built outside ifreg's tree against its headers
# and Module.symvers (as `make install-devel` installs them): it loads on
# top of ifreg, its interface is registered on its own device and enabled
# (a udev "add" of subsystem ifreg), ifreg cannot be unloaded under it,
# and its unload disables and removes the interface.

. /ifreg/lib.sh

CLS='{5a3b0e6c-1f1e-4e8a-9a77-45584d504c45}'
EX_KO=/ifreg/ifreg_example.ko

plan load enabled-on-its-device ifreg-pinned unload-removes dmesg-clean

settle
check load "insmod ifreg and ifreg_example failed" sh -c "insmod $IFREG_KO $NO_NATIVE && insmod $EX_KO"
settle

enabled_ok() {
	out=$(ifregctl list --class "$CLS") || return 1
	printf '%s\n' "$out"
	[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] &&
	printf '%s\n' "$out" | grep -q " enabled .* pdo /sys/devices/platform/ifreg_example\$" &&
	[ "$(ls "/sys/kernel/ifreg/classes/$CLS" | wc -l)" = 1 ] &&
	[ "$(readlink -f "/sys/kernel/ifreg/classes/$CLS/"*)" = "$(readlink -f /sys/devices/platform/ifreg_example)" ]
}
check enabled-on-its-device "the example's interface is not listed enabled on /sys/devices/platform/ifreg_example" enabled_ok

# The example uses ifreg's exports: ifreg is held while it is loaded.
check ifreg-pinned "rmmod ifreg succeeded under ifreg_example, or holders wrong" sh -c \
	'[ "$(ls /sys/module/ifreg/holders)" = ifreg_example ] && ! rmmod ifreg 2>/dev/null'

gone_ok() {
	rmmod ifreg_example || return 1
	settle
	[ -z "$(ifregctl list --all --class "$CLS")" ] && [ ! -e /sys/devices/platform/ifreg_example ] &&
		rmmod ifreg
}
check unload-removes "after rmmod ifreg_example: $(ifregctl list --all --class "$CLS" 2>&1)" gone_ok

bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
