#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make boottest: ifreg's systemd units run by a real systemd. Boots
# Debian's 6.12 kernel under qemu (TCG) four times with Debian's systemd
# as PID 1 (the image of scripts/boot.sh: ifreg, ifregctl, its rules and
# its units installed and enabled as a distribution would) and the same
# ext4 store disk at /var/lib/ifreg; scripts/guest/boottest.sh checks each
# boot from inside and powers off with systemctl, the host reads the store
# off the disk between boots (debugfs):
#
#   boot 1, empty disk: ifreg-restore skipped, ifreg-save armed; the test
#           registers; at poweroff ifreg-save writes the store
#           (save-at-poweroff, read by the host).
#   boot 2: ifreg-restore ran before udev's coldplug and brought it all
#           back; the save at this poweroff keeps what boot 2 added.
#   then the host corrupts the store on the disk;
#   boot 3: ifreg-restore failed, ifreg-save never started, and after the
#           poweroff the corrupt store is byte for byte what the host
#           wrote (refused-store-kept).
#   boot 4: refused again; the test moves the store aside and starts
#           ifreg-save, as its unit file says to, and the save at this
#           poweroff writes a new store beside the refused one.
#
# Each boot also yields its own results: it came up, ran the test and
# powered off cleanly, and its console shows no oops, BUG or WARNING.
# A boot that dies, hangs or stays silent yields FAILs, never fewer
# results. Results are boot/systemd/<name>; exits 0 only if all passed.
# The 6.12 kernel only: the units do not depend on the kernel's version,
# and 6.12 is the newer of the two series the module is built for.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
. "$IFREG_TOP/scripts/vm.sh"
. "$IFREG_TOP/scripts/boot.sh"

SERIES=6.12
# A systemd boot under TCG took about a minute on an idle 2-core machine;
# the timeout only catches a wedged guest.
VM_TIMEOUT=${IFREG_BOOT_TIMEOUT:-900}
# The guest's results, boot by boot: each must be reported once.
declare -A PLAN=(
	[1]="units-loaded coldplug-disk-mounted restore-skipped-first-boot save-armed registered"
	[2]="restore-ran restore-before-coldplug save-armed-after-restore restored-state"
	[3]="restore-refused save-not-started"
	[4]="restore-refused-again save-rearmed")
CLASS='{6d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e}'

vm_host_tools
# The libraries the archive's libsystemd-shared links, which the guest's
# systemd needs (the library itself comes from the archive's deb).
host_need libsystemd-shared
apt_update_once
PATH=$PATH:/usr/sbin:/sbin

failed=0
ok() { result PASS "boot/systemd/$1"; }
fail() { result FAIL "boot/systemd/$1"; failed=1; }
# check NAME WHY CMD...: PASS when CMD succeeds, else FAIL and WHY.
check() {
	local n=$1 why=$2
	shift 2
	if "$@"; then
		ok "$n"
	else
		fail "$n"
		printf '%s\n' "$why" | sed 's/^/ifreg: boottest: /' >&2
	fi
}

# in_child FUNC ARGS...: a vm.sh or boot.sh function in a fresh bash, with
# set -e in force (see scripts/vmtest.sh).
in_child() {
	IFREG_APT_UPDATE='' bash -c 'set -euo pipefail; . "$1/scripts/lib.sh"; . "$1/scripts/vm.sh"
		. "$1/scripts/boot.sh"; shift; "$@"' _ "$IFREG_TOP" "$@"
}

mkdir -p "$IFREG_CACHE/vm/runs"
find "$IFREG_CACHE/vm/runs" -mindepth 1 -maxdepth 1 -type d -name 'boot.??????' \
	-mmin +1440 -exec rm -rf {} +
run=$(mktemp -d "$IFREG_CACHE/vm/runs/boot.XXXXXX")
[ -L "$IFREG_CACHE/vm/runs/boot" ] || rm -rf "$IFREG_CACHE/vm/runs/boot"
ln -sfn "${run##*/}" "$IFREG_CACHE/vm/runs/boot"
img=$run/store.img
# The second disk, at /srv, on the IDE controller whose driver only the
# coldplug loads (scripts/boot.sh).
# shellcheck disable=SC2054 # qemu options hold commas
IFREG_VM_QEMU_ARGS="-drive file=$run/late.img,format=raw,if=ide,index=0,media=disk"

t0=$SECONDS
if ! ko=$(in_child vm_build_ko "$SERIES") || ! ctldir=$(in_child vm_build_ifregctl) ||
   ! vmbase=$(in_child vm_prepare "$SERIES") || ! base=$(in_child boot_prepare "$vmbase") ||
   ! in_child boot_layer "$run/layer.cpio" "$base" "$ko" "$ctldir" || ! in_child vm_disk "$img" ||
   ! in_child vm_disk "$run/late.img"; then
	fail image
	die "boottest: no image to boot"
fi
say "boottest: image ready in $((SECONDS - t0)) s: base $(du -h "$base/base.cpio" | cut -f1), layer $(du -h "$run/layer.cpio" | cut -f1), disk $(du -h --apparent-size "$img" | cut -f1)"

# disk_cat PATH: a file of the store disk, as the host reads it.
disk_cat() { debugfs -R "cat /$1" "$img" 2>/dev/null; }

# boot B: boot B of the disk, then its own results and the guest's
# (scripts/guest/boottest.sh's NAME is boot/systemd/NAME here).
boot() {
	local b=$1 dir=$run/boot$1 rc=0 t chan bad n name kind
	local -A seen=()
	mkdir -p "$dir"
	say "boottest: boot $b ($(cat "$base/kver")), timeout ${VM_TIMEOUT}s"
	t=$SECONDS
	vm_boot "$base" "$run/layer.cpio" "$dir" "$img" "$b" || rc=$?
	t=$((SECONDS - t))
	chan=$(tr -d '\r' <"$dir/channel.log")
	bad=$(vm_bad_lines "$dir/console.log")
	say "boottest: boot $b: qemu exit $rc in $t s, test started at $(sed -n 's/^IFREG-UPTIME //p' <<<"$chan") s of uptime"
	while read -r kind name; do
		name=${name#boottest/}
		if [ -n "${seen[$name]:-}" ]; then
			fail "$name" # reported twice
			continue
		fi
		seen[$name]=1
		if [ "$kind" = PASS ]; then ok "$name"; else fail "$name"; fi
	done < <(grep -E '^(PASS|FAIL) ' <<<"$chan" || true)
	for n in ${PLAN[$b]}; do
		[ -n "${seen[$n]:-}" ] || fail "$n"
	done
	# Up, tested, and powered off by systemd, not killed.
	check "boot$b" "boot $b: qemu exit $rc; the guest said:
$(grep -v -E '^(PASS|FAIL) ' <<<"$chan")
console: $dir/console.log" \
		sh -c 'grep -qx "IFREG-BOOTTEST-DONE $2" "$1/channel.log" && [ "$3" = 0 ] &&
			grep -q "reboot: Power down" "$1/console.log"' - "$dir" "$b" "$rc"
	check "boot$b-console-clean" "boot $b: bad console lines:
$bad" [ -z "$bad" ]
	# systemd breaks an ordering cycle by dropping a job, and goes on.
	check "boot$b-no-ordering-cycle" "boot $b: $(grep -a 'ordering cycle' "$dir/console.log" | head -n 10)" \
		sh -c '! grep -aq "ordering cycle" "$1"' - "$dir/console.log"
	grep '^# ' <<<"$chan" | sed "s/^/ifreg: boottest: boot $b: /" >&2 || true
}

# saved WHAT GREP...: the store on the disk is one ifregctl wrote (its
# header and end line) holding boot 1's registration, value and index,
# and a line matching each GREP.
saved() {
	local s link idx g
	s=$(disk_cat store) || return 1
	link=$(disk_cat boottest-expect | sed -n 1p)
	idx=$(disk_cat boottest-expect | sed -n 2p)
	[ -n "$link" ] && [ -n "$idx" ] &&
	[ "$(head -n1 <<<"$s")" = 'ifreg-store 1' ] &&
	tail -n1 <<<"$s" | grep -q '^end [0-9]* [0-9a-fA-F]\{8\}$' &&
	grep -qF "interface $CLASS " <<<"$s" && grep -qF "$link" <<<"$s" &&
	grep -q '^value .* FriendlyName ' <<<"$s" && grep -q "^luid 4242 $idx " <<<"$s" || return 1
	for g; do
		grep -q "$g" <<<"$s" || return 1
	done
}
store_why() {
	printf 'the store on the disk:\n%s\nboot 1 expected:\n%s\n' \
		"$(disk_cat store | head -c 3000)" "$(disk_cat boottest-expect)"
}

boot 1
check save-at-poweroff "$(store_why)" saved

boot 2
check save-at-poweroff-after-restore "$(store_why)" saved '^value .* Boot2 '

# A store restore refuses: the saved one with its CRC changed (or, when
# there is none, one with no end line), written onto the disk.
disk_cat store >"$run/saved.store" || true
if [ -s "$run/saved.store" ]; then
	crc=$(tail -n1 "$run/saved.store" | cut -d' ' -f3)
	if [ "$crc" = 00000000 ]; then new=ffffffff; else new=00000000; fi
	sed "\$s/ $crc\$/ $new/" "$run/saved.store" >"$run/corrupt.store"
else
	printf 'ifreg-store 1\n' >"$run/corrupt.store"
fi
debugfs -w -R "rm /store" "$img" >/dev/null 2>&1 || true
(cd "$run" && debugfs -w -R "write corrupt.store store" "$img" >/dev/null 2>&1)
check corrupt-written "debugfs could not write the corrupt store" \
	cmp -s <(disk_cat store) "$run/corrupt.store"

boot 3
check refused-store-kept "the store after boot 3 is not the one written before it:
$(diff <(disk_cat store) "$run/corrupt.store" | head -n 20)" \
	cmp -s <(disk_cat store) "$run/corrupt.store"

boot 4
# A store ifregctl wrote (header, end line), beside the refused one.
rearmed() {
	local s
	s=$(disk_cat store) && [ "$(head -n1 <<<"$s")" = 'ifreg-store 1' ] &&
	tail -n1 <<<"$s" | grep -q '^end [0-9]* [0-9a-fA-F]\{8\}$' &&
	cmp -s <(disk_cat store.refused) "$run/corrupt.store"
}
check rearmed-save-at-poweroff "after boot 4, store:
$(disk_cat store | head -c 2000)
store.refused:
$(disk_cat store.refused | head -c 300)" rearmed

say "boottest: logs in $run; $((SECONDS - t0)) s in all"
[ "$failed" = 0 ] || die "boottest failed"
say "boottest: all passed"
