# SPDX-License-Identifier: GPL-2.0
# Builds the x86_64 debug kernel `make vmtest` boots with -smp 4 (series
# "debug"): the linux-source-6.12 that scripts/uml.sh unpacks, configured as
# `make allnoconfig` plus the fragments of its variant (scripts/debug-vm.config
# for "debug"; that and scripts/debug-vm-kcsan.config for "kcsan"), built out of tree in a directory keyed by
# the source version and by a hash of the fragments and of the functions
# that build it, so a change to any of them builds a new kernel and an
# unchanged one is reused. The directory is a full kernel build: ifreg
# builds against it as its KDIR. Sourced after scripts/lib.sh, never run.

. "$IFREG_TOP/scripts/uml.sh"

DEBUG_SOURCE_SERIES=6.12
DEBUG_CONFIG=$IFREG_TOP/scripts/debug-vm.config

# debug_fragments VARIANT: the fragments of VARIANT, in the order applied.
debug_fragments() {
	case $1 in
	debug) echo "$DEBUG_CONFIG" ;;
	kcsan) echo "$DEBUG_CONFIG $IFREG_TOP/scripts/debug-vm-kcsan.config" ;;
	*) die "unknown debug kernel $1" ;;
	esac
}

# debug_check_config CONFIG FRAGMENT...: every line of the fragments, the
# later overriding the earlier, must have survived olddefconfig: a symbol
# whose dependencies are not met is dropped without a word, and the kernel
# would lack a checker without anyone noticing.
debug_check_config() {
	local config=$1 line sym bad=0
	local -A want=()
	shift
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) want[${line%%=*}]=$line ;;
		'# CONFIG_'*' is not set')
			sym=${line#\# }
			want[${sym%% *}]=$line ;;
		esac
	done < <(cat "$@")
	for sym in "${!want[@]}"; do
		line=${want[$sym]}
		case $line in
		'#'*) ! grep -q "^$sym=" "$config" || { say "kconfig: $sym is set"; bad=1; } ;;
		*) grep -qxF "$line" "$config" || {
			say "kconfig: $line did not stick ($(grep "^$sym=" "$config" || echo unset))"
			bad=1
		} ;;
		esac
	done
	[ "$bad" -eq 0 ] || die "the debug kernel's config in $(dirname "$config") does not match $*"
}

# debug_kernel [VARIANT]: the build directory of the debug kernel VARIANT
# (debug, the default), built if this source and configuration
# have none yet; prints it. It holds vmlinux (bootable through PVH) and
# what an out-of-tree module build needs.
debug_kernel() {
	local variant=${1:-debug} frags src ver hash out lock t0
	frags=$(debug_fragments "$variant") || exit 1
	src=$(uml_source "$DEBUG_SOURCE_SERIES") || exit 1
	ver=$(basename "$src")
	ver=${ver#linux-source-"$DEBUG_SOURCE_SERIES"-}
	# The fragments and the code that builds, not this file's comments.
	# shellcheck disable=SC2086 # a list of files
	hash=$({ cat $frags; declare -f debug_kernel debug_check_config; } | sha256sum | cut -c1-12)
	out=$IFREG_CACHE/$variant-$ver-$hash
	if [ ! -f "$out/.ifreg-built" ]; then
		uml_host_deps
		# Two runs at once must not build into one directory.
		exec {lock}>"$out.lock"
		flock "$lock"
		if [ ! -f "$out/.ifreg-built" ]; then
			say "building the $variant kernel $ver in $out (once, several minutes)"
			t0=$SECONDS
			rm -rf "$out"
			mkdir -p "$out"
			make -C "$src" O="$out" ARCH=x86_64 allnoconfig >"$out/build.log" 2>&1 ||
				{ tail -n 30 "$out/build.log" >&2; die "allnoconfig failed, see $out/build.log"; }
			# Later assignments win: the fragments override allnoconfig.
			# shellcheck disable=SC2086 # a list of files
			cat $frags >>"$out/.config"
			make -C "$src" O="$out" ARCH=x86_64 olddefconfig >>"$out/build.log" 2>&1 ||
				{ tail -n 30 "$out/build.log" >&2; die "olddefconfig failed, see $out/build.log"; }
			# shellcheck disable=SC2086 # a list of files
			debug_check_config "$out/.config" $frags
			# vmlinux for qemu, and what M= builds need (`modules`
			# builds none here, but writes Module.symvers); no bzImage:
			# compressing it is time spent for nothing.
			make -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" vmlinux modules \
				>>"$out/build.log" 2>&1 ||
				{ tail -n 30 "$out/build.log" >&2; die "$variant kernel build failed, see $out/build.log"; }
			[ -f "$out/Module.symvers" ] || die "$variant kernel build left no Module.symvers"
			touch "$out/.ifreg-built"
			say "built the $variant kernel in $((SECONDS - t0)) s"
			# Builds of this source with another configuration are
			# dead weight (several hundred MB each).
			find "$IFREG_CACHE" -maxdepth 1 -name "$variant-$ver-*" ! -name "$variant-$ver-$hash*" \
				-exec rm -rf {} +
		fi
		exec {lock}>&-
	fi
	printf '%s\n' "$out"
}
