# SPDX-License-Identifier: GPL-2.0
# Builds the UML debug kernel that scripts/kunit.sh boots: Debian's
# linux-source-<series> unpacked once into the cache, configured from
# scripts/uml-debug.config and built out of tree in a directory keyed by the
# source version and by a hash of the fragment and of this file, so a change
# to either builds a new kernel and an unchanged one is reused. Sourced after
# scripts/lib.sh, never run; keep anything that does not shape the kernel out
# of this file, or it rebuilds kernels for nothing.

UML_CONFIG=$IFREG_TOP/scripts/uml-debug.config
UML_SELF=$IFREG_TOP/scripts/uml.sh

uml_host_deps() {
	host_need make gcc libc6-dev bc flex bison libelf-dev libssl-dev \
		dwarves python3 xz-utils rsync util-linux
}

# uml_source SERIES: linux-source-SERIES unpacked once into the cache;
# prints the source directory.
uml_source() {
	local deb tarball dir tmp
	deb=$(deb_unpack "linux-source-$1") || exit 1
	tarball=$(ls "$deb"/usr/src/linux-source-*.tar.xz 2>/dev/null | head -n1)
	[ -n "$tarball" ] || die "no source tarball in $deb"
	# make and kbuild do not like '~' or ':' in paths.
	dir=$(basename "$deb")
	dir=$IFREG_CACHE/src/${dir//[~:]/_}
	if [ ! -d "$dir" ]; then
		say "unpacking $(basename "$tarball") (once)"
		mkdir -p "$IFREG_CACHE/src"
		tmp=$(mktemp -d "$IFREG_CACHE/src/.unpack.XXXXXX")
		tar -xJf "$tarball" -C "$tmp" --strip-components=1 ||
			die "unpacking $tarball failed"
		mv "$tmp" "$dir"
	fi
	printf '%s\n' "$dir"
}

# uml_unavailable SERIES: the fragment's options that SERIES cannot have.
# 6.1's UML selects ARCH_NO_PREEMPT, and DEBUG_ATOMIC_SLEEP depends on its
# absence (UML runs without it from 6.12 on).
uml_unavailable() {
	case $1 in
	6.1) echo CONFIG_DEBUG_ATOMIC_SLEEP ;;
	esac
}

# uml_check_config CONFIG SERIES: every line of the fragment must have
# survived olddefconfig, or the kernel lacks a checker without anyone
# noticing.
uml_check_config() {
	local line sym bad=0 skip
	skip=" $(uml_unavailable "$2" | tr '\n' ' ') "
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			sym=${line%%=*}
			if [[ $skip == *" $sym "* ]]; then
				say "kconfig: $sym is not available on $2"
				continue
			fi
			grep -qxF "$line" "$1" || { say "kconfig: $line did not stick"; bad=1; } ;;
		'# CONFIG_'*' is not set')
			sym=${line#\# }
			sym=${sym%% *}
			! grep -q "^$sym=" "$1" || { say "kconfig: $sym is set"; bad=1; } ;;
		esac
	done <"$UML_CONFIG"
	[ "$bad" -eq 0 ] || die "the UML config in $(dirname "$1") does not match $UML_CONFIG"
}

# uml_kernel SERIES: the build directory of the UML debug kernel for
# SERIES, built if this source and configuration have none yet; prints it.
uml_kernel() {
	local src ver hash out lock
	src=$(uml_source "$1") || exit 1
	ver=$(basename "$src")
	ver=${ver#linux-source-"$1"-}
	hash=$(cat "$UML_CONFIG" "$UML_SELF" | sha256sum | cut -c1-12)
	out=$IFREG_CACHE/uml-$ver-$hash
	if [ ! -f "$out/.ifreg-built" ]; then
		uml_host_deps
		# Two runs at once must not build into one directory.
		exec {lock}>"$out.lock"
		flock "$lock"
		if [ ! -f "$out/.ifreg-built" ]; then
			say "building the UML debug kernel $ver in $out (once, a few minutes)"
			mkdir -p "$out"
			cp "$UML_CONFIG" "$out/.config"
			make -C "$src" O="$out" ARCH=um olddefconfig >"$out/build.log" 2>&1 ||
				{ tail -n 30 "$out/build.log" >&2; die "olddefconfig failed, see $out/build.log"; }
			uml_check_config "$out/.config" "$1"
			make -C "$src" O="$out" ARCH=um -j"$(nproc)" >>"$out/build.log" 2>&1 ||
				{ tail -n 30 "$out/build.log" >&2; die "UML build failed, see $out/build.log"; }
			touch "$out/.ifreg-built"
			# Builds of this source with another configuration are
			# dead weight (150 MB each).
			find "$IFREG_CACHE" -maxdepth 1 -name "uml-$ver-*" ! -name "uml-$ver-$hash*" \
				-exec rm -rf {} +
		fi
		exec {lock}>&-
	fi
	printf '%s\n' "$out"
}
