# SPDX-License-Identifier: GPL-2.0
# Boots ifreg in Debian's own kernels under qemu (TCG), for `make vmtest`
# and `make demo`. Per kernel series it prepares, once, a cached base: the
# uncompressed vmlinux (or the bzImage when that cannot be booted) and a
# base initramfs of Debian's busybox, systemd-udevd and iproute2's `ip`
# with their libraries, the virtio modules the series needs and, for
# modprobe on demand, the netdev modules the tests create links with, and
# virtio_blk with ext4 for the store disk. Per run it adds a small layer
# with the fresh ifreg.ko and scripts/guest/, boots with a timeout, and
# reads the result channel and the console back. A run may attach a small
# ext4 disk (vm_disk) and boot the same VM more than once with it: the
# guest's init mounts it at /mnt/store and learns which boot it is from
# the kernel command line (ifregvm.boot=N).
# The series "debug" is no Debian kernel but the debug kernel
# of scripts/debug-kernel.sh: everything built in, no modules in the base,
# booted with -smp 4 and more memory, its guest scanning for leaks.
# Sourced after lib.sh, never run.

. "$IFREG_TOP/scripts/debug-kernel.sh"

VM_GUEST=$IFREG_TOP/scripts/guest
# Measured on 2 cores, both VMs at once: a whole boot takes under a minute
# on an idle machine, but TCG on a machine busy with kernel builds (CI on a
# fresh machine, other runs) took over 120 s, and a boot-1 run of every
# guest script (fuzzing included) took over 600 s on a machine busy with
# other VMs, over 1200 s with the store fuzzer and the debug kernel's
# four vCPUs beside it. The timeout only catches a wedged qemu, so it is
# generous: a normal run never waits for it.
VM_TIMEOUT=${IFREG_VM_TIMEOUT:-2400}
VM_MEM=${IFREG_VM_MEM:-512M}
# The debug kernels: TCG runs each vCPU in a thread of its own, so races
# between CPUs are real ones; KASAN's shadow, kmemleak's and lockdep's
# tables want more memory.
# Each of their boots takes several times longer than a Debian one: the
# whole suite took 26 minutes there on one 2-core machine (beside both
# Debian VMs for most of it) and about an hour alone on a slower one.
# The timeout only catches a wedged qemu: CI's 90 minutes.
VM_DEBUG_SMP=${IFREG_VM_DEBUG_SMP:-4}
VM_DEBUG_MEM=${IFREG_VM_DEBUG_MEM:-1G}
VM_DEBUG_TIMEOUT=${IFREG_VM_DEBUG_TIMEOUT:-5400}

# What the console must never show: oops, BUG, WARN, panic, sanitizers.
# The debug kernel adds lockdep's reports (most headed "WARNING:" or
# "BUG:"), debugobjects' ("ODEBUG:") and kmemleak giving up; the leaks
# kmemleak finds come over the result channel.
VM_BAD_RE='Kernel panic|Oops|BUG:|WARNING:|cut here \]|general protection fault|Call Trace:|UBSAN:|KASAN:|KFENCE:|kernel BUG|refcount_t:|list_(add|del) corruption|detected stalls|blocked for more than|segfault at|Unable to handle|ODEBUG:|INFO: trying to register non-static key|turning off the locking correctness validator|kmemleak: .*(disabled|[Cc]annot|failed)|Memory pool empty'

vm_host_tools() {
	# libkmod2 and libssl3 are udevadm's libraries the host may lack.
	# iproute2: the libraries of the guest's `ip` (the binary itself
	# comes from the archive's deb, so its version keys the base).
	# e2fsprogs: mke2fs -d makes the store disk without a loop mount.
	host_need qemu-system-x86 cpio xz-utils zstd kmod \
		binutils libkmod2 libssl3 rsync iproute2 util-linux e2fsprogs
}

# vm_u8/vm_u32 FILE OFFSET: little-endian header fields of a bzImage.
vm_u8() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '; }
vm_u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }

# vm_extract_vmlinux BZIMAGE OUT: the ELF vmlinux inside a bzImage. The
# boot protocol header says where the payload is (setup sectors, payload
# offset and length), so no magic scanning is needed; the last four bytes
# of the payload are the appended decompressed size, not compressed data.
vm_extract_vmlinux() {
	local bz=$1 out=$2 setup off len start
	setup=$(vm_u8 "$bz" $((0x1f1)))
	off=$(vm_u32 "$bz" $((0x248)))
	len=$(vm_u32 "$bz" $((0x24c)))
	start=$(((setup + 1) * 512 + off))
	tail -c +$((start + 1)) "$bz" | head -c $((len - 4)) >"$out.z"
	case $(od -An -tx1 -N4 "$out.z" | tr -d ' ') in
	fd377a58) xz -dc "$out.z" >"$out" ;;
	28b52ffd) zstd -q -dc "$out.z" >"$out" ;;
	1f8b*) gzip -dc "$out.z" >"$out" ;;
	*) false ;;
	esac || { rm -f "$out.z" "$out"; return 1; }
	rm -f "$out.z"
	readelf -h "$out" >/dev/null 2>&1
}

# vm_has_pvh VMLINUX: qemu -kernel boots an ELF only through the PVH entry,
# the Xen ELF note XEN_ELFNOTE_PHYS32_ENTRY (type 0x12).
vm_has_pvh() {
	readelf -n "$1" 2>/dev/null | grep -qE '^ *Xen .*(\(0x00000012\)|PHYS32_ENTRY)'
}

# The libraries this tree builds (libifreg), which its programs are linked
# against without an rpath: ldd finds them where they were built, and
# vm_ifregctl puts them in the guest's /usr/lib itself.
VM_TREE_LIBS=$IFREG_TOP/tools/libifreg

# vm_ldd BIN...: ldd, finding this tree's libraries where they are built.
vm_ldd() {
	LD_LIBRARY_PATH=$VM_TREE_LIBS ldd "$@"
}

# vm_libs BIN...: the libraries BIN needs, with the loader, as ldd finds
# them (with more than one BIN, ldd heads each list with "BIN:"), but
# this tree's own.
vm_libs() {
	vm_ldd "$@" | grep -v ':$' | grep -o '/[^ ]*' | grep -vF "$VM_TREE_LIBS/" | sort -u
}

# vm_copy_libs ROOT BIN...: the shared libraries BIN needs, with the
# loader, from the host's own /lib (bookworm's, the same ABI the udev deb
# was built for).
vm_copy_libs() {
	local root=$1 lib
	shift
	vm_ldd "$@" | grep -q 'not found' && die "ldd: missing libraries for $*: $(vm_ldd "$@" | grep 'not found' | sort -u | tr -d '\t' | tr '\n' ' ')"
	for lib in $(vm_libs "$@"); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# vm_depmod IMGDIR KVER: a scratch directory holding a hard-linked copy of
# the image's module tree with the modules.dep depmod makes for it (the deb
# has none: depmod makes it at install); prints it. The caller removes it.
vm_depmod() {
	local work
	work=$(mktemp -d "$IFREG_CACHE/.depmod.XXXXXX")
	mkdir -p "$work/lib/modules"
	cp -al "$1/lib/modules/$2" "$work/lib/modules/$2"
	depmod -b "$work" "$2" || die "depmod for $2 failed"
	printf '%s\n' "$work"
}

# vm_kmod_deps MODDIR MOD: MOD's file and its dependencies' files, relative
# to MODDIR, dependencies first (modules.dep lists them deepest last); none
# when MOD is built in.
vm_kmod_deps() {
	local line
	grep -q "/$2\.ko" "$1/modules.builtin" && return 0
	line=$(grep -E "(^|/)$2\.ko(\.xz|\.zst|\.gz)?:" "$1/modules.dep") ||
		die "$2: not in $(basename "$1")'s modules.dep"
	printf '%s\n' "$line" | tr -d ':' | tr ' ' '\n' | grep . | tac
}

# vm_kmod_plain FILE: a module decompressed (the guest's busybox insmod
# and modprobe read plain .ko only).
vm_kmod_plain() {
	case $1 in
	*.xz) xz -dc "$1" ;;
	*.zst) zstd -q -dc "$1" ;;
	*.gz) gzip -dc "$1" ;;
	*) cat "$1" ;;
	esac
}

# vm_kmods ROOT IMGDIR KVER MOD...: copy MOD and its dependencies out of the
# unpacked image into ROOT/lib/modules/ifreg-vm/, decompressed, and list
# them in load order for the guest's init to insmod at boot.
vm_kmods() {
	local root=$1 img=$2 kver=$3 work m deps dep name
	shift 3
	work=$(vm_depmod "$img" "$kver")
	mkdir -p "$root/lib/modules/ifreg-vm"
	: >"$root/lib/modules/ifreg-vm/order"
	for m in "$@"; do
		deps=$(vm_kmod_deps "$work/lib/modules/$kver" "$m") || exit 1
		for dep in $deps; do
			name=$(basename "$dep")
			name=${name%%.ko*}
			grep -qx "$name" "$root/lib/modules/ifreg-vm/order" && continue
			vm_kmod_plain "$work/lib/modules/$kver/$dep" >"$root/lib/modules/ifreg-vm/$name.ko"
			printf '%s\n' "$name" >>"$root/lib/modules/ifreg-vm/order"
		done
	done
	rm -rf "$work"
}

# vm_kmod_tree ROOT IMGDIR KVER MOD...: MOD and its dependencies as a small
# module tree ROOT/lib/modules/KVER/ with its own modules.dep and
# modules.alias, decompressed. The guest's modprobe (busybox) loads them on
# demand, `modprobe bonding` or the kernel's request_module for `ip link
# add type bond`, so a boot pays nothing for them.
vm_kmod_tree() {
	local root=$1 img=$2 kver=$3 work m deps dep out f
	shift 3
	work=$(vm_depmod "$img" "$kver")
	mkdir -p "$root/lib/modules/$kver"
	for m in "$@"; do
		deps=$(vm_kmod_deps "$work/lib/modules/$kver" "$m") || exit 1
		for dep in $deps; do
			out=$root/lib/modules/$kver/${dep%.ko*}.ko
			[ -f "$out" ] && continue
			mkdir -p "$(dirname "$out")"
			vm_kmod_plain "$work/lib/modules/$kver/$dep" >"$out"
		done
	done
	# Built-in modules are known to modprobe, not missing.
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ ! -f "$img/lib/modules/$kver/$f" ] || cp "$img/lib/modules/$kver/$f" "$root/lib/modules/$kver/"
	done
	depmod -b "$root" "$kver" || die "depmod of the guest's $kver modules failed"
	rm -rf "$work"
}

# vm_cpio DIR OUT: a newc archive of DIR owned by root. Uncompressed: TCG
# spends longer decompressing than the kernel spends reading a few MB more.
vm_cpio() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) >"$2"
}

# vm_lib_sums BIN...: the checksums of the host libraries vm_copy_libs
# would copy for BIN, for the base's key (a library update is a new base).
vm_lib_sums() {
	vm_libs "$@" | xargs -r sha256sum
}

# The netdev modules the guest's tests create links with, on demand.
VM_NET_KMODS="dummy veth 8021q bonding bridge"
# The drivers of the machine's devices (vm_boot's VM_DEVICES), on demand:
# the IDE CD-ROM, the USB controller with its keyboard and mouse, their
# input nodes, and the DRM driver of qemu's standard VGA card.
VM_DEVICE_KMODS="ata_piix sr_mod uhci-hcd usbhid hid-generic evdev bochs"

# vm_is_debug SERIES: SERIES is a debug kernel of our own
# (scripts/debug-kernel.sh), not one of Debian's.
vm_is_debug() {
	[ "$1" = debug ] || [ "$1" = kcsan ]
}

# vm_prepare SERIES: make the cached base for SERIES once; prints its
# directory, holding `kernel` (vmlinux or bzImage), `base.cpio`, `kver`
# and `series`. Keyed by the image (for a debug kernel, its build
# directory, itself keyed by source and configuration), udev, iproute2 and
# busybox versions, the host libraries copied and the code of the functions
# that make it, so changing what goes into the base rebuilds it and
# changing anything else does not. Runs that prepare the same kernel at
# once take turns.
vm_prepare() {
	local series=$1 img imgdir udev ipr bb kver key dir tmp bz lock a
	if vm_is_debug "$series"; then
		imgdir=$(debug_kernel "$series") || exit 1
		kver=$(cat "$imgdir/include/config/kernel.release") || exit 1
	else
		img=$(kernel_image_pkg "$series") || exit 1
		imgdir=$(deb_unpack "$img") || exit 1
		kver=${img#linux-image-}
	fi
	udev=$(deb_unpack udev) || exit 1
	ipr=$(deb_unpack iproute2) || exit 1
	bb=$(deb_unpack busybox) || exit 1
	key=$({ printf '%s\n' "$imgdir" "$udev" "$ipr" "$bb"
		vm_lib_sums "$udev/bin/udevadm" "$ipr/bin/ip" "$bb/bin/busybox"
		printf '%s\n' "$VM_NET_KMODS" "$VM_DEVICE_KMODS"
		declare -f vm_prepare vm_is_debug vm_extract_vmlinux vm_has_pvh vm_ldd vm_libs vm_copy_libs \
			vm_lib_sums vm_depmod vm_kmod_deps vm_kmod_plain vm_kmods vm_kmod_tree vm_cpio
	} | sha256sum | cut -c1-12)
	dir=$IFREG_CACHE/vm/$kver-$key
	mkdir -p "$IFREG_CACHE/vm"
	exec {lock}>"$IFREG_CACHE/vm/.prepare-$kver.lock"
	flock "$lock"
	if [ ! -f "$dir/base.cpio" ]; then
		say "preparing the $series VM base ($kver)"
		tmp=$(mktemp -d "$IFREG_CACHE/.vm.XXXXXX")
		printf '%s\n' "$kver" >"$tmp/kver"
		printf '%s\n' "$series" >"$tmp/series"
		if vm_is_debug "$series"; then
			# A link, not a copy: the build directory outlives the
			# base (its key is part of the base's).
			ln -f "$imgdir/vmlinux" "$tmp/kernel" 2>/dev/null ||
				cp "$imgdir/vmlinux" "$tmp/kernel"
			vm_has_pvh "$tmp/kernel" || die "$imgdir/vmlinux has no PVH entry"
		else
			bz=$imgdir/boot/vmlinuz-$kver
			[ -f "$bz" ] || die "$img has no /boot/vmlinuz-$kver"
			if vm_extract_vmlinux "$bz" "$tmp/kernel" && vm_has_pvh "$tmp/kernel"; then
				:
			else
				say "$kver: no bootable vmlinux in the bzImage, booting the bzImage"
				cp "$bz" "$tmp/kernel"
			fi
		fi

		mkdir -p "$tmp/root"/{bin,sbin,dev,proc,sys,run,tmp,var,etc/udev/rules.d,etc/modprobe.d,lib/systemd,lib/udev/rules.d,usr/bin,usr/sbin,root}
		# Debian's dynamic busybox, not busybox-static: the static one's
		# shell runs its own applets before anything on PATH, so `ip`
		# would never be iproute2's.
		cp "$bb/bin/busybox" "$tmp/root/bin/busybox"
		# Applets as links, so `sh`, `mount`, `insmod` and friends exist.
		for a in $("$bb/bin/busybox" --list); do
			[ -e "$tmp/root/bin/$a" ] || ln -s busybox "$tmp/root/bin/$a"
		done
		# Where the kernel's request_module looks.
		ln -s /bin/busybox "$tmp/root/sbin/modprobe"
		cp "$udev/bin/udevadm" "$tmp/root/bin/udevadm"
		# The daemon is udevadm under another name, as in the deb.
		ln -s /bin/udevadm "$tmp/root/lib/systemd/systemd-udevd"
		cp "$udev/etc/udev/udev.conf" "$tmp/root/etc/udev/"
		# The real `ip` over busybox's applet: netns, vlan, bond,
		# bridge, veth. `ip netns` keeps its files in /var/run/netns.
		rm -f "$tmp/root/bin/ip"
		cp "$ipr/bin/ip" "$tmp/root/bin/ip"
		ln -s /bin/ip "$tmp/root/sbin/ip"
		cp -r "$ipr/etc/iproute2" "$tmp/root/etc/"
		ln -s /run "$tmp/root/var/run"
		vm_copy_libs "$tmp/root" "$udev/bin/udevadm" "$ipr/bin/ip" "$bb/bin/busybox"
		# udevd resolves users and groups named in rules.
		printf 'root:x:0:0:root:/root:/bin/sh\n' >"$tmp/root/etc/passwd"
		printf 'root:x:0:\n' >"$tmp/root/etc/group"
		if vm_is_debug "$series"; then
			# Every driver is built in: nothing for init to load,
			# and the netdev drivers' options go on the command line
			# (vm_boot).
			mkdir -p "$tmp/root/lib/modules/ifreg-vm"
			: >"$tmp/root/lib/modules/ifreg-vm/order"
		else
			# The store disk: virtio_blk and ext4 (modules in both
			# kernels); ext4 and jbd2 find crc32c through the crypto
			# API when they mount a metadata_csum filesystem, which
			# modules.dep does not say, so it is loaded first.
			vm_kmods "$tmp/root" "$imgdir" "$kver" virtio_pci virtio_net \
				virtio_blk crc32c_generic ext4
			# shellcheck disable=SC2086 # a list of names
			vm_kmod_tree "$tmp/root" "$imgdir" "$kver" $VM_NET_KMODS $VM_DEVICE_KMODS
			# Loading them must not add dummy0 and bond0 behind a
			# test's back.
			printf 'options dummy numdummies=0\noptions bonding max_bonds=0\n' \
				>"$tmp/root/etc/modprobe.d/ifreg-vm.conf"
		fi
		vm_cpio "$tmp/root" "$tmp/base.cpio"
		rm -rf "$tmp/root"
		# Bases of this kernel made by older code are dead weight once
		# no run has used them for a while (another tree may still).
		find "$IFREG_CACHE/vm" -maxdepth 1 -name "$kver-????????????" \
			-mmin +60 -exec rm -rf {} +
		mv "$tmp" "$dir"
	fi
	touch "$dir"
	exec {lock}>&-
	printf '%s\n' "$dir"
}

# vm_build_ko SERIES [MAKE ARGS...]: build ifreg for SERIES from the
# working tree, plus whatever the arguments enable (CONFIG_IFREG_SAMPLE=m);
# prints the directory holding ifreg.ko. Every .ko built goes to the guest.
vm_build_ko() {
	local series=$1 kdir out lock
	shift
	if vm_is_debug "$series"; then
		kdir=$(debug_kernel "$series") || exit 1
	else
		kdir=$(kernel_headers "$series") || exit 1
	fi
	# One staging dir per source tree: stage_sources keeps the sources'
	# mtimes, so objects another tree built later would look up to date.
	out=$IFREG_CACHE/vm/build-$series-$IFREG_TREE
	# Runs from the same tree at once take turns; vm_layer reads the
	# result under the same lock.
	mkdir -p "$IFREG_CACHE/vm"
	exec {lock}>"$out.lock"
	flock "$lock"
	# A .ko an earlier run's arguments enabled must not ride along.
	[ ! -d "$out" ] || find "$out" -name '*.ko' -delete
	build_module "$kdir" "$out" "$@"
	[ -f "$out/ifreg.ko" ] || die "no ifreg.ko in $out"
	# examples/driver, as another out-of-tree module builds against
	# ifreg: its headers and this build's Module.symvers
	# (test-example.sh loads it).
	rsync -r --checksum --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' "$IFREG_TOP/examples/driver/" "$out/example/"
	make -s -C "$kdir" M="$out/example" IFREG="$out" \
		KBUILD_EXTRA_SYMBOLS="$out/Module.symvers" modules >&2 ||
		die "examples/driver against $kdir failed"
	exec {lock}>&-
	printf '%s\n' "$out"
}

# vm_ifregctl ROOT CTLDIR: ifregctl and its test helpers, built in CTLDIR
# (tools/ifregctl, by vm_build_ifregctl), and libifreg's test programs
# and example,
# into ROOT/usr/bin with the libraries they need (libmnl is not in the
# base): libifreg, built in tools/libifreg, goes to /usr/lib, where the
# loader looks.
vm_ifregctl() {
	local root=$1 dir=$2 bins=()
	bins=("$dir/ifregctl" "$dir/tests/jsonflat" "$dir/tests/runas" "$dir/tests/nlfuzz" "$dir/tests/nlprobe" "$dir/tests/storefuzz" "$dir/tests/nstime"
		"$VM_TREE_LIBS/tests/libtest" "$VM_TREE_LIBS/tests/followtest" "$VM_TREE_LIBS/examples/ifreg-wait")
	mkdir -p "$root/usr/bin" "$root/usr/lib"
	cp "${bins[@]}" "$root/usr/bin/"
	cp -L "$VM_TREE_LIBS/libifreg.so.1" "$root/usr/lib/"
	# Preloaded, not run (test-failnth.sh).
	cp "$dir/tests/failnth.so" "$root/usr/lib/"
	vm_copy_libs "$root" "${bins[@]}" "$dir/tests/failnth.so"
}

# vm_build_ifregctl: build libifreg, then ifregctl and its test helpers
# and libifreg's test programs, from the working tree; prints the
# directory holding ifregctl's.
vm_build_ifregctl() {
	bash "$IFREG_TOP/tools/libifreg/build.sh" || exit 1
	bash "$IFREG_TOP/tools/ifregctl/build.sh" all test-helpers || exit 1
	make -C "$IFREG_TOP/tools/libifreg/tests" >&2 || exit 1
	make -C "$IFREG_TOP/tools/libifreg/examples" LIBIFREG=tree >&2 || exit 1
	printf '%s\n' "$IFREG_TOP/tools/ifregctl"
}

# vm_test_wanted SCRIPT [SERIES]: whether the guest script SCRIPT
# (test-NAME.sh in scripts/guest) is to run in a VM of SERIES: all of them,
# unless IFREG_VM_TESTS lists some (NAME or test-NAME, separated by spaces)
# to run alone while working on them, and unless the script names the
# series it is for on a line `# ifreg-vm-series: SERIES...` (test-failnth.sh
# needs the debug kernel's fault injection). A script with a line
# `# ifreg-vm-on-request` runs only when IFREG_VM_TESTS names it.
vm_test_wanted() {
	local n=${1##*/} series=${2:-} only
	n=${n%.sh}
	if [[ " ${IFREG_VM_TESTS:-} " != *" $n "* && " ${IFREG_VM_TESTS:-} " != *" ${n#test-} "* ]]; then
		[ -z "${IFREG_VM_TESTS:-}" ] || return 1
		! grep -qx '# ifreg-vm-on-request' "$VM_GUEST/$n.sh" || return 1
	fi
	[ -n "$series" ] || return 0
	only=$(sed -n 's/^# ifreg-vm-series: //p' "$VM_GUEST/$n.sh")
	[ -z "$only" ] || [[ " $only " == *" $series "* ]]
}

# vm_layer OUT KODIR MODE [CTLDIR [SERIES]]: the per-run initramfs layer:
# the module, the guest scripts (those for SERIES, vm_test_wanted) and
# rules, ifregctl when CTLDIR names its build (vm_ifregctl), and what the
# guest should do (test or demo). The kernel
# unpacks it over the base.
vm_layer() {
	local out=$1 kodir=$2 mode=$3 ctldir=${4:-} series=${5:-} tmp lock
	tmp=$(mktemp -d "$IFREG_CACHE/.layer.XXXXXX")
	mkdir -p "$tmp/ifreg/tests" "$tmp/etc/udev/rules.d"
	cp "$VM_GUEST/init" "$tmp/init"
	for f in "$VM_GUEST"/*.sh; do
		case ${f##*/} in
		test-*) ! vm_test_wanted "$f" "$series" || cp "$f" "$tmp/ifreg/tests/" ;;
		*) cp "$f" "$tmp/ifreg/" ;;
		esac
	done
	cp "$VM_GUEST"/rules.d/*.rules "$tmp/etc/udev/rules.d/"
	# The rules file ifreg ships, as users install it.
	cp "$IFREG_TOP/udev/90-ifreg.rules" "$tmp/etc/udev/rules.d/"
	# Every module the build made (ifreg, and samples when built), flat,
	# never while a build from the same tree rewrites them.
	exec {lock}>"$kodir.lock"
	flock -s "$lock"
	find "$kodir" -name '*.ko' -exec cp {} "$tmp/ifreg/" \;
	exec {lock}>&-
	printf '%s\n' "$mode" >"$tmp/ifreg/mode"
	[ -z "$ctldir" ] || vm_ifregctl "$tmp" "$ctldir"
	chmod 0755 "$tmp/init" "$tmp/ifreg"/*.sh "$tmp/ifreg/tests"/*.sh
	vm_cpio "$tmp" "$out"
	rm -rf "$tmp"
}

# vm_disk IMAGE: a fresh 16 MiB ext4 image for the guest's /mnt/store,
# made without root or loop devices (mke2fs -d fills it from a directory).
# It holds `run-id`, naming this disk, so the guest can tell a fresh disk
# from one it wrote before.
vm_disk() {
	local img=$1 tmp
	tmp=$(mktemp -d "$IFREG_CACHE/.disk.XXXXXX")
	printf '%s %s\n' "$(date -u +%Y%m%dT%H%M%SZ)" "$(od -An -tx1 -N8 /dev/urandom | tr -d ' \n')" >"$tmp/run-id"
	rm -f "$img"
	truncate -s 16M "$img"
	PATH=$PATH:/usr/sbin:/sbin mke2fs -q -F -t ext4 -L ifreg-store -d "$tmp" "$img" ||
		{ rm -rf "$tmp"; die "mke2fs of $img failed"; }
	rm -rf "$tmp"
}

# vm_parted_disk IMG: an 8 MiB raw disk with an MBR partition table of
# two Linux partitions (1 MiB at sector 2048, 2 MiB at 4096), written
# byte by byte: no partitioning tool needed.
vm_parted_disk() {
	local img=$1
	rm -f "$img"
	truncate -s 8M "$img"
	# Entries at 446: status, CHS, type 0x83, CHS, first LBA, sectors
	# (little-endian); the signature 55 aa at 510.
	printf '\000\000\000\000\203\000\000\000\000\010\000\000\000\010\000\000' |
		dd of="$img" bs=1 seek=446 conv=notrunc status=none
	printf '\000\000\000\000\203\000\000\000\000\020\000\000\000\020\000\000' |
		dd of="$img" bs=1 seek=462 conv=notrunc status=none
	printf '\125\252' | dd of="$img" bs=1 seek=510 conv=notrunc status=none
}

# vm_timeout SERIES: how long a boot of SERIES may take, in seconds.
vm_timeout() {
	if vm_is_debug "$1"; then
		echo "$VM_DEBUG_TIMEOUT"
	else
		echo "$VM_TIMEOUT"
	fi
}

# vm_boot BASEDIR LAYER RUNDIR [DISK [BOOT]]: boot once; the console goes
# to RUNDIR/console.log, the guest's result channel (its second serial
# port, which carries no kernel messages) to RUNDIR/channel.log. DISK, a
# raw image (vm_disk), is attached as virtio-blk; BOOT (default 1) tells
# the guest which boot of the run this is. Returns qemu's status, 124 on
# timeout (vm_timeout). `timeout -k`: a wedged TCG qemu may ignore TERM. A
# debug kernel boots with VM_DEBUG_SMP CPUs and VM_DEBUG_MEM, its built-in netdev
# drivers told on the command line not to add dummy0 and bond0 behind a
# test's back, KASAN told to report every bad access, not the first, and
# the console spared the info messages (DEBUG_KOBJECT_RELEASE prints one
# per kobject, and a serial console under TCG is slow); every report is
# of a higher level, and dmesg still has them all. PCI interrupts are routed
# without ACPI: under KASAN and lockdep, TCG runs the firmware's _PRT
# method so slowly that ACPI gives up on it after 30 s, twice.
vm_boot() {
	local base=$1 layer=$2 run=$3 disk=${4:-} boot=${5:-1} rc=0 drive=()
	local smp=1 mem=$VM_MEM append= series extra=()
	series=$(cat "$base/series" 2>/dev/null || true)
	if vm_is_debug "$series"; then
		smp=$VM_DEBUG_SMP
		mem=$VM_DEBUG_MEM
		append="dummy.numdummies=0 bonding.max_bonds=0 kasan_multi_shot loglevel=6 pci=noacpi"
	fi
	# A caller's own (scripts/bench.sh): qemu arguments, split at spaces,
	# and words for the kernel command line the guest may read.
	# shellcheck disable=SC2206 # split on purpose
	extra=(${IFREG_VM_QEMU_ARGS:-})
	append="$append${IFREG_VM_APPEND:+ $IFREG_VM_APPEND}"
	# After the NIC, so the NIC keeps its PCI slot with or without it.
	# shellcheck disable=SC2054 # qemu options hold commas
	[ -z "$disk" ] || drive=(-drive "file=$disk,format=raw,if=none,id=store"
		-device virtio-blk-pci,drive=store)
	# The machine's devices the publisher of native devices is tested
	# on (VM_DEVICES=1), after the store disk, so that one stays vda:
	# a partitioned virtio disk, an IDE CD-ROM drive with no disc, a
	# USB keyboard and mouse on the PIIX's UHCI controller. Their
	# drivers are modules the tests load (VM_DEVICE_KMODS); a debug
	# kernel has none of them.
	if [ -n "${VM_DEVICES:-}" ] && ! vm_is_debug "$series"; then
		vm_parted_disk "$run/parted.img"
		# shellcheck disable=SC2054 # qemu options hold commas
		drive+=(-drive "file=$run/parted.img,format=raw,if=none,id=parted"
			-device virtio-blk-pci,drive=parted
			-drive if=none,id=cd,media=cdrom -device ide-cd,drive=cd
			-usb -device usb-kbd -device usb-mouse)
	fi
	cat "$base/base.cpio" "$layer" >"$run/initrd.cpio"
	: >"$run/console.log"
	: >"$run/channel.log"
	timeout -k 10 "$(vm_timeout "$series")" qemu-system-x86_64 \
		-accel tcg -machine pc -cpu max -smp "$smp" -m "$mem" \
		-nographic -monitor none -no-reboot \
		-kernel "$base/kernel" -initrd "$run/initrd.cpio" \
		-append "console=ttyS0,115200 panic=-1 oops=panic ifregvm.boot=$boot${append:+ ${append# }}" \
		-serial "file:$run/console.log" -serial "file:$run/channel.log" \
		-netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0 \
		"${drive[@]}" "${extra[@]}" </dev/null >"$run/qemu.log" 2>&1 || rc=$?
	# The base's copy: dead weight once booted.
	rm -f "$run/initrd.cpio"
	return "$rc"
}

# vm_bad_lines CONSOLE [SERIES]: the console lines that mean the kernel
# misbehaved (in a kcsan boot, of races ifreg takes part in).
vm_bad_lines() {
	if [ "${2:-}" = kcsan ]; then
		tr -d '\r' <"$1" | vm_kcsan_ours
	else
		tr -d '\r' <"$1"
	fi | grep -E "$VM_BAD_RE" || true
}

# vm_kcsan_ours: the console on stdin without KCSAN's reports of races
# in which no ifreg code takes part (its frames say "[ifreg]" or
# "[ifreg_sample]"): those are the kernel's own, found because KCSAN
# watches all of it. Reports are framed by lines of "=" signs; other
# framed reports (KASAN's) are kept.
vm_kcsan_ours() {
	awk '
	/^=+$/ {
		if (inblk) {
			if (ours || !kcsan) printf "%s%s\n", blk, $0
			inblk = 0
			next
		}
		inblk = 1; blk = $0 "\n"; ours = 0; kcsan = 0
		next
	}
	inblk {
		blk = blk $0 "\n"
		if (/BUG: KCSAN:/) kcsan = 1
		if (/\[ifreg/) ours = 1
		next
	}
	{ print }
	END { if (inblk) printf "%s", blk }'
}
