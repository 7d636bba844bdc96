#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ifreg's tracepoints, read from tracefs as Documentation/tracing.rst says
# (events/ifreg/enable, trace_pipe): each decision is driven for real and
# its event line checked, fields and reason. A dummy netdev comes (NDIS
# register, LUID index allocated), is registered, enabled and disabled by
# user space, enabled and deleted (disabled, reason device_deleted; the
# registration waits for it; NDIS deregister, LUID index freed), added again
# (the waiting registration binds, cause device_added) and removed by user
# space; a dummy in another network namespace names that namespace; the
# sample driver enables in its probe (held back, then announced), its
# subscriber is notified, and its devices are unbound with the interfaces
# left enabled (reason unbind) or disabled by the driver (reason driver).
# With the events off, nothing is traced. A kernel without event tracing
# skips every test, and says so.

. /ifreg/lib.sh

G='{7e1a2b3c-4d5e-4f60-8172-839405a6b7c8}'
FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
SAMPLE_KO=/ifreg/ifreg_sample.ko
V=/sys/devices/virtual/net
TR=/sys/kernel/tracing
T=/run/trace-test
PIPE=$T/pipe
NS=ifregtrace

plan load events-present ndis-register luid-alloc register enable-user disable-user device-deleted unbind-waits ndis-deregister luid-free bind-device-added remove-user ndis-netns enable-in-probe announce notify-arrival unbind-reason notify-removal disable-driver doc-filter off-silent unload-clean dmesg-clean

mkdir -p "$T"

# Event tracing: tracefs, with its events directory.
[ -d "$TR/events" ] || mount -t tracefs nodev "$TR" 2>/dev/null
if [ ! -d "$TR/events" ]; then
	for n in $(sed -n 's/^plan //p' "$0"); do
		skip "$n" "this kernel has no event tracing (no tracefs with events/)"
	done
	finish
fi

# has_line EVENT STRING...: a line of EVENT read from trace_pipe so far
# holds every STRING (fixed strings), printed.
has_line() {
	local out s
	out=$(grep -F -e " $1: " "$PIPE") || return 1
	shift
	for s in "$@"; do
		out=$(printf '%s\n' "$out" | grep -F -e "$s") || return 1
	done
	printf '%s\n' "$out"
}

# traced EVENT STRING...: has_line, waiting up to 20 s for the reader.
traced() {
	local i=0
	while [ $i -lt 200 ]; do
		has_line "$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "no $1 line with: $*"
	echo "ifreg lines read:"
	grep -F ' ifreg_' "$PIPE" | tail -n 30
	return 1
}

# net_inum [NETNS]: the inode number of the network namespace.
net_inum() {
	if [ -n "${1:-}" ]; then
		ip netns exec "$1" readlink /proc/self/ns/net
	else
		readlink /proc/self/ns/net
	fi | sed 's/^net:\[\([0-9]*\)\]$/\1/'
}

check load "insmod ifreg failed" insmod "$IFREG_KO" "$NO_NATIVE"

events_ok() {
	for e in ifreg_register ifreg_set_state ifreg_announce ifreg_remove \
		 ifreg_bind ifreg_unbind ifreg_notify ifreg_ndis_register \
		 ifreg_ndis_deregister ifreg_luid_alloc ifreg_luid_free; do
		[ -f "$TR/events/ifreg/$e/format" ] || { echo "no $e"; return 1; }
	done
	set -- "$TR"/events/ifreg/ifreg_*
	[ $# = 11 ]
}
check events-present "events/ifreg: $(ls "$TR/events/ifreg" 2>&1 | tr '\n' ' ')" events_ok

echo 1 >"$TR/events/ifreg/enable"
: >"$TR/trace"
cat "$TR/trace_pipe" >"$PIPE" &
reader=$!
INUM=$(net_inum)

# A dummy: in the NDIS table, with a NetLuidIndex of IfType 6.
ip link add trc0 type dummy
ifi=$(cat /sys/class/net/trc0/ifindex)
check ndis-register "ndis_register of trc0 (ifindex $ifi, net $INUM)" \
	traced ifreg_ndis_register "net=$INUM " " iftype=6 " " netdev=trc0 linux_ifindex=$ifi"
idx=$(has_line ifreg_ndis_register "netdev=trc0 " | sed -n 's/.* luid_index=\([0-9]*\) .*/\1/p' | tail -n 1)
check luid-alloc "luid_alloc of IfType 6 index '$idx' in net $INUM" \
	traced ifreg_luid_alloc "net=$INUM iftype=6 luid_index=$idx"

l=$(ifregctl register "$V/trc0" "$G")
check register "register of '$l'" traced ifreg_register "$l class=$G pdo=trc0 how=register"

ifregctl enable "$l"
check enable-user "enable by ifregctl" \
	traced ifreg_set_state "$l class=$G pdo=trc0 state=enabled reason=user announced=1"
ifregctl disable "$l"
check disable-user "disable by ifregctl" \
	traced ifreg_set_state "$l class=$G pdo=trc0 state=disabled reason=user announced=1"

# Surprise removal: enabled, the device deleted.
ifregctl enable "$l"
ip link del trc0
check device-deleted "disable by the deletion of trc0" \
	traced ifreg_set_state "$l class=$G pdo=trc0 state=disabled reason=device_deleted announced=1"
check unbind-waits "the registration let go of trc0, waiting for its place" \
	traced ifreg_unbind "$l pdo=trc0 waits_for=${V#/sys}/trc0"
check ndis-deregister "ndis_deregister of trc0" \
	traced ifreg_ndis_deregister "net=$INUM " " iftype=6 luid_index=$idx netdev=trc0 linux_ifindex=$ifi"
check luid-free "luid_free of index $idx" \
	traced ifreg_luid_free "net=$INUM iftype=6 luid_index=$idx"

# The device comes back at its place: the waiting registration binds.
ip link add trc0 type dummy
check bind-device-added "bind of the waiting registration" \
	traced ifreg_bind "$l pdo=trc0 cause=device_added"
ifregctl remove "$l"
check remove-user "remove by ifregctl" traced ifreg_remove "$l class=$G pdo=trc0 reason=user"
ip link del trc0

# Another namespace's table is named by its own inode number.
ip netns add "$NS"
ip netns exec "$NS" ip link add trc1 type dummy
NSINUM=$(net_inum "$NS")
ip netns del "$NS"
netns_ok() {
	[ -n "$NSINUM" ] && [ "$NSINUM" != "$INUM" ] &&
	traced ifreg_ndis_register "net=$NSINUM " " netdev=trc1 " &&
	traced ifreg_ndis_deregister "net=$NSINUM " " netdev=trc1 "
}
check ndis-netns "trc1 in $NS (net $NSINUM, not $INUM)" netns_ok

# The sample enables in its probe: held back until the probe succeeded.
S0="\\??\\PLATFORM#ifreg-sample.0#$FN"
S1="\\??\\PLATFORM#ifreg-sample.1#$FN"
insmod "$SAMPLE_KO" subscribe=1
settle
check enable-in-probe "enable in the probe of ifreg-sample.0" \
	traced ifreg_set_state "$S0 class=$FN pdo=ifreg-sample.0 state=enabled reason=driver announced=0"
check announce "the held-back arrival announced" traced ifreg_announce "$S0 class=$FN pdo=ifreg-sample.0 reason=probe_succeeded"
check notify-arrival "the sample's subscriber told of the arrival" \
	traced ifreg_notify "$S0 class=$FN event=arrival " " existing=0 fn=sample_notify [ifreg_sample]"

# An unbind of a driver that left them enabled: ifreg disables, reason unbind.
echo N >/sys/module/ifreg_sample/parameters/disable_on_remove
echo ifreg-sample.1 >/sys/bus/platform/drivers/ifreg-sample/unbind
check unbind-reason "disable by the unbind of ifreg-sample.1" \
	traced ifreg_set_state "$S1 class=$FN pdo=ifreg-sample.1 state=disabled reason=unbind announced=1"
check notify-removal "the sample's subscriber told of the removal" \
	traced ifreg_notify "$S1 class=$FN event=removal " " fn=sample_notify [ifreg_sample]"

# The driver disabling in its remove: its own call, reason driver.
echo ifreg-sample.1 >/sys/bus/platform/drivers/ifreg-sample/bind
echo Y >/sys/module/ifreg_sample/parameters/disable_on_remove
echo ifreg-sample.1 >/sys/bus/platform/drivers/ifreg-sample/unbind
check disable-driver "disable by the sample's remove" \
	traced ifreg_set_state "$S1 class=$FN pdo=ifreg-sample.1 state=disabled reason=driver announced=1"
rmmod ifreg_sample
settle

# The filter Documentation/tracing.rst shows is one the kernel takes.
F='enabled == 0 && why != "driver" && why != "user"'
filter_ok() {
	echo "$F" >"$TR/events/ifreg/ifreg_set_state/filter" &&
	[ "$(cat "$TR/events/ifreg/ifreg_set_state/filter")" = "$F" ]
}
check doc-filter "the filter '$F': $(cat "$TR/events/ifreg/ifreg_set_state/filter" 2>&1)" filter_ok
echo 0 >"$TR/events/ifreg/ifreg_set_state/filter"

# Off, nothing: a register and a netdev leave no line.
echo 0 >"$TR/events/ifreg/enable"
sleep 1
before=$(grep -c ' ifreg_' "$PIPE")
ip link add trc2 type dummy
ifregctl register "$V/trc2" "$G" >/dev/null
ip link del trc2
sleep 1
check off-silent "events traced while off: $before -> $(grep -c ' ifreg_' "$PIPE")" \
	[ "$(grep -c ' ifreg_' "$PIPE")" = "$before" ]

kill "$reader"
wait "$reader" 2>/dev/null
echo "# the lines read:"
grep -F ' ifreg_' "$PIPE" | head -n 80 | sed 's/^/# /'
check unload-clean "rmmod ifreg failed" rmmod ifreg
check dmesg-clean "kernel log: $(dmesg_bad)" sh -c '[ -z "$(dmesg_bad)" ]'
finish
