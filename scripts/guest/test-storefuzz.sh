#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The store fuzzer: mutations of a saved store (storefuzz mutate) are
# refused whole or applied whole, never in part. The module is loaded with
# small caps so that a store's records reach them by their sum. A rich
# state (registrations bound and waiting, values, properties, a default,
# LUID indexes plain, reserved and used by netdevs) is saved; then, for as
# many mutations as fit in STOREFUZZ_SECONDS (60), with the full state
# snapshotted before each: `restore --check M` and `restore M` agree; a
# refused restore left the state byte-identical; an accepted one left
# every record of M in the registry (saved again, `storefuzz contains`).
# Every fifth mutation is also restored as an unprivileged user: refused,
# nothing changed. A violation names its seed and the seeds restored since
# the state was last reset, which replay it. Then the cases the fuzzer
# found, each a store crafted to hit one rule.

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

T=/run/storefuzz-test
NEW='{6d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e}'
WAIT='{0badc1a5-0000-4000-8000-0000000000aa}'
PK='{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}:5'
NOBODY=65534
SECONDS_MAX=${STOREFUZZ_SECONDS:-60}
# The caps, small enough for a store's records to reach them together.
CAPS="max_instances=40 max_instances_per_class=24 max_classes=10 max_store_entries=12 max_ndis_interfaces=24 max_luid_indexes=48"

plan setup save-base fuzz-verdicts-agree fuzz-refused-unchanged fuzz-accepted-whole fuzz-unpriv-refused luid-key-of-kernel luid-index-of-netdev luid-key-twice luid-index-kept-for-key instances-over-cap entries-over-cap luid-indexes-over-cap entry-bytes-over-cap luid-plain-before-move dmesg-clean

mkdir -p "$T"
chmod 0755 "$T"

# rc CMD...: CMD's exit status, its output in $T/out and $T/err.
rc() {
	"$@" >"$T/out" 2>"$T/err"
	echo $?
}

# snap: the whole state, byte for byte: registrations (with their PDO and
# state), classes, LUID indexes (also kept in $T/kluids, for storefuzz),
# and every persistent entry, default and reservation (a save).
snap() {
	ifregctl --json list --all
	ifregctl --json classes
	ifregctl luid list | tee "$T/kluids"
	ifregctl save "$T/snap.store" && cat "$T/snap.store"
}

# reset: the module loaded afresh with the caps, and the base store
# restored (the state every mutation is tried on).
reset() {
	rmmod ifreg 2>/dev/null
	# shellcheck disable=SC2086 # one parameter a word
	insmod "$IFREG_KO" $NO_NATIVE $CAPS && settle &&
	ifregctl restore "$T/base.store" >/dev/null
}

[ ! -e /sys/module/ifreg ] || rmmod ifreg
# shellcheck disable=SC2086 # one parameter a word
insmod "$IFREG_KO" $NO_NATIVE $CAPS
settle
vm_devices
for d in fz0 fz1 fz2; do
	[ -e "/sys/class/net/$d" ] || ip link add "$d" type dummy
done
setup_ok() {
	nic_link=$(ifregctl register "$nic_dev" "$NEW") &&
	tty_link=$(ifregctl register "$tty_dev" "$NEW" fuzzref) &&
	ifregctl enable "$nic_link" && ifregctl enable "$tty_link" &&
	ifregctl set-default "$tty_link" &&
	ifregctl prop "$nic_link" set FriendlyName --persistent --string 'Front NIC' &&
	ifregctl prop "$nic_link" set "$PK" --type 7 --persistent --u32 42 &&
	ifregctl prop "$tty_link" set 'My Name' --persistent --string 'a b%c' &&
	ifregctl prop "$tty_link" set Blob --persistent --hex 00ff25200a7e &&
	a=$(ifregctl luid alloc 4242) && ifregctl luid alloc 4242 >/dev/null &&
	ifregctl luid free 4242 "$a" &&
	ifregctl save "$T/first.store" &&
	# A registration waiting for a device not there, with a value, and
	# a reservation for a netdev not there.
	{
		cat "$T/first.store"
		echo "interface $WAIT STOREFUZZ\\wait0 - /sys/devices/platform/storefuzz.9 \\??\\STOREFUZZ#wait0#$WAIT"
		echo "value \\??\\STOREFUZZ#wait0#$WAIT Waiting 2a"
		echo "luid 6 77 /devices/virtual/net/fzgone"
	} >"$T/edit.store" &&
	storefuzz seal "$T/edit.store" "$T/base0.store" &&
	ifregctl restore "$T/base0.store" >/dev/null
}
check setup "building the state: $(ifregctl list --all 2>&1; ifregctl luid list 2>&1)" setup_ok
settle

base_ok() {
	ifregctl save "$T/base.store" && reset &&
	[ "$(grep -c '^interface ' "$T/base.store")" = 3 ] &&
	grep -q '^luid 6 77 /devices/virtual/net/fzgone$' "$T/base.store" &&
	grep -q '^luid 4242 ' "$T/base.store" && grep -q '^default ' "$T/base.store"
}
check save-base "saving or restoring the base store: $(cat "$T/base.store" 2>&1)" base_ok

# ---- the fuzzer ----

# One mutation, SEED: $bad_verdict, $bad_refused, $bad_accepted and
# $bad_unpriv get the first violation of each kind.
# $cur: the snapshot of the state now, when known (a refused restore left
# it so), else empty: each mutation takes one snapshot less.
since= cur=
one() {
	local seed=$1 before after c r u why
	before=${cur:-$(snap)}
	cur=
	storefuzz mutate "$seed" "$T/base.store" "$T/m" "$T/kluids" >"$T/what" || {
		bad_verdict=${bad_verdict:-"seed $seed: storefuzz mutate failed"}
		return
	}
	since="$since $seed"
	c=$(rc ifregctl restore --check "$T/m")
	cp "$T/err" "$T/check.err"
	r=$(rc ifregctl restore "$T/m")
	why="seed $seed ($(cat "$T/what")); replay: reset, then restore the mutations of seeds$since"
	if [ "$([ "$c" = 0 ]; echo $?)" != "$([ "$r" = 0 ]; echo $?)" ]; then
		[ -n "$bad_verdict" ] || bad_verdict="$why
restore --check: exit $c, $(head -c 600 "$T/check.err")
restore: exit $r, $(head -c 600 "$T/err")"
	fi
	if [ "$r" != 0 ]; then
		refused=$((refused + 1))
		after=$(snap)
		if [ "$before" != "$after" ]; then
			[ -n "$bad_refused" ] || bad_refused="$why
restore: exit $r, $(head -c 600 "$T/err")
changed: $(printf '%s\n' "$before" >"$T/b"; printf '%s\n' "$after" >"$T/a"; diff "$T/b" "$T/a" | head -n 12)"
			reset
			since=
		else
			cur=$after
		fi
	else
		accepted=$((accepted + 1))
		if ! ifregctl save "$T/saved.store" 2>"$T/save.err" ||
		   ! storefuzz contains "$T/m" "$T/saved.store" >"$T/contains" 2>&1; then
			[ -n "$bad_accepted" ] || bad_accepted="$why
$(cat "$T/save.err" "$T/contains")"
		fi
	fi
	if [ $((n % 5)) = 0 ]; then
		cp "$T/m" "$T/mu" && chmod 0644 "$T/mu"
		before=${cur:-$(snap)}
		u=$(rc runas $NOBODY ifregctl restore "$T/mu")
		cur=$(snap)
		if [ "$u" = 0 ] || [ "$cur" != "$before" ]; then
			[ -n "$bad_unpriv" ] || bad_unpriv="$why
as uid $NOBODY: exit $u, $(head -c 600 "$T/err")"
		fi
		unpriv=$((unpriv + 1))
	fi
	# Back to the base state now and then: accepted stores add to it.
	if [ "$r" = 0 ] && [ $((accepted % 6)) = 0 ]; then
		reset
		since= cur=
	fi
}

bad_verdict= bad_refused= bad_accepted= bad_unpriv=
n=0 accepted=0 refused=0 unpriv=0
seed0=${STOREFUZZ_SEED:-$(($(date +%s) % 100000 * 1000))}
start=$(date +%s)
while [ $(($(date +%s) - start)) -lt "$SECONDS_MAX" ]; do
	n=$((n + 1))
	one $((seed0 + n))
done
secs=$(($(date +%s) - start))
echo "# storefuzz: $n mutations in ${secs} s (seeds $((seed0 + 1))..$((seed0 + n))): $accepted applied, $refused refused, $unpriv tried unprivileged"
if [ -z "$bad_verdict" ]; then pass fuzz-verdicts-agree; else fail fuzz-verdicts-agree "$bad_verdict"; fi
if [ -z "$bad_refused" ]; then pass fuzz-refused-unchanged; else fail fuzz-refused-unchanged "$bad_refused"; fi
if [ -z "$bad_accepted" ]; then pass fuzz-accepted-whole; else fail fuzz-accepted-whole "$bad_accepted"; fi
if [ -z "$bad_unpriv" ]; then pass fuzz-unpriv-refused; else fail fuzz-unpriv-refused "$bad_unpriv"; fi

# ---- the cases found ----

# refused_whole NAME [DROP]: the base store without its lines matching
# the regex DROP, with the lines of $T/add added, is refused by `restore
# --check` and by `restore` (exit 4, nothing was restored), and the state
# is as it was.
refused_whole() {
	local name=$1 before c r
	reset
	{ grep -v -e "${2:-^$}" "$T/base.store"; cat "$T/add"; } >"$T/case.edit"
	storefuzz seal "$T/case.edit" "$T/case.store"
	before=$(snap)
	c=$(rc ifregctl restore --check "$T/case.store")
	cp "$T/err" "$T/case.check.err"
	r=$(rc ifregctl restore "$T/case.store")
	if [ "$c" = 4 ] && [ "$r" = 4 ] && grep -q 'refused; nothing was restored' "$T/err" &&
	   [ "$(snap)" = "$before" ]; then
		pass "$name"
	else
		fail "$name" "restore --check: exit $c, $(cat "$T/case.check.err")
restore: exit $r, $(cat "$T/err")
state changed: $([ "$(snap)" = "$before" ] && echo no || echo yes)"
	fi
}

reset
# A netdev's key at another index; the index a netdev has, without key.
key=$(ifregctl luid list | sed -n 's/^iftype 6 .* key \(.*fz1\)$/\1/p' | head -n1)
idx=$(ifregctl luid list | awk '$1 == "iftype" && $2 == 6 && $NF ~ /\/fz2$/ { print $4; exit }')
echo "luid 6 1000 ${key:-/devices/virtual/net/fz1}" >"$T/add"
refused_whole luid-key-of-kernel
echo "luid 6 ${idx:-2} -" >"$T/add"
refused_whole luid-index-of-netdev "/fz2$"
# Two records of the store, one key at two indexes.
printf '%s\n' "luid 6 1001 /devices/virtual/net/fztwice" "luid 6 1002 /devices/virtual/net/fztwice" >"$T/add"
refused_whole luid-key-twice
# The index the kernel keeps for a key (the base's 77), plainly.
echo "luid 6 77 -" >"$T/add"
refused_whole luid-index-kept-for-key "^luid 6 77 "

# The caps, reached only by the records' sum: 23 new instances of a class
# the base has 2 of (max_instances_per_class=24), 11 values on an instance
# that has 2 (max_store_entries=12), 48 LUID indexes (max_luid_indexes=48).
awk -v c="$NEW" 'BEGIN {
	for (i = 0; i < 23; i++)
		printf "interface %s STOREFUZZ\\cap%d - - \\??\\STOREFUZZ#cap%d#%s\n", c, i, i, c
}' >"$T/add"
refused_whole instances-over-cap
nic_link=$(awk -v c="$NEW" '$1 == "interface" && $2 == c && $5 != "-" { print $6; exit }' "$T/base.store")
i=0
while [ $i -lt 11 ]; do
	printf 'value %s Cap%d 2a\n' "$nic_link" $i
	i=$((i + 1))
done >"$T/add"
refused_whole entries-over-cap
awk 'BEGIN { for (i = 1; i <= 48; i++) printf "luid 4243 %d -\n", i }' >"$T/add"
refused_whole luid-indexes-over-cap
# 9 values of 4096 bytes on an instance: over its store's 32768 bytes.
hex=$(head -c 4096 /dev/zero | od -An -v -tx1 | tr -d ' \n')
i=0
while [ $i -lt 9 ]; do
	printf 'value %s Big%d %s\n' "$nic_link" $i "$hex"
	i=$((i + 1))
done >"$T/add"
refused_whole entry-bytes-over-cap

# A reservation moving a netdev without one (fz3) off its index gives it
# the next fresh index; a plain record of the same store asking for that
# one, after it in the file, is applied first, so the two pass together.
reset
ip link add fz3 type dummy
x=$(ifregctl luid list | awk '$1 == "iftype" && $2 == 6 && $NF ~ /\/fz3$/ { print $4; exit }')
{ grep -v -e "/fz3$" "$T/base.store"
  echo "luid 6 ${x:-9} /devices/virtual/net/fzmove"
  echo "luid 6 $((${x:-9} + 1)) -"; } >"$T/case.edit"
storefuzz seal "$T/case.edit" "$T/case.store"
c=$(rc ifregctl restore --check "$T/case.store")
cp "$T/err" "$T/case.check.err"
r=$(rc ifregctl restore "$T/case.store")
ifregctl save "$T/saved.store"
check luid-plain-before-move "fz3 at ${x:-?}; restore --check: exit $c, $(cat "$T/case.check.err")
restore: exit $r, $(cat "$T/err")
$(storefuzz contains "$T/case.store" "$T/saved.store")
$(ifregctl luid list)" sh -c '[ "$1" = 0 ] && [ "$2" = 0 ] && storefuzz contains "$3" "$4"' - \
	"$c" "$r" "$T/case.store" "$T/saved.store"
ip link del fz3

rmmod ifreg
for d in fz0 fz1 fz2; do
	ip link del "$d" 2>/dev/null
done
bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
