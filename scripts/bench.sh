#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: builds ifreg and the benchmark module (bench/ifreg_bench.c)
# for Debian's 6.12 kernel, boots it under qemu with -icount shift=0, where
# the guest clock advances one nanosecond per instruction (sleep=off: an
# idle CPU's clock jumps to its next timer, whatever the host does), runs
# scripts/guest/bench.sh there and prints the table: per figure and
# registry size, ifreg's instructions per operation, the kernel
# primitive's measured in the same boot, and their ratio, headed by the
# commit and the guest kernel's version. Documentation/performance.rst says
# how to read it.
#
# Sizes 1e3, 1e4 and 1e5; IFREG_BENCH_FULL=1 adds 1e6. IFREG_BENCH_REPS
# sets the batches per figure (default 7). With --smoke (or
# IFREG_BENCH_SMOKE=1): size 1e3 only, 3 batches, and a check that every
# figure was printed with numbers, no timings asserted; the exit status
# says whether it was. Both exit non-zero when a figure is missing, the
# guest reported an error or the console shows a kernel complaint.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
. "$IFREG_TOP/scripts/vm.sh"

smoke=${IFREG_BENCH_SMOKE:-0}
[ "${1:-}" != --smoke ] || smoke=1
series=6.12
# VM_TIMEOUT and VM_MEM are vm.sh's, read by vm_boot.
# shellcheck disable=SC2034
if [ "$smoke" = 1 ]; then
	sizes=1000
	reps=3
	VM_TIMEOUT=${IFREG_VM_TIMEOUT:-600}
elif [ "${IFREG_BENCH_FULL:-0}" = 1 ]; then
	sizes=1000,10000,100000,1000000
	reps=${IFREG_BENCH_REPS:-7}
	VM_TIMEOUT=${IFREG_VM_TIMEOUT:-10800}
	VM_MEM=${IFREG_VM_MEM:-4G}
else
	sizes=1000,10000,100000
	reps=${IFREG_BENCH_REPS:-7}
	VM_TIMEOUT=${IFREG_VM_TIMEOUT:-3600}
	VM_MEM=${IFREG_VM_MEM:-1G}
fi
# What every size must print (bench/ifreg_bench.c).
FIGURES="register slab_per_registered lookup enable_disable remove list10 notify64
	notify_per_subscriber prop_set prop_get value_get slab_per_enabled
	add_dev_waiting ndis_register ndis_luid_to_ifindex ndis_ifindex_to_luid dump"

vm_host_tools
ctldir=$(vm_build_ifregctl)
ko=$(vm_build_ko "$series" CONFIG_IFREG_BENCH=m)
[ -f "$ko/bench/ifreg_bench.ko" ] || die "no ifreg_bench.ko in $ko"
base=$(vm_prepare "$series")
mkdir -p "$IFREG_CACHE/vm/runs"
run=$(mktemp -d "$IFREG_CACHE/vm/runs/bench-$series.XXXXXX")
vm_layer "$run/layer.cpio" "$ko" bench "$ctldir" "$series"

commit=$(git -C "$IFREG_TOP" describe --always --dirty 2>/dev/null || echo unknown)
say "booting $(cat "$base/kver") with -icount shift=0,sleep=off, sizes $sizes, $reps batches, timeout ${VM_TIMEOUT}s"
rc=0
t0=$SECONDS
IFREG_VM_QEMU_ARGS="-icount shift=0,sleep=off" IFREG_VM_APPEND="ifregbench.sizes=$sizes ifregbench.reps=$reps" \
	vm_boot "$base" "$run/layer.cpio" "$run" || rc=$?
secs=$((SECONDS - t0))
chan=$(tr -d '\r' <"$run/channel.log")
bad=$(vm_bad_lines "$run/console.log")

echo "# ifreg bench: commit $commit, kernel $(sed -n 's/^BENCH-KERNEL //p' <<<"$chan"), qemu -icount shift=0,sleep=off, median of $reps batches"
printf '%-22s %8s %12s %12s %8s\n' figure size ifreg/op base/op ratio
# Each figure's sizes together, figures in the order they were taken.
sed -n 's/^BENCH-FIGURE //p' <<<"$chan" |
	awk '!($1 in n) { n[$1] = k++ } { print n[$1], $0 }' | sort -n -s -k1,1 |
	awk '{ printf "%-22s %8s %12s %12s %8s\n", $2, $3, $4, $5, $6 }'

ok=1
for s in ${sizes//,/ }; do
	for f in $FIGURES; do
		grep -Eq "^BENCH-FIGURE $f $s [0-9]+ ([0-9]+ [0-9]+\.[0-9]+|- -)\$" <<<"$chan" ||
			{ say "missing or malformed: $f at $s"; ok=0; }
	done
done
grep -Eq '^BENCH-FIGURE netdev500 500 [0-9]+ [0-9]+ [0-9]+\.[0-9]+$' <<<"$chan" ||
	{ say "missing or malformed: netdev500"; ok=0; }
grep -qx 'BENCH-DONE' <<<"$chan" || { say "the benchmark did not finish"; ok=0; }
grep '^BENCH-\(ERROR\|NOTE\)' <<<"$chan" | sed 's/^/ifreg: /' >&2 || true
! grep -q '^BENCH-ERROR' <<<"$chan" || ok=0
[ "$rc" = 0 ] || { say "qemu exit $rc$([ "$rc" != 124 ] || echo ", killed after ${VM_TIMEOUT}s")"; ok=0; }
[ -z "$bad" ] || { say "bad console lines:"; printf '%s\n' "$bad" >&2; ok=0; }
sed -n 's/^BENCH-RUNS //p' <<<"$chan" >"$run/runs.txt"
say "bench: $secs s in the VM; each batch in $run/runs.txt; console $run/console.log, channel $run/channel.log"
[ "$ok" = 1 ] || die "bench failed"
if [ "$smoke" = 1 ]; then
	result PASS bench/smoke
fi
