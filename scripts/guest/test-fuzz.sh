#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The netlink family under fuzzing (tools/ifregctl/tests/nlfuzz.c: every
# command, template and garbage attributes, bad lengths, missing NULs,
# nested junk, do and dump flags at random), as root and as an
# unprivileged user, with the sample driver's interfaces and the NIC's
# registration in place. Afterwards: the module still works; what the
# unprivileged messages did changed nothing (every dump is the same) and
# left no kernel memory behind (unreclaimable slab back within a margin);
# the module unloads and loads again; dmesg is clean.

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

SAMPLE_KO=/ifreg/ifreg_sample.ko
NEW='{1fc0a6b2-3d4e-4f50-8a61-72837495a6c8}'
T=/run/fuzz-test
NOBODY=65534
# Messages per run, each as root and as the unprivileged user.
N=${IFREG_FUZZ_COUNT:-100000}
# kB of unreclaimable slab the unprivileged run may leave: a leak of one
# small object per message (N of them) is well above it.
SLAB_MARGIN=2048

plan load root-fuzz root-still-works unpriv-fuzz unpriv-changed-nothing unpriv-no-slab-left reload dmesg-clean

mkdir -p "$T"
vm_devices
check load "insmod ifreg and the sample failed" sh -c "insmod $IFREG_KO && insmod $SAMPLE_KO"
settle

# state FILE: every dump an unprivileged user may read, as JSON.
state() {
	{
		ifregctl --json list --all
		ifregctl --json classes
		ifregctl --json ndis
		ifregctl --json luid
	} >"$1" 2>&1
}

# sunreclaim: unreclaimable slab, kB, after RCU-freed objects went.
sunreclaim() {
	sleep 1
	echo 3 >/proc/sys/vm/drop_caches
	awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo
}

# fuzzed OUT: nlfuzz sent all N messages and the kernel refused some and
# answered some dumps (a fuzzer that reaches nothing fails).
fuzzed() {
	awk -v n="$N" '/^sent / { gsub(",", ""); ok = $2 == n && $6 > 0 && $8 > 0 }
		END { exit !ok }' "$1"
}

nlfuzz "$N" 1 >"$T/root.out" 2>&1
check root-fuzz "nlfuzz as root: $(cat "$T/root.out")" fuzzed "$T/root.out"

# Whatever root's messages changed, the family still does its job.
works() {
	l=$(ifregctl register "$nic_dev" "$NEW") &&
	ifregctl enable "$l" && ifregctl list --class "$NEW" | grep -qF "$l" &&
	ifregctl disable "$l" && ifregctl remove "$l"
}
check root-still-works "register, enable, list, disable, remove on $nic_dev after root's fuzzing" works

state "$T/before"
s0=$(sunreclaim)
runas "$NOBODY" nlfuzz "$N" 2 >"$T/user.out" 2>&1
check unpriv-fuzz "nlfuzz as user $NOBODY: $(cat "$T/user.out")" fuzzed "$T/user.out"
state "$T/after"
s1=$(sunreclaim)
check unpriv-changed-nothing "the dumps differ after the unprivileged run:
$(diff "$T/before" "$T/after" | head -n 20)" cmp -s "$T/before" "$T/after"
check unpriv-no-slab-left "unreclaimable slab went from $s0 kB to $s1 kB over $N unprivileged messages" \
	[ $((s1 - s0)) -lt "$SLAB_MARGIN" ]

check reload "rmmod and insmod of ifreg after fuzzing" sh -c \
	"rmmod ifreg_sample && rmmod ifreg && insmod $IFREG_KO && rmmod ifreg"
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
