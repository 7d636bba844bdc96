#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: builds ifreg and ifregctl for Debian's 6.12 kernel, boots
# that kernel under qemu with a real systemd-udevd and a store disk, and
# prints a readable transcript of scripts/guest/demo.sh: the machine's
# devices in their Windows classes, published by ifreg itself; ifregctl
# registering and enabling interfaces on the VM's NIC and serial port, a
# udev rule on their class and `ifregctl monitor` seeing them arrive, the
# registry and NDIS views, then save, unload, load and restore. Boot noise
# stays in the console log; the transcript comes from the guest's second
# serial port. Needs no terminal and ends by itself.
set -euo pipefail

. "$(dirname "$0")/lib.sh"
. "$IFREG_TOP/scripts/vm.sh"

series=${IFREG_DEMO_SERIES:-6.12}
vm_host_tools
# The machine's devices the publisher shows (vm_boot).
VM_DEVICES=1

ko=$(vm_build_ko "$series" CONFIG_IFREG_SAMPLE=m)
base=$(vm_prepare "$series")
run=$IFREG_CACHE/vm/runs/demo-$series
rm -rf "$run"
mkdir -p "$run"
ctldir=$(vm_build_ifregctl)
vm_layer "$run/layer.cpio" "$ko" demo "$ctldir"
vm_disk "$run/store.img"

say "booting Debian's $(cat "$base/kver") under qemu (TCG, about 10 s)"
rc=0
: >"$run/channel.log"
vm_boot "$base" "$run/layer.cpio" "$run" "$run/store.img" &
qemu=$!
# Stream the transcript as the guest writes it; drop the protocol lines
# and the serial line's carriage returns.
tail -n +1 -s 0.3 -f --pid="$qemu" "$run/channel.log" |
	tr -d '\r' | grep --line-buffered -v '^IFREG-' || true
wait "$qemu" || rc=$?

bad=$(vm_bad_lines "$run/console.log")
if [ "$rc" != 0 ] || [ -n "$bad" ] || ! tr -d '\r' <"$run/channel.log" | grep -qx 'IFREG-DONE'; then
	[ "$rc" = 124 ] && say "qemu killed after ${VM_TIMEOUT}s"
	[ -z "$bad" ] || { say "bad console lines:"; printf '%s\n' "$bad" >&2; }
	die "the demo did not run to its end; console log: $run/console.log"
fi
say "done; the full console log is $run/console.log"
