#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tests' build of libifreg (make check, make demo): install what
# building it needs (Debian's libmnl-dev, a compiler, make, pkgconf for its
# .pc) when it is missing, then build it with warnings as errors. `make
# libifreg` builds it without installing anything. The arguments are make
# targets (default: all).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
. "$(dirname "$0")/../../scripts/lib.sh"

host_need libmnl-dev gcc make libc6-dev pkgconf
[ $# -gt 0 ] || set -- all
make -C "$IFREG_TOP/tools/libifreg" WERROR=1 "$@" >&2
