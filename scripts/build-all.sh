#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make build-all: builds ifreg against the headers of each Debian kernel it
# supports (the current 6.1 and 6.12 of bookworm), with W=1 and warnings as
# errors, in staging copies so the repository stays clean.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

host_need make gcc gcc-12 bc flex bison libelf-dev dwarves rsync kmod

status=0
for s in $IFREG_SERIES; do
	kdir=$(kernel_headers "$s")
	out=$IFREG_CACHE/stage/build-$s-$IFREG_TREE
	log=$out.log
	mkdir -p "$out"
	say "building against $(basename "$kdir")"
	# A module that only builds with warnings does not build. The
	# benchmark (make bench) is built with it, so that it keeps up.
	if (build_module "$kdir" "$out" W=1 KCFLAGS=-Werror CONFIG_IFREG_BENCH=m) >"$log" 2>&1 &&
	   ! grep -q -i 'warning:' "$log" && [ -f "$out/ifreg.ko" ] &&
	   [ -f "$out/bench/ifreg_bench.ko" ]; then
		result PASS "build/$s"
		# Asking genetlink for the family "ifreg" loads the module.
		if modinfo -F alias "$out/ifreg.ko" | grep -qx 'net-pf-16-proto-16-family-ifreg'; then
			result PASS "build/$s/genl-alias"
		else
			result FAIL "build/$s/genl-alias"
			status=1
		fi
	else
		cat "$log" >&2
		result FAIL "build/$s"
		status=1
	fi
done
exit $status
