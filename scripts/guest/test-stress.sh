#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Everything at once on several CPUs, for a bounded time (STRESS_SECONDS):
# loops of register/enable/disable/remove from user space; the sample
# driver's devices unbound and bound; dummy netdevs registered, enabled
# and deleted (registrations racing the deletion of their device); network
# namespaces made and deleted with veth netdevs moving between them; a
# netdev renamed back and forth; LUID indexes allocated and freed in both;
# dumps of every kind and the sysfs views read; monitors coming and going;
# save, restore --check and restore; and rmmod attempts (refused while the
# sample uses ifreg, or a whole unload and load). Commands may fail while
# the module is away; what must hold: every loop ends (nothing hangs),
# afterwards the registry is consistent (each enabled instance has its
# device, nothing else does), everything can be removed and the module
# unloaded, a fresh load works, and the kernel reported nothing (the host
# reads the console, the guest's init asks kmemleak after this script).
# ifreg-vm-series: debug kcsan

. /ifreg/lib.sh

plan load loops-ended consistent cleanup unload-clean reload-works dmesg-clean

STRESS_SECONDS=${STRESS_SECONDS:-60}
T=/run/stress
G='{7f1e0c5d-9a4b-4c3d-8e2f-6a5b4c3d2e30}'
GD='{7f1e0c5d-9a4b-4c3d-8e2f-6a5b4c3d2e31}'
FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
SAMPLE_KO=/ifreg/ifreg_sample.ko
mkdir -p "$T"
rm -f "$T"/ops.*

vm_devices
[ -e /sys/module/ifreg_sample ] && rmmod ifreg_sample
[ -e /sys/module/ifreg ] && rmmod ifreg
check load "insmod ifreg and ifreg_sample failed" sh -c "insmod $IFREG_KO && insmod $SAMPLE_KO devices=2"
settle

now() { cut -d. -f1 /proc/uptime; }
END=$(($(now) + STRESS_SECONDS))
PIDS=

# loop NAME BODY: run the shell function BODY until the end, in the
# background, counting its rounds in $T/ops.NAME.
loop() {
	(
		i=0
		while [ "$(now)" -lt "$END" ]; do
			$2 $i >/dev/null 2>&1
			i=$((i + 1))
		done
		echo "$i" >"$T/ops.$1"
	) &
	PIDS="$PIDS $!"
}

# running: the loops still running.
running() {
	for p in $PIDS; do
		! kill -0 "$p" 2>/dev/null || echo "$p"
	done
}

# The module may be away for a moment (the rmmod loop): every command may
# fail, none may hang or break the kernel.
ctl_round() {
	l=$(ifregctl register "$nic_dev" "$G" s$(($1 % 3))) || return
	ifregctl enable "$l"
	ifregctl prop "$l" set Round --u32 "$1"
	ifregctl set-default "$l"
	ifregctl disable "$l"
	ifregctl remove "$l"
}

bind_round() {
	d=ifreg-sample.$(($1 % 2))
	echo $d >/sys/bus/platform/drivers/ifreg-sample/unbind
	echo $d >/sys/bus/platform/drivers/ifreg-sample/bind
}

netdev_round() {
	l=
	n=sd$(($1 % 4))
	ip link add $n type dummy
	l=$(ifregctl register /sys/devices/virtual/net/$n "$GD" r) &&
		ifregctl enable "$l"
	ip link set $n up
	ip link del $n
	[ -z "$l" ] || ifregctl remove "$l"
}

netns_round() {
	ns=sn$(($1 % 2))
	ip netns add $ns
	ip link add sva$ns type veth peer name svb$ns
	ip link set svb$ns netns $ns
	ip -n $ns link set svb$ns name moved
	ip netns exec $ns ifregctl luid alloc 6
	ip netns exec $ns ifregctl ndis
	ip -n $ns link set moved netns 1
	ip link del sva$ns
	ip link del moved
	ip netns del $ns
}

# A netdev renamed back and forth while the others look devices up by
# their sysfs paths (every lookup reads every device's name).
rename_round() {
	ip link add sr0 type dummy 2>/dev/null
	ip link set sr0 name sr1
	ifregctl list --all --device /sys/devices/virtual/net/sr1
	ip link set sr1 name sr0
}

luid_round() {
	x=$(ifregctl luid alloc 71) && ifregctl luid free 71 "$x"
}

dump_round() {
	ifregctl --json list --all
	ifregctl --json classes
	ifregctl --json ndis
	ifregctl luid list
	ls /sys/class/ifreg
	cat /sys/kernel/ifreg/classes/*/* 2>/dev/null
	for d in /sys/class/ifreg/*; do cat "$d/uevent"; done
}

monitor_round() {
	timeout 3 ifregctl monitor --count 20
}

store_round() {
	ifregctl save "$T/store.$(($1 % 2))" &&
		ifregctl restore --check "$T/store.$(($1 % 2))" &&
		ifregctl restore "$T/store.$(($1 % 2))"
}

# Mostly refused (the sample holds ifreg); each fourth round a whole
# unload and load, with a second's pause for the others to notice.
rmmod_round() {
	rmmod ifreg
	sleep 2
	[ $(($1 % 4)) = 3 ] || return 0
	rmmod ifreg_sample
	rmmod ifreg
	sleep 1
	insmod "$IFREG_KO"
	insmod "$SAMPLE_KO" devices=2
	sleep 2
}

echo "# stress: from $(now) s to $END s of uptime"
loop ctl ctl_round
loop bind bind_round
loop netdev netdev_round
loop netns netns_round
loop rename rename_round
loop luid luid_round
loop dump dump_round
loop monitor monitor_round
loop store store_round
loop rmmod rmmod_round

# Every loop must have ended well after the end. A round is short, but
# on a loaded host a netns round in the debug kernel was seen to take
# three minutes (each namespace's devices go with delayed releases): a
# loop still running ten minutes after the end hangs.
deadline=$((END + 600))
while [ "$(now)" -lt "$deadline" ] && [ -n "$(running)" ]; do
	sleep 2
done
left=$(running)
ops=0
for f in "$T"/ops.*; do
	[ -e "$f" ] || continue
	echo "# stress/${f##*/ops.}: $(cat "$f") rounds"
	ops=$((ops + $(cat "$f")))
done
echo "# stress: $ops rounds of 10 loops in ${STRESS_SECONDS} s"
check loops-ended "loops still running $((deadline - END)) s after the end: $left
$(ps)" [ -z "$left" ]
[ -z "$left" ] || kill $left 2>/dev/null
wait

# Whatever the loops left: the module loaded, the sample too.
[ -e /sys/module/ifreg ] || insmod "$IFREG_KO"
[ -e /sys/module/ifreg_sample ] || insmod "$SAMPLE_KO" devices=2
ip link del sd0 2>/dev/null
for n in sd1 sd2 sd3 svasn0 svasn1 moved sr0 sr1; do ip link del $n 2>/dev/null; done
ip netns del sn0 2>/dev/null
ip netns del sn1 2>/dev/null
settle

# consistent: the instances list calls enabled are the devices of
# /sys/class/ifreg, by their symbolic links.
ifregctl list --all --json | jsonflat >"$T/list"
enabled=$(awk '{
	eq = index($0, "="); dot = index($0, ".")
	i = substr($0, 1, dot - 1); k = substr($0, dot + 1, eq - dot - 1); v = substr($0, eq + 1)
	if (k == "enabled" && v == "true") en[i] = 1
	if (k == "symbolic_link") link[i] = v
} END { for (i in en) print link[i] }' "$T/list" | sort)
devices=$(for d in /sys/class/ifreg/*; do
	[ -e "$d/uevent" ] && sed -n 's/^IFREG_SYMBOLIC_LINK=//p' "$d/uevent"
done | sort)
check consistent "enabled in the list:
$enabled
devices:
$devices" [ "$enabled" = "$devices" ]

# cleanup: every registration of the loops can be removed.
ifregctl list --all --json | jsonflat | sed -n 's/^\[[0-9]*\]\.symbolic_link=//p' >"$T/links"
while read -r l; do
	case $l in *"$FN"* | *'{5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}'*) continue ;; esac
	ifregctl disable "$l" 2>/dev/null
	ifregctl remove "$l" || echo "remove $l failed" >>"$T/cleanup"
done <"$T/links"
check cleanup "$(cat "$T/cleanup" 2>/dev/null)" [ ! -s "$T/cleanup" ]

check unload-clean "rmmod failed, or sysfs is left: $(ls /sys/class/ifreg /sys/kernel/ifreg 2>&1)" \
	sh -c 'rmmod ifreg_sample && rmmod ifreg && [ ! -e /sys/class/ifreg ] && [ ! -e /sys/kernel/ifreg ]'

check reload-works "after the stress a fresh load does not work" sh -c \
	"insmod $IFREG_KO && l=\$(ifregctl register '$nic_dev' '$G' again) && ifregctl enable \"\$l\" &&
	 ifregctl list | grep -qF \"\$l\" && ifregctl disable \"\$l\" && ifregctl remove \"\$l\" && rmmod ifreg"

bad=$(dmesg_bad | head -n 20)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
