#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make vmtest`: builds ifreg for each Debian kernel series in IFREG_SERIES,
# boots that kernel under qemu TCG with real systemd-udevd, runs every
# scripts/guest/test-*.sh inside, and turns what the guest reported into
# vm/<series>/<test> results. A guest that dies, hangs or stays silent
# yields FAILs, never fewer results; so does any oops, BUG, WARNING or panic
# on the console. Exits 0 only if everything passed.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
. "$IFREG_TOP/scripts/vm.sh"

# lib.sh defaults IFREG_SERIES to both series.
SERIES=$IFREG_SERIES
vm_host_tools
# Once here, not again in every in_child below.
apt_update_once

# Extra kbuild arguments for the modules the guest tests need besides
# ifreg (e.g. CONFIG_IFREG_SAMPLE=m once a test uses the sample).
make_args=(CONFIG_IFREG_SAMPLE=m)

# The scripts the guest will run, as the host sees them: the guest must
# report on each of them.
scripts=()
for t in "$IFREG_TOP"/scripts/guest/test-*.sh; do
	t=${t##*/}
	scripts+=("${t%.sh}")
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
	   ! in_child vm_layer "${run[$s]}/layer.cpio" "$ko" test "$ctldir"; then
		fail "vm/$s/boot"
		continue
	fi
	booting="$booting $s"
done

declare -A pid
if [ "$(nproc)" -ge 2 ] && [ -z "${IFREG_VM_SERIAL:-}" ]; then
	for s in $booting; do
		say "booting $s ($(cat "${base[$s]}/kver")), timeout ${VM_TIMEOUT}s"
		{ rc=0; t0=$SECONDS; vm_boot "${base[$s]}" "${run[$s]}/layer.cpio" "${run[$s]}" || rc=$?; echo "$rc" >"${run[$s]}/rc"; echo "$((SECONDS - t0)) s" >"${run[$s]}/time"; } &
		pid[$s]=$!
	done
	for s in $booting; do wait "${pid[$s]}" || true; done
else
	for s in $booting; do
		say "booting $s ($(cat "${base[$s]}/kver")), timeout ${VM_TIMEOUT}s"
		rc=0
		t0=$SECONDS
		vm_boot "${base[$s]}" "${run[$s]}/layer.cpio" "${run[$s]}" || rc=$?
		echo "$rc" >"${run[$s]}/rc"
		echo "$((SECONDS - t0)) s" >"${run[$s]}/time"
	done
fi

# report SERIES: the results of one VM run.
report() {
	local s=$1 dir=${run[$1]} rc chan bad n kind name status
	local -A planned=() seen=()
	sfailed=0
	rc=$(cat "$dir/rc")
	chan=$(tr -d '\r' <"$dir/channel.log")
	bad=$(vm_bad_lines "$dir/console.log")
	say "$s: qemu exit $rc, $(wc -l <"$dir/console.log") console lines, up in $(sed -n 's/^IFREG-UPTIME //p' <<<"$chan" | head -n1) s, $(cat "$dir/time" 2>/dev/null || echo '?')"

	# Booted: udevd is up and the virtio NIC has its driver.
	if grep -qx 'IFREG-UP' <<<"$chan" && ! grep -qx 'IFREG-NIC none' <<<"$chan"; then
		result PASS "vm/$s/boot"
	else
		fail "vm/$s/boot"
	fi

	while read -r kind name _; do
		case $kind in
		PLAN) planned[$name]=1 ;;
		PASS | FAIL)
			if [ -n "${seen[$name]:-}" ]; then
				fail "vm/$s/$name" # reported twice
				continue
			fi
			seen[$name]=1
			if [ "$kind" = PASS ]; then result PASS "vm/$s/$name"; else fail "vm/$s/$name"; fi
			;;
		esac
	done < <(grep -E '^(PLAN|PASS|FAIL) ' <<<"$chan" || true)

	# The plans as the scripts wrote them, too: a guest that dies early
	# may not get its PLAN lines out.
	for n in "${scripts[@]}"; do
		# shellcheck disable=SC2013 # names are words
		for name in $(sed -n 's/^plan //p' "$IFREG_TOP/scripts/guest/$n.sh"); do
			planned[${n#test-}/$name]=1
		done
	done
	for name in "${!planned[@]}"; do
		[ -n "${seen[$name]:-}" ] || fail "vm/$s/$name"
	done
	# A script that never started, never ended or failed without saying
	# which test: one FAIL under its own name.
	for n in "${scripts[@]}"; do
		status=$(sed -n "s/^IFREG-END $n //p" <<<"$chan")
		if ! grep -qx "IFREG-BEGIN $n" <<<"$chan" || [ -z "$status" ] ||
		   { [ "$status" != 0 ] && ! sed -n "/^IFREG-BEGIN $n\$/,/^IFREG-END $n /p" <<<"$chan" | grep -q '^FAIL '; }; then
			fail "vm/$s/${n#test-}"
		fi
	done
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		fail "vm/$s/timeout"
	fi

	if [ -z "$bad" ]; then
		result PASS "vm/$s/console-clean"
	else
		fail "vm/$s/console-clean"
	fi

	if [ "$sfailed" = 1 ]; then
		[ "$rc" = 124 ] && say "$s: qemu killed after ${VM_TIMEOUT}s (IFREG_VM_TIMEOUT)"
		grep -q 'IFREG-DONE' <<<"$chan" || say "$s: the guest never finished its tests"
		grep '^# ' <<<"$chan" | sed "s/^/ifreg: $s: /" >&2 || true
		[ -z "$bad" ] || { say "$s: bad console lines:"; printf '%s\n' "$bad" | head -n 40 >&2; }
		say "$s: console log: $dir/console.log"
		say "$s: result channel: $dir/channel.log"
	fi
}

for s in $booting; do
	report "$s"
done
[ "$failed" = 0 ] || die "vmtest failed"
say "vmtest: all passed"
