#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make vmtest`: builds ifreg for each Debian kernel series in IFREG_SERIES,
# boots that kernel under qemu TCG with real systemd-udevd, runs every
# scripts/guest/test-*.sh inside, and turns what the guest reported into
# vm/<series>/<test> results. Each series gets a fresh ext4 store disk and
# two boots of the same VM with it: boot 1 runs every script, boot 2 the
# second phase of the scripts that have one (`# ifreg-vm-boots: A B`,
# test-persist.sh), which reads back what boot 1 left on the disk. The
# results of both boots count as one run. A guest that dies, hangs or stays
# silent yields FAILs, never fewer results; so does any oops, BUG, WARNING
# or panic on either console. Exits 0 only if everything passed.
#
# Besides Debian's kernels, the series "debug" is the x86_64 debug kernel
# of scripts/debug-kernel.sh (KASAN, lockdep, kmemleak, fault injection and
# more, built in), booted with -smp 4; its guest also asks kmemleak after
# every script, and each script's leaks are a result of their own,
# vm/debug/kmemleak/<script>. The series run are IFREG_SERIES when set
# (6.1, 6.12, debug, kcsan: the debug kernel with KCSAN), else 6.1, 6.12
# and debug (IFREG_VM_DEBUG=0 leaves debug out); each runs every guest
# script meant for it (vm_test_wanted).
set -euo pipefail

series_asked=${IFREG_SERIES:-}
. "$(dirname "$0")/lib.sh"
. "$IFREG_TOP/scripts/vm.sh"

SERIES=$IFREG_SERIES
[ -n "$series_asked" ] || [ "${IFREG_VM_DEBUG:-1}" = 0 ] || SERIES="$SERIES debug"
vm_host_tools
# Every boot has the machine's devices test-native.sh publishes.
VM_DEVICES=1
# Once here, not again in every in_child below.
apt_update_once

# Extra kbuild arguments for the modules the guest tests need besides
# ifreg (e.g. CONFIG_IFREG_SAMPLE=m once a test uses the sample).
make_args=(CONFIG_IFREG_SAMPLE=m)

# The scripts the guest will run, as the host sees them: the guest must
# report on each of them.
scripts=()
# The scripts boot 2 runs: those naming a second phase.
scripts2=()
for t in "$IFREG_TOP"/scripts/guest/test-*.sh; do
	n=${t##*/}
	vm_test_wanted "$n" || continue
	scripts+=("${n%.sh}")
	# shellcheck disable=SC2046 # words
	[ "$(set -- $(sed -n 's/^# ifreg-vm-boots: //p' "$t"); echo $#)" -lt 2 ] ||
		scripts2+=("${n%.sh}")
done

# Build and prepare one series after the other (apt and make do not mix
# well), then boot them side by side: each VM is one TCG thread.
failed=0
fail() { result FAIL "$1"; failed=1; sfailed=1; }

# in_child FUNC ARGS...: a vm.sh function in a fresh bash. Under `if`, set -e
# is off even inside functions and subshells; a new process has it back, so
# a half-made base is never cached as good.
in_child() {
	IFREG_APT_UPDATE='' bash -c 'set -euo pipefail; . "$1/scripts/lib.sh"; . "$1/scripts/vm.sh"; shift; "$@"' \
		_ "$IFREG_TOP" "$@"
}

# ifregctl for every series (user space does not depend on the kernel);
# without it the guest's test-ifregctl.sh fails, and says so.
ctldir=
if ! ctldir=$(in_child vm_build_ifregctl); then
	ctldir=
	fail "vm/ifregctl-build"
fi

# A series whose module does not build, or whose kernel cannot be fetched,
# still reports: FAIL, and the other series go on.
declare -A base run
booting=
mkdir -p "$IFREG_CACHE/vm/runs"
for s in $SERIES; do
	# A directory of its own per run, so runs at once (other trees,
	# other sessions) cannot mix their logs; runs/<series> names the
	# latest, and those older than a day go.
	find "$IFREG_CACHE/vm/runs" -mindepth 1 -maxdepth 1 -type d -name "$s.??????" \
		-mmin +1440 -exec rm -rf {} +
	run[$s]=$(mktemp -d "$IFREG_CACHE/vm/runs/$s.XXXXXX")
	[ -L "$IFREG_CACHE/vm/runs/$s" ] || rm -rf "$IFREG_CACHE/vm/runs/$s"
	ln -sfn "${run[$s]##*/}" "$IFREG_CACHE/vm/runs/$s"
	if ! ko=$(in_child vm_build_ko "$s" "${make_args[@]}"); then
		fail "vm/$s/build"
		continue
	fi
	if ! base[$s]=$(in_child vm_prepare "$s") ||
	   ! in_child vm_layer "${run[$s]}/layer.cpio" "$ko" test "$ctldir" "$s" ||
	   ! in_child vm_disk "${run[$s]}/store.img"; then
		fail "vm/$s/boot"
		continue
	fi
	booting="$booting $s"
done

# boots2 SERIES: whether a script of SERIES has a second phase.
boots2() {
	local n
	for n in "${scripts2[@]}"; do
		! vm_test_wanted "$n" "$1" || return 0
	done
	return 1
}

# boots SERIES: boot 1, then boot 2 of the same VM and disk (even after a
# failed boot 1: what boot 2 says still counts) when a script of SERIES
# has a second phase. Each boot's logs, qemu status and time go to its
# directory: the run's, then its boot2/.
boots() {
	local s=$1 b dir rc t0
	for b in 1 2; do
		[ "$b" = 1 ] || boots2 "$s" || break
		dir=${run[$s]}
		[ "$b" = 1 ] || { dir=$dir/boot$b; mkdir -p "$dir"; }
		say "booting $s ($(cat "${base[$s]}/kver")), boot $b, timeout $(vm_timeout "$s")s"
		rc=0
		t0=$SECONDS
		vm_boot "${base[$s]}" "${run[$s]}/layer.cpio" "$dir" "${run[$s]}/store.img" "$b" || rc=$?
		echo "$rc" >"$dir/rc"
		echo "$((SECONDS - t0)) s" >"$dir/time"
	done
}

declare -A pid
if [ "$(nproc)" -ge 2 ] && [ -z "${IFREG_VM_SERIAL:-}" ]; then
	for s in $booting; do
		boots "$s" &
		pid[$s]=$!
	done
	for s in $booting; do wait "${pid[$s]}" || true; done
else
	for s in $booting; do
		boots "$s"
	done
fi

# report_boot SERIES B DIR TAG SCRIPT...: the host's own results for boot B
# of SERIES (logs in DIR; TAG prefixes its result names, empty for boot 1,
# and names the boot result):
# it came up with udev, the NIC and the store disk; each SCRIPT ran to its
# end; no timeout; a clean console.
report_boot() {
	local s=$1 b=$2 dir=$3 tag=$4 rc chan bad n status times
	shift 4
	rc=$(cat "$dir/rc")
	chan=$(tr -d '\r' <"$dir/channel.log")
	bad=$(vm_bad_lines "$dir/console.log" "$s")
	say "$s boot $b: qemu exit $rc, $(wc -l <"$dir/console.log") console lines, up in $(sed -n 's/^IFREG-UPTIME //p' <<<"$chan" | head -n1) s, $(cat "$dir/time" 2>/dev/null || echo '?')"
	# What each script took in the guest (s), and its kmemleak scan after.
	times=$(sed -n 's/^IFREG-TIME test-\([^ ]*\) \([0-9]*\) \([0-9]*\)$/\1 \2+\3/p' <<<"$chan" | tr '\n' ' ')
	[ -z "$times" ] || say "$s boot $b: seconds per script (+ kmemleak): $times"

	# Booted: udevd is up, the virtio NIC has its driver, the store disk
	# is mounted, and it is the boot the host asked for.
	if grep -qx 'IFREG-UP' <<<"$chan" && ! grep -qx 'IFREG-NIC none' <<<"$chan" &&
	   grep -qx 'IFREG-STORE mounted' <<<"$chan" && grep -qx "IFREG-BOOTNO $b" <<<"$chan"; then
		result PASS "vm/$s/${tag:-boot}"
	else
		fail "vm/$s/${tag:-boot}"
	fi

	# A script that never started, never ended or failed without saying
	# which test: one FAIL under its own name.
	for n in "$@"; do
		status=$(sed -n "s/^IFREG-END $n //p" <<<"$chan")
		if ! grep -qx "IFREG-BEGIN $n" <<<"$chan" || [ -z "$status" ] ||
		   { [ "$status" != 0 ] && ! sed -n "/^IFREG-BEGIN $n\$/,/^IFREG-END $n /p" <<<"$chan" | grep -q '^FAIL '; }; then
			fail "vm/$s/${tag:+$tag-}${n#test-}"
		fi
	done
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		fail "vm/$s/${tag:+$tag-}timeout"
	fi

	if [ -z "$bad" ]; then
		result PASS "vm/$s/${tag:+$tag-}console-clean"
	else
		fail "vm/$s/${tag:+$tag-}console-clean"
	fi

	# kmemleak, in the debug kernel (not kcsan's): after each script,
	# nothing left.
	if [ "$s" = debug ]; then
		for n in "$@"; do
			if grep -qx "IFREG-KMEMLEAK-DONE $n" <<<"$chan" &&
			   ! grep -q "^KMEMLEAK $n: " <<<"$chan"; then
				result PASS "vm/$s/${tag:+$tag-}kmemleak/${n#test-}"
			else
				fail "vm/$s/${tag:+$tag-}kmemleak/${n#test-}"
				grep "^KMEMLEAK $n: " <<<"$chan" | head -n 60 | sed "s/^/ifreg: $s boot $b: /" >&2 || true
			fi
		done
	fi

	# KCSAN watched: it set watchpoints up (a kernel where it never did
	# would pass every check above without looking at a race).
	if [ "$s" = kcsan ]; then
		n=$(sed -n 's/^IFREG-KCSAN //p' <<<"$chan")
		say "$s boot $b: KCSAN counters: ${n:-none}"
		if [[ " $n" =~ \ setup_watchpoints=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
			result PASS "vm/$s/${tag:+$tag-}kcsan-watched"
		else
			fail "vm/$s/${tag:+$tag-}kcsan-watched"
		fi
	fi

	if [ "$sfailed" = 1 ]; then
		[ "$rc" = 124 ] && say "$s boot $b: qemu killed after $(vm_timeout "$s")s (IFREG_VM_TIMEOUT, IFREG_VM_DEBUG_TIMEOUT)"
		grep -q 'IFREG-DONE' <<<"$chan" || say "$s boot $b: the guest never finished its tests"
		grep '^# ' <<<"$chan" | sed "s/^/ifreg: $s boot $b: /" >&2 || true
		[ -z "$bad" ] || { say "$s boot $b: bad console lines:"; printf '%s\n' "$bad" | head -n 40 >&2; }
		say "$s boot $b: console log: $dir/console.log"
		say "$s boot $b: result channel: $dir/channel.log"
	fi
}

# report SERIES: the results of one series' run, both boots: each test
# result the guest reported (once across both boots, or it fails), the
# planned ones it never reported as FAILs, then each boot's own.
report() {
	local s=$1 dir=${run[$1]} chan kind name n mine=() mine2=()
	local -A planned=() seen=()
	sfailed=0
	# The scripts for this series.
	for n in "${scripts[@]}"; do
		! vm_test_wanted "$n" "$s" || mine+=("$n")
	done
	for n in "${scripts2[@]}"; do
		! vm_test_wanted "$n" "$s" || mine2+=("$n")
	done
	# A log a boot never wrote (or no boot 2) is no output, not an error.
	chan=$({ cat "$dir/channel.log" "$dir/boot2/channel.log" 2>/dev/null || true; } | tr -d '\r')

	while read -r kind name _; do
		case $kind in
		PLAN) planned[$name]=1 ;;
		PASS | FAIL | SKIP)
			if [ -n "${seen[$name]:-}" ]; then
				fail "vm/$s/$name" # reported twice
				continue
			fi
			seen[$name]=1
			case $kind in
			PASS | SKIP) result "$kind" "vm/$s/$name" ;;
			*) fail "vm/$s/$name" ;;
			esac
			;;
		esac
	done < <(grep -E '^(PLAN|PASS|FAIL|SKIP) ' <<<"$chan" || true)

	# The plans as the scripts wrote them, too: a guest that dies early
	# may not get its PLAN lines out.
	for n in "${mine[@]}"; do
		# shellcheck disable=SC2013 # names are words
		for name in $(sed -n 's/^plan //p' "$IFREG_TOP/scripts/guest/$n.sh"); do
			planned[${n#test-}/$name]=1
		done
	done
	for name in "${!planned[@]}"; do
		[ -n "${seen[$name]:-}" ] || fail "vm/$s/$name"
	done

	report_boot "$s" 1 "$dir" "" "${mine[@]}"
	! boots2 "$s" || report_boot "$s" 2 "$dir/boot2" boot2 "${mine2[@]}"
}

for s in $booting; do
	report "$s"
done
[ "$failed" = 0 ] || die "vmtest failed"
say "vmtest: all passed"
