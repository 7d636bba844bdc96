#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make ifregctl`: build libifreg first (tools/libifreg/build.sh, which
# installs what it needs: libmnl-dev), make sure a compiler and make are
# there, then build the tool and, with `test-helpers` among the
# arguments, the helpers its VM test uses. The arguments are make targets
# (default: all).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
. "$(dirname "$0")/../../scripts/lib.sh"

host_need gcc make libc6-dev
bash "$IFREG_TOP/tools/libifreg/build.sh"
[ $# -gt 0 ] || set -- all
make -C "$IFREG_TOP/tools/ifregctl" "$@" >&2
