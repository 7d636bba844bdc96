#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make hosttest: the tests that need neither a kernel of ours nor a VM:
# ifregctl's store format (tools/ifregctl/tests/store-test.sh) and make
# install with the shipped units and rules (scripts/install-test.sh).
set -uo pipefail
source "$(dirname "$0")/lib.sh"

status=0
if out=$(bash "$IFREG_TOP/tools/ifregctl/build.sh" all tests/storetool 2>&1); then
	result PASS host/ifregctl-build
	bash "$IFREG_TOP/tools/ifregctl/tests/store-test.sh" || status=1
else
	printf '%s\n' "$out" >&2
	result FAIL host/ifregctl-build
	status=1
fi
bash "$IFREG_TOP/scripts/install-test.sh" || status=1
exit $status
