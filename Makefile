# SPDX-License-Identifier: GPL-2.0
#
# The user-facing targets. The kbuild pass is Kbuild's; the rest is in
# scripts/. See README.md.

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
PWD := $(shell pwd)

all: modules ifregctl

modules:
	@test -f $(KDIR)/Makefile || { \
		echo "ifreg: no kernel build directory at $(KDIR)."; \
		echo "ifreg: install the headers (Debian: apt-get install linux-headers-$(KERNELRELEASE))"; \
		echo "ifreg: or name one: make KDIR=/path/to/kernel/build"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(PWD) modules

clean:
	@test ! -f $(KDIR)/Makefile || $(MAKE) -C $(KDIR) M=$(PWD) clean

# Both Debian kernels, W=1, warnings as errors.
build-all:
	bash scripts/build-all.sh

# KUnit suites in UML debug kernels (6.12 and 6.1).
kunit:
	bash scripts/kunit.sh

# The module in Debian's own kernels under qemu, with real udev.
vmtest:
	bash scripts/vmtest.sh

checkpatch:
	bash scripts/checkpatch.sh

check:
	bash scripts/check.sh

demo:
	bash scripts/demo.sh

# The command-line tool, tools/ifregctl/ifregctl (installs libmnl-dev).
ifregctl:
	bash tools/ifregctl/build.sh

.PHONY: all modules clean build-all kunit vmtest checkpatch check demo ifregctl
