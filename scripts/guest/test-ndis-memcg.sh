#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What an unprivileged user's LUID indexes cost the kernel. As uid 65534,
# in a user and network namespace of its own and in a memory cgroup of
# its own, the user reserves LUID indexes up to max_luid_indexes (16384
# here, to keep the run short: the cost is per index), 4096 apart: the
# spread that gave each index two radix-tree nodes of its own, 1.1 KiB,
# when the allocator was an xarray (145 MiB at the default cap, measured
# with this pattern). What that pins stays within the bound
# Documentation/ifreg.rst gives (64 bytes an index), it is charged to the
# user's cgroup (memory.current grows by as much as the slab does), and
# it is released when the namespace goes. The same again for reservations
# with keys, which cost more each and are capped by max_ndis_interfaces.
# Not in the debug kernel: its two restores of thousands of records take
# longer there than the rest of the suite, to measure what KASAN and
# kmemleak change (the slab); the code they drive runs under the checkers
# in test-ndis.sh, test-persist.sh and test-fuzz.sh.
# ifreg-vm-series: 6.1 6.12

. /ifreg/lib.sh

T=/run/ifreg-memcg
CG=/sys/fs/cgroup
NOBODY=65534
# LUID indexes of the sparse fill: the cap, less room for the netdev
# provider's own (the namespace's lo).
CAP=16384
N=$((CAP - 16))
# Reservations with keys: 200 bytes each.
K=4096

plan load cgroup2 sparse-filled sparse-bounded sparse-charged sparse-released keys-filled keys-bounded keys-charged keys-released unload-clean dmesg-clean

mkdir -p "$T/u"
chmod 1777 "$T/u"

check load "insmod ifreg failed" insmod "$IFREG_KO" max_luid_indexes=$CAP

# In kB: the kernel's slab (radix-tree nodes are reclaimable slab), and
# what the cgroup is charged.
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
cg_kb() { echo $(($(cat "$CG/ifreg-luid/memory.current") / 1024)); }

cg_ok() {
	grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none "$CG" || return 1
	grep -qw memory "$CG/cgroup.controllers" &&
	echo +memory >"$CG/cgroup.subtree_control" &&
	mkdir -p "$CG/ifreg-luid" && [ -r "$CG/ifreg-luid/memory.current" ]
}
check cgroup2 "no cgroup v2 memory controller: $(grep cgroup /proc/filesystems)" cg_ok

# store OUT N STEP KEYLEN: a store of N luid records STEP apart from
# IfType 1000 on (each IfType's indexes up to 2^24 - 1), with keys of
# KEYLEN bytes, or none when 0.
store() {
	awk -v n="$2" -v step="$3" -v klen="$4" 'BEGIN {
		print "ifreg-store 1"
		per = int(16777215 / step)
		pad = ""
		for (i = 0; i < klen - 8; i++)
			pad = pad "k"
		for (i = 0; i < n; i++) {
			key = klen ? sprintf("/%s%07d", pad, i) : "-"
			print "luid " 1000 + int(i / per) " " (i % per + 1) * step " " key
		}
	}' >"$1.body"
	{ cat "$1.body"; echo "end $2 $(crc32 "$1.body" | cut -d' ' -f1)"; } >"$1"
	rm -f "$1.body"
	chmod 0644 "$1"
}

# The user's side: restore the store in a new user and network namespace,
# say how it went, and keep the namespace until killed.
cat >"$T/fill.sh" <<'EOF'
ifregctl restore "$1" >"$2/restore.out" 2>&1
echo $? >"$2/done"
exec sleep 1000
EOF

# fill NAME STORE: the user fills its namespace from STORE; sets $pinned
# and $charged (kB), and $holder, whose end ends the namespace. Root
# writes the store and measures, outside the cgroup.
fill() {
	local i=0
	rm -f "$T/u/done" "$T/u/restore.out"
	sync
	settle
	slab0=$(slab_kb)
	cg0=$(cg_kb)
	sh -c 'echo $$ >"$1/cgroup.procs" && exec runas "$2" unshare -Urn sh "$3/fill.sh" "$4" "$3/u"' \
		_ "$CG/ifreg-luid" "$NOBODY" "$T" "$2" &
	holder=$!
	while [ ! -s "$T/u/done" ] && [ $i -lt 600 ]; do
		sleep 1
		i=$((i + 1))
	done
	pinned=$(($(slab_kb) - slab0))
	charged=$(($(cg_kb) - cg0))
	echo "# $IFREG_T/$1: $(cat "$T/u/done" 2>/dev/null) in ${i}s; slab +${pinned} kB, cgroup +${charged} kB: $(tail -n1 "$T/u/restore.out" 2>&1)"
}

# release: end the namespace; sets $left, what the cgroup is still
# charged above its start once the namespace is gone (kB), waiting a
# while for the frees the namespace's end defers, until it is at most
# half of what the fill charged.
release() {
	local i=0
	kill "$holder"
	wait "$holder"
	left=$(($(cg_kb) - cg0))
	while [ $((left * 2)) -gt "$charged" ] && [ $i -lt 30 ]; do
		sleep 1
		i=$((i + 1))
		left=$(($(cg_kb) - cg0))
	done
	echo "# $IFREG_T: after the namespace went (${i}s): cgroup +${left} kB, slab $(($(slab_kb) - slab0)) kB"
}

# phase NAME STORE COUNT BYTES: the user fills its namespace from STORE,
# COUNT records; what that pins stays within BYTES a record, with 2 MiB
# for the namespace itself and what else the kernel did meanwhile, at
# least 3/4 of it is charged to the user's cgroup, and at least half of
# what was charged is released when the namespace goes (the rest is the
# namespace's and the user's own).
phase() {
	fill "$1" "$2"
	check "$1-filled" "restore of $3 records in the user's namespace: $(cat "$T/u/restore.out")" \
		grep -qx 0 "$T/u/done"
	bound=$(($3 * $4 / 1024 + 2048))
	check "$1-bounded" "$3 records pinned $pinned kB of slab, more than $bound kB" \
		[ "$pinned" -le "$bound" ]
	check "$1-charged" "the slab grew by $pinned kB but the user's cgroup by $charged kB" \
		[ $((charged * 4)) -ge $((pinned * 3)) ]
	release
	check "$1-released" "the cgroup is still charged $left kB of the $charged kB once the namespace is gone" \
		[ $((left * 2)) -le "$charged" ]
}

# Indexes 4096 apart: 64 bytes an index at most (Documentation/ifreg.rst).
store "$T/sparse" "$N" 4096 0
phase sparse "$T/sparse" "$N" 64
# Reservations with keys: 520 bytes each at most.
store "$T/keys" "$K" 64 200
phase keys "$T/keys" "$K" 520
rmdir "$CG/ifreg-luid"

check unload-clean "rmmod ifreg failed" rmmod ifreg
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
