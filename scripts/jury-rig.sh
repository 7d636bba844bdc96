#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Links this tree into a kernel source as drivers/ifreg, so that ifreg
# builds in tree with CONFIG_IFREG (and CONFIG_IFREG_KUNIT_TEST) like any
# driver. The same Kbuild serves the out-of-tree build. Run again: no-op.
#
# Usage: scripts/jury-rig.sh /path/to/linux
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ksrc=${1:?usage: $0 /path/to/linux}
[ -f "$ksrc/drivers/Kconfig" ] || { echo "$ksrc is not a kernel source tree" >&2; exit 1; }

ln -sfn "$top" "$ksrc/drivers/ifreg"
grep -q 'drivers/ifreg/Kconfig' "$ksrc/drivers/Kconfig" ||
	sed -i '$ i source "drivers/ifreg/Kconfig"' "$ksrc/drivers/Kconfig"
grep -q 'CONFIG_IFREG)' "$ksrc/drivers/Makefile" ||
	echo 'obj-$(CONFIG_IFREG) += ifreg/' >>"$ksrc/drivers/Makefile"
echo "ifreg linked into $ksrc/drivers/ifreg; enable CONFIG_IFREG"
