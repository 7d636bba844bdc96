#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Prints ifreg's version: in a git checkout of ifreg, `git describe` of its
# last release tag (v0.15.0-3-gabc1234 gives 0.15.0-3-gabc1234, -dirty
# when the tree has changes), or VERSION with the commit when no tag is
# there yet (0.15.0+gabc1234); elsewhere (a tarball, the DKMS source
# under /usr/src) the content of VERSION. The module (MODULE_VERSION),
# ifregctl --version and libifreg's ifreg_lib_version() all say it.
# A directory that is not a checkout of ifreg itself (a copy inside some
# other repository) never asks git: its VERSION is the answer.
#
# version.sh --define NAME FILE writes `#define NAME "<version>"` to FILE,
# only when that changes (the programs' makefiles run it on every make,
# so a new commit rebuilds the one file that includes it).
if [ "${1:-}" = --define ]; then
	v=$(sh "$0") && printf '#define %s "%s"\n' "$2" "$v" >"$3.tmp" || exit 1
	if cmp -s "$3.tmp" "$3"; then rm -f "$3.tmp"; else mv "$3.tmp" "$3"; fi
	exit 0
fi
top=$(cd "$(dirname "$0")/.." && pwd)
base=$(cat "$top/VERSION" 2>/dev/null) || { echo unknown; exit 0; }
if [ -e "$top/.git" ] && command -v git >/dev/null 2>&1 &&
   [ "$(git -C "$top" rev-parse --show-toplevel 2>/dev/null)" = "$top" ]; then
	v=$(git -C "$top" describe --tags --match 'v[0-9]*' --dirty 2>/dev/null) &&
		{ echo "${v#v}"; exit 0; }
	c=$(git -C "$top" rev-parse --short HEAD 2>/dev/null) &&
		{ d=; git -C "$top" diff --quiet HEAD 2>/dev/null || d=.dirty
		  echo "$base+g$c$d"; exit 0; }
fi
echo "$base"
