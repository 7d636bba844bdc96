#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# An instance belongs to its device, not to the device's name, with real
# netdevs and namespaces: a renamed dummy keeps its registration, bound
# and named as it was (its enabled instance's links follow it, and
# registering it again answers that name); a new dummy with the old name
# registers anew, "&2"; two network namespaces each with a dummy of one
# name register without a clash, each finds its own device by the sysfs
# path its own sysfs shows, and deleting one namespace's device, or the
# whole namespace, never binds its registration to the other's device or
# to one a new namespace makes. Nor does a netdev of a deleted one's name
# that an unprivileged user makes in a user and network namespace of its
# own: root's waiting registration stays unbound until a netdev of that
# name comes back in the initial namespace (so does one restored without
# its device's place, waiting by instance path), and the user cannot register
# one itself.

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

G='{6c1d0f2e-7a3b-4c5d-9e8f-101112131415}'
H='{6c1d0f2e-7a3b-4c5d-9e8f-101112131416}'
V=/sys/devices/virtual/net

plan load rename-keeps-binding rename-register-same-name new-device-new-name netns-no-clash netns-own-device netns-delete-not-bound netns-new-not-bound userns-waits userns-not-bound userns-register-refused userns-root-binds restored-waits userns-not-bound-by-name root-binds-by-name unload-clean dmesg-clean

check load "insmod ifreg failed" insmod "$IFREG_KO"

# sysname LINK: the name of LINK's device in class ifreg.
sysname() {
	printf '%s\n' "${1#????}" | tr '\\' '#'
}

ip link add idk0 type dummy
l0=$(ifregctl register $V/idk0 "$G")
ifregctl enable "$l0"
ip link set idk0 name idk1
s0=$(sysname "$l0")
check rename-keeps-binding "after the rename, $l0 ($s0) should still be enabled on idk1: $(readlink /sys/class/ifreg/"$s0"/device)" sh -c \
	'ifregctl list --class "$1" | cut -d" " -f1 | grep -qxF "$2" && [ "$(basename "$(readlink /sys/class/ifreg/"$3"/device)")" = idk1 ] &&
	 [ "$(basename "$(readlink /sys/kernel/ifreg/classes/"$1"/"$3")")" = idk1 ]' _ "$G" "$l0" "$s0"
again=$(ifregctl register $V/idk1 "$G" 2>/dev/null)
check rename-register-same-name "registering idk1 again gave '$again', want '$l0'" [ "$again" = "$l0" ]

ip link add idk0 type dummy
l2=$(ifregctl register $V/idk0 "$G")
check new-device-new-name "a new idk0 gave '$l2', want \\??\\NET#idk0&2#$G" sh -c \
	'[ "$1" = "\\??\\NET#idk0&2#$2" ] && ifregctl enable "$1" && ifregctl list --class "$2" | cut -d" " -f1 | grep -qxF "$3"' _ "$l2" "$G" "$l0"
ifregctl disable "$l2"
ifregctl disable "$l0"
ip link del idk0
ip link del idk1

ip netns add ida
ip netns add idb
ip -n ida link add idn0 type dummy
ip -n idb link add idn0 type dummy
la=$(ip netns exec ida ifregctl register $V/idn0 "$H")
lb=$(ip netns exec idb ifregctl register $V/idn0 "$H")
check netns-no-clash "namespaces ida and idb registered '$la' and '$lb'" sh -c \
	'[ "$1" = "\\??\\NET#idn0#$3" ] && [ "$2" = "\\??\\NET#idn0&2#$3" ]' _ "$la" "$lb" "$H"
# Each enabled instance hangs under its own namespace's idn0.
ifregctl enable "$la"
ifregctl enable "$lb"
ia=$(ip netns exec ida cat /sys/class/net/idn0/ifindex)
ib=$(ip netns exec idb cat /sys/class/net/idn0/ifindex)
check netns-own-device "each instance should be on its namespace's idn0 (ifindex $ia, $ib)" sh -c \
	'ip netns exec ida cat "/sys/class/ifreg/$1/device/ifindex" | grep -qx "$3" &&
	 ip netns exec idb cat "/sys/class/ifreg/$2/device/ifindex" | grep -qx "$4"' _ \
	"$(sysname "$la")" "$(sysname "$lb")" "$ia" "$ib"

ip -n ida link del idn0
check netns-delete-not-bound "ida's idn0 deleted: $la must wait (enable fails) and $lb stay enabled" sh -c \
	'! ifregctl enable "$1" 2>/dev/null && ifregctl list --class "$3" | cut -d" " -f1 | grep -qxF "$2" &&
	 ! ifregctl list --class "$3" | cut -d" " -f1 | grep -qxF "$1"' _ "$la" "$lb" "$H"

ip netns del ida
ip netns add idc
ip -n idc link add idn0 type dummy
lc=$(ip netns exec idc ifregctl register $V/idn0 "$H")
check netns-new-not-bound "a new namespace's idn0 registered '$lc'; $la must still wait" sh -c \
	'[ -n "$1" ] && [ "$1" != "$2" ] && [ "$1" != "$3" ] && ! ifregctl enable "$2" 2>/dev/null' _ "$lc" "$la" "$lb"
ifregctl disable "$lb"
ip netns del idb
ip netns del idc

NOBODY=65534
U=/run/ifreg-identity
mkdir -p "$U"
chmod 1777 "$U"
ip link add idu0 type dummy
lu=$(ifregctl register $V/idu0 "$G")
ip link del idu0
check userns-waits "$lu on the deleted idu0 should wait for $V/idu0: $(ifregctl show "$lu" 2>&1)" sh -c \
	'ifregctl show "$1" >"$2/show" && grep -q "^pdo: *(not bound)\$" "$2/show" &&
	 grep -qx "waits for: *$3/idu0" "$2/show"' _ "$lu" "$U" "$V"

# user_netdev NAME: uid NOBODY makes a dummy NAME, up, in a user and
# network namespace of its own, which stays while root looks (its sleep
# holds it; $upid, to kill); "$U/made" once it is there. Then udev settles.
user_netdev() {
	rm -f "$U/made"
	runas $NOBODY unshare -Urn sh -c \
		'ip link add "$2" type dummy && ip link set "$2" up && touch "$1/made"; exec sleep 1000' _ "$U" "$1" &
	upid=$!
	i=0
	while [ ! -e "$U/made" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	settle
}

user_netdev idu0
check userns-not-bound "uid $NOBODY made idu0 in its own namespace ($([ -e "$U/made" ] && echo made || echo 'not made')); $lu must stay unbound: $(ifregctl show "$lu" 2>&1)" sh -c \
	'[ -e "$2/made" ] && ! ifregctl enable "$1" 2>/dev/null && ifregctl show "$1" >"$2/show" &&
	 grep -q "^pdo: *(not bound)\$" "$2/show" && grep -qx "waits for: *$3/idu0" "$2/show"' _ "$lu" "$U" "$V"
kill "$upid"
wait "$upid"

# Registering is CAP_SYS_ADMIN in the initial user namespace: the user
# cannot register its own netdev, which its own sysfs shows.
runas $NOBODY unshare -Urnm sh -c 'mount -t sysfs sysfs /sys && ip link add idu1 type dummy &&
	[ -e "$1/idu1" ] && echo "made idu1" && ifregctl register "$1/idu1" "$2"' _ "$V" "$G" >"$U/reg" 2>&1
reg_rc=$?
check userns-register-refused "uid $NOBODY registering its own netdev: exit $reg_rc, $(cat "$U/reg")" sh -c \
	'[ "$1" = 1 ] && grep -qx "made idu1" "$2" && grep -q "^ifregctl: .*permission denied" "$2" &&
	 ! ifregctl list | grep -qi "NET#idu1"' _ "$reg_rc" "$U/reg"

# What the user's netdev was not: a netdev at the place it waits for.
ip link add idu0 type dummy
settle
check userns-root-binds "root's new idu0 should bind $lu: $(ifregctl show "$lu" 2>&1)" sh -c \
	'ifregctl enable "$1" && ifregctl show "$1" | grep -qx "pdo: *$2/idu0"' _ "$lu" "$V"
ifregctl disable "$lu"
ip link del idu0
ifregctl remove "$lu"

# A registration restored without its device's place (a store record
# without a PDO) waits for any device of its instance path: never one an
# unprivileged user makes in namespaces of its own, which root's sysfs
# does not show.
lw="\\??\\NET#idw0#$G"
{
	echo 'ifreg-store 1'
	printf 'interface %s NET\\idw0 - - %s\n' "$G" "$lw"
} >"$U/store"
echo "end 1 $(crc32 "$U/store")" >>"$U/store"
ifregctl restore "$U/store" >"$U/restore" 2>&1
check restored-waits "restoring $lw without a PDO: $(cat "$U/restore"); $(ifregctl show "$lw" 2>&1)" sh -c \
	'ifregctl show "$1" >"$2/show" && grep -q "^pdo: *(not bound)\$" "$2/show"' _ "$lw" "$U"
user_netdev idw0
check userns-not-bound-by-name "uid $NOBODY made idw0 in its own namespace ($([ -e "$U/made" ] && echo made || echo 'not made')); $lw must stay unbound: $(ifregctl show "$lw" 2>&1)" sh -c \
	'[ -e "$2/made" ] && ! ifregctl enable "$1" 2>/dev/null && ifregctl show "$1" >"$2/show" &&
	 grep -q "^pdo: *(not bound)\$" "$2/show"' _ "$lw" "$U"
kill "$upid"
wait "$upid"
ip link add idw0 type dummy
settle
check root-binds-by-name "root's idw0 should bind $lw: $(ifregctl show "$lw" 2>&1)" sh -c \
	'ifregctl enable "$1" && ifregctl show "$1" | grep -qx "pdo: *$2/idw0"' _ "$lw" "$V"
ifregctl disable "$lw"
ip link del idw0
ifregctl remove "$lw"

check unload-clean "rmmod ifreg failed" rmmod ifreg
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
