#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make libifreg`: install what building libifreg needs (Debian's
# libmnl-dev, a compiler, make, pkgconf for its .pc) when it is missing,
# then build the library. The arguments are make targets (default: all).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
. "$(dirname "$0")/../../scripts/lib.sh"

host_need libmnl-dev gcc make libc6-dev pkgconf
[ $# -gt 0 ] || set -- all
make -C "$IFREG_TOP/tools/libifreg" "$@" >&2
