#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The netlink family towards users it owes nothing: malformed requests
# (nlprobe flood: refused dump filters, bad attributes, do/dump swapped,
# changes without their attributes), thousands of them from root,
# from an unprivileged user and from one in a user and network namespace
# of its own, each answered, leave the kernel's 64-byte slab objects as
# they were and change nothing; device-interface information is read only
# from the initial network namespace (list, classes, show, prop and
# monitor refused elsewhere with the reason, events heard only there),
# while each namespace still reads its own NDIS table; and an instance
# with more values than one message holds (the module loaded with
# max_store_entries=1000) is shown, listed and saved whole.

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

G='{7d2e1f3a-8b4c-4d5e-a6f7-181920212223}'
T=/run/netlink-test
NOBODY=65534
# Rounds of nlprobe flood: KINDS requests each, 2 of them refused dump
# filters.
ROUNDS=500
KINDS=13
# A leak of one object per refused filter leaves 2 * ROUNDS objects; noise
# (other 64-byte objects of a quiet VM) stays well under this.
SLAB_MARGIN=300
NS=nltest

plan load flood-answered flood-root-no-leak flood-unpriv-no-leak flood-userns-no-leak flood-changed-nothing netns-reads-refused userns-reads-refused netns-no-events netns-ndis-own big-store-load big-store-show big-store-prop-list big-store-json big-store-save unload-clean dmesg-clean

mkdir -p "$T"
[ -e /sys/module/ifreg ] && rmmod ifreg

# rc CMD...: CMD's exit status, its output in $T/out and $T/err.
rc() {
	"$@" >"$T/out" 2>"$T/err"
	echo $?
}

# slab64: objects in use in the caches of 64-byte objects (kmalloc-64 and
# the caches merged into it), after each has flushed its CPU slabs. The
# shell reads each size itself: a process per cache took most of a minute
# in the debug kernel.
slab64() {
	local c size
	for c in /sys/kernel/slab/*; do
		read -r size 2>/dev/null <"$c/object_size" || continue
		[ "$size" = 64 ] && echo 1 >"$c/shrink" 2>/dev/null
	done
	awk '$4 == 64 { n += $2 } END { print n + 0 }' /proc/slabinfo
}

# state: what the registry and the NDIS table hold, as root sees it.
state() {
	ifregctl list --all
	ifregctl classes
	ifregctl luid list
}

check load "insmod ifreg failed" insmod "$IFREG_KO"
vm_devices
link=$(ifregctl register "$tty_dev" "$G")
ifregctl prop "$link" set Name --string serial --persistent

# flood WHO CMD...: nlprobe flood as CMD runs it; the 64-byte slab objects
# before and after go to $T/WHO.slab, its output to $T/WHO.out.
flood() {
	who=$1
	shift
	before=$(slab64)
	t0=$(date +%s)
	"$@" nlprobe flood $ROUNDS >"$T/$who.out" 2>&1
	echo "$? $before $(slab64) $(($(date +%s) - t0))" >"$T/$who.slab"
}

# no_leak WHO: the flood answered every request, and the slab is back;
# what it measured goes to the host either way.
no_leak() {
	read -r st before after secs <"$T/$1.slab"
	echo "# netlink/flood-$1: $(cat "$T/$1.out") in $secs s; 64-byte objects $before -> $after"
	[ "$st" = 0 ] && [ $((after - before)) -lt $SLAB_MARGIN ]
}

state >"$T/state.before"
flood root env
flood unpriv runas $NOBODY
flood userns runas $NOBODY unshare -Urn
answered() {
	for who in root unpriv userns; do
		grep -q "^sent $((ROUNDS * KINDS)) requests: " "$T/$who.out" || return 1
	done
}
check flood-answered "a request was not answered: $(cat "$T"/*.out)" answered
check flood-root-no-leak "root's flood: $(cat "$T/root.slab")" no_leak root
check flood-unpriv-no-leak "uid $NOBODY's flood: $(cat "$T/unpriv.slab")" no_leak unpriv
check flood-userns-no-leak "the flood of uid $NOBODY in namespaces of its own: $(cat "$T/userns.slab")" no_leak userns
for who in root unpriv userns; do
	no_leak $who | grep '^#'
done
state >"$T/state.after"
check flood-changed-nothing "the registry changed: $(diff "$T/state.before" "$T/state.after")" \
	cmp -s "$T/state.before" "$T/state.after"

# Device interfaces are the initial network namespace's: another one, root's
# or an unprivileged user's, is refused every read, with the reason.
ip netns add $NS
# refused WHO...: every device-interface read, run through WHO, exits 1
# and names the initial network namespace (a monitor that hears nothing
# would wait: 10 s is its limit).
refused() {
	for cmd in "list" "--json list" "classes" "show $link" "prop $link" \
		   "prop $link get Name" "monitor --count 1"; do
		# shellcheck disable=SC2086 # words
		r=$(rc "$@" timeout 10 ifregctl $cmd)
		if [ "$r" != 1 ] || ! grep -q 'initial network namespace' "$T/err" || [ -s "$T/out" ]; then
			echo "ifregctl $cmd: exit $r, stdout: $(cat "$T/out"), stderr: $(cat "$T/err")"
			return 1
		fi
	done
}
check netns-reads-refused "$(refused ip netns exec $NS)" refused ip netns exec $NS
check userns-reads-refused "$(refused runas $NOBODY unshare -Urn)" refused runas $NOBODY unshare -Urn

# Events go to the initial namespace only: a listener in $NS hears none of
# the three a registration, a value and a removal make; one here all.
ip netns exec $NS nlprobe listen 6 >"$T/ns.events" 2>&1 &
ns_pid=$!
nlprobe listen 6 >"$T/init.events" 2>&1 &
init_pid=$!
subscribed $ns_pid
subscribed $init_pid
l2=$(ifregctl register "$tty_dev" "$G" ev)
ifregctl prop "$l2" set x --string y
ifregctl remove "$l2"
wait $ns_pid
wait $init_pid
check netns-no-events "heard in $NS: $(cat "$T/ns.events"), here: $(cat "$T/init.events")" sh -c \
	'grep -qx "0 events" "$1/ns.events" && grep -qx "3 events" "$1/init.events"' _ "$T"

# Each namespace still reads its own NDIS table: $NS has lo alone.
ndis_own_ok() {
	ip netns exec $NS ifregctl --json ndis >"$T/json" && jsonflat <"$T/json" >"$T/flat" &&
	[ "$(grep -c '^\[[0-9]*\]\.name=' "$T/flat")" = 1 ] && grep -qx '\[0\]\.name=lo' "$T/flat"
}
check netns-ndis-own "ndis in $NS: $(ip netns exec $NS ifregctl ndis 2>&1)" ndis_own_ok
ip netns del $NS

# An instance with more values than one message holds: 250 values with
# names of 250 characters, over 70 KiB of attributes.
rmmod ifreg
check big-store-load "insmod ifreg max_store_entries=1000 failed" insmod "$IFREG_KO" max_store_entries=1000
link=$(ifregctl register "$tty_dev" "$G")
pad=$(printf '%0246d' 0)
i=0
while [ $i -lt 250 ]; do
	ifregctl prop "$link" set "v$(printf %03d $i)$pad" --string "data $i" --persistent || break
	i=$((i + 1))
done
# values FILE: how many lines of FILE name one of the 250.
values() {
	grep -c "v[0-9][0-9][0-9]$pad" "$1"
}
big_show_ok() {
	[ "$(rc ifregctl show "$link")" = 0 ] && [ "$(values "$T/out")" = 250 ] &&
	grep -qx "store:         v249$pad persistent data data 249" "$T/out"
}
check big-store-show "show: exit $(rc ifregctl show "$link"), $(values "$T/out") values of $i; $(cat "$T/err")" big_show_ok
big_prop_ok() {
	[ "$(rc ifregctl prop "$link")" = 0 ] && [ "$(values "$T/out")" = 250 ]
}
check big-store-prop-list "prop: exit $(rc ifregctl prop "$link"), $(values "$T/out") values; $(cat "$T/err")" big_prop_ok
# json_values: the values show --json lists, checked by jsonflat.
json_values() {
	ifregctl --json show "$link" >"$T/json" && jsonflat <"$T/json" >"$T/flat" &&
	grep -c '^\.store\[[0-9]*\]\.name=' "$T/flat"
}
check big-store-json "show --json: $(json_values) values; $(head -c 300 "$T/json")" \
	sh -c '[ "$1" = 250 ]' _ "$(json_values)"
big_save_ok() {
	[ "$(rc ifregctl save "$T/store")" = 0 ] && [ "$(grep -c '^value ' "$T/store")" = 250 ] &&
	ifregctl restore --check "$T/store" | grep -q ' 250 values'
}
check big-store-save "save: exit $(rc ifregctl save "$T/store"), $(grep -c '^value ' "$T/store" 2>/dev/null) values saved; $(cat "$T/err")" big_save_ok

ifregctl remove "$link"
check unload-clean "rmmod ifreg failed" rmmod ifreg
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
