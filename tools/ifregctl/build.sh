#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make ifregctl`: install what building ifregctl needs (Debian's
# libmnl-dev, a compiler, make) when it is missing, then build the tool
# and, with `test-helpers` among the arguments, the helpers its VM test
# uses. The arguments are make targets (default: ifregctl).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
. "$(dirname "$0")/../../scripts/lib.sh"

host_need libmnl-dev gcc make libc6-dev
[ $# -gt 0 ] || set -- all
make -C "$IFREG_TOP/tools/ifregctl" "$@" >&2
