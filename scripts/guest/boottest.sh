#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The test of `make boottest` (scripts/boottest.sh), run by its unit once
# the system with Debian's systemd as PID 1 is up: what ifreg-restore and
# ifreg-save did at this boot, as systemd tells it, then the next step,
# then `systemctl poweroff`, so ifreg-save's ExecStop runs at a real
# shutdown. The store disk is /var/lib/ifreg; the boot (ifregvm.boot=N)
# says what to expect:
#
#   1  empty disk: restore skipped by its condition, save armed; registers
#      an interface on the virtio NIC with a persistent value and keeps a
#      plain NetLuidIndex, which the save at this poweroff must keep.
#   2  the store boot 1's poweroff wrote: restore ran, and was done before
#      udev's coldplug started; the registration, value and index are
#      back; a second persistent value for the save at this poweroff.
#   3  a store the host corrupted after boot 2: restore failed and
#      ifreg-save never started (the host then finds the store untouched).
#   4  the same store, refused again; the test deals with it as a person
#      would (moves it aside) and starts ifreg-save, as its unit says,
#      which arms it for this poweroff.
#
# Everything it prints goes to the second serial port, the result
# channel: "PASS boottest/NAME" and "FAIL boottest/NAME" (the guest's
# lib.sh), the reasons as "# " lines, and "IFREG-BOOTTEST-DONE N" last.

. /ifreg/lib.sh

CH=/dev/ttyS1
S=/var/lib/ifreg
EXP=$S/boottest-expect
CLASS='{6d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e}'
T=/run/boottest
mkdir -p "$T"
stty -F "$CH" raw -echo 2>/dev/null
exec >"$CH" 2>&1
# prop UNIT PROPERTY: one property of UNIT, as systemd has it.
prop() { systemctl show -P "$2" "$1"; }
# units: the state of the units that matter, for a FAIL's reason.
units() {
	for u in ifreg-restore.service ifreg-save.service systemd-udev-trigger.service; do
		echo "$u: $(systemctl show -p ActiveState -p Result -p ConditionResult -p ExecMainStatus \
			-p ExecMainStartTimestampMonotonic -p ExecMainExitTimestampMonotonic \
			-p ActiveEnterTimestampMonotonic -p InactiveExitTimestampMonotonic "$u" | tr '\n' ' ')"
	done
	journalctl -b -o cat -u ifreg-restore.service -u ifreg-save.service | tail -n 20
}

boot=$(sed -n 's/.*ifregvm\.boot=\([0-9]*\).*/\1/p' /proc/cmdline)
echo "IFREG-BOOTTEST-BEGIN $boot"
echo "IFREG-UPTIME $(cut -d' ' -f1 /proc/uptime)"

# The coldplug's unit ends once the events are queued: what they load
# (the NIC's driver) may still be on its way.
udevadm settle --timeout=300 || echo "# udevadm settle timed out"
vm_devices

# save_armed: ifreg-save started (its ExecStop runs at shutdown).
save_armed() {
	[ "$(prop ifreg-save.service ActiveState)" = active ] &&
	[ "$(prop ifreg-save.service Result)" = success ] && [ -e /sys/module/ifreg ]
}

# refused: ifreg-restore failed, as restore fails on a store it refuses.
refused() {
	[ "$(systemctl is-failed ifreg-restore.service)" = failed ] &&
	[ "$(prop ifreg-restore.service Result)" = exit-code ] &&
	[ "$(prop ifreg-restore.service ExecMainStatus)" = 4 ]
}

case $boot in
1)
	skipped() {
		[ "$(prop ifreg-restore.service ConditionResult)" = no ] &&
		[ "$(prop ifreg-restore.service ActiveState)" = inactive ] &&
		[ "$(prop ifreg-restore.service Result)" = success ] &&
		grep -q " $S ext4 " /proc/mounts && [ -s "$S/run-id" ] && [ ! -e "$S/store" ]
	}
	# Installed, enabled, and read without a complaint from systemd
	# (which logs "FILE:LINE: ..." for a line it ignores) or from its
	# verifier.
	systemd-analyze verify --man=no ifreg-restore.service ifreg-save.service >"$T/verify" 2>&1
	vrc=$?
	units_ok() {
		for u in ifreg-restore.service ifreg-save.service; do
			[ "$(systemctl is-enabled "$u")" = enabled ] &&
			[ "$(prop "$u" LoadState)" = loaded ] &&
			[ "$(prop "$u" FragmentPath)" = "/usr/lib/systemd/system/$u" ] || return 1
		done
		! journalctl -b -o cat | grep -E 'ifreg-(restore|save)\.service:[0-9]+:' &&
		[ "$vrc" = 0 ] && [ ! -s "$T/verify" ]
	}
	check units-loaded "$(systemctl is-enabled ifreg-restore.service ifreg-save.service 2>&1)
$(journalctl -b -o cat | grep -E 'ifreg-(restore|save)\.service:[0-9]+:')
systemd-analyze verify: exit $vrc, $(cat "$T/verify")" units_ok
	# The disk only the coldplug brings was mounted without its device
	# timing out first, and the boot never fell into emergency mode
	# (which, without sulogin here, would go on to the default target).
	late_ok() {
		grep -q '^/dev/sda /srv ext4 ' /proc/mounts &&
		[ "$(prop emergency.target InactiveExitTimestampMonotonic)" = 0 ] &&
		! journalctl -b -o cat | grep -q 'Timed out waiting for device'
	}
	check coldplug-disk-mounted "$(grep -E ' /srv |/var/lib/ifreg' /proc/mounts)
$(journalctl -b -o cat | grep -E 'Timed out|Dependency failed|mergency')
$(units)" late_ok
	check restore-skipped-first-boot "$(units; grep " $S " /proc/mounts; ls -la "$S")" skipped
	check save-armed "$(units)" save_armed
	register() {
		[ -n "$nic_dev" ] &&
		link=$(ifregctl register "$nic_dev" "$CLASS" boottest) &&
		ifregctl prop "$link" set FriendlyName --persistent --string 'saved by boot 1' &&
		a=$(ifregctl luid alloc 4242) && b=$(ifregctl luid alloc 4242) &&
		ifregctl luid free 4242 "$a" &&
		printf '%s\n%s\n' "$link" "$b" >"$EXP" && sync
	}
	# shellcheck disable=SC2154 # vm_devices sets nic
	if register 2>"$T/err"; then
		pass registered
	else
		fail registered "register on $nic_dev ($nic): $(cat "$T/err")"
	fi
	;;
2)
	ran() {
		[ "$(prop ifreg-restore.service ConditionResult)" = yes ] &&
		[ "$(prop ifreg-restore.service ActiveState)" = active ] &&
		[ "$(prop ifreg-restore.service Result)" = success ] &&
		[ "$(prop ifreg-restore.service ExecMainStatus)" = 0 ]
	}
	check restore-ran "$(units)" ran
	# The restore had ended, and its unit was active, before the
	# coldplug's unit left inactive and its trigger started.
	before() {
		re=$(prop ifreg-restore.service ExecMainExitTimestampMonotonic)
		ra=$(prop ifreg-restore.service ActiveEnterTimestampMonotonic)
		ts=$(prop systemd-udev-trigger.service ExecMainStartTimestampMonotonic)
		ti=$(prop systemd-udev-trigger.service InactiveExitTimestampMonotonic)
		[ "${re:-0}" -gt 0 ] && [ "${ra:-0}" -gt 0 ] && [ "${ts:-0}" -gt 0 ] && [ "${ti:-0}" -gt 0 ] &&
		[ "$re" -le "$ts" ] && [ "$ra" -le "$ti" ]
	}
	check restore-before-coldplug "$(units)" before
	check save-armed-after-restore "$(units)" save_armed
	link=$(sed -n 1p "$EXP" 2>/dev/null)
	b=$(sed -n 2p "$EXP" 2>/dev/null)
	restored() {
		[ -n "$link" ] && [ -n "$b" ] &&
		ifregctl list --all --device "$nic_dev" | grep -qF "$link" &&
		ifregctl prop "$link" get FriendlyName | grep -qF 'saved by boot 1' &&
		ifregctl luid list | grep -q "^iftype 4242 luid-index $b " &&
		ifregctl prop "$link" set Boot2 --persistent --string 'saved by boot 2'
	}
	check restored-state "expected $link on $nic_dev, FriendlyName, index $b of IfType 4242; have:
$(ifregctl list --all 2>&1)
$(ifregctl show "$link" 2>&1)
$(ifregctl luid list 2>&1)
$(units)" restored
	;;
3)
	check restore-refused "$(units)" refused
	# Never started: no ExecStop at this shutdown.
	not_started() {
		[ "$(prop ifreg-save.service ActiveState)" = inactive ] &&
		[ "$(prop ifreg-save.service InactiveExitTimestampMonotonic)" = 0 ]
	}
	check save-not-started "$(units)" not_started
	;;
4)
	check restore-refused-again "$(units)" refused
	rearm() {
		mv "$S/store" "$S/store.refused" && sync &&
		systemctl start ifreg-save.service && save_armed
	}
	check save-rearmed "$(units)" rearm
	;;
*)
	fail "boot-number" "no ifregvm.boot=1|2|3|4 on the command line: $(cat /proc/cmdline)"
	;;
esac

sync
echo "IFREG-BOOTTEST-DONE $boot"
# Without D-Bus, systemctl says it cannot ask logind, then asks systemd.
systemctl --no-block poweroff
