#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make deps: installs the Debian packages building and installing ifreg
# needs (`make`, `make install`), the only target that installs any for a
# build: a compiler and make, kbuild's tools, libmnl's header for
# libifreg, pkg-config, kmod for depmod, and the running kernel's headers
# when the archive has them (else KDIR must name a kernel build). The
# test targets (make check, make demo and their parts) install what they
# need themselves.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

host_need make gcc libc6-dev bc flex bison libelf-dev kmod libmnl-dev pkgconf
hdr=linux-headers-$(uname -r)
apt_update_once
if [ -n "$(deb_candidate "$hdr" 2>/dev/null)" ]; then
	host_need "$hdr"
elif [ ! -f "/lib/modules/$(uname -r)/build/Makefile" ]; then
	say "the archive has no $hdr: build with make KDIR=/path/to/kernel/build"
fi
say "ready: make && make install"
