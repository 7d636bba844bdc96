#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ifregctl over the ifreg generic netlink family, as a script would use it:
# exit 3 without the module, 2 on bad usage, 1 on unknown links; list,
# classes, show and ndis in human form and as JSON (checked by jsonflat, a
# strict JSON parser built on the host, which also decodes the escaped
# backslashes of symbolic links); monitor sees exactly the events the
# sample driver causes, with consecutive sequence numbers; register,
# enable, set-default, disable and remove on the VM's own virtio NIC and
# serial port, seen in list and in /sys/kernel/ifreg/classes; reads work
# for an unprivileged user and changes are refused to it, changing nothing;
# prop sets, gets, lists and deletes values and properties of the NIC's
# instance (shown by show too), refuses unprivileged changes, bad keys and
# data over the store's 4096-byte cap; luid lists the namespace's LUID
# indexes (lo's with its key and ifIndex), allocates and frees one, refuses
# to free one in use or not allocated, and refuses unprivileged changes;
# a monitor that is waiting when the module is unloaded exits 3.

# shellcheck disable=SC2016 # sh -c scripts take their values as "$1"...
. /ifreg/lib.sh

FN='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c45}'
CTL='{5a3b0e6c-1f1e-4e8a-9a77-53414d504c46}'
NEW='{1fc0a6b2-3d4e-4f50-8a61-72837495a6b7}'
SAMPLE_KO=/ifreg/ifreg_sample.ko
FN0="\\??\\PLATFORM#ifreg-sample.0#$FN"
CTL0="\\??\\PLATFORM#ifreg-sample.0#$CTL\\ctl"
T=/run/ifregctl-test
NOBODY=65534
PK='{a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d}:5'

plan tool-present no-module-exit3 usage-exit2 monitor-sample monitor-seq list-human list-json list-device show-human show-json unknown-link-exit1 classes-human classes-json register-nic register-serial register-exists enable-visible enable-exists set-default-order disable-hidden disable-again-exit1 remove-gone ndis-human ndis-json ndis-one luid-list-json luid-alloc-free luid-free-busy luid-unpriv-refused luid-userns prop-set-get prop-get-json prop-list prop-show prop-delete-gone prop-unpriv-refused prop-bad-key-exit2 prop-too-large unpriv-read unpriv-write-refused remove-enabled-busy unload-clean monitor-unload dmesg-clean

mkdir -p "$T"
[ -e /sys/module/ifreg_sample ] && rmmod ifreg_sample
[ -e /sys/module/ifreg ] && rmmod ifreg

# rc CMD...: CMD's exit status, its output in $T/out and $T/err.
rc() {
	"$@" >"$T/out" 2>"$T/err"
	echo $?
}

# flat CMD...: CMD's JSON output flattened by jsonflat; fails on bad JSON.
flat() {
	"$@" >"$T/json" || return 1
	jsonflat <"$T/json"
}

check tool-present "ifregctl is not in the guest" sh -c 'command -v ifregctl && command -v jsonflat && command -v runas && ifregctl --version'

check no-module-exit3 "without ifreg: list exit $(rc ifregctl list), stderr: $(cat "$T/err")" \
	sh -c "[ $(rc ifregctl list) = 3 ] && grep -q 'not loaded' $T/err && [ ! -s $T/out ] && [ $(rc ifregctl --json classes) = 3 ] && [ $(rc ifregctl monitor) = 3 ]"

usage_ok() {
	[ "$(rc ifregctl frobnicate)" = 2 ] && [ "$(rc ifregctl)" = 2 ] &&
	[ "$(rc ifregctl register /sys/devices)" = 2 ] &&
	[ "$(rc ifregctl list --class not-a-guid)" = 2 ] &&
	[ "$(rc ifregctl show a b)" = 2 ] && [ "$(rc ifregctl monitor --count x)" = 2 ] &&
	[ "$(rc ifregctl --bogus list)" = 2 ] && grep -q 'Try' "$T/err" &&
	[ "$(rc ifregctl --help)" = 0 ] && grep -q 'set-default' "$T/out"
}
check usage-exit2 "a usage error did not exit 2 (last: $(cat "$T/err"))" usage_ok

insmod "$IFREG_KO" $NO_NATIVE || fail monitor-sample "insmod ifreg failed"
settle

# The VM's virtio NIC and serial port, as canonical sysfs paths.
vm_devices

# monitor: started before the sample, it must see its 3 devices x 2
# interfaces registered and enabled at insmod (12 events), each control
# interface's node named (3 "changed"), the interfaces disabled at rmmod
# (6) and let go of by their deleted devices (6 "changed"), then the NIC
# registration (the 28th): nothing else between.
ifregctl --json monitor --count 28 >"$T/mon" 2>"$T/mon.err" &
mon=$!
subscribed "$mon"
insmod "$SAMPLE_KO"
settle
rmmod ifreg_sample
settle
nic_link=$(ifregctl register "$nic_dev" "$NEW")
i=0
while kill -0 "$mon" 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill "$mon" 2>/dev/null
wait "$mon"
mon_rc=$?
jsonflat -m <"$T/mon" >"$T/mon.flat" 2>&1
evs() { grep -c "^[0-9]*\.event=$1\$" "$T/mon.flat"; }
# Each "changed" is either the sample naming its control interface's
# node (bound, of the control class, right after its registration) or a
# registration whose device went: it has no PDO now, where it had one.
changed_ok() {
	local i named=0 unbound=0
	grep -q '^0\.pdo=/sys/devices/' "$T/mon.flat" || return 1
	for i in $(sed -n 's/^\([0-9]*\)\.event=changed$/\1/p' "$T/mon.flat"); do
		if grep -q "^$i\.pdo=" "$T/mon.flat"; then
			grep -qxF "$i.class=$CTL" "$T/mon.flat" &&
			grep -qx "$i\.devnode=/dev/.*-ctl" "$T/mon.flat" &&
			grep -qx "$((i - 1))\.event=registered" "$T/mon.flat" || return 1
			named=$((named + 1))
		else
			unbound=$((unbound + 1))
		fi
	done
	[ $named = 3 ] && [ $unbound = 6 ]
}
mon_ok() {
	[ "$mon_rc" = 0 ] && [ "$(wc -l <"$T/mon")" = 28 ] &&
	[ "$(evs registered)" = 7 ] && [ "$(evs arrival)" = 6 ] &&
	[ "$(evs removal)" = 6 ] && [ "$(evs changed)" = 9 ] &&
	[ "$(evs removed)" = 0 ] &&
	grep -qxF "0.link=$FN0" "$T/mon.flat" && grep -qxF "0.class=$FN" "$T/mon.flat" &&
	grep -qxF "27.link=$nic_link" "$T/mon.flat" && grep -qx '27.event=registered' "$T/mon.flat" &&
	[ "$(grep -c "^[0-9]*\.link=.*$CTL" "$T/mon.flat")" = 15 ] && changed_ok
}
check monitor-sample "monitor exit $mon_rc, saw:
$(cat "$T/mon")
stderr: $(cat "$T/mon.err")" mon_ok
seq_ok() {
	sed -n 's/^[0-9]*\.seq=//p' "$T/mon.flat" | awk 'NR > 1 && $1 != prev + 1 { bad = 1 } { prev = $1; n++ } END { exit bad || n != 28 }' &&
	! grep -q 'missed' "$T/mon.err"
}
check monitor-seq "sequence numbers: $(sed -n 's/^[0-9]*\.seq=//p' "$T/mon.flat" | tr '\n' ' ') stderr: $(cat "$T/mon.err")" seq_ok

insmod "$SAMPLE_KO"
settle
expected_fn=$(printf '%s\n' "$FN0" "\\??\\PLATFORM#ifreg-sample.1#$FN" "\\??\\IFREG_SAMPLE#sample0#$FN" | sort)

ifregctl list --class "$FN" >"$T/list" 2>&1
check list-human "list --class FN:
$(cat "$T/list")" sh -c '[ "$(cut -d" " -f1 "$1" | sort)" = "$2" ] && [ "$(grep -c " enabled class " "$1")" = 3 ] &&
	grep -qF "$3 enabled class $4 instance PLATFORM\\ifreg-sample.0 pdo /sys/devices/platform/ifreg-sample.0" "$1"' - "$T/list" "$expected_fn" "$FN0" "$FN"

list_json_ok() {
	flat ifregctl --json list --class "$FN" >"$T/flat" &&
	[ "$(sed -n 's/^\[[0-9]\]\.symbolic_link=//p' "$T/flat" | sort)" = "$expected_fn" ] &&
	[ "$(grep -c '^\[[0-9]\]\.enabled=true$' "$T/flat")" = 3 ] &&
	i=$(idx_of symbolic_link "$FN0" "$T/flat") && [ -n "$i" ] &&
	grep -qxF "[$i].instance_path=PLATFORM\\ifreg-sample.0" "$T/flat" &&
	grep -qxF "[$i].pdo=/sys/devices/platform/ifreg-sample.0" "$T/flat" &&
	grep -qxF "[$i].class=$FN" "$T/flat" && grep -qxF "[$i].default=false" "$T/flat"
}
check list-json "list --json --class FN:
$(cat "$T/json")
flattened: $(cat "$T/flat" 2>/dev/null)" list_json_ok

check list-device "list --device /sys/bus/platform/devices/ifreg-sample.0 (a symlink) gives:
$(ifregctl list --device /sys/bus/platform/devices/ifreg-sample.0 2>&1)" sh -c \
	'[ "$(ifregctl list --device /sys/bus/platform/devices/ifreg-sample.0 | cut -d" " -f1 | sort)" = "$(printf "%s\n" "$1" "$2" | sort)" ]' - "$FN0" "$CTL0"

# Lookups take the \\?\ prefix and any case, as on Windows.
upper=$(printf '%s\n' "$CTL0" | sed 's/^\\??\\/\\\\?\\/' | tr '[:lower:]' '[:upper:]')
show_ok() {
	ifregctl show "$CTL0" >"$T/show" &&
	grep -qxF "symbolic link: $CTL0" "$T/show" && grep -qxF 'reference:     ctl' "$T/show" &&
	grep -qxF 'state:         enabled' "$T/show" && grep -qxF "class:         $CTL" "$T/show" &&
	grep -qxF 'pdo:           /sys/devices/platform/ifreg-sample.0' "$T/show" &&
	grep -qxF 'devnode:       /dev/ifreg-sample.0-ctl' "$T/show" &&
	ifregctl show "$upper" | grep -qxF "symbolic link: $CTL0" &&
	ifregctl list --class "$CTL" | grep -qF "$CTL0 enabled class $CTL instance PLATFORM\ifreg-sample.0 reference ctl pdo /sys/devices/platform/ifreg-sample.0 devnode /dev/ifreg-sample.0-ctl"
}
check show-human "show:
$(ifregctl show "$CTL0" 2>&1)
show of $upper: $(ifregctl show "$upper" 2>&1)" show_ok
show_json_ok() {
	flat ifregctl --json show "$CTL0" >"$T/flat" &&
	grep -qxF ".symbolic_link=$CTL0" "$T/flat" && grep -qxF '.reference=ctl' "$T/flat" &&
	grep -qxF '.enabled=true' "$T/flat" && grep -qxF '.instance_path=PLATFORM\ifreg-sample.0' "$T/flat" &&
	grep -qxF '.default=false' "$T/flat" && grep -qxF ".class=$CTL" "$T/flat" &&
	grep -qxF '.devnode=/dev/ifreg-sample.0-ctl' "$T/flat"
}
check show-json "show --json:
$(cat "$T/json")" show_json_ok

unknown_ok() {
	[ "$(rc ifregctl show "\\??\\NOPE#x#$FN")" = 1 ] && grep -q 'no such interface' "$T/err" &&
	[ "$(rc ifregctl enable "\\??\\NOPE#x#$FN")" = 1 ] && grep -q '^ifregctl: enable ' "$T/err" &&
	[ "$(rc ifregctl remove "\\??\\NOPE#x#$FN")" = 1 ] &&
	[ "$(rc ifregctl register /sys/devices/nonexistent "$NEW")" = 1 ]
}
check unknown-link-exit1 "an unknown link did not exit 1 with 'no such interface': $(cat "$T/err")" unknown_ok

ifregctl classes >"$T/classes" 2>&1
check classes-human "classes:
$(cat "$T/classes")" sh -c 'grep -q "^$1 count 3\$" "$2" && grep -q "^$3 count 3\$" "$2" && grep -q "^$4 count 1\$" "$2"' - "$FN" "$T/classes" "$CTL" "$NEW"
classes_json_ok() {
	flat ifregctl --json classes >"$T/flat" &&
	i=$(idx_of class "$FN" "$T/flat") && [ -n "$i" ] &&
	grep -qxF "[$i].count=3" "$T/flat" &&
	i=$(idx_of class "$NEW" "$T/flat") && [ -n "$i" ] &&
	grep -qxF "[$i].count=1" "$T/flat" &&
	[ "$(grep -c '^\[[0-9]*\]\.class={' "$T/flat")" = 3 ]
}
check classes-json "classes --json:
$(cat "$T/json")" classes_json_ok

# The NIC was registered above (the monitor's 25th event).
case $nic_link in
"\\??\\VIRTIO#"*"#$NEW") nic_ok=1 ;;
*) nic_ok= ;;
esac
check register-nic "register $nic_dev gave '$nic_link'" [ -n "$nic_ok" ]
tty_link=$(ifregctl register "$tty_dev" "$NEW" ifregctl 2>"$T/err")
tty_rc=$?
check register-serial "register of ttyS0's device $tty_dev: exit $tty_rc, '$tty_link' $(cat "$T/err")" sh -c \
	'[ "$1" = 0 ] && case $2 in "\\??\\"*"#$3\\ifregctl") true ;; *) false ;; esac' - "$tty_rc" "$tty_link" "$NEW"
check register-exists "register again: $(ifregctl register "$nic_dev" "$NEW" 2>&1)" sh -c \
	'[ "$(ifregctl register "$1" "$2" 2>/run/re.err)" = "$3" ] && grep -q "(already registered)" /run/re.err &&
	ifregctl --json register "$1" "$2" | jsonflat | grep -qx ".already_registered=true"' - "$nic_dev" "$NEW" "$nic_link"

# enabled_in CLASS: where the registry view of CLASS points, sorted.
enabled_in() {
	for l in "/sys/kernel/ifreg/classes/$1"/*; do
		[ -L "$l" ] && readlink -f "$l"
	done | sort
}
ifregctl enable "$nic_link"
ifregctl enable "$tty_link"
settle
enable_ok() {
	[ "$(ifregctl list --class "$NEW" | grep -c " enabled ")" = 2 ] &&
	[ "$(enabled_in "$NEW")" = "$(printf '%s\n' "$nic_dev" "$tty_dev" | sort)" ]
}
check enable-visible "after enable, list: $(ifregctl list --class "$NEW" 2>&1)
registry view: $(enabled_in "$NEW")" enable_ok
check enable-exists "enable of an enabled one: exit $(rc ifregctl enable "$nic_link"), $(cat "$T/err")" sh -c \
	"[ $(rc ifregctl enable "$nic_link") = 0 ] && grep -q '(already enabled)' $T/err"

first=$(ifregctl list --class "$NEW" | head -n1 | cut -d' ' -f1)
if [ "$first" = "$nic_link" ]; then other=$tty_link; else other=$nic_link; fi
ifregctl set-default "$other"
default_ok() {
	[ "$(ifregctl list --class "$NEW" | head -n1 | cut -d' ' -f1)" = "$other" ] &&
	ifregctl list --class "$NEW" | head -n1 | grep -q ' default$' &&
	ifregctl classes | grep -qxF "$NEW count 2 default $other" &&
	ifregctl show "$other" | grep -qx 'default:       yes'
}
check set-default-order "after set-default $other, list:
$(ifregctl list --class "$NEW" 2>&1)
classes: $(ifregctl classes 2>&1)" default_ok

# Unprivileged: reads work, changes are refused and change nothing.
unpriv_read_ok() {
	runas $NOBODY ifregctl list --class "$FN" >"$T/u.list" &&
	[ "$(cut -d' ' -f1 "$T/u.list" | sort)" = "$expected_fn" ] &&
	runas $NOBODY ifregctl --json ndis | jsonflat | grep -qx '\[[0-9]*\]\.name=lo' &&
	runas $NOBODY ifregctl show "$CTL0" >/dev/null
}
check unpriv-read "as uid $NOBODY: $(runas $NOBODY ifregctl list --class "$FN" 2>&1)" unpriv_read_ok
unpriv_write_ok() {
	before=$(ifregctl list --all; ifregctl classes)
	[ "$(rc runas $NOBODY ifregctl disable "$FN0")" = 1 ] &&
	grep -qx 'ifregctl: permission denied (needs CAP_SYS_ADMIN)' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl register "$nic_dev" "$CTL")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl set-default "$nic_link")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl remove "$tty_link")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl enable "$nic_link")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(ifregctl list --all; ifregctl classes)" = "$before" ]
}
check unpriv-write-refused "unprivileged change: exit $(rc runas $NOBODY ifregctl disable "$FN0"), stderr: $(cat "$T/err")" unpriv_write_ok

# Per-instance storage, on the NIC's instance: a string value, and a
# persistent property of type 7 (DEVPROP_TYPE_UINT32) holding 42.
PV="$PK type 7 persistent u32 42 hex 2a000000"
prop_set_ok() {
	ifregctl prop "$nic_link" set FriendlyName --string 'Hello World' &&
	ifregctl prop "$nic_link" set "$PK" --type 7 --persistent --u32 42 &&
	[ "$(ifregctl prop "$nic_link" get FriendlyName)" = 'FriendlyName data Hello World' ] &&
	[ "$(ifregctl prop "$nic_link" get "$PK")" = "$PV" ]
}
check prop-set-get "prop get FriendlyName: $(ifregctl prop "$nic_link" get FriendlyName 2>&1)
prop get $PK: $(ifregctl prop "$nic_link" get "$PK" 2>&1)" prop_set_ok
prop_json_ok() {
	flat ifregctl --json prop "$nic_link" get FriendlyName >"$T/flat" &&
	grep -qxF '.key=FriendlyName' "$T/flat" && grep -qxF '.name=FriendlyName' "$T/flat" &&
	grep -qxF '.data=Hello World' "$T/flat" && grep -qxF '.persistent=false' "$T/flat" &&
	! grep -q '^\.hex=' "$T/flat" &&
	flat ifregctl prop "$nic_link" get "$PK" --json >"$T/flat" &&
	grep -qxF ".key=$PK" "$T/flat" && grep -qxF ".fmtid=${PK%:*}" "$T/flat" &&
	grep -qxF '.pid=5' "$T/flat" && grep -qxF '.type=7' "$T/flat" &&
	grep -qxF '.persistent=true' "$T/flat" && grep -qxF '.u32=42' "$T/flat" &&
	grep -qxF '.hex=2a000000' "$T/flat" && grep -qxF '.length=4' "$T/flat"
}
check prop-get-json "prop --json get:
$(cat "$T/json")" prop_json_ok
prop_list_ok() {
	ifregctl prop "$nic_link" >"$T/props" && [ "$(wc -l <"$T/props")" = 2 ] &&
	grep -qxF 'FriendlyName data Hello World' "$T/props" && grep -qxF "$PV" "$T/props" &&
	flat ifregctl --json prop "$nic_link" >"$T/flat" &&
	i=$(idx_of key "$PK" "$T/flat") && [ -n "$i" ] && grep -qxF "[$i].persistent=true" "$T/flat" &&
	i=$(idx_of key FriendlyName "$T/flat") && [ -n "$i" ] && grep -qxF "[$i].persistent=false" "$T/flat" &&
	[ "$(grep -c '^\[[0-9]*\]\.key=' "$T/flat")" = 2 ]
}
check prop-list "prop LINK:
$(ifregctl prop "$nic_link" 2>&1)
--json: $(ifregctl --json prop "$nic_link" 2>&1)" prop_list_ok
prop_show_ok() {
	ifregctl show "$nic_link" >"$T/show" &&
	grep -qxF 'store:         FriendlyName data Hello World' "$T/show" &&
	grep -qxF "store:         $PV" "$T/show" &&
	flat ifregctl --json show "$nic_link" >"$T/flat" &&
	grep -qxF ".symbolic_link=$nic_link" "$T/flat" &&
	grep -qxF -e '.store[0].key=FriendlyName' -e '.store[1].key=FriendlyName' "$T/flat" &&
	grep -qxF -e ".store[0].key=$PK" -e ".store[1].key=$PK" "$T/flat" &&
	[ "$(grep -c '^\.store\[[0-9]*\]\.key=' "$T/flat")" = 2 ] &&
	! ifregctl --json list | jsonflat | grep -q '\.store'
}
check prop-show "show:
$(ifregctl show "$nic_link" 2>&1)
--json: $(ifregctl --json show "$nic_link" 2>&1)" prop_show_ok
prop_delete_ok() {
	ifregctl prop "$nic_link" delete FriendlyName &&
	[ "$(rc ifregctl prop "$nic_link" get FriendlyName)" = 1 ] && [ ! -s "$T/out" ] &&
	grep -q '^ifregctl: prop .* get FriendlyName: no such entry' "$T/err" &&
	[ "$(rc ifregctl prop "$nic_link" delete FriendlyName)" = 1 ] && grep -q 'no such entry' "$T/err" &&
	[ "$(rc ifregctl prop "\\??\\NOPE#x#$FN" get FriendlyName)" = 1 ] && grep -q 'no such interface' "$T/err" &&
	[ "$(ifregctl prop "$nic_link")" = "$PV" ]
}
check prop-delete-gone "after delete: get exit $(rc ifregctl prop "$nic_link" get FriendlyName) $(cat "$T/err"); prop: $(ifregctl prop "$nic_link" 2>&1)" prop_delete_ok
prop_unpriv_ok() {
	before=$(ifregctl prop "$nic_link")
	[ "$(rc runas $NOBODY ifregctl prop "$nic_link" set "$PK" --type 7 --u32 1)" = 1 ] &&
	grep -qx 'ifregctl: permission denied (needs CAP_SYS_ADMIN)' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl prop "$nic_link" set Other --string x)" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl prop "$nic_link" delete "$PK")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(runas $NOBODY ifregctl prop "$nic_link" get "$PK")" = "$PV" ] &&
	[ "$(runas $NOBODY ifregctl prop "$nic_link")" = "$before" ] &&
	[ "$(ifregctl prop "$nic_link")" = "$before" ]
}
check prop-unpriv-refused "unprivileged prop set: exit $(rc runas $NOBODY ifregctl prop "$nic_link" set "$PK" --u32 1), $(cat "$T/err"); prop now: $(ifregctl prop "$nic_link" 2>&1)" prop_unpriv_ok

# The properties every instance answers, read-only, never listed: the
# NIC's instance has no reference string; its device's instance path and
# enabled state are what show says.
DI='{026e516e-b814-414b-83cd-856d6fef4822}'
DEVID='{78c34fc8-104a-4aca-9ea4-524d52996e57}:256'
builtin_ok() {
	before=$(ifregctl prop "$nic_link")
	flat ifregctl --json show "$nic_link" >"$T/flat" &&
	path=$(sed -n 's/^\.instance_path=//p' "$T/flat") && [ -n "$path" ] &&
	state=$(sed -n 's/^\.enabled=//p' "$T/flat") && [ -n "$state" ] &&
	ifregctl prop "$nic_link" get "$DI:4" >"$T/guid" &&
	grep -q "^$DI:4 type 13 guid $NEW hex [0-9a-f]\{32\}\$" "$T/guid" &&
	[ "$(ifregctl prop "$nic_link" get "$DI:3")" = "$DI:3 type 17 bool $state hex $([ "$state" = true ] && echo ff || echo 00)" ] &&
	[ "$(ifregctl prop "$nic_link" get "$DEVID")" = "$DEVID type 18 data $path" ] &&
	[ "$(rc ifregctl prop "$nic_link" get "$DI:5")" = 1 ] && grep -q 'no such entry' "$T/err" &&
	[ "$(rc ifregctl prop "$nic_link" set "$DI:4" --hex 00)" = 1 ] &&
	grep -q "^ifregctl: prop .*: read-only" "$T/err" &&
	[ "$(rc ifregctl prop "$nic_link" delete "$DEVID")" = 1 ] && grep -q 'read-only' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl prop "$nic_link" set "$DI:3" --hex ff)" = 1 ] &&
	grep -qx 'ifregctl: permission denied (needs CAP_SYS_ADMIN)' "$T/err" &&
	[ "$(runas $NOBODY ifregctl prop "$nic_link" get "$DI:4")" = "$(cat "$T/guid")" ] &&
	[ "$(ifregctl prop "$nic_link")" = "$before" ]
}
check prop-builtin "built-in properties: $(for k in "$DI:3" "$DI:4" "$DI:5" "$DEVID"; do ifregctl prop "$nic_link" get "$k" 2>&1; done)
set: $(ifregctl prop "$nic_link" set "$DI:4" --hex 00 2>&1)" builtin_ok

# DEVPROPTYPEs shown by their kind: 17 a boolean, 25 (STRING_INDIRECT) text,
# 13 a GUID; the one-byte boolean and the 16-byte GUID only.
PB='{6c1d8a42-0b7e-4f31-8d5e-42454e434e54}'
prop_types_ok() {
	ifregctl prop "$nic_link" set "$PB:1" --type 17 --hex ff &&
	ifregctl prop "$nic_link" set "$PB:2" --type 25 --string '@x.dll,-1' &&
	ifregctl prop "$nic_link" set "$PB:3" --type 13 --hex 00112233445566778899aabbccddeeff &&
	ifregctl prop "$nic_link" set "$PB:4" --type 17 --string A &&
	[ "$(ifregctl prop "$nic_link" get "$PB:1")" = "$PB:1 type 17 bool true hex ff" ] &&
	[ "$(ifregctl prop "$nic_link" get "$PB:2")" = "$PB:2 type 25 data @x.dll,-1" ] &&
	[ "$(ifregctl prop "$nic_link" get "$PB:3")" = "$PB:3 type 13 guid {33221100-5544-7766-8899-aabbccddeeff} hex 00112233445566778899aabbccddeeff" ] &&
	[ "$(ifregctl prop "$nic_link" get "$PB:4")" = "$PB:4 type 17 hex 4100" ] &&
	flat ifregctl --json prop "$nic_link" get "$PB:1" >"$T/flat" &&
	grep -qxF '.bool=true' "$T/flat" &&
	flat ifregctl --json prop "$nic_link" get "$PB:3" >"$T/flat" &&
	grep -qxF '.guid={33221100-5544-7766-8899-aabbccddeeff}' "$T/flat"
}
check prop-types-shown "typed properties: $(ifregctl prop "$nic_link" 2>&1)" prop_types_ok
for k in 1 2 3 4; do ifregctl prop "$nic_link" delete "$PB:$k" 2>/dev/null; done
prop_bad_key_ok() {
	[ "$(rc ifregctl prop "$nic_link" get '{not-a-guid}:1')" = 2 ] && grep -q 'bad property key' "$T/err" &&
	[ "$(rc ifregctl prop "$nic_link" set "${PK%:*}:x" --u32 1)" = 2 ] &&
	[ "$(rc ifregctl prop "$nic_link" delete "${PK%:*}x:5")" = 2 ] &&
	[ "$(rc ifregctl prop "$nic_link" get '')" = 2 ] &&
	[ "$(rc ifregctl prop "$nic_link" set Name --hex 123)" = 2 ] &&
	[ "$(rc ifregctl prop "$nic_link" set Name)" = 2 ] &&
	[ "$(rc ifregctl prop "$nic_link" frob Name)" = 2 ] &&
	[ "$(ifregctl prop "$nic_link")" = "$PV" ]
}
check prop-bad-key-exit2 "a bad prop key or set did not exit 2 (last: $(cat "$T/err"))" prop_bad_key_ok
# hexbytes N: N bytes of 0xab, as --hex wants them.
hexbytes() { awk -v n="$1" 'BEGIN { while (n-- > 0) printf "ab"; print "" }'; }
prop_large_ok() {
	ifregctl prop "$nic_link" set Big --hex "$(hexbytes 4096)" &&
	flat ifregctl --json prop "$nic_link" get Big >"$T/flat" && grep -qxF '.length=4096' "$T/flat" &&
	grep -qxF ".hex=$(hexbytes 4096)" "$T/flat" &&
	flat ifregctl --json show "$nic_link" >/dev/null &&
	ifregctl prop "$nic_link" delete Big &&
	[ "$(rc ifregctl prop "$nic_link" set Big --hex "$(hexbytes 4097)")" = 1 ] &&
	grep -qE '^ifregctl: prop .* set Big: (no space|.*too large)' "$T/err" &&
	[ "$(rc ifregctl prop "$nic_link" get Big)" = 1 ] && grep -q 'no such entry' "$T/err" &&
	[ "$(ifregctl prop "$nic_link")" = "$PV" ]
}
check prop-too-large "4096 then 4097 bytes: set exit $(rc ifregctl prop "$nic_link" set Big2 --hex "$(hexbytes 4097)") $(cat "$T/err"); prop: $(ifregctl prop "$nic_link" 2>&1 | cut -c1-200)" prop_large_ok
ifregctl prop "$nic_link" delete "$PK"

ifregctl disable "$tty_link"
settle
disable_ok() {
	! ifregctl list --class "$NEW" | grep -qF "$tty_link" &&
	ifregctl list --all --class "$NEW" | grep -qF "$tty_link disabled " &&
	[ "$(enabled_in "$NEW")" = "$nic_dev" ]
}
check disable-hidden "after disable: list --all: $(ifregctl list --all --class "$NEW" 2>&1)
view: $(enabled_in "$NEW")" disable_ok
check disable-again-exit1 "disable of a disabled one: exit $(rc ifregctl disable "$tty_link") $(cat "$T/err")" sh -c \
	"[ $(rc ifregctl disable "$tty_link") = 1 ] && grep -q 'not enabled' $T/err"

ifregctl remove "$tty_link"
remove_ok() {
	[ "$(rc ifregctl show "$tty_link")" = 1 ] &&
	! ifregctl list --all | grep -qF "$tty_link" &&
	ifregctl list --all | grep -qF "$nic_link"
}
check remove-gone "after remove: show exit $(rc ifregctl show "$tty_link"); list --all:
$(ifregctl list --all 2>&1)" remove_ok

ifregctl ndis >"$T/ndis" 2>&1
lo_idx=$(cat /sys/class/net/lo/ifindex)
nic_idx=$(cat "/sys/class/net/$nic/ifindex")
check ndis-human "ndis:
$(cat "$T/ndis")" sh -c \
	'grep -qE "^[1-9][0-9]*: lo luid 0x0018[0-9a-f]{12} iftype 24 .*access loopback" "$1" &&
	grep -qE "^[1-9][0-9]*: $2 luid 0x0006[0-9a-f]{12} iftype 6 .*access broadcast" "$1"' - "$T/ndis" "$nic"
ndis_json_ok() {
	flat ifregctl --json ndis >"$T/flat" || return 1
	i=$(sed -n 's/^\[\([0-9]*\)\]\.name=lo$/\1/p' "$T/flat")
	n=$(sed -n "s/^\\[\\([0-9]*\\)\\]\\.name=$nic\$/\\1/p" "$T/flat")
	[ -n "$i" ] && [ -n "$n" ] &&
	grep -qx "\\[$i\\]\\.iftype=24" "$T/flat" && grep -qx "\\[$i\\]\\.access_type=loopback" "$T/flat" &&
	grep -qx "\\[$i\\]\\.linux_ifindex=$lo_idx" "$T/flat" &&
	grep -qx "\\[$i\\]\\.oper_status=[a-z]*" "$T/flat" && grep -qx "\\[$i\\]\\.admin_status=up" "$T/flat" &&
	grep -qx "\\[$i\\]\\.ifindex=[1-9][0-9]*" "$T/flat" &&
	grep -qE "^\\[$i\\]\\.net_luid=0x0018[0-9a-f]{12}\$" "$T/flat" &&
	grep -qx "\\[$n\\]\\.iftype=6" "$T/flat" && grep -qx "\\[$n\\]\\.access_type=broadcast" "$T/flat" &&
	grep -qx "\\[$n\\]\\.linux_ifindex=$nic_idx" "$T/flat" &&
	grep -qx "\\[$n\\]\\.luid_index=[1-9][0-9]*" "$T/flat"
}
check ndis-json "ndis --json:
$(cat "$T/json")" ndis_json_ok
ndis_one_ok() {
	luid=$(sed -n 's/^\[\([0-9]*\)\]\.name=lo$/\1/p' "$T/flat")
	luid=$(sed -n "s/^\\[$luid\\]\\.net_luid=//p" "$T/flat")
	[ "$(ifregctl ndis lo | wc -l)" = 1 ] && ifregctl ndis lo | grep -q ': lo luid ' &&
	ifregctl ndis "$luid" | grep -q ': lo luid ' &&
	ifregctl --json ndis "$nic" | jsonflat | grep -qx "\\[0\\]\\.name=$nic" &&
	[ "$(rc ifregctl ndis nosuchdev0)" = 1 ] && grep -q 'no such NDIS interface' "$T/err" &&
	[ "$(rc ifregctl ndis 0xzz)" = 2 ]
}
check ndis-one "ndis lo: $(ifregctl ndis lo 2>&1); ndis nosuchdev0: $(ifregctl ndis nosuchdev0 2>&1)" ndis_one_ok

# LUID indexes. lo is IfType 24 (software loopback), ifIndex 1.
luid_list_ok() {
	flat ifregctl --json luid >"$T/lflat" &&
	n=$(idx_of key /devices/virtual/net/lo "$T/lflat") && [ -n "$n" ] &&
	grep -qx "\\[$n\\]\\.iftype=24" "$T/lflat" &&
	grep -qx "\\[$n\\]\\.ifindex=1" "$T/lflat" &&
	grep -qx "\\[$n\\]\\.luid_index=[1-9][0-9]*" "$T/lflat" &&
	ifregctl luid list | grep -q ' key /devices/virtual/net/lo$'
}
check luid-list-json "luid --json:
$(cat "$T/json")" luid_list_ok
luid_alloc_ok() {
	i=$(ifregctl luid alloc 4242) && [ "$i" -ge 1 ] &&
	flat ifregctl --json luid >"$T/lflat" &&
	n=$(idx_of iftype 4242 "$T/lflat") && [ -n "$n" ] &&
	grep -qx "\\[$n\\]\\.luid_index=$i" "$T/lflat" &&
	! grep -q "^\\[$n\\]\\.ifindex=" "$T/lflat" &&
	ifregctl luid free 4242 "$i" &&
	! ifregctl luid list | grep -q '^iftype 4242 ' &&
	[ "$(rc ifregctl luid free 4242 "$i")" = 1 ] && grep -q 'not allocated for that IfType' "$T/err" &&
	[ "$(rc ifregctl luid alloc 0)" = 1 ] && [ "$(rc ifregctl luid alloc 65536)" = 2 ]
}
check luid-alloc-free "after alloc/free of IfType 4242, luid list: $(ifregctl luid list 2>&1); last stderr: $(cat "$T/err")" luid_alloc_ok
ifregctl luid list | sed -n 's/^iftype 4242 luid-index \([0-9]*\) .*/\1/p' |
	while read -r i; do ifregctl luid free 4242 "$i"; done
lo_index=$(ifregctl luid list | sed -n 's/^iftype 24 luid-index \([0-9]*\) .* key \/devices\/virtual\/net\/lo$/\1/p')
luid_busy_ok() {
	[ -n "$lo_index" ] && [ "$(rc ifregctl luid free 24 "$lo_index")" = 1 ] &&
	grep -qx "ifregctl: luid free 24 $lo_index: in use by an interface" "$T/err" &&
	ifregctl luid list | grep -q "^iftype 24 luid-index $lo_index "
}
check luid-free-busy "luid free 24 $lo_index: exit $(rc ifregctl luid free 24 "$lo_index"), stderr: $(cat "$T/err")" luid_busy_ok
luid_unpriv_ok() {
	before=$(ifregctl luid list)
	[ "$(rc runas $NOBODY ifregctl luid alloc 4243)" = 1 ] &&
	grep -qx 'ifregctl: permission denied (needs CAP_NET_ADMIN)' "$T/err" &&
	[ "$(rc runas $NOBODY ifregctl luid free 24 "$lo_index")" = 1 ] && grep -q 'permission denied' "$T/err" &&
	[ "$(runas $NOBODY ifregctl luid list)" = "$before" ] &&
	[ "$(ifregctl luid list)" = "$before" ]
}
check luid-unpriv-refused "unprivileged luid alloc: exit $(rc runas $NOBODY ifregctl luid alloc 4243), stderr: $(cat "$T/err")" luid_unpriv_ok
# CAP_NET_ADMIN counts in the user namespace that owns the network
# namespace: nobody may change the LUID indexes of a namespace of its own,
# which are not those of the initial one, and still no device interface.
luid_userns_ok() {
	runas $NOBODY unshare -Urn sh -c 'ifregctl luid alloc 4242 && ifregctl luid list' >"$T/ns.out" 2>"$T/ns.err" &&
	[ "$(head -n 1 "$T/ns.out")" = 1 ] &&
	grep -q '^iftype 4242 luid-index 1 ' "$T/ns.out" &&
	grep -q ' key /devices/virtual/net/lo$' "$T/ns.out" &&
	! grep -q "key /devices/.*/net/$nic\$" "$T/ns.out" &&
	! ifregctl luid list | grep -q '^iftype 4242 ' &&
	[ "$(rc runas $NOBODY unshare -Urn ifregctl register "$nic_dev" "$CTL")" = 1 ] &&
	grep -q 'permission denied' "$T/err"
}
check luid-userns "as uid $NOBODY in its own user and network namespace: $(cat "$T/ns.out" "$T/ns.err" 2>&1)" luid_userns_ok

# An enabled registration is not removed: exit 1, the reason, nothing changed.
busy_ok() {
	[ "$(rc ifregctl remove "$nic_link")" = 1 ] && grep -q 'disable it first' "$T/err" &&
	ifregctl list | grep -qF "$nic_link"
}
check remove-enabled-busy "remove of an enabled interface: exit $(rc ifregctl remove "$nic_link") $(cat "$T/err")" busy_ok
ifregctl disable "$nic_link"
ifregctl remove "$nic_link"
ifregctl monitor >"$T/mon-unload" 2>"$T/mon-unload.err" &
mon_pid=$!
subscribed "$mon_pid"
unload_ok() {
	rmmod ifreg_sample && rmmod ifreg && [ ! -e /sys/kernel/ifreg ] && [ "$(rc ifregctl list)" = 3 ]
}
check unload-clean "something is left after rmmod of both" unload_ok
# A monitor waiting when the module goes ends (exit 3), it does not hang.
i=0
while kill -0 "$mon_pid" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$mon_pid" 2>/dev/null; then
	kill "$mon_pid"
	mon_rc=hung
else
	wait "$mon_pid"
	mon_rc=$?
fi
check monitor-unload "monitor after rmmod: exit $mon_rc, stderr: $(cat "$T/mon-unload.err")" \
	sh -c '[ "$1" = 3 ] && grep -qx "ifregctl: monitor: the ifreg module was unloaded" "$2"' - "$mon_rc" "$T/mon-unload.err"

bad=$(dmesg_bad | head -n 6)
check dmesg-clean "dmesg has:
$bad" [ -z "$bad" ]

finish
