#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest's half of `make bench` (scripts/bench.sh), run by init in the
# mode "bench" under qemu -icount shift=0. Loads ifreg with its caps raised
# above the largest size, then ifreg_bench with the sizes and repeats the
# host put on the kernel command line (ifregbench.sizes=, ifregbench.reps=),
# and prints the benchmark's lines from the kernel log: BENCH-FIGURE ...,
# BENCH-DONE or BENCH-ERROR. Not a test-*.sh: `make vmtest` does not run it.
#
# One figure is timed here: "dump", a netlink dump of the big class
# (ifregctl list --all --class) at each size, while the module waits for
# it. The guest clock counts instructions, so nstime's nanoseconds (a
# test helper of ifregctl's: busybox date has no %N) do too. Its process's
# CPU time is what counts (the dump runs in its recvmsg calls; at 1e5 the
# wall clock holds about as much again of other tasks' work, not the
# dump's); the same command on a class with no instance (the process, the
# family's lookup, one empty round) is taken away, and what is left is
# divided by the size: instructions per instance dumped, user space's
# printing of it included. Median of three each.
#
# And "netdev500", once the benchmark module is gone: 500 dummy netdevs
# created by one ip -batch, per netdev, with ifreg loaded (its NDIS table
# registers each) against after it is unloaded. Their deletion is not
# timed (it waits for RCU). Median of three, one of each in the smoke.

sizes=$(sed -n 's/.*ifregbench\.sizes=\([0-9,]*\).*/\1/p' /proc/cmdline)
reps=$(sed -n 's/.*ifregbench\.reps=\([0-9]*\).*/\1/p' /proc/cmdline)
sizes=${sizes:-1000,10000,100000}
reps=${reps:-7}
largest=${sizes##*,}
cap=$((largest * 2 + 1000))

# udevd would run beside the timed batches, on the one CPU, for every
# device the benchmark adds: stopped, its work is not counted.
udevadm control --exit 2>/dev/null || echo "BENCH-NOTE udevd did not stop"

median3() {
	printf '%s\n' "$@" | sort -n | sed -n 2p
}

# Nanoseconds of the guest clock (instructions) to create 500 dummies.
ns_netdevs() {
	i=0
	: >/tmp/add.batch
	: >/tmp/del.batch
	while [ $i -lt 500 ]; do
		echo "link add bd$i type dummy" >>/tmp/add.batch
		echo "link del bd$i" >>/tmp/del.batch
		i=$((i + 1))
	done
	r=$(nstime ip -batch /tmp/add.batch) || echo "BENCH-ERROR creating dummies failed" >&2
	echo "${r% *}"	# the wall clock: netdevs have deferred work
	ip -batch /tmp/del.batch >&2 || echo "BENCH-ERROR deleting dummies failed" >&2
}

# netdev500's median (one run in the smoke, 3 batches).
ns_netdevs3() {
	if [ "$reps" -le 3 ]; then
		ns_netdevs
	else
		median3 "$(ns_netdevs)" "$(ns_netdevs)" "$(ns_netdevs)"
	fi
}

echo "BENCH-KERNEL $(uname -r)"
echo "BENCH-SIZES $sizes"
echo "BENCH-REPS $reps"
# The publisher of native devices off: netdev500 is the NDIS table's
# cost, and the registry holds the benchmark's instances alone
# (Documentation/performance.rst says what publishing adds).
if ! insmod /ifreg/ifreg.ko max_instances="$cap" max_instances_per_class="$cap" \
	max_ndis_interfaces="$cap" max_luid_indexes="$cap" publish=none; then
	echo "BENCH-ERROR insmod ifreg failed"
	exit 1
fi
big={6c1d8a42-0b7e-4f31-8d5e-42454e434831}	# bench_guid
none={6c1d8a42-0b7e-4f31-8d5e-42454e43483f}	# never registered

# CPU nanoseconds (instructions) of one list of class $1.
ns_list() {
	r=$(nstime ifregctl list --all --class "$1") ||
		echo "BENCH-ERROR ifregctl list $1 failed" >&2
	echo "${r#* }"
}

insmod /ifreg/ifreg_bench.ko sizes="$sizes" reps="$reps" dump_pause=1 &
pid=$!
for s in $(echo "$sizes" | tr , ' '); do
	until dmesg | grep -q "ifreg_bench: DUMP $s\$"; do
		kill -0 "$pid" 2>/dev/null || break 2
		sleep 1
	done
	base=$(median3 "$(ns_list "$none")" "$(ns_list "$none")" "$(ns_list "$none")")
	full=$(median3 "$(ns_list "$big")" "$(ns_list "$big")" "$(ns_list "$big")")
	n=$(ifregctl list --all --class "$big" | wc -l)
	[ "$n" -ge "$s" ] || echo "BENCH-ERROR dump at $s listed $n"
	echo "BENCH-FIGURE dump $s $(((full - base) / s)) - -"
	echo 1 >/sys/module/ifreg_bench/parameters/dumped
done
wait "$pid" || echo "BENCH-ERROR insmod ifreg_bench failed"

rmmod ifreg_bench || echo "BENCH-ERROR rmmod ifreg_bench failed"
ip link add bdwarm type dummy && ip link del bdwarm ||
	echo "BENCH-ERROR no dummy netdevs"
with=$(ns_netdevs3)
rmmod ifreg || echo "BENCH-ERROR rmmod ifreg failed"
without=$(ns_netdevs3)
echo "BENCH-FIGURE netdev500 500 $((with / 500)) $((without / 500)) $(awk "BEGIN { printf \"%.2f\", $with / $without }")"
dmesg | sed -n 's/.*ifreg_bench: \(FIGURE\|RUNS\|DONE\|ERROR\|SIZE\)/BENCH-\1/p'
