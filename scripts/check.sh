#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test ifreg has, in order of cost: the builds against
# both Debian kernels, checkpatch and kernel-doc, the YNL spec and the uapi
# header generated from it, the host tests (ifregctl's store format, make
# install, the shipped units and rules), the Debian packages (built,
# listed, lintian) and dkms builds of the module against both Debian
# kernels, the KUnit suites in UML debug
# kernels, and the tests in real Debian kernels and in our x86_64 debug
# kernel under qemu, the systemd units in boots with Debian's systemd as
# PID 1, and a smoke of the benchmark. Each stage runs even when an
# earlier one failed, so one run shows everything; the last line counts
# every test: "ifreg: N passed, N failed[, N skipped]".
set -uo pipefail
source "$(dirname "$0")/lib.sh"

results=${IFREG_RESULTS:-}
if [ -z "$results" ]; then
	results=$(mktemp)
	trap 'rm -f "$results"' EXIT
fi
export IFREG_RESULTS=$results

status=0
# The benchmark only as a smoke: it builds and prints every figure; its
# timings are read from `make bench`, never asserted.
export IFREG_BENCH_SMOKE=1
for stage in build-all checkpatch ynl hosttest package kunit vmtest boottest bench; do
	before=$(grep -c '^FAIL ' "$results" || true)
	start=$SECONDS
	say "== $stage"
	bash "$IFREG_TOP/scripts/$stage.sh"
	rc=$?
	after=$(grep -c '^FAIL ' "$results" || true)
	# A stage that fails without naming a failed test still failed.
	if [ $rc -ne 0 ] && [ "$after" -eq "$before" ]; then
		result FAIL "$stage"
	fi
	[ $rc -eq 0 ] || status=1
	say "== $stage: exit $rc, $((SECONDS - start)) s"
done

pass=$(grep -c '^PASS ' "$results" || true)
fail=$(grep -c '^FAIL ' "$results" || true)
skip=$(grep -c '^SKIP ' "$results" || true)
if [ "$fail" -gt 0 ]; then
	say "failed:"
	grep '^FAIL ' "$results" >&2
fi
[ "$pass" -gt 0 ] || status=1
line="ifreg: $pass passed, $fail failed"
[ "$skip" -eq 0 ] || line="$line, $skip skipped"
echo "$line"
exit $status
