# SPDX-License-Identifier: GPL-2.0
# Shared shell for ifreg's build and test scripts: where the cache lives,
# how Debian packages are resolved, fetched and unpacked, and logging.
# Sourced, never run.

IFREG_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Work directories are per source tree, so two checkouts can test at once.
IFREG_TREE=$(printf '%s' "$IFREG_TOP" | sha256sum | cut -c1-8)
IFREG_CACHE=${IFREG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ifreg}
mkdir -p "$IFREG_CACHE"

say() { printf 'ifreg: %s\n' "$*" >&2; }
die() { printf 'ifreg: error: %s\n' "$*" >&2; exit 1; }

APT_GET=(apt-get -q -y -o DPkg::Lock::Timeout=600)
apt_updated=

# host_need PKG...: install the Debian packages that are missing.
host_need() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages: ${missing[*]} (run: apt-get install ${missing[*]})"
	apt_update_once
	say "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive "${APT_GET[@]}" install --no-install-recommends "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

apt_update_once() {
	[ -n "$apt_updated" ] && return 0
	# A fresh machine has no lists: apt-cache would find nothing.
	if [ -z "$(ls /var/lib/apt/lists/ 2>/dev/null | grep -v -e lock -e partial)" ] ||
	   [ -n "${IFREG_APT_UPDATE:-}" ]; then
		"${APT_GET[@]}" update >&2 || die "apt-get update failed"
	fi
	apt_updated=1
}

# Packages of another architecture (the cross builds' kernel headers) are
# resolved and fetched with APT_STATE set by apt_state: a host's apt knows
# its own architecture only, and its apt and dpkg configuration stay as they
# are. Empty, apt is the host's.
APT_STATE=()

# apt_state ARCH: set APT_STATE to the options of a private apt state in the
# cache that knows ARCH's packages besides the host's, fetching its lists the
# first time (or again with IFREG_APT_UPDATE set). ARCH the host's own:
# empty, the host's apt.
apt_state() {
	local arch=$1 native dir fetched
	native=$(dpkg --print-architecture)
	APT_STATE=()
	[ "$arch" = "$native" ] && return 0
	dir=$IFREG_CACHE/apt-$arch
	APT_STATE=(-o APT::Architecture="$native" -o APT::Architectures="$native,$arch"
		-o Dir::State="$dir" -o Dir::State::Lists="$dir/lists"
		-o Dir::State::status="$dir/status" -o Dir::Cache="$dir/cache")
	# Once a run: the subshells of the caller see the mark.
	fetched=IFREG_APT_FETCHED_$arch
	[ -n "${!fetched:-}" ] && return 0
	[ -f "$dir/updated" ] && [ -z "${IFREG_APT_UPDATE:-}" ] && return 0
	export "$fetched=1"
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	touch "$dir/status"
	say "fetching the package lists for $arch"
	# An index the mirror serves broken makes apt leave out its whole
	# suite, for every architecture: what remains is still one consistent
	# archive (both architectures the same versions), only older. Said,
	# and tried again next run.
	if flock "$dir.lock" apt-get -q "${APT_STATE[@]}" update >&2; then
		touch "$dir/updated"
	else
		ls "$dir/lists/" | grep -q "_binary-${arch}_Packages" ||
			die "apt-get update for $arch failed"
		say "warning: some of the $arch package lists could not be fetched; using the rest"
	fi
}

# deb_candidate PKG: the version apt would install.
deb_candidate() {
	apt_update_once
	apt-cache "${APT_STATE[@]}" policy "$1" | sed -n 's/^ *Candidate: //p' | grep -v '(none)'
}

# deb_depends_on META PREFIX: the concrete package META depends on whose name
# starts with PREFIX (the kernel meta packages name the real image this way).
deb_depends_on() {
	local v
	apt_update_once
	v=$(deb_candidate "$1") || die "no candidate for $1"
	apt-cache "${APT_STATE[@]}" show "$1=$v" | sed -n 's/^Depends: //p' | head -n1 |
		tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | grep "^$2" | head -n1
}

# deb_unpack PKG [VERSION]: fetch PKG (the candidate version, or VERSION)
# and unpack it once into the cache; prints the directory. PKG may name an
# architecture (PKG:ARCH). Safe against interrupted runs: a directory only
# exists once it is complete.
deb_unpack() {
	local pkg=$1 ver=${2:-} dir tmp deb
	[ -n "$ver" ] || ver=$(deb_candidate "$pkg") || die "$pkg: not in the archive"
	[ -n "$ver" ] || die "$pkg: not in the archive"
	dir=$IFREG_CACHE/deb/${pkg%:*}-${ver//:/_}
	if [ ! -d "$dir" ]; then
		tmp=$(mktemp -d "$IFREG_CACHE/.unpack.XXXXXX")
		say "fetching $pkg $ver"
		(cd "$tmp" && apt-get -q "${APT_STATE[@]}" download "$pkg=$ver" >&2) ||
			die "apt-get download $pkg failed"
		deb=$(ls "$tmp"/*.deb)
		mkdir "$tmp/root"
		dpkg -x "$deb" "$tmp/root" || die "dpkg -x $deb failed"
		mkdir -p "$(dirname "$dir")"
		mv "$tmp/root" "$dir"
		rm -rf "$tmp"
	fi
	printf '%s\n' "$dir"
}

# flavour_arch FLAVOUR: the Debian architecture of a kernel flavour.
flavour_arch() {
	case $1 in
	amd64 | arm64) echo "$1" ;;
	686-pae) echo i386 ;;
	*) die "unknown kernel flavour $1 (amd64, arm64 or 686-pae)" ;;
	esac
}

# kernel_meta_pkg SERIES [FLAVOUR]: the meta package that names Debian's
# current kernel of a series (6.1: linux-image-FLAVOUR, 6.12:
# linux-image-6.12-FLAVOUR), qualified with its architecture.
kernel_meta_pkg() {
	local flavour=${2:-amd64}
	case $1 in
	6.1) echo "linux-image-$flavour:$(flavour_arch "$flavour")" ;;
	6.12) echo "linux-image-6.12-$flavour:$(flavour_arch "$flavour")" ;;
	*) die "unknown kernel series $1 (6.1 or 6.12)" ;;
	esac
}

# kernel_image_pkg SERIES [FLAVOUR]: the linux-image package Debian ships now
# for a series, amd64 unless FLAVOUR says otherwise (with APT_STATE set for
# its architecture).
kernel_image_pkg() {
	local meta
	meta=$(kernel_meta_pkg "$@") || exit 1
	deb_depends_on "$meta" "linux-image-$1"
}

IFREG_SERIES=${IFREG_SERIES:-"6.1 6.12"}

# deb_depends PKG PATTERN: names PKG's candidate depends on, matching PATTERN.
deb_depends() {
	apt-cache "${APT_STATE[@]}" show "$1=$(deb_candidate "$1")" | sed -n 's/^Depends: //p' | head -n1 |
		tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | grep -e "$2"
}

# kernel_headers SERIES [FLAVOUR]: a usable build directory (KDIR) for
# Debian's current kernel of SERIES (amd64 unless FLAVOUR says otherwise),
# made once from its linux-headers-ABI, -common (architecture all) and
# linux-kbuild packages unpacked side by side; prints it. The kbuild tools
# (fixdep, modpost) run on the host, so they are the host's architecture,
# of the headers' version.
kernel_headers() {
	local flavour=${2:-amd64} arch img abi hdr ver root tmp p
	arch=$(flavour_arch "$flavour") || exit 1
	apt_state "$arch"
	img=$(kernel_image_pkg "$1" "$flavour") || exit 1
	abi=${img#linux-image-}
	hdr=linux-headers-$abi
	ver=$(deb_candidate "$hdr:$arch") || die "$hdr:$arch: not in the archive"
	root=$IFREG_CACHE/kdir/$abi-$ver
	if [ ! -d "$root" ]; then
		tmp=$(mktemp -d "$IFREG_CACHE/.kdir.XXXXXX")
		for p in "$hdr:$arch" $(deb_depends "$hdr:$arch" '^linux-headers-\|^linux-kbuild-'); do
			cp -a "$(deb_unpack "$p" "$ver")/." "$tmp/"
		done
		# The headers' Makefile includes the -common one by its
		# installed path, which is not where it is here.
		sed -i "s|^include /usr/src/|include $root/usr/src/|" \
			"$tmp/usr/src/linux-headers-$abi/Makefile"
		mkdir -p "$(dirname "$root")"
		mv "$tmp" "$root"
	fi
	printf '%s\n' "$root/usr/src/linux-headers-$abi"
}

# stage_sources DIR: copy what kbuild needs into DIR (kbuild writes its
# objects beside the sources, and the repo must stay clean).
stage_sources() {
	mkdir -p "$1"
	# By content, and with the copy's time: a changed file is newer than
	# its old object whatever its time in the tree, so make rebuilds it.
	rsync -rl --checksum --delete --exclude='*.o' --exclude='*.ko' \
		--exclude='.*.cmd' --exclude='*.mod*' \
		"$IFREG_TOP/Kbuild" "$IFREG_TOP/Kconfig" "$IFREG_TOP/VERSION" "$IFREG_TOP/src" \
		"$IFREG_TOP/include" "$IFREG_TOP/kunit" "$IFREG_TOP/samples" \
		"$IFREG_TOP/bench" "$1/"
}

# build_module KDIR OUTDIR [MAKE ARGS...]: build ifreg (and whatever the
# arguments enable) against KDIR in a staging copy at OUTDIR.
build_module() {
	local kdir=$1 out=$2
	shift 2
	stage_sources "$out"
	# The copy has no git: the version is the tree's.
	make -s -C "$kdir" M="$out" -j"$(nproc)" IFREG_VERSION="$(sh "$IFREG_TOP/scripts/version.sh")" \
		"$@" modules >&2 ||
		die "module build against $kdir failed"
}

# result PASS|FAIL|SKIP NAME: one test outcome, for .ci/run's count.
result() {
	printf '%s %s\n' "$1" "$2" >&2
	[ -n "${IFREG_RESULTS:-}" ] && printf '%s %s\n' "$1" "$2" >>"$IFREG_RESULTS"
	return 0
}
