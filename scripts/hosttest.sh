#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make hosttest: the tests that need neither a kernel of ours nor a VM:
# ifregctl's store format (tools/ifregctl/tests/store-test.sh), libifreg's
# exports, its answer without the module and its install with pkg-config,
# make install with the shipped units and rules, the example module built
# against the installed ifreg, make uninstall (scripts/install-test.sh),
# and the versions the programs say.
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

# libifreg: it builds; it exports exactly its header's functions; without
# the module, opening is -ENOENT and nothing leaks; installed with
# PREFIX=/usr (plain, and Debian multiarch), pkg-config finds it and a
# program compiles, links and runs against it.
libifreg_pkgconfig() {
	local dest=$1 libdir=$2 flags
	shift 2
	make -C "$IFREG_TOP" install-lib DESTDIR="$dest" PREFIX=/usr "$@" >"$dest/install.log" 2>&1 ||
		{ cat "$dest/install.log"; return 1; }
	[ -f "$dest/$libdir/libifreg.so.1.0.0" ] &&
		[ "$(readlink "$dest/$libdir/libifreg.so.1")" = libifreg.so.1.0.0 ] &&
		[ "$(readlink "$dest/$libdir/libifreg.so")" = libifreg.so.1 ] &&
		[ -f "$dest/usr/include/ifreg/libifreg.h" ] ||
		{ echo "not where it belongs:"; (cd "$dest" && find . ! -type d); return 1; }
	flags=$(PKG_CONFIG_SYSROOT_DIR=$dest \
		PKG_CONFIG_LIBDIR=$dest/$libdir/pkgconfig:$(pkg-config --variable pc_path pkg-config) \
		pkg-config --cflags --libs libifreg) || return 1
	printf '%s\n' '#include <ifreg/libifreg.h>' \
		'int main(void) { struct ifreg_ctx *c; if (!ifreg_ctx_open(&c)) ifreg_ctx_close(c); }' >"$dest/prog.c"
	# shellcheck disable=SC2086 # pkg-config's flags are words
	gcc -Wall -Werror -o "$dest/prog" "$dest/prog.c" $flags &&
		LD_LIBRARY_PATH=$dest/$libdir "$dest/prog" || { echo "pkg-config said: $flags"; return 1; }
}

if out=$(bash "$IFREG_TOP/tools/libifreg/build.sh" all 2>&1); then
	result PASS host/libifreg-build
	if out=$(make -s -C "$IFREG_TOP/tools/libifreg" check-symbols 2>&1); then
		result PASS host/libifreg-symbols
	else
		printf '%s\n' "$out" >&2
		result FAIL host/libifreg-symbols
		status=1
	fi
	if [ -e /sys/module/ifreg ]; then
		result SKIP host/libifreg-nomodule
	elif out=$(make -s -C "$IFREG_TOP/tools/libifreg" nomodule 2>&1) &&
	     out=$(cd "$IFREG_TOP/tools/libifreg" && if command -v valgrind >/dev/null; then
			valgrind -q --leak-check=full --show-leak-kinds=all \
				--errors-for-leak-kinds=all --error-exitcode=1 ./nomodule
		else
			./nomodule
		fi 2>&1); then
		result PASS host/libifreg-nomodule
	else
		printf '%s\n' "$out" >&2
		result FAIL host/libifreg-nomodule
		status=1
	fi
	pc=$(mktemp -d)
	mkdir "$pc/plain" "$pc/multiarch"
	if out=$(libifreg_pkgconfig "$pc/plain" usr/lib 2>&1) &&
	   out=$(libifreg_pkgconfig "$pc/multiarch" "usr/lib/$(gcc -print-multiarch)" \
			DEB_HOST_MULTIARCH="$(gcc -print-multiarch)" 2>&1); then
		result PASS host/libifreg-pkgconfig
	else
		printf '%s\n' "$out" >&2
		result FAIL host/libifreg-pkgconfig
		status=1
	fi
	rm -rf "$pc"
	# The README's example, built as it says, -Werror: it follows the API.
	if out=$(make -s -C "$IFREG_TOP/tools/libifreg/examples" LIBIFREG=tree \
			CFLAGS="-O2 -Werror" 2>&1); then
		result PASS host/libifreg-example
	else
		printf '%s\n' "$out" >&2
		result FAIL host/libifreg-example
		status=1
	fi
else
	printf '%s\n' "$out" >&2
	result FAIL host/libifreg-build
	status=1
fi

bash "$IFREG_TOP/scripts/install-test.sh" || status=1

# Versions in a git checkout: ifregctl and the library it runs on say what
# scripts/version.sh says of the tree (git describe, or VERSION with the
# commit); the last line is the loaded module's (here: none).
v=$(sh "$IFREG_TOP/scripts/version.sh")
out=$(LD_LIBRARY_PATH=$IFREG_TOP/tools/libifreg "$IFREG_TOP/tools/ifregctl/ifregctl" --version 2>&1)
if [ "$(printf '%s\n' "$out" | head -n3)" = "$(printf 'ifregctl %s\nlibifreg %s\nprotocol: ifreg generic netlink version 1' "$v" "$v")" ] &&
   printf '%s\n' "$out" | sed -n 4p | grep -q '^module: ' &&
   case $v in "$(cat "$IFREG_TOP/VERSION")"*) true ;; *) false ;; esac; then
	result PASS host/version
else
	printf 'version.sh: %s\nifregctl --version:\n%s\n' "$v" "$out" >&2
	result FAIL host/version
	status=1
fi

# ifregctl's bash completion, as bash runs it on TAB (no module needed for
# these): a command, a command's option, a class by name.
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_ifregctl ifregctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' complete \
		"$IFREG_TOP/tools/ifregctl/ifregctl.bash-completion" "$@" 2>&1
}
if [ "$(complete_words ifregctl li)" = list ] &&
   [ "$(complete_words ifregctl list --cl)" = --class ] &&
   [ "$(complete_words ifregctl list --class dis | sort | tr '\n' ' ')" = "disk display display_adapter " ]; then
	result PASS host/ifregctl-completion
else
	printf 'completing "li": %s\n' "$(complete_words ifregctl li)" >&2
	result FAIL host/ifregctl-completion
	status=1
fi

# libifreg's manual pages: each renders without a warning, and every
# function of its header has a page with its prototype
# (tools/libifreg/man/check.sh).
if out=$( (host_need man-db groff-base bsdextrautils) 2>&1 &&
	  bash "$IFREG_TOP/tools/libifreg/man/check.sh" 2>&1); then
	result PASS host/libifreg-man
else
	printf '%s\n' "$out" >&2
	result FAIL host/libifreg-man
	status=1
fi

exit $status
