#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make kunit`: ifreg's KUnit suites in a UML debug kernel (KASAN, lockdep,
# kmemleak, debugobjects, delayed kobject release) for each series in
# IFREG_SERIES. For each: the kernel from scripts/uml.sh (built once and
# cached), ifreg.ko and ifreg_kunit.ko built against it in a staging copy,
# a boot with a read-only hostfs root whose init (static busybox) loads both,
# unloads them, checks /sys/kernel/ifreg is gone and scans for leaks; then
# scripts/kunit-console.py turns the console into one result line per case
# and per step. Any kernel report on the console fails the run, even when
# every case passed. Exits 0 only if everything passed.
#
# Knobs: IFREG_SERIES ("6.12 6.1"), IFREG_KUNIT_TIMEOUT (seconds per boot,
# 1500: a hang guard, not a budget; a boot takes 150 to 330 s on the
# 2-core machine alone, and more than 600 s beside a second CI run's
# debug VM). The console of the last run of each series stays in
# $IFREG_CACHE/kunit/<series>-<tree>/console.log.

set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$IFREG_TOP/scripts/uml.sh"

series=${IFREG_SERIES:-"6.12 6.1"}
timeout=${IFREG_KUNIT_TIMEOUT:-1500}

host_need busybox-static python3 rsync coreutils util-linux
uml_host_deps

# The guest's init. It only reports ("ifreg-kunit: step NAME RC"); the host
# decides what passed. The root is read-only: nothing here writes files.
guest_init() {
	cat <<'EOF'
#!/bin/busybox sh
bb=/bin/busybox
mark() { echo "ifreg-kunit: $*"; }
step() {
	local name=$1 rc=0
	shift
	"$@" || rc=$?
	mark step "$name" "$rc"
}

$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t debugfs debugfs /sys/kernel/debug
kml=/sys/kernel/debug/kmemleak

# ifreg_faults fails chosen allocations (fail-nth): failslab may fail
# those that sleep too, and says nothing when it does.
fs=/sys/kernel/debug/failslab
[ -d $fs ] && echo N >$fs/ignore-gfp-wait && echo 0 >$fs/verbose

# Whatever the boot left unreferenced is not ours: forget it.
echo scan >$kml
echo clear >$kml

# The suites count what the registry holds: the publisher of native
# devices stays off (suite ifreg_native tests its rules).
step insmod-ifreg $bb insmod /ifreg.ko publish=none
step insmod-ifreg_kunit $bb insmod /ifreg_kunit.ko
# A leak's backtrace outlives the module: keep where its code was.
for m in ifreg ifreg_kunit; do
	mark text "$m" "$($bb cat /sys/module/$m/sections/.text 2>/dev/null)"
done
step rmmod-ifreg_kunit $bb rmmod ifreg_kunit
# Waits for delayed kobject releases (DEBUG_KOBJECT_RELEASE): seconds.
step rmmod-ifreg $bb rmmod ifreg
step sysfs-gone $bb test ! -e /sys/kernel/ifreg

# kmemleak reports nothing younger than 5 s, and a stale pointer on a
# stack can hide a leak from one scan.
$bb sleep 6
echo scan >$kml
$bb sleep 1
mark kmemleak-begin
# kmemleak turns itself off when it cannot track an object (ifreg_faults
# fails allocations): then it looked for nothing, and that is a failure.
echo scan >$kml || echo "kmemleak is off: no leak was looked for"
$bb cat $kml
mark kmemleak-end
mark taint "$($bb cat /proc/sys/kernel/tainted)"
mark done
echo 0 >/proc/exitcode
$bb poweroff -f
EOF
}

# run_series SERIES: build, boot and judge one kernel; returns non-zero if
# anything failed.
run_series() {
	local s=$1 kdir work root log rc=0 t0 lines bad tmp
	work=$IFREG_CACHE/kunit/$s-$IFREG_TREE
	log=$work/console.log
	t0=$SECONDS

	if ! kdir=$(uml_kernel "$s"); then
		result FAIL "kunit/$s/uml-kernel"
		return 1
	fi

	# From scratch: the staging copy keeps sources' mtimes, so objects
	# left from another tree could look newer than the sources.
	rm -rf "$work/build" "$work/root" "$work/uml" "$work/tmp"
	mkdir -p "$work"
	if ! (build_module "$kdir" "$work/build" ARCH=um CONFIG_IFREG_KUNIT_TEST=m); then
		result FAIL "kunit/$s/build"
		return 1
	fi

	root=$work/root
	mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$work/uml" "$work/tmp"
	cp "$(command -v busybox)" "$root/bin/busybox"
	cp "$work/build/ifreg.ko" "$work/build/ifreg_kunit.ko" "$root/"
	guest_init >"$root/init"
	chmod 755 "$root/init"

	# UML maps its memory from a file in TMPDIR and must execute it, so
	# not from a noexec /dev/shm; uml_dir keeps its sockets out of ~/.uml.
	say "$s: booting $(basename "$kdir")/linux (timeout ${timeout}s)"
	TMPDIR=$work/tmp timeout -k 10 "$timeout" "$kdir/linux" \
		mem=256M console=tty \
		uml_dir="$work/uml" umid=ifreg-kunit \
		rootfstype=hostfs rootflags="$root" ro init=/init \
		kasan_multi_shot \
		</dev/null >"$log" 2>&1 || rc=$?
	# A panic leaves UML's state behind.
	rm -rf "$work/uml" "$work/tmp"
	case $rc in
	0) ;;
	124 | 137) say "$s: timed out after ${timeout}s" ;;
	134) say "$s: the kernel panicked" ;;
	*) say "$s: linux exited $rc" ;;
	esac
	[ "$rc" -eq 0 ] && result PASS "kunit/$s/boot" || result FAIL "kunit/$s/boot"

	tmp=$(mktemp)
	python3 "$IFREG_TOP/scripts/kunit-console.py" "$s" "$log" "$IFREG_TOP/kunit" >"$tmp" ||
		echo "FAIL console-parse" >"$tmp"
	bad=0
	while read -r status name; do
		result "$status" "$name"
		[ "$status" != FAIL ] || bad=1
	done <"$tmp"
	[ "$rc" -eq 0 ] || bad=1
	lines=$(grep -c '^PASS kunit/.*/.*/' "$tmp" || true)
	printf '\n%s: %s cases passed, %s failed, %s skipped; %s steps failed (%ss)\n' \
		"$s" "$lines" \
		"$(grep -c '^FAIL kunit/[^/]*/[^/]*/' "$tmp" || true)" \
		"$(grep -c '^SKIP' "$tmp" || true)" \
		"$(grep -c '^FAIL kunit/[^/]*/[^/]*$' "$tmp" || true)" \
		$((SECONDS - t0)) >&2
	rm -f "$tmp"
	if [ "$bad" -ne 0 ]; then
		say "$s: FAILED; console log: $log"
		return 1
	fi
	say "$s: all passed"
}

failed=
for s in $series; do
	# set -e does not reach into a function called from a condition.
	set +e
	(set -e; run_series "$s")
	rc=$?
	set -e
	[ "$rc" -eq 0 ] || failed="$failed $s"
done
if [ -n "$failed" ]; then
	say "kunit failed on:$failed"
	exit 1
fi
say "kunit passed on: $series"
