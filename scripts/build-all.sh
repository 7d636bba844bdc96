#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make build-all: builds ifreg against the headers of each Debian kernel it
# supports (the current 6.1 and 6.12 of bookworm), with W=1 and warnings as
# errors, in staging copies so the repository stays clean. Each series is
# built for amd64 and, with the archive's cross compilers (the gcc major the
# kernel was built with), for arm64 and 686-pae (32-bit x86), so that
# nothing assumes a 64-bit kernel or one architecture; their headers come
# from a private apt state in the cache (lib.sh's apt_state). Bookworm has
# no 686-pae kernel of 6.12 (its linux-6.12 builds no i386 kernel image):
# that build is reported SKIP, from asking the archive, not from this list.
# IFREG_FLAVOURS ("amd64 arm64 686-pae") limits a run to some of them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

host_need make gcc gcc-12 bc flex bison libelf-dev dwarves rsync kmod

IFREG_FLAVOURS=${IFREG_FLAVOURS:-"amd64 arm64 686-pae"}

# cross_args FLAVOUR KDIR: the make arguments that build for FLAVOUR with the
# archive's cross compiler of the gcc major the kernel was built with;
# installs it. Nothing for the host's own amd64.
cross_args() {
	local flavour=$1 kdir=$2 triplet arch major
	case $flavour in
	amd64) return 0 ;;
	arm64) triplet=aarch64-linux-gnu arch=arm64 ;;
	686-pae) triplet=i686-linux-gnu arch=x86 ;;
	*) die "no cross compiler known for $flavour" ;;
	esac
	major=$(sed -n 's/^CONFIG_GCC_VERSION=\([0-9]*\)[0-9][0-9][0-9][0-9]$/\1/p' "$kdir/.config")
	[ -n "$major" ] || die "$kdir/.config names no gcc version"
	host_need "gcc-$major-$triplet"
	echo ARCH="$arch" CROSS_COMPILE="$triplet-" CC="$triplet-gcc-$major"
}

status=0
for s in $IFREG_SERIES; do
	for f in $IFREG_FLAVOURS; do
		if [ "$f" = amd64 ]; then
			name=build/$s
			out=$IFREG_CACHE/stage/build-$s-$IFREG_TREE
		else
			name=build/$s/$f
			out=$IFREG_CACHE/stage/build-$s-$f-$IFREG_TREE
			apt_state "$(flavour_arch "$f")"
			if ! deb_candidate "$(kernel_meta_pkg "$s" "$f")" >/dev/null; then
				say "Debian has no $f kernel of $s"
				result SKIP "$name"
				continue
			fi
		fi
		kdir=$(kernel_headers "$s" "$f")
		args=$(cross_args "$f" "$kdir")
		read -r -a cross <<<"$args"
		log=$out.log
		mkdir -p "$out"
		say "building against $(basename "$kdir") ${cross[*]}"
		# A module that only builds with warnings does not build. The
		# benchmark (make bench) is built with it, so that it keeps up.
		if (build_module "$kdir" "$out" "${cross[@]}" W=1 KCFLAGS=-Werror CONFIG_IFREG_BENCH=m) >"$log" 2>&1 &&
		   ! grep -q -i 'warning:' "$log" && [ -f "$out/ifreg.ko" ] &&
		   [ -f "$out/bench/ifreg_bench.ko" ]; then
			result PASS "$name"
		else
			cat "$log" >&2
			result FAIL "$name"
			status=1
			continue
		fi
		[ "$f" = amd64 ] || continue
		# Asking genetlink for the family "ifreg" loads the module.
		if modinfo -F alias "$out/ifreg.ko" | grep -qx 'net-pf-16-proto-16-family-ifreg'; then
			result PASS "build/$s/genl-alias"
		else
			result FAIL "build/$s/genl-alias"
			status=1
		fi
	done
done
exit $status
