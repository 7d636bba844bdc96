#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make ynl: the family's YNL spec, Documentation/netlink/specs/ifreg.yaml,
# through the kernel's own tools, taken from Debian's linux-source-6.12:
# the spec validated against the kernel's schema for its protocol
# (Documentation/netlink/genetlink-legacy.yaml), and the uapi header that
# tools/net/ynl/ynl-gen-c.py makes from it compared with
# include/uapi/linux/ifreg.h, which must be that output byte for byte.
# With --write, the header is regenerated instead: change the spec, run
# this, commit both.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

write=
case ${1:-} in
--write) write=1 ;;
"") ;;
*) die "usage: $0 [--write]" ;;
esac

host_need python3 python3-yaml python3-jsonschema xz-utils
# Debian's, whose modules those are, whatever else PATH finds first.
py=/usr/bin/python3

spec=$IFREG_TOP/Documentation/netlink/specs/ifreg.yaml
header=$IFREG_TOP/include/uapi/linux/ifreg.h

# The generator, its library and the schemas, unpacked once per source
# package version; a directory only exists once it is complete.
src_deb=$(deb_unpack linux-source-6.12)
tarball=$(ls "$src_deb"/usr/src/linux-source-*.tar.xz)
top=$(basename "$tarball" .tar.xz)
ynl=$IFREG_CACHE/ynl/$(basename "$src_deb")
if [ ! -d "$ynl" ]; then
	say "unpacking the YNL tools from $(basename "$tarball") (once)"
	mkdir -p "$IFREG_CACHE/ynl"
	tmp=$(mktemp -d "$IFREG_CACHE/ynl/.unpack.XXXXXX")
	tar -C "$tmp" -xJf "$tarball" --strip-components=1 \
		"$top/tools/net/ynl" "$top/Documentation/netlink" ||
		die "unpacking $tarball failed"
	# Another run may have been quicker.
	mv -T "$tmp" "$ynl" 2>/dev/null || rm -rf "$tmp"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

out=$("$py" - "$spec" "$ynl/Documentation/netlink" 2>&1 <<'PYEOF'
import sys
import jsonschema
import yaml

with open(sys.argv[1]) as f:
    spec = yaml.safe_load(f)
with open(f"{sys.argv[2]}/{spec.get('protocol', 'genetlink')}.yaml") as f:
    schema = yaml.safe_load(f)
try:
    jsonschema.validate(spec, schema)
except jsonschema.ValidationError as e:
    where = '/'.join(str(p) for p in e.absolute_path) or '(top)'
    sys.exit(f"{sys.argv[1]}: {where}: {e.message}")
PYEOF
) && rc=0 || rc=$?
if [ "$rc" -ne 0 ]; then
	printf '%s\n' "$out" >&2
	result FAIL ynl/validate
	# The generator would refuse it too, printing the whole schema.
	say "no header is generated from a spec that is not valid"
	result FAIL ynl/uapi-header
	exit 1
fi
result PASS ynl/validate

# The generator wants the layout of a kernel tree: the schemas two levels
# above the spec, and a MAINTAINERS file above that (it names the spec by
# its path from there in the header's second comment). It takes only specs
# under the kernel's dual licence, which the spec and the header carry.
mkdir -p "$work/tree/Documentation/netlink/specs"
: >"$work/tree/MAINTAINERS"
ln -s "$ynl"/Documentation/netlink/*.yaml "$work/tree/Documentation/netlink/"
cp "$spec" "$work/tree/Documentation/netlink/specs/ifreg.yaml"

if ! out=$("$py" "$ynl/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
		--spec "$work/tree/Documentation/netlink/specs/ifreg.yaml" \
		-o "$work/ifreg.h" 2>&1) || [ ! -s "$work/ifreg.h" ]; then
	printf '%s\n' "$out" >&2
	result FAIL ynl/uapi-header
	exit 1
fi

if [ -n "$write" ]; then
	if cmp -s "$work/ifreg.h" "$header"; then
		say "include/uapi/linux/ifreg.h is up to date"
	else
		cp "$work/ifreg.h" "$header"
		say "wrote include/uapi/linux/ifreg.h"
	fi
	exit 0
fi

if ! diff -u --label include/uapi/linux/ifreg.h --label "generated from the spec" \
	"$header" "$work/ifreg.h" >&2; then
	say "the header is not the spec's: fix the spec, or bash scripts/ynl.sh --write"
	result FAIL ynl/uapi-header
	exit 1
fi
result PASS ynl/uapi-header
