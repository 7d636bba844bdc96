#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest's half of `make bench` (scripts/bench.sh), run by init in the
# mode "bench" under qemu -icount shift=0. Loads ifreg with its caps raised
# above the largest size, then ifreg_bench with the sizes and repeats the
# host put on the kernel command line (ifregbench.sizes=, ifregbench.reps=),
# and prints the benchmark's lines from the kernel log: BENCH-FIGURE ...,
# BENCH-DONE or BENCH-ERROR. Not a test-*.sh: `make vmtest` does not run it.

sizes=$(sed -n 's/.*ifregbench\.sizes=\([0-9,]*\).*/\1/p' /proc/cmdline)
reps=$(sed -n 's/.*ifregbench\.reps=\([0-9]*\).*/\1/p' /proc/cmdline)
sizes=${sizes:-1000,10000,100000}
reps=${reps:-7}
largest=${sizes##*,}
cap=$((largest * 2 + 1000))

# udevd would run beside the timed batches, on the one CPU, for every
# device the benchmark adds: stopped, its work is not counted.
udevadm control --exit 2>/dev/null || echo "BENCH-NOTE udevd did not stop"

echo "BENCH-KERNEL $(uname -r)"
echo "BENCH-SIZES $sizes"
echo "BENCH-REPS $reps"
if ! insmod /ifreg/ifreg.ko max_instances="$cap" max_instances_per_class="$cap" \
	max_ndis_interfaces="$cap" max_luid_indexes="$cap"; then
	echo "BENCH-ERROR insmod ifreg failed"
	exit 1
fi
insmod /ifreg/ifreg_bench.ko sizes="$sizes" reps="$reps" ||
	echo "BENCH-ERROR insmod ifreg_bench failed"
dmesg | sed -n 's/.*ifreg_bench: \(FIGURE\|RUNS\|DONE\|ERROR\|SIZE\)/BENCH-\1/p'
