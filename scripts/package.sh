#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make package: the Debian packages and the DKMS source, on the host but
# installing nothing of ifreg there. From a copy of the tree (uncommitted
# changes included; the repository stays clean) dpkg-buildpackage -b
# builds ifreg-dkms, ifregctl, libifreg1 and libifreg-dev; each .deb's file
# list is printed (`dpkg-deb -c`), its key files checked, a program built
# and run against the unpacked library, and lintian must report no error.
# make dkms-install DESTDIR= must copy what the package has in /usr/src,
# and make dkms-uninstall take it back. Then dkms builds the module from
# the ifreg-dkms package's /usr/src against each Debian kernel's cached
# headers (--kernelsourcedir), with scratch dkms, source and install trees
# and a scratch MOK key: the module must be built, carry VERSION, be
# signed by the DKMS key and install to updates/dkms; /var/lib/dkms,
# /lib/modules and /usr/src must be as they were.
# Documentation/install.rst says what the packages install.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

# dkms signs with openssl's key; modinfo is kmod's; the rest builds the
# packages (debian/control's Build-Depends) and checks them.
host_need dpkg-dev debhelper dh-dkms dkms bash-completion fakeroot lintian \
	build-essential libmnl-dev pkgconf rsync kmod openssl gcc-12

stage=$IFREG_CACHE/stage/pkg-$IFREG_TREE
status=0
ok() { result PASS "pkg/$1"; }
ko() { result FAIL "pkg/$1"; shift; [ $# -eq 0 ] || printf '  %s\n' "$@" >&2; status=1; }
# timed LOG STEP CMD...: CMD with its output in LOG, and its time said.
timed() {
	local log=$1 step=$2 t=$SECONDS rc
	shift 2
	"$@" >"$log" 2>&1
	rc=$?
	say "$step: $((SECONDS - t)) s"
	return $rc
}

version=$(cat "$IFREG_TOP/VERSION" 2>/dev/null)
[ -n "$version" ] || die "no VERSION file"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)

# The package's version is VERSION's: dh_dkms names /usr/src/ifreg-<it>.
cl_version=$(dpkg-parsechangelog -l "$IFREG_TOP/debian/changelog" -S Version)
if [ "$cl_version" = "$version" ]; then
	ok version
else
	ko version "debian/changelog says $cl_version, VERSION $version"
fi

# What dkms and dpkg leave on the host; compared at the end.
host_state() {
	find /var/lib/dkms /lib/modules /usr/src -maxdepth 4 \
		-printf '%p %y %s %T@\n' 2>/dev/null | sort
}
before=$(host_state)

rm -rf "$stage"
mkdir -p "$stage/src"
src=$stage/src/ifreg-$version
# The tree as git sees it (tracked and new files, none it ignores: no
# build products); a tree without git is copied without them.
if git -C "$IFREG_TOP" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$IFREG_TOP" && git ls-files -co --exclude-standard -z) |
		rsync -a --from0 --ignore-missing-args --files-from=- "$IFREG_TOP/" "$src/"
else
	rsync -a --exclude=.git --exclude='*.o' --exclude='*.ko' --exclude='*.so*' \
		--exclude='.*.cmd' --exclude='*.mod*' --exclude=Module.symvers \
		--exclude=modules.order "$IFREG_TOP/" "$src/"
fi

# --- the packages -----------------------------------------------------
packages=(ifreg-dkms ifregctl libifreg1 libifreg-dev)
deb_of() {
	case $1 in
	ifreg-dkms) echo "$stage/src/${1}_${version}_all.deb" ;;
	*) echo "$stage/src/${1}_${version}_$arch.deb" ;;
	esac
}
build_log=$stage/dpkg-buildpackage.log
if (cd "$src" && timed "$build_log" dpkg-buildpackage dpkg-buildpackage -b -us -uc); then
	ok build
else
	tail -n 60 "$build_log" >&2
	ko build "dpkg-buildpackage -b -us -uc failed (log: $build_log)"
fi
for p in "${packages[@]}"; do
	deb=$(deb_of "$p")
	if [ -f "$deb" ]; then
		ok "build/$p"
		say "files of $p ($(basename "$deb")):"
		dpkg-deb -c "$deb" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print "  " $0 }' >&2
		mkdir -p "$stage/root/$p"
		dpkg-deb -x "$deb" "$stage/root/$p"
		dpkg-deb -e "$deb" "$stage/root/$p/DEBIAN"
	else
		ko "build/$p" "no $deb"
	fi
done

# has PKG FILE...: PKG's .deb holds each FILE (a path in the package).
has() {
	local p=$1 f rc=0
	shift
	[ -d "$stage/root/$p" ] || { printf '  %s was not built\n' "$p" >&2; return 1; }
	for f in "$@"; do
		[ -e "$stage/root/$p/$f" ] || [ -L "$stage/root/$p/$f" ] ||
			{ printf '  %s lacks %s\n' "$p" "$f" >&2; rc=1; }
	done
	return $rc
}
depends() { sed -n 's/^Depends: //p' "$stage/root/$1/DEBIAN/control" 2>/dev/null; }
# expect WHAT CMD...: CMD must succeed, else WHAT is said and the
# package's result (verdict NAME) fails.
wrong=()
expect() {
	local what=$1
	shift
	"$@" >/dev/null || wrong+=("$what")
}
verdict() {
	if [ ${#wrong[@]} -eq 0 ]; then ok "$1"; else ko "$1" "${wrong[@]}"; fi
	wrong=()
}
not() { ! "$@"; }

# ifreg-dkms: the module's sources (no build products) and a dkms.conf of
# this version, registered with dkms on install and removed before removal.
r=$stage/root/ifreg-dkms
d=usr/src/ifreg-$version
expect "files missing" has ifreg-dkms "$d/dkms.conf" "$d/Kbuild" "$d/VERSION" \
	"$d/src/main.c" "$d/src/compat.h" "$d/include/ifreg/ifreg.h" "$d/include/uapi/linux/ifreg.h"
expect "dkms.conf: no PACKAGE_VERSION=\"$version\"" grep -qx "PACKAGE_VERSION=\"$version\"" "$r/$d/dkms.conf"
expect "dkms.conf: not to /updates/dkms" grep -qx 'DEST_MODULE_LOCATION\[0\]="/updates/dkms"' "$r/$d/dkms.conf"
expect "dkms.conf: no AUTOINSTALL" grep -qx 'AUTOINSTALL="yes"' "$r/$d/dkms.conf"
expect "build products in /usr/src" not grep -q . <(find "$r/usr/src" -name '*.o' -o -name '*.ko' -o -name '.*.cmd')
expect "postinst does not run dkms" grep -q 'common.postinst' "$r/DEBIAN/postinst"
expect "prerm does not dkms remove" grep -q "dkms remove -m \$DKMS_NAME -v \$DKMS_VERSION --all" "$r/DEBIAN/prerm"
expect "does not depend on dkms" grep -q dkms <(depends ifreg-dkms)
verdict files/ifreg-dkms

# ifregctl: the tool, its page and completion, the rules, and the units
# naming /usr/sbin/ifregctl, enabled (not started) by its postinst.
r=$stage/root/ifregctl
u=$r/lib/systemd/system
expect "files missing" has ifregctl usr/sbin/ifregctl usr/share/man/man8/ifregctl.8.gz \
	usr/share/bash-completion/completions/ifregctl lib/udev/rules.d/90-ifreg.rules \
	lib/systemd/system/ifreg-restore.service lib/systemd/system/ifreg-save.service
expect "a unit names /usr/local" not grep -q '^[^#]*/usr/local' "$u/ifreg-restore.service" "$u/ifreg-save.service"
expect "restore unit: not /usr/sbin/ifregctl" grep -q '^ExecStart=/usr/sbin/ifregctl restore ' "$u/ifreg-restore.service"
expect "save unit: not /usr/sbin/ifregctl" grep -q '^ExecStop=/usr/sbin/ifregctl save ' "$u/ifreg-save.service"
expect "rules differ from udev/90-ifreg.rules" cmp -s "$r/lib/udev/rules.d/90-ifreg.rules" "$IFREG_TOP/udev/90-ifreg.rules"
expect "postinst does not enable ifreg-restore" grep -q "deb-systemd-helper enable 'ifreg-restore.service'" "$r/DEBIAN/postinst"
expect "postinst does not enable ifreg-save" grep -q "deb-systemd-helper enable 'ifreg-save.service'" "$r/DEBIAN/postinst"
expect "postinst starts a unit" not grep -q 'deb-systemd-invoke' "$r/DEBIAN/postinst"
expect "does not depend on libifreg1 >= $version" grep -qF "libifreg1 (>= $version)" <(depends ifregctl)
verdict files/ifregctl

# libifreg1 and libifreg-dev: the library with its symbols file; the
# header, link, pkg-config file and pages.
expect "libifreg1: files missing" has libifreg1 "usr/lib/$multiarch/libifreg.so.1" \
	"usr/lib/$multiarch/libifreg.so.1.0.0" DEBIAN/symbols DEBIAN/shlibs
expect "libifreg-dev: files missing" has libifreg-dev usr/include/ifreg/libifreg.h \
	"usr/lib/$multiarch/libifreg.so" "usr/lib/$multiarch/pkgconfig/libifreg.pc" \
	usr/share/man/man3/libifreg.3.gz usr/share/man/man3/ifreg_ctx_open.3.gz
expect "libifreg.so does not point to libifreg.so.1" \
	test "$(readlink "$stage/root/libifreg-dev/usr/lib/$multiarch/libifreg.so")" = libifreg.so.1
expect "libifreg-dev does not depend on libifreg1 = $version" \
	grep -qF "libifreg1 (= $version)" <(depends libifreg-dev)
verdict files/libifreg

# The packages work together, unpacked side by side (no dpkg -i): a
# program builds with libifreg-dev's pkg-config file and runs on
# libifreg1's library, and so does ifregctl, both of this version.
use=$stage/root/all
mkdir -p "$use"
for p in libifreg1 libifreg-dev ifregctl; do
	[ -d "$stage/root/$p" ] && rsync -a --exclude=DEBIAN "$stage/root/$p/" "$use/"
done
cat >"$stage/prog.c" <<'EOF'
#include <stdio.h>
#include <ifreg/libifreg.h>

int main(void)
{
	struct ifreg_ctx *ctx;
	int ret = ifreg_ctx_open(&ctx);

	if (!ret)
		ifreg_ctx_close(ctx);
	printf("ifreg_ctx_open: %d\n", ret);
	return 0;
}
EOF
# shellcheck disable=SC2086 # pkg-config's flags are words
if flags=$(PKG_CONFIG_SYSROOT_DIR=$use PKG_CONFIG_LIBDIR=$use/usr/lib/$multiarch/pkgconfig:$(pkg-config --variable pc_path pkg-config) \
		pkg-config --cflags --libs libifreg 2>&1) &&
   out=$(gcc -Wall -Werror -o "$stage/prog" "$stage/prog.c" $flags 2>&1) &&
   out=$(LD_LIBRARY_PATH=$use/usr/lib/$multiarch "$stage/prog" 2>&1) &&
   out=$(LD_LIBRARY_PATH=$use/usr/lib/$multiarch "$use/usr/sbin/ifregctl" --version 2>&1) &&
   grep -qx "ifregctl $version" <<<"$out" && grep -qx "libifreg $version" <<<"$out" &&
   ldd_out=$(LD_LIBRARY_PATH=$use/usr/lib/$multiarch ldd "$use/usr/sbin/ifregctl") &&
   grep -q "libifreg.so.1 => $use/usr/lib/$multiarch/libifreg.so.1" <<<"$ldd_out"; then
	ok use/libifreg-dev
else
	ko use/libifreg-dev "pkg-config: ${flags:-}" "${out:-}"
fi

# lintian: every tag it has, printed; an error fails.
changes=$stage/src/ifreg_${version}_$arch.changes
if [ -f "$changes" ]; then
	timed "$stage/lintian.log" lintian lintian --pedantic --display-info "$changes"
	lint=$(grep -v '^running with root privileges' "$stage/lintian.log")
	say "lintian --pedantic -I: $(grep -c '^[EWIPX]:' <<<"$lint" || true) tags"
	grep '^[EWIPX]:' <<<"$lint" | sed 's/^/  /' >&2
	if grep -q '^E:' <<<"$lint"; then
		ko lintian "lintian reports errors (E: above)"
	else
		ok lintian
	fi
else
	ko lintian "no $changes"
fi

# --- DKMS -------------------------------------------------------------
# make dkms-install's tree is the package's /usr/src, file for file.
dk_make=$stage/dkms-make
if make -s -C "$src" dkms-install DESTDIR="$dk_make" >"$stage/dkms-install.log" 2>&1 &&
   [ -d "$stage/root/ifreg-dkms/usr/src" ] &&
   diff -r "$dk_make/usr/src" "$stage/root/ifreg-dkms/usr/src" >&2; then
	ok dkms-install
else
	cat "$stage/dkms-install.log" >&2
	ko dkms-install "make dkms-install DESTDIR=... differs from ifreg-dkms's /usr/src"
fi
# make dkms-uninstall takes back all that (a copy: the tree stays for dkms).
rsync -a "$dk_make/" "$stage/dkms-unmake/"
if make -s -C "$src" dkms-uninstall DESTDIR="$stage/dkms-unmake" >"$stage/dkms-uninstall.log" 2>&1 &&
   [ -z "$(ls -A "$stage/dkms-unmake/usr/src")" ]; then
	ok dkms-uninstall
else
	cat "$stage/dkms-uninstall.log" >&2
	find "$stage/dkms-unmake" >&2
	ko dkms-uninstall "make dkms-uninstall DESTDIR=... left files"
fi

# The source dkms builds: the package's, or make dkms-install's without one.
dk_src=$stage/root/ifreg-dkms/usr/src
[ -f "$dk_src/ifreg-$version/dkms.conf" ] || dk_src=$dk_make/usr/src
for s in $IFREG_SERIES; do
	kdir=$(kernel_headers "$s")
	rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
	w=$stage/dkms-$s
	mkdir -p "$w/tree" "$w/inst/$rel" "$w/key"
	dkms_args=(ifreg/"$version" --dkmstree "$w/tree" --sourcetree "$dk_src"
		--installtree "$w/inst" --kernelsourcedir "$kdir" -k "$rel")
	# The key dkms makes and signs with, and the kernel's sign-file, are
	# the scratch ones (framework.conf's names them on a real system).
	export sign_file=$kdir/scripts/sign-file
	export mok_signing_key=$w/key/mok.key mok_certificate=$w/key/mok.pub
	if timed "$w/build.log" "dkms build $rel" dkms build "${dkms_args[@]}"; then
		ok "dkms/$s/build"
	else
		cat "$w/build.log" >&2
		find "$w/tree" -name make.log -exec tail -n 40 {} \; >&2
		ko "dkms/$s/build" "dkms build against $kdir failed"
		unset sign_file mok_signing_key mok_certificate
		continue
	fi
	ko_file=$w/tree/ifreg/$version/$rel/$(uname -m)/module/ifreg.ko
	if [ -f "$ko_file" ] &&
	   [ "$(modinfo -F vermagic "$ko_file" | cut -d' ' -f1)" = "$rel" ]; then
		ok "dkms/$s/module"
	else
		ko "dkms/$s/module" "no ifreg.ko for $rel in $w/tree"
	fi
	mv=$(modinfo -F version "$ko_file" 2>/dev/null)
	if [ "$mv" = "$version" ]; then
		ok "dkms/$s/version"
	else
		ko "dkms/$s/version" "modinfo -F version says '$mv', VERSION $version"
	fi
	# What the user enrolls (Documentation/install.rst, "Secure Boot").
	signer=$(modinfo -F signer "$ko_file" 2>/dev/null)
	if [ "$signer" = "DKMS module signing key" ] && [ -s "$w/key/mok.pub" ] &&
	   openssl x509 -inform DER -in "$w/key/mok.pub" -noout -subject 2>/dev/null |
		grep -q 'CN *= *DKMS module signing key'; then
		ok "dkms/$s/signed"
	else
		grep -i -e sign -e key "$w/build.log" >&2
		ko "dkms/$s/signed" "module signer '$signer', not the DKMS key"
	fi
	if timed "$w/install.log" "dkms install $rel" dkms install "${dkms_args[@]}" --no-depmod &&
	   [ -f "$w/inst/$rel/updates/dkms/ifreg.ko" ] &&
	   dkms status -m ifreg -v "$version" --dkmstree "$w/tree" --installtree "$w/inst" |
		grep -q "ifreg/$version, $rel, .*: installed$"; then
		ok "dkms/$s/install"
	else
		cat "$w/install.log" >&2
		ko "dkms/$s/install" "not installed to $w/inst/$rel/updates/dkms"
	fi
	unset sign_file mok_signing_key mok_certificate
done

after=$(host_state)
if [ "$before" = "$after" ]; then
	ok host-untouched
else
	diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") >&2
	ko host-untouched "/var/lib/dkms, /lib/modules or /usr/src changed"
fi

exit $status
