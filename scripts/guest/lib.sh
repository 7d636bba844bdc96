# SPDX-License-Identifier: GPL-2.0
# Sourced by every scripts/guest/test-*.sh inside the VM (busybox sh). Gives
# the result lines the host counts: `plan` names every test up front so
# the host can fail the ones a dying guest never reached, `pass`/`fail`
# print `PASS <script>/<test>` / `FAIL <script>/<test>`, and the helpers the
# tests share. Names are prefixed with the script's name (test-load.sh ->
# load/) so scripts cannot collide.

IFREG_T=${0##*/}
IFREG_T=${IFREG_T%.sh}
IFREG_T=${IFREG_T#test-}
# shellcheck disable=SC2034 # for the test scripts
IFREG_KO=/ifreg/ifreg.ko
IFREG_FAILED=0

# plan NAME...: the tests this script will report, each exactly once. The
# host also reads the plan from the script's source, so write it as one
# literal line starting with `plan `.
plan() {
	local n
	for n in "$@"; do
		echo "PLAN $IFREG_T/$n"
	done
}

pass() { echo "PASS $IFREG_T/$1"; }

# fail NAME [WHY]: the reason goes on a comment line the host shows.
fail() {
	echo "FAIL $IFREG_T/$1"
	[ -z "${2:-}" ] || printf '%s\n' "$2" | sed "s|^|# $IFREG_T/$1: |"
	IFREG_FAILED=1
}

# check NAME WHY CMD...: pass if CMD succeeds; on failure what CMD printed
# goes to the host too. CMD runs in a subshell: it cannot set variables.
check() {
	local n="$1" why="$2" out
	shift 2
	if out=$("$@" 2>&1); then
		pass "$n"
	else
		fail "$n" "$why"
		[ -z "$out" ] || printf '%s\n' "$out" | sed "s|^|# $IFREG_T/$n: |"
	fi
}

# settle: wait until udevd has run every rule for every queued event.
settle() {
	udevadm settle --timeout=60 || echo "# udevadm settle timed out"
}

# vm_devices: the VM's real devices: $nic, the virtio NIC's netdev (found
# by its driver); $nic_dev and $tty_dev, the sysfs paths of the NIC's device
# and of the serial port's (ttyS0's parent, or ttyS0 itself without one).
vm_devices() {
	local d drv
	nic=
	for d in /sys/class/net/*; do
		drv=$(readlink "$d/device/driver" 2>/dev/null)
		[ "${drv##*/}" = virtio_net ] && nic=${d##*/}
	done
	nic_dev=$(realpath "/sys/class/net/$nic/device" 2>/dev/null)
	if [ -e /sys/class/tty/ttyS0/device ]; then
		tty_dev=$(realpath /sys/class/tty/ttyS0/device)
	else
		tty_dev=$(realpath /sys/class/tty/ttyS0)
	fi
}

# dmesg_bad: kernel log lines that mean something went wrong.
dmesg_bad() {
	dmesg | grep -E 'WARNING:|BUG:|cut here|Oops|Call Trace|UBSAN|KASAN|refcount_t:|list_(add|del) corruption'
}

# finish: the script's status, nonzero if any test failed.
finish() {
	exit "$IFREG_FAILED"
}
