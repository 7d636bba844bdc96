# SPDX-License-Identifier: GPL-2.0
#
# The user-facing targets. The kbuild pass is Kbuild's; the rest is in
# scripts/. See README.md.

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
PWD := $(shell pwd)

# make install: where things go (README.md, "Installing"). DESTDIR is
# prepended to every path, for packaging; the module goes to
# $(DESTDIR)/lib/modules/<KDIR's release>/$(INSTALL_MOD_DIR).
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
# libifreg: a distribution's build (PREFIX=/usr, and DEB_HOST_MULTIARCH as
# dpkg-buildpackage sets it) puts it in Debian's multiarch directory.
ifneq ($(and $(filter /usr,$(PREFIX)),$(DEB_HOST_MULTIARCH)),)
LIBDIR ?= $(PREFIX)/lib/$(DEB_HOST_MULTIARCH)
else
LIBDIR ?= $(PREFIX)/lib
endif
# Where udev and systemd read rules and units: bookworm's udev reads
# /usr/local/lib/udev/rules.d after /etc and /run, and systemd
# /usr/local/lib/systemd/system, as they read the same under /usr/lib. So
# with PREFIX=/usr or /usr/local they go under $(PREFIX)/lib; any other
# PREFIX (which they never read) puts them in /etc.
ifneq ($(filter /usr /usr/local,$(PREFIX)),)
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
else
UDEVRULESDIR ?= /etc/udev/rules.d
SYSTEMDUNITDIR ?= /etc/systemd/system
endif
# make install-devel: ifreg's kernel headers, and per kernel the
# Module.symvers another module links against (KBUILD_EXTRA_SYMBOLS).
IFREG_RELEASE := $(shell cat VERSION)
DEVELDIR ?= $(PREFIX)/src/ifreg-$(IFREG_RELEASE)
INSTALL_MOD_DIR ?= extra
DEPMOD ?= depmod
# The release the module is built for, as `uname -r` says it (Debian's
# kernel.release holds the upstream version only).
KDIR_RELEASE = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
# Kbuild signs modules when the kernel says so; without the kernel's
# signing key at hand (a distribution's headers) installing unsigned is
# all that can be done.
SIG_KEY = $(shell sed -n 's/^CONFIG_MODULE_SIG_KEY="\(.*\)"/\1/p' $(KDIR)/.config 2>/dev/null)
NOSIGN = $(if $(SIG_KEY),$(if $(wildcard $(if $(filter /%,$(SIG_KEY)),$(SIG_KEY),$(KDIR)/$(SIG_KEY))),,CONFIG_MODULE_SIG_ALL=))
UNITS := ifreg-restore.service ifreg-save.service

all: modules ifregctl libifreg

# Nothing here installs packages: a missing one is named (make deps
# installs them all). The test targets (check, demo and their parts)
# install what they need themselves.
deps:
	bash scripts/deps.sh

modules:
	@test -f $(KDIR)/Makefile || { \
		echo "ifreg: no kernel build directory at $(KDIR)."; \
		echo "ifreg: install the headers (Debian: apt-get install linux-headers-$(KERNELRELEASE))"; \
		echo "ifreg: or name one: make KDIR=/path/to/kernel/build"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(PWD) modules

clean:
	@test ! -f $(KDIR)/Makefile || $(MAKE) -C $(KDIR) M=$(PWD) clean

# Both Debian kernels for amd64 and arm64, and 6.1 for 686-pae (32-bit; no
# 6.12 of it in bookworm), with the archive's cross compilers, W=1, warnings
# as errors.
build-all:
	bash scripts/build-all.sh

# KUnit suites in UML debug kernels (6.12 and 6.1).
kunit:
	bash scripts/kunit.sh

# The module in Debian's own kernels under qemu, with real udev, and the
# scripts marked for it in the debug kernel.
vmtest:
	bash scripts/vmtest.sh

# ifreg's systemd units run by Debian's systemd as PID 1: four boots of a
# 6.12 VM with one store disk (scripts/boottest.sh).
boottest:
	bash scripts/boottest.sh

.PHONY: boottest

# The VM tests in the x86_64 debug kernel alone (KASAN, lockdep, kmemleak,
# fault injection, ...) with 4 CPUs (README.md, "The debug kernel").
vmtest-debug:
	IFREG_SERIES=debug bash scripts/vmtest.sh

# Every netlink command through ifregctl with each kernel allocation
# failing in turn, in the debug kernel (scripts/guest/test-failnth.sh).
vmtest-failnth:
	IFREG_SERIES=debug IFREG_VM_TESTS=failnth bash scripts/vmtest.sh

# The same in the KCSAN variant (data races; README.md, "The debug kernel").
vmtest-kcsan:
	IFREG_SERIES=kcsan bash scripts/vmtest.sh

# ifreg's load with each allocation of its init failing in turn, in the
# debug kernel (scripts/guest/test-loadfail.sh).
vmtest-loadfail:
	IFREG_SERIES=debug IFREG_VM_TESTS=loadfail bash scripts/vmtest.sh

checkpatch:
	bash scripts/checkpatch.sh

# The family's YNL spec validated, and include/uapi/linux/ifreg.h checked
# to be what the kernel's generator makes of it (scripts/ynl.sh --write
# regenerates it).
ynl:
	bash scripts/ynl.sh

check:
	bash scripts/check.sh

demo:
	bash scripts/demo.sh

# ifreg against the kernel's own primitives, in instructions per operation
# under qemu -icount (Documentation/performance.rst). IFREG_BENCH_FULL=1
# adds a million; bench-smoke only checks that every figure is printed.
bench:
	bash scripts/bench.sh

bench-smoke:
	bash scripts/bench.sh --smoke

# The command-line tool, tools/ifregctl/ifregctl, on the library.
ifregctl: libifreg
	$(MAKE) -C tools/ifregctl

# The library, tools/libifreg/libifreg.so.1, on libmnl (libmnl-dev).
libifreg:
	@printf '#include <libmnl/libmnl.h>\n' | $(CC) -E -x c - >/dev/null 2>&1 || { \
		echo "ifreg: libifreg needs libmnl's header: make deps (Debian: apt-get install libmnl-dev)"; exit 1; }
	$(MAKE) -C tools/libifreg

.PHONY: libifreg

# Tests that need neither a kernel nor a VM: the store format, the units,
# the rules, make install.
hosttest:
	bash scripts/hosttest.sh

install: install-module install-tools install-lib install-devel

# Kbuild's modules_install, then, for the running system only, depmod
# (kbuild skips it without the kernel's System.map, as with a headers
# package). Under DESTDIR no index is written: a package's modules.dep
# would replace the system's; its postinst runs depmod.
install-module: modules
	@test -n "$(KDIR_RELEASE)" || { echo "ifreg: $(KDIR) has no include/generated/utsrelease.h"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(PWD) INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		DEPMOD=true $(NOSIGN) modules_install
	$(if $(DESTDIR),@echo "ifreg: no depmod under DESTDIR: run depmod $(KDIR_RELEASE) once installed",$(DEPMOD) $(KDIR_RELEASE))

# For another out-of-tree module built against ifreg (examples/driver):
# the API headers (include/ifreg/) in $(DEVELDIR)/include, and kbuild's
# Module.symvers of this build in $(DEVELDIR)/<release>/, for its
# KBUILD_EXTRA_SYMBOLS.
install-devel: modules
	@test -n "$(KDIR_RELEASE)" || { echo "ifreg: $(KDIR) has no include/generated/utsrelease.h"; exit 1; }
	install -d $(DESTDIR)$(DEVELDIR)/include/ifreg $(DESTDIR)$(DEVELDIR)/$(KDIR_RELEASE)
	install -m 0644 include/ifreg/ifreg.h include/ifreg/ndis.h $(DESTDIR)$(DEVELDIR)/include/ifreg/
	install -m 0644 Module.symvers $(DESTDIR)$(DEVELDIR)/$(KDIR_RELEASE)/Module.symvers

# libifreg: the library and its links in LIBDIR, its header, its
# pkg-config file, and the man pages tools/libifreg/man holds.
install-lib: libifreg
	$(MAKE) -C tools/libifreg install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) \
		LIBDIR=$(LIBDIR) INCLUDEDIR=$(INCLUDEDIR) MANDIR=$(MANDIR)

.PHONY: install-lib

# ifregctl, its man page and bash completion, the udev rules and the
# systemd units (whose ifregctl path is rewritten to SBINDIR). Units are
# installed, not enabled:
# systemctl enable ifreg-restore.service ifreg-save.service
install-tools: ifregctl install-lib
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 0755 tools/ifregctl/ifregctl $(DESTDIR)$(SBINDIR)/ifregctl
	install -m 0644 tools/ifregctl/ifregctl.8 $(DESTDIR)$(MANDIR)/man8/ifregctl.8
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 0644 tools/ifregctl/ifregctl.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/ifregctl
	install -m 0644 udev/90-ifreg.rules $(DESTDIR)$(UDEVRULESDIR)/90-ifreg.rules
	for u in $(UNITS); do \
		sed 's|/usr/local/sbin/ifregctl|$(SBINDIR)/ifregctl|g' systemd/$$u \
			>$(DESTDIR)$(SYSTEMDUNITDIR)/$$u && \
		chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/$$u || exit 1; \
	done

# What install put there: every file by name, then ifreg's own
# directories if they are empty now (never a parent: /usr/local/src is
# the system's). The release is KDIR's, or KERNELRELEASE's once the
# headers are gone.
UNINSTALL_RELEASE = $(or $(KDIR_RELEASE),$(KERNELRELEASE))
uninstall:
	rm -f $(DESTDIR)/lib/modules/$(UNINSTALL_RELEASE)/$(INSTALL_MOD_DIR)/ifreg.ko \
		$(DESTDIR)/lib/modules/$(UNINSTALL_RELEASE)/$(INSTALL_MOD_DIR)/ifreg.ko.xz \
		$(DESTDIR)/lib/modules/$(UNINSTALL_RELEASE)/$(INSTALL_MOD_DIR)/ifreg.ko.zst \
		$(DESTDIR)$(SBINDIR)/ifregctl $(DESTDIR)$(MANDIR)/man8/ifregctl.8 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/ifregctl \
		$(DESTDIR)$(UDEVRULESDIR)/90-ifreg.rules \
		$(addprefix $(DESTDIR)$(SYSTEMDUNITDIR)/,$(UNITS)) \
		$(DESTDIR)$(DEVELDIR)/include/ifreg/ifreg.h $(DESTDIR)$(DEVELDIR)/include/ifreg/ndis.h \
		$(DESTDIR)$(DEVELDIR)/$(UNINSTALL_RELEASE)/Module.symvers
	-rmdir $(DESTDIR)$(DEVELDIR)/include/ifreg $(DESTDIR)$(DEVELDIR)/include \
		$(DESTDIR)$(DEVELDIR)/$(UNINSTALL_RELEASE) $(DESTDIR)$(DEVELDIR) 2>/dev/null
	$(MAKE) -C tools/libifreg uninstall DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) \
		LIBDIR=$(LIBDIR) INCLUDEDIR=$(INCLUDEDIR) MANDIR=$(MANDIR)
	$(if $(DESTDIR),,$(DEPMOD) $(UNINSTALL_RELEASE))

# The Debian packages built and checked, lintian, and dkms builds against
# both Debian kernels, in scratch trees (scripts/package.sh).
package:
	bash scripts/package.sh

# DKMS (Documentation/install.rst): the module's sources and dkms.conf in
# $(DESTDIR)/usr/src/ifreg-<VERSION>, only what kbuild reads (no objects of
# an earlier build); then, without DESTDIR, dkms adds, builds and installs
# it for the running kernel (KERNELRELEASE), and builds it again for each
# kernel installed later. A version added before is removed from dkms
# first, so its sources can be replaced. The directory is install-devel's
# DEVELDIR with PREFIX=/usr: only DKMS's files in it are replaced.
DKMS_SRC = $(DESTDIR)/usr/src/ifreg-$(IFREG_RELEASE)
DKMS_FILES = $(addprefix $(DKMS_SRC)/,Kbuild VERSION dkms.conf src include)

dkms-install:
	@test -n "$(IFREG_RELEASE)" || { echo "ifreg: no VERSION file"; exit 1; }
	@test -n "$(DESTDIR)" || command -v dkms >/dev/null || { \
		echo "ifreg: dkms is not installed (Debian: apt-get install dkms)"; exit 1; }
	$(if $(DESTDIR),,if [ -n "$$(dkms status -m ifreg -v $(IFREG_RELEASE))" ]; then \
		dkms remove ifreg/$(IFREG_RELEASE) --all; fi)
	rm -rf $(DKMS_FILES)
	install -d $(DKMS_SRC)/src
	install -m 0644 Kbuild VERSION $(DKMS_SRC)/
	install -m 0644 src/*.c src/*.h $(DKMS_SRC)/src/
	cd include && find . -name '*.h' -exec install -D -m 0644 {} $(DKMS_SRC)/include/{} \;
	sed 's/#MODULE_VERSION#/$(IFREG_RELEASE)/' dkms.conf >$(DKMS_SRC)/dkms.conf
	chmod 0644 $(DKMS_SRC)/dkms.conf
	$(if $(DESTDIR),,dkms add ifreg/$(IFREG_RELEASE))
	$(if $(DESTDIR),,dkms build ifreg/$(IFREG_RELEASE) -k $(KERNELRELEASE))
	$(if $(DESTDIR),,dkms install ifreg/$(IFREG_RELEASE) -k $(KERNELRELEASE))

# Removes every build of this version from dkms, and what dkms-install
# put in /usr/src (the headers among it that install-devel put there too).
dkms-uninstall:
	@test -n "$(IFREG_RELEASE)" || { echo "ifreg: no VERSION file"; exit 1; }
	$(if $(DESTDIR),,if [ -n "$$(dkms status -m ifreg -v $(IFREG_RELEASE))" ]; then \
		dkms remove ifreg/$(IFREG_RELEASE) --all; fi)
	rm -rf $(DKMS_FILES)
	rmdir $(DKMS_SRC) 2>/dev/null || true

.PHONY: package dkms-install dkms-uninstall

.PHONY: all deps modules clean build-all kunit vmtest vmtest-debug vmtest-failnth vmtest-kcsan vmtest-loadfail checkpatch ynl check demo bench \
	bench-smoke ifregctl \
	hosttest install install-module install-tools install-devel uninstall
