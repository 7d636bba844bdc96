#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tests' build of ifregctl (make check, make demo): build libifreg
# first (tools/libifreg/build.sh, which installs what it needs:
# libmnl-dev), make sure a compiler and make are there, then build the
# tool with warnings as errors and, with `test-helpers` among the
# arguments, the helpers its VM test uses. `make ifregctl` builds it
# without installing anything. The arguments are make targets (default:
# all).
set -euo pipefail

# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
. "$(dirname "$0")/../../scripts/lib.sh"

host_need gcc make libc6-dev
bash "$IFREG_TOP/tools/libifreg/build.sh"
[ $# -gt 0 ] || set -- all
make -C "$IFREG_TOP/tools/ifregctl" WERROR=1 "$@" >&2
