# SPDX-License-Identifier: GPL-2.0
# Sourced by every scripts/guest/test-*.sh inside the VM (busybox sh). Gives
# the result lines the host counts: `plan` names every test up front so
# the host can fail the ones a dying guest never reached, `pass`/`fail`
# print `PASS <script>/<test>` / `FAIL <script>/<test>` (`skip`, `SKIP ...`:
# what this kernel cannot show, never what failed), and the helpers the
# tests share. Names are prefixed with the script's name (test-load.sh ->
# load/) so scripts cannot collide.

IFREG_T=${0##*/}
IFREG_T=${IFREG_T%.sh}
IFREG_T=${IFREG_T#test-}
# shellcheck disable=SC2034 # for the test scripts
IFREG_KO=/ifreg/ifreg.ko
# For the scripts that count every registration there is: ifreg with its
# publisher of the machine's own devices off (test-native.sh tests it).
# shellcheck disable=SC2034 # for the test scripts
NO_NATIVE=publish=none
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

# skip NAME WHY: NAME cannot be tested on this kernel (it lacks what the test
# reads); the host counts it skipped, neither passed nor failed.
skip() {
	echo "SKIP $IFREG_T/$1"
	printf '%s\n' "$2" | sed "s|^|# $IFREG_T/$1: |"
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

# subscribed PID [PROTOCOL]: wait until process PID has a netlink socket of
# PROTOCOL (16, generic netlink, by default; 15 for uevents) in a group,
# as /proc/PID/net/netlink shows it (PID's network namespace, the first 32
# groups), and say whether it did: 30 s at most, for the debug kernel
# beside other VMs can take seconds to start a program.
subscribed() {
	local i=0
	while [ $i -lt 300 ]; do
		awk -v p="$1" -v e="${2:-16}" '$2 == e && $3 == p && $4 != "00000000" { f = 1 }
			END { exit !f }' "/proc/$1/net/netlink" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
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

# idx_of KEY VALUE FILE: N of the line "[N].KEY=VALUE" of jsonflat output,
# compared as strings (VALUE may hold backslashes, braces, question marks).
idx_of() {
	L="$1=$2" awk 'match($0, /^\[[0-9]+\]\./) {
		if (substr($0, RLENGTH + 1) == ENVIRON["L"]) { print substr($0, 2, RLENGTH - 3); exit }
	}' "$3"
}

# dmesg_bad: kernel log lines that mean something went wrong.
dmesg_bad() {
	dmesg | grep -E 'WARNING:|BUG:|cut here|Oops|Call Trace|UBSAN|KASAN|refcount_t:|list_(add|del) corruption'
}

# crc32 [-s] FILE [STATE]: CRC-32 (IEEE 802.3, as zlib's crc32) of FILE's
# bytes, in lowercase hex; after STATE, of the bytes STATE was made of and
# FILE's. With -s, the running state instead, for a later STATE. Stores are
# ASCII text, so awk sees every byte.
crc32() {
	local raw=
	[ "$1" != -s ] || { raw=1; shift; }
	awk -v start="${2:-4294967295}" -v raw="$raw" 'BEGIN {
		for (i = 0; i < 256; i++) {
			c = i
			for (k = 0; k < 8; k++)
				c = and(c, 1) ? xor(rshift(c, 1), 3988292384) : rshift(c, 1)
			tab[i] = c
		}
		for (i = 1; i < 128; i++)
			ord[sprintf("%c", i)] = i
		crc = start + 0
	}
	{
		s = $0 "\n"
		for (p = 1; p <= length(s); p++)
			crc = xor(tab[and(xor(crc, ord[substr(s, p, 1)]), 255)], rshift(crc, 8))
	}
	END {
		if (raw) {
			printf "%.0f\n", crc
			exit
		}
		crc = xor(crc, 4294967295)
		printf "%04x%04x\n", int(crc / 65536), crc % 65536
	}' "$1"
}

# finish: the script's status, nonzero if any test failed.
finish() {
	exit "$IFREG_FAILED"
}
