# SPDX-License-Identifier: GPL-2.0
# The image of `make boottest` (scripts/boottest.sh): a Debian 6.12 kernel
# under qemu whose initramfs is a small system with Debian's systemd as
# PID 1, not the busybox init of `make vmtest`. The base, cached by
# content, holds the archive's systemd, libsystemd-shared, udev, kmod
# (modprobe), mount and busybox (the test's shell), the host libraries ldd
# names for them, and the virtio and ext4 modules as a module tree
# systemd-modules-load loads early, so the store disk at /var/lib/ifreg is
# mounted before udev's coldplug, as a disk the initramfs found would be;
# a second disk, at /srv, is one only the coldplug brings.
# The per-run layer installs ifreg as a distribution would: ifreg.ko in
# /lib/modules/<release>/updates with the tree's depmod run again,
# ifregctl in /usr/sbin with libifreg, the rules and the units in /usr/lib
# (their ifregctl path rewritten as `make install-tools PREFIX=/usr` does)
# enabled by the archive's own `systemctl --root enable`, and the test's
# unit, which runs scripts/guest/boottest.sh at the end of boot.
# Sourced after lib.sh and vm.sh, never run.

# The archive's packages the base is made of.
BOOT_DEBS="systemd libsystemd-shared udev kmod mount busybox"
# Loaded by systemd-modules-load before udev's coldplug: the store disk's
# driver and filesystem (crc32c first: ext4 finds it through the crypto
# API, which modules.dep does not say).
BOOT_EARLY_KMODS="virtio_pci virtio_blk crc32c_generic ext4"
# The drivers of a second disk, on the PIIX's IDE: only udev's coldplug
# loads them (by modalias), as it would a disk the initramfs did not need.
BOOT_LATE_KMODS="ata_piix sd_mod"
# Units that cannot work in this image (no D-Bus, no getty, no hwdb
# sources, no /var/log) and would only slow a TCG boot down.
BOOT_MASK="systemd-logind.service getty.target systemd-hwdb-update.service
systemd-ask-password-wall.path systemd-update-utmp.service
systemd-update-utmp-runlevel.service systemd-journal-catalog-update.service
systemd-random-seed.service"

# boot_shared_dir: the unpacked libsystemd-shared's library directory.
boot_shared_dir() {
	printf '%s\n' "$(deb_unpack libsystemd-shared)/usr/lib/x86_64-linux-gnu/systemd"
}

# boot_ldd BIN...: ldd with the archive's libsystemd-shared (the host's,
# when it has one, may be another version), and this tree's libraries.
boot_ldd() {
	LD_LIBRARY_PATH=$(boot_shared_dir):$VM_TREE_LIBS ldd "$@"
}

# boot_host_libs BIN...: the host libraries BIN needs, with the loader
# (not libsystemd-shared's nor this tree's: the base and the layer take
# those from where they are made).
boot_host_libs() {
	local out
	out=$(boot_ldd "$@" 2>&1 || true)
	! grep -q 'not found' <<<"$out" ||
		die "ldd: missing libraries: $(grep 'not found' <<<"$out" | sort -u | tr -d '\t' | tr '\n' ' ')"
	grep -v ':$' <<<"$out" | grep -o '/[^ ]*' |
		grep -vF -e "$(boot_shared_dir)/" -e "$VM_TREE_LIBS/" -e "$IFREG_CACHE/" | sort -u
}

# boot_copy_libs ROOT BIN...: boot_host_libs into ROOT.
boot_copy_libs() {
	local root=$1 lib libs
	shift
	libs=$(boot_host_libs "$@") || exit 1
	for lib in $libs; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# boot_elves DIR...: the ELF programs and libraries under DIR.
boot_elves() {
	find "$@" -type f \( -perm -u+x -o -name '*.so*' \) -exec sh -c \
		'for f; do [ "$(head -c4 "$f" | od -An -c | tr -d " ")" = 177ELF ] && echo "$f"; done' _ {} + | sort
}

# boot_prepare VMBASE: the cached systemd base for the kernel of VMBASE
# (vm_prepare's directory for 6.12, whose kernel it shares); prints its
# directory: `kernel`, `base.cpio`, `kver`, `series` (what vm_boot reads)
# and `modules/`, the module tree, for the layer's depmod. Keyed by the
# kernel's base, the packages' versions, the host libraries copied and
# the code of the functions that make it.
boot_prepare() {
	local vmbase=$1 kver img imgdir p d key dir tmp root lock a bb elves=()
	declare -A deb=()
	kver=$(cat "$vmbase/kver")
	img=$(kernel_image_pkg "$(cat "$vmbase/series")") || exit 1
	imgdir=$(deb_unpack "$img") || exit 1
	for p in $BOOT_DEBS; do
		deb[$p]=$(deb_unpack "$p") || exit 1
	done
	key=$({ printf '%s\n' "$vmbase" "$imgdir" "${deb[@]}" "$BOOT_EARLY_KMODS" "$BOOT_LATE_KMODS" \
			"$BOOT_MASK" "${IFREG_BOOT_LATE_TIMEOUT:-}"
		mapfile -t elves < <(boot_elves "${deb[@]}")
		boot_host_libs "${elves[@]}" | xargs -r sha256sum
		declare -f boot_prepare boot_shared_dir boot_ldd boot_host_libs boot_copy_libs boot_elves vm_kmod_tree \
			vm_depmod vm_kmod_deps vm_kmod_plain vm_cpio
	} | sha256sum | cut -c1-12)
	dir=$IFREG_CACHE/vm/boot-$kver-$key
	mkdir -p "$IFREG_CACHE/vm"
	exec {lock}>"$IFREG_CACHE/vm/.boot-$kver.lock"
	flock "$lock"
	if [ ! -f "$dir/base.cpio" ]; then
		say "preparing the systemd VM base ($kver)"
		tmp=$(mktemp -d "$IFREG_CACHE/.boot.XXXXXX")
		root=$tmp/root
		mkdir -p "$root"
		printf '%s\n' "$kver" >"$tmp/kver"
		cat "$vmbase/series" >"$tmp/series"
		ln -f "$vmbase/kernel" "$tmp/kernel" 2>/dev/null || cp "$vmbase/kernel" "$tmp/kernel"
		# The packages as dpkg would lay them out, without their
		# documentation; udev's hwdb sources are left out too (nothing
		# here compiles them).
		for p in $BOOT_DEBS; do
			[ "$p" = busybox ] && continue
			(cd "${deb[$p]}" && find . -mindepth 1 \( -path ./usr/share/doc -o -path ./usr/share/man \
				-o -path ./usr/share/locale -o -path ./usr/share/zsh -o -path ./usr/share/bash-completion \
				-o -path ./lib/udev/hwdb.d -o -path ./usr/share/lintian \) -prune -o -print |
				cpio --quiet -pdm "$root")
		done
		# busybox for the test's shell and tools, but no applet where a
		# package has the real program, and none that would be init or
		# would power off behind systemd's back.
		bb=${deb[busybox]}/bin/busybox
		mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
		cp "$bb" "$root/bin/busybox"
		for a in $("$bb" --list); do
			case $a in init | linuxrc | poweroff | halt | reboot | mount | umount | modprobe | \
				insmod | rmmod | lsmod | depmod | modinfo) continue ;;
			esac
			for d in bin sbin usr/bin usr/sbin; do
				if [ -e "$root/$d/$a" ] || [ -L "$root/$d/$a" ]; then
					continue 2
				fi
			done
			ln -s busybox "$root/bin/$a"
		done
		# PID 1 (the kernel runs /init of an initramfs), as systemd-sysv
		# would link it.
		ln -s /lib/systemd/systemd "$root/sbin/init"
		ln -s /lib/systemd/systemd "$root/init"
		# libsystemd-shared where the programs' RUNPATH looks, then
		# every other library their ldd names.
		mapfile -t elves < <(boot_elves "${deb[@]}")
		boot_copy_libs "$root" "${elves[@]}"

		mkdir -p "$root"/{dev,proc,sys,run,tmp,root,var/lib,var/log,etc/modules-load.d,etc/systemd/system,etc/systemd/system.conf.d}
		ln -s /run "$root/var/run"
		ln -s /run/lock "$root/var/lock"
		printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
		printf 'root:x:0:\n' >"$root/etc/group"
		# A fixed machine ID: not a first boot, so no presets are
		# applied over the units this image enables.
		printf 'f1e9a0b2c3d4e5f60718293a4b5c6d7e\n' >"$root/etc/machine-id"
		printf 'PRETTY_NAME="ifreg boot test"\nID=debian\n' >"$root/etc/os-release"
		printf '127.0.0.1 localhost\n' >"$root/etc/hosts"
		printf 'ifreg-boot\n' >"$root/etc/hostname"
		# The store disk the host attaches (vm_disk), not checked (no
		# fsck here); TCG beside other VMs is slow, so the device may
		# take longer than systemd's default 90 s to show up.
		printf '/dev/vda /var/lib/ifreg ext4 defaults,x-systemd.device-timeout=600s 0 0\n' >"$root/etc/fstab"
		# A local filesystem on the disk only the coldplug brings
		# (BOOT_LATE_KMODS): local-fs.target waits for it, which
		# must not hold the coldplug up. Its device shows up within
		# seconds of the coldplug, but a unit that waits for
		# local-fs.target before the coldplug waits for this timeout.
		printf '/dev/sda /srv ext4 defaults,x-systemd.device-timeout=%s 0 0\n' \
			"${IFREG_BOOT_LATE_TIMEOUT:-300s}" >>"$root/etc/fstab"
		# shellcheck disable=SC2086 # a list of names
		printf '%s\n' $BOOT_EARLY_KMODS >"$root/etc/modules-load.d/ifreg-boot.conf"
		printf '[Manager]\nDefaultTimeoutStartSec=600s\nDefaultTimeoutStopSec=300s\n' \
			>"$root/etc/systemd/system.conf.d/ifreg-boot.conf"
		ln -sf multi-user.target "$root/etc/systemd/system/default.target"
		for p in $BOOT_MASK; do
			ln -s /dev/null "$root/etc/systemd/system/$p"
		done
		# The NIC's and the second disk's drivers too, for udev to
		# load at coldplug.
		# shellcheck disable=SC2086 # a list of names
		vm_kmod_tree "$root" "$imgdir" "$kver" $BOOT_EARLY_KMODS virtio_net $BOOT_LATE_KMODS
		cp -a "$root/lib/modules" "$tmp/modules"
		vm_cpio "$root" "$tmp/base.cpio"
		rm -rf "$root"
		find "$IFREG_CACHE/vm" -maxdepth 1 -name "boot-$kver-????????????" \
			-mmin +60 -exec rm -rf {} +
		mv "$tmp" "$dir"
	fi
	touch "$dir"
	exec {lock}>&-
	printf '%s\n' "$dir"
}

# boot_layer OUT BASE KODIR CTLDIR: the per-run layer over BASE: ifreg
# installed and its units enabled as a distribution would, and the test.
boot_layer() {
	local out=$1 base=$2 kodir=$3 ctldir=$4 kver tmp root work u lock
	kver=$(cat "$base/kver")
	tmp=$(mktemp -d "$IFREG_CACHE/.bootlayer.XXXXXX")
	root=$tmp/root
	mkdir -p "$root/lib/modules/$kver/updates" "$root/usr/sbin" "$root/usr/lib/systemd/system" \
		"$root/usr/lib/udev/rules.d" "$root/etc/systemd/system" "$root/ifreg"
	exec {lock}>"$kodir.lock"
	flock -s "$lock"
	cp "$kodir/ifreg.ko" "$root/lib/modules/$kver/updates/"
	exec {lock}>&-
	# depmod over the base's tree with ifreg added; its indexes replace
	# the base's when the layer is unpacked over it.
	work=$tmp/depmod
	mkdir -p "$work/lib/modules"
	cp -al "$base/modules/$kver" "$work/lib/modules/$kver"
	mkdir -p "$work/lib/modules/$kver/updates"
	cp "$root/lib/modules/$kver/updates/ifreg.ko" "$work/lib/modules/$kver/updates/"
	depmod -b "$work" "$kver" || die "depmod with ifreg.ko failed"
	cp "$work/lib/modules/$kver"/modules.* "$root/lib/modules/$kver/"
	rm -rf "$work"
	install -m 0755 "$ctldir/ifregctl" "$root/usr/sbin/ifregctl"
	cp -L "$VM_TREE_LIBS/libifreg.so.1" "$root/usr/lib/"
	boot_copy_libs "$root" "$ctldir/ifregctl"
	install -m 0644 "$IFREG_TOP/udev/90-ifreg.rules" "$root/usr/lib/udev/rules.d/"
	for u in ifreg-restore.service ifreg-save.service; do
		sed 's|/usr/local/sbin/ifregctl|/usr/sbin/ifregctl|g' "$IFREG_TOP/systemd/$u" \
			>"$root/usr/lib/systemd/system/$u"
	done
	# The test, started once the system is up.
	install -m 0755 "$VM_GUEST/boottest.sh" "$root/ifreg/boottest.sh"
	install -m 0644 "$VM_GUEST/lib.sh" "$root/ifreg/lib.sh"
	cat >"$root/etc/systemd/system/ifreg-boottest.service" <<-'EOF'
	[Unit]
	Description=ifreg boot test: check the units, then power off
	After=multi-user.target ifreg-save.service

	[Service]
	Type=oneshot
	ExecStart=/ifreg/boottest.sh
	StandardOutput=journal+console
	TimeoutStartSec=infinity

	[Install]
	WantedBy=multi-user.target
	EOF
	# Enabled by the archive's systemctl, from their [Install] sections,
	# into the layer's /etc.
	LD_LIBRARY_PATH=$(boot_shared_dir) "$(deb_unpack systemd)/bin/systemctl" --root="$root" \
		enable ifreg-restore.service ifreg-save.service ifreg-boottest.service >&2 ||
		die "systemctl --root enable failed"
	vm_cpio "$root" "$out"
	rm -rf "$tmp"
}
