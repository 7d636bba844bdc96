#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The NDIS interface table seen through /proc/net/ifreg/ndis, with real
# netdevs made by iproute2: the format and NET_LUID arithmetic on every
# line, lo and the virtio NIC at load, dummy, veth, vlan, bond and bridge
# arriving with their IfType and their NdisIfQueryBindingIfIndex answer
# (highest and lowest ifIndex), renames keeping NET_LUID and ifIndex,
# oper/admin status following up/down, one table per network namespace,
# rmmod with netdevs present and insmod finding them all again.

. /ifreg/lib.sh

NDIS=/proc/net/ifreg/ndis
HEADER='ifindex net_luid iftype luid_index oper admin access highest lowest linux_ifindex name'
NS=ifreg-t1

plan load format net-luid lo nic at-load status dummy veth vlan bond bridge rename up down netns-move netns-only-own netns-del delete-stacked rmmod-busy reload delete-rest dmesg-clean

# col FIELD: the column of FIELD in a table line.
col() {
	case $1 in
	ifindex) echo 1 ;; net_luid) echo 2 ;; iftype) echo 3 ;;
	luid_index) echo 4 ;; oper) echo 5 ;; admin) echo 6 ;;
	access) echo 7 ;; highest) echo 8 ;; lowest) echo 9 ;;
	linux_ifindex) echo 10 ;; name) echo 11 ;;
	esac
}

# table [NETNS]: the table as a reader in NETNS (default: this one) sees it.
table() {
	if [ -n "${1:-}" ]; then
		ip netns exec "$1" cat "$NDIS"
	else
		cat "$NDIS"
	fi
}

# entry NAME [NETNS]: NAME's line, empty if none.
entry() {
	table "${2:-}" 2>/dev/null | awk -v n="$1" 'NR > 2 && $11 == n'
}

# get NAME FIELD [NETNS]: one field of NAME's line.
get() {
	entry "$1" "${3:-}" | awk -v c="$(col "$2")" '{ print $c }'
}

# has NAME FIELD=VALUE...: NAME's line holds these values; says which do
# not, and shows the line.
has() {
	local n=$1 l fv f v got rc=0
	shift
	l=$(entry "$n")
	if [ -z "$l" ]; then
		echo "no line for $n in $NDIS"
		return 1
	fi
	for fv in "$@"; do
		f=${fv%%=*}
		v=${fv#*=}
		got=$(echo "$l" | awk -v c="$(col "$f")" '{ print $c }')
		[ "$got" = "$v" ] || { echo "$n: $f is '$got', want '$v'"; rc=1; }
	done
	[ "$rc" = 0 ] || echo "$n: line is: $l"
	return "$rc"
}

# gone NAME [NETNS]: NAME has no line.
gone() {
	local l
	l=$(entry "$@")
	[ -z "$l" ] && return 0
	echo "$1 still listed${2:+ in $2}: $l"
	return 1
}

# sys_ifindex NAME: the Linux ifindex.
sys_ifindex() { cat "/sys/class/net/$1/ifindex"; }

# netdevs [NETNS]: "linux_ifindex name" of every netdev, sorted.
netdevs() {
	# shellcheck disable=SC2016 # expanded by the inner shell
	set -- "${1:-}" 'for d in /sys/class/net/*; do [ -f "$d/ifindex" ] && echo "$(cat "$d/ifindex") ${d##*/}"; done | sort'
	if [ -n "$1" ]; then
		ip netns exec "$1" sh -c "$2"
	else
		sh -c "$2"
	fi
}

# well_formed [NETNS]: the summary line, the header, and on every line the
# field formats, NET_LUID = IfType << 48 | NetLuidIndex << 24, the value
# ranges, ifindex order, unique ifIndex and NET_LUID, and binding answers
# that name listed interfaces. Prints what is wrong.
well_formed() {
	local t
	t=$(table "${1:-}") || { echo "cannot read $NDIS${1:+ in $1}"; return 1; }
	printf '%s\n' "$t" | awk -v header="$HEADER" '
		function bad(why) { print why; nbad++ }
		NR == 1 {
			if ($0 !~ /^# ifreg ndis: [0-9]+ interfaces, [0-9]+ netdevs left out$/)
				bad("line 1 is not the summary: " $0)
			n = $4; left = $6
			next
		}
		NR == 2 { if ($0 != header) bad("line 2 is not the header: " $0); next }
		{
			lines++
			if (NF != 11 || $0 ~ /  / || $0 ~ /^ / || $0 ~ / $/) {
				bad("not 11 fields with single spaces: " $0); next
			}
			for (i = 1; i <= 10; i++)
				if (i != 2 && $i !~ /^[1-9][0-9]*$/) bad("field " i " is not a positive decimal: " $0)
			if ($2 !~ /^0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]$/)
				bad("net_luid is not 0x and 16 lower-case hex digits: " $0)
			want = sprintf("0x%04x%06x000000", $3, $4)
			if ($2 != want) bad("net_luid " $2 " is not iftype<<48|luid_index<<24 = " want ": " $0)
			if ($3 + 0 > 65535) bad("iftype over 16 bits: " $0)
			if ($4 + 0 > 16777215) bad("luid_index over 24 bits: " $0)
			if ($5 + 0 > 7) bad("oper not 1..7: " $0)
			if ($6 + 0 > 2) bad("admin not 1 or 2: " $0)
			if ($7 + 0 > 4) bad("access not 1..4: " $0)
			if (lines > 1 && $1 + 0 <= last + 0) bad("not sorted by ifindex (" last " then " $1 ")")
			last = $1
			if (idx[$1]++) bad("ifindex " $1 " twice")
			if (luid[$2]++) bad("net_luid " $2 " twice")
			if (nm[$11]++) bad("name " $11 " twice")
			hi[$1] = $8; lo[$1] = $9
		}
		END {
			if (n != lines) bad("the summary says " n " interfaces, the table has " lines)
			if (left != 0) bad("the summary says " left " netdevs left out, want 0")
			for (i in hi) {
				if (!(hi[i] in idx)) bad("highest of ifindex " i " is " hi[i] ", not listed")
				if (!(lo[i] in idx)) bad("lowest of ifindex " i " is " lo[i] ", not listed")
			}
			exit nbad > 0
		}' || { printf '%s\n' "$t" | sed 's/^/table: /'; return 1; }
}

# same_set [NETNS]: the table lists exactly the namespace's netdevs, each
# with its Linux ifindex.
same_set() {
	local want got
	want=$(netdevs "${1:-}")
	got=$(table "${1:-}" 2>&1 | awk 'NR > 2 { print $10, $11 }' | sort)
	[ "$want" = "$got" ] && return 0
	echo "netdevs${1:+ of $1} (linux_ifindex name):"
	echo "$want"
	echo "table${1:+ of $1} (linux_ifindex name):"
	echo "$got"
	return 1
}

# oper_want NAME: the NET_IF_OPER_STATUS NAME's operstate maps to. A
# driver that reports no operstate (lo, dummy: "unknown") but is up with a
# carrier is up.
oper_want() {
	local d=/sys/class/net/$1
	case $(cat "$d/operstate") in
	up) echo 1 ;;
	down) echo 2 ;;
	testing) echo 3 ;;
	dormant) echo 5 ;;
	notpresent) echo 6 ;;
	lowerlayerdown) echo 7 ;;
	*)
		if [ $(($(cat "$d/flags") & 1)) = 1 ] && [ "$(cat "$d/carrier" 2>/dev/null)" = 1 ]; then
			echo 1
		else
			echo 4
		fi
		;;
	esac
}

admin_want() {
	if [ $(($(cat "/sys/class/net/$1/flags") & 1)) = 1 ]; then echo 1; else echo 2; fi
}

# status_ok: oper and admin of every netdev agree with sysfs.
status_ok() {
	local rc=0 i n
	while read -r i n; do
		has "$n" oper="$(oper_want "$n")" admin="$(admin_want "$n")" || rc=1
	done <<EOF
$(netdevs)
EOF
	return "$rc"
}

# self_bound NAME: nothing stacked on NAME either way.
self_bound() {
	local i
	i=$(get "$1" ifindex)
	has "$1" highest="$i" lowest="$i"
}

# fresh NAME IFTYPE: a new netdev's line: its IfType, broadcast access,
# ifIndex equal to the Linux ifindex (free in a table that only grows
# with the kernel's), not stacked.
fresh() {
	local i
	i=$(sys_ifindex "$1") || return 1
	has "$1" iftype="$2" access=2 ifindex="$i" linux_ifindex="$i" && self_bound "$1"
}

vm_devices

settle
dmesg -c >/dev/null

check load "insmod $IFREG_KO failed or $NDIS is missing after it" \
	sh -c "insmod $IFREG_KO && [ -f $NDIS ]"
check format "$NDIS is malformed" well_formed
check net-luid "net_luid is not iftype<<48|luid_index<<24 on every line" sh -c \
	"cat $NDIS | awk 'NR > 2 && \$2 != sprintf(\"0x%04x%06x000000\", \$3, \$4) { print; bad = 1 } END { exit bad || NR < 3 }'"

t_lo() {
	has lo iftype=24 access=1 ifindex=1 linux_ifindex=1 admin=1 &&
		[ "$(get lo luid_index)" -gt 0 ] && self_bound lo
}
check lo "lo is not ifindex 1, iftype 24, access 1, admin 1, luid_index > 0, self-bound" t_lo

t_nic() {
	[ -n "$nic" ] || { echo "no virtio_net netdev in the guest"; return 1; }
	fresh "$nic" 6
}
check nic "the virtio NIC ($nic) is not iftype 6, access 2, ifindex = linux_ifindex" t_nic

t_at_load() {
	same_set || return 1
	table | awk 'NR > 2 && $1 != $10 { print "ifindex differs from the Linux one at load: " $0; bad = 1 } END { exit bad }'
}
check at-load "the table at load is not every netdev with ifindex = linux_ifindex" t_at_load
check status "oper/admin disagree with sysfs operstate/flags" status_ok

# Links arrive: each with its IfType and its binding answer.
ip link add nd0 type dummy
check dummy "dummy nd0: wrong line" fresh nd0 6

ip link add nv0 type veth peer name nv1
t_veth() { fresh nv0 6 && fresh nv1 6; }
check veth "veth pair nv0/nv1: wrong lines" t_veth

# stacked UPPER LOWER: UPPER is highest above LOWER and LOWER lowest below
# UPPER, in ifIndex terms.
stacked() {
	local u l
	u=$(get "$1" ifindex)
	l=$(get "$2" ifindex)
	if [ -z "$u" ] || [ -z "$l" ]; then
		echo "no line for $1 or $2"
		return 1
	fi
	has "$2" highest="$u" && has "$1" lowest="$l"
}

ip link add link nd0 name nd0.7 type vlan id 7
t_vlan() {
	local v
	v=$(sys_ifindex nd0.7) || return 1
	has nd0.7 iftype=135 access=2 ifindex="$v" linux_ifindex="$v" highest="$v" &&
		stacked nd0.7 nd0 && has nd0 lowest="$(get nd0 ifindex)"
}
check vlan "vlan nd0.7 on nd0: wrong IfType or binding" t_vlan

ip link add nb0 type bond
ip link add nd1 type dummy
ip link set nd1 master nb0
t_bond() {
	local b
	b=$(sys_ifindex nb0) || return 1
	has nb0 iftype=161 ifindex="$b" linux_ifindex="$b" highest="$b" &&
		has nd1 iftype=6 && stacked nb0 nd1
}
check bond "bond nb0 with nd1 enslaved: wrong IfType or binding" t_bond

ip link add nbr0 type bridge
ip link set nv0 master nbr0
t_bridge() {
	local b
	b=$(sys_ifindex nbr0) || return 1
	has nbr0 iftype=209 ifindex="$b" linux_ifindex="$b" highest="$b" &&
		stacked nbr0 nv0 && self_bound nv1
}
check bridge "bridge nbr0 with port nv0: wrong IfType or binding" t_bridge

# A rename is the same interface: same NET_LUID and ifIndex.
ip link add nd2 type dummy
before=$(entry nd2 | awk '{ print $1, $2 }')
ip link set dev nd2 name nd2r
t_rename() {
	local after
	after=$(entry nd2r | awk '{ print $1, $2 }')
	gone nd2 || return 1
	[ -n "$before" ] && [ "$after" = "$before" ] && return 0
	echo "ifindex net_luid before rename: '$before', after: '$after'"
	return 1
}
check rename "nd2 renamed nd2r: not the same ifindex and net_luid" t_rename

ip link set dev nd2r up
check up "nd2r up: want oper 1 admin 1" has nd2r oper=1 admin=1
ip link set dev nd2r down
check down "nd2r down: want oper 2 admin 2" has nd2r oper=2 admin=2

# Namespaces: a moved netdev leaves one table and joins the other; each
# table holds its own namespace's netdevs and nothing else.
ip netns add "$NS"
ip link add nd3 type dummy
luid3=$(get nd3 net_luid)
ip link set nd3 netns "$NS"
t_move() {
	local i
	gone nd3 || return 1
	i=$(ip netns exec "$NS" cat /sys/class/net/nd3/ifindex) || return 1
	[ -n "$(entry nd3 "$NS")" ] || { echo "nd3 not in $NS's table:"; table "$NS"; return 1; }
	[ "$(get nd3 iftype "$NS")" = 6 ] && [ "$(get nd3 linux_ifindex "$NS")" = "$i" ] &&
		[ "$(get nd3 ifindex "$NS")" = "$i" ] && return 0
	echo "nd3 in $NS: $(entry nd3 "$NS"), want iftype 6 and ifindex = linux_ifindex = $i"
	return 1
}
check netns-move "nd3 moved to $NS (net_luid was $luid3)" t_move

t_own() {
	local names rc=0
	names=$(table "$NS" | awk 'NR > 2 { print $11 }' | sort | tr '\n' ' ')
	[ "$names" = "lo nd3 " ] || { echo "$NS's table lists: $names, want: lo nd3"; rc=1; }
	if [ "$(get lo ifindex "$NS")" != 1 ] || [ "$(get lo iftype "$NS")" != 24 ]; then
		echo "$NS's lo is not ifindex 1, iftype 24: $(entry lo "$NS")"
		rc=1
	fi
	well_formed "$NS" || rc=1
	same_set "$NS" || rc=1
	same_set || rc=1
	well_formed || rc=1
	return "$rc"
}
check netns-only-own "a table shows another namespace's netdevs, or misses its own" t_own

ip netns del "$NS"
# The namespace dies in a workqueue after the last reference goes, which
# the debug kernel beside other VMs may take seconds to run: its netdevs
# leave the table then (30 s at most).
i=0
while ! gone nd3 >/dev/null && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
t_ns_del() {
	[ ! -e "/run/netns/$NS" ] || { echo "/run/netns/$NS still there"; return 1; }
	gone nd3 && same_set && well_formed
}
check netns-del "after ip netns del $NS" t_ns_del

# Deleting links removes their lines; the unstacked are self-bound again.
ip link del nd0.7
ip link del nbr0
t_del_stacked() {
	gone nd0.7 && gone nbr0 && self_bound nd0 && self_bound nv0 && same_set
}
check delete-stacked "after deleting vlan nd0.7 and bridge nbr0" t_del_stacked

# Unloading with dummy, veth and bond (with a slave) still there.
t_rmmod() {
	rmmod ifreg || return 1
	[ ! -e /proc/net/ifreg ] || { echo "/proc/net/ifreg is still there"; return 1; }
	[ ! -e /sys/kernel/ifreg ] || { echo "/sys/kernel/ifreg is still there"; return 1; }
	! grep -q '^ifreg ' /proc/modules || { echo "ifreg still in /proc/modules"; return 1; }
}
check rmmod-busy "rmmod ifreg with nd0, nv0/nv1, nb0/nd1, nd2r present" t_rmmod

t_reload() {
	insmod "$IFREG_KO" || return 1
	[ -f "$NDIS" ] || { echo "no $NDIS"; return 1; }
	same_set && well_formed && has lo iftype=24 && fresh nd0 6 && fresh nv1 6 &&
		has nv0 iftype=6 && has nb0 iftype=161 && has nd1 iftype=6 &&
		has nd2r iftype=6 && stacked nb0 nd1
}
check reload "insmod again: not every netdev is back with its IfType and binding" t_reload

ip link del nv0
ip link del nb0
ip link del nd1
ip link del nd0
ip link del nd2r
t_del_rest() {
	gone nv0 && gone nv1 && gone nb0 && gone nd1 && gone nd0 && gone nd2r &&
		same_set && well_formed
}
check delete-rest "after deleting the veth pair, the bond, and the dummies" t_del_rest

rmmod ifreg 2>/dev/null
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
