#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# libifreg's manual pages against its header: every page renders without a
# warning (man-db's pipeline and groff -ww); every function the header
# declares has a page, its own or a ".so man3/<group>.3" that names it in
# the group's NAME; the group page's SYNOPSIS has the header's prototype,
# word for word; and no page names a function the header has not.
# Exits 1 on the first kind of failure it finds, after saying each.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
header=${1:-$here/../include/ifreg/libifreg.h}
status=0
fail() {
	printf 'libifreg-man: %s\n' "$*" >&2
	status=1
}

for tool in man groff col; do
	command -v "$tool" >/dev/null || { fail "no $tool: cannot check the pages"; exit 1; }
done

# A ".so man3/x.3" is resolved from the directory above man3/, as in an
# installed tree: render from one whose man3 is this directory.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
ln -s "$here" "$root/man3"

# page PAGE: the group page a page is, or redirects to.
page_of() {
	local first
	first=$(head -n1 "$here/$1")
	case $first in
	.so\ man3/*) printf '%s\n' "${first#.so man3/}" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

# names PAGE: the names in a page's NAME section.
names_of() {
	awk '/^\.SH NAME/ { getline; sub(/ \\-.*/, ""); gsub(/,/, ""); print; exit }' "$here/$1"
}

# synopsis PAGE: its prototypes, one a line, spaces as the header's after
# normalising.
synopsis_of() {
	(cd "$root" && MANWIDTH=200 man -l -Tutf8 "man3/$1" 2>/dev/null) | col -b |
		awk '/^SYNOPSIS/ { on = 1; next } /Link with/ { on = 0 } on' |
		tr '\n' ' ' | tr ';' '\n' | normalise
}

# normalise: one prototype a line, single spaces, none inside parentheses'
# edges, ending with ";".
normalise() {
	sed -e 's/#include <[^>]*>//' -e 's/[[:space:]]\{1,\}/ /g' -e 's/^ //' -e 's/ $//' \
	    -e 's/( /(/g' -e 's/ )/)/g' | grep . | sed 's/$/;/'
}

# The header's prototypes: from a line that starts with a type and holds
# "ifreg_xxx(" to the ";" that ends it.
protos=$(awk '
	/^[a-z].*[^a-z_]ifreg_[a-z_]*\(/ { p = $0; on = 1 }
	on && !/^[a-z]/ { p = p " " $0 }
	on && /;/ { print p; on = 0 }' "$header" | tr -d ';' | normalise)
[ -n "$protos" ] || { fail "$header: no prototypes found"; exit 1; }

# Every page renders cleanly, and a redirect leads to a group page.
for f in "$here"/*.3; do
	p=${f##*/}
	g=$(page_of "$p")
	if [ "$g" != "$p" ]; then
		if [ ! -f "$here/$g" ]; then
			fail "$p: redirects to $g, which is not there"
			continue
		fi
		if [ "$(page_of "$g")" != "$g" ]; then
			fail "$p: redirects to $g, itself a redirect"
			continue
		fi
		if ! grep -qx "${p%.3}" <<<"$(names_of "$g" | tr ' ' '\n')"; then
			fail "$p: $g's NAME does not name ${p%.3}"
		fi
		[ "$(wc -l < "$f")" -eq 1 ] || fail "$p: a redirect is one .so line"
	fi
	out=$( (cd "$root" && man --warnings -l -Tutf8 "man3/$p" 2>&1 >/dev/null) )
	[ -z "$out" ] || fail "$p: man: $out"
	out=$( (cd "$root" && groff -man -ww -z "man3/$p" 2>&1) )
	[ -z "$out" ] || fail "$p: groff: $out"
done

# Every function has its page, with the header's prototype on the group page.
while IFS= read -r proto; do
	fn=$(printf '%s\n' "$proto" | grep -oE '\<ifreg_[a-z_]*\(' | head -n1 | tr -d '(')
	if [ ! -f "$here/$fn.3" ]; then
		fail "$fn: declared in ${header##*/}, but has no page ($fn.3)"
		continue
	fi
	g=$(page_of "$fn.3")
	[ -f "$here/$g" ] || continue
	grep -qxF "$proto" <<<"$(synopsis_of "$g")" ||
		fail "$fn: $g's SYNOPSIS lacks the header's prototype: $proto"
done <<<"$protos"

# No page for a function that is not declared.
for f in "$here"/ifreg_*.3; do
	fn=${f##*/}
	fn=${fn%.3}
	# Not `printf | grep -q`: grep may quit at its match before printf
	# has written the rest, and pipefail makes printf's SIGPIPE a miss.
	grep -q "\<$fn(" <<<"$protos" ||
		fail "$fn.3: a page for a function ${header##*/} does not declare"
done

exit $status
