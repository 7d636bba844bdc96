#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make checkpatch: the kernel's own reviewers' tools on ifreg's kernel code,
# taken from Debian's linux-source-6.12: checkpatch.pl --strict on every C
# file and header, and kernel-doc on every file that carries kernel-doc.
# Both must be silent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

host_need perl xz-utils python3

src_deb=$(deb_unpack linux-source-6.12)
tarball=$(ls "$src_deb"/usr/src/linux-source-*.tar.xz)
tools=$IFREG_CACHE/kernel-tools-$(basename "$tarball" .tar.xz)
if [ ! -d "$tools" ]; then
	tmp=$(mktemp -d "$IFREG_CACHE/.tools.XXXXXX")
	top=$(basename "$tarball" .tar.xz)
	tar -C "$tmp" -xJf "$tarball" --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch" "$top/scripts/kernel-doc"
	mv "$tmp" "$tools"
fi

cd "$IFREG_TOP"
# The kernel side. tools/ is user space, held to -Wall -Wextra -Werror.
mapfile -t files < <(git ls-files 'src/*.[ch]' 'include/*.h' 'kunit/*.[ch]' 'samples/*.[ch]' 'bench/*.[ch]' 'examples/driver/*.[ch]')
status=0

out=$("$tools/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "${files[@]}" 2>&1 |
	grep -v -e '^total: 0 errors, 0 warnings, 0 checks' \
		-e 'has no obvious style problems' \
		-e '^NOTE: ' -e '^$' || true)
if [ -z "$out" ]; then
	result PASS checkpatch
else
	printf '%s\n' "$out" >&2
	result FAIL checkpatch
	status=1
fi

out=$(perl "$tools/scripts/kernel-doc" -none -Wall "${files[@]}" 2>&1 || true)
if [ -z "$out" ]; then
	result PASS kernel-doc
else
	printf '%s\n' "$out" >&2
	result FAIL kernel-doc
	status=1
fi
exit $status
