#!/bin/sh
# ltp/build-ltp.sh: fetch the Linux Test Project's public source, build its
# library and the syscalls tests, and install them under PREFIX. Everything
# happens outside this repository; no LTP code is kept here.
#
#   ltp/build-ltp.sh [PREFIX [SRCDIR]]
#
#   PREFIX   install directory (default /opt/ltp, which the ltp profile allows)
#   SRCDIR   where the source is checked out and built
#            (default ${XDG_CACHE_HOME:-$HOME/.cache}/syd-ltp/src)
#
# Environment: LTP_REPO (default https://github.com/linux-test-project/ltp),
# LTP_REF (the commit the expected-results files were made with), JOBS (make -j,
# default 2). Needs git, gcc, make, autoconf, automake, m4, pkg-config, flex,
# bison, and for the full syscalls set libaio-dev, libnuma-dev, libacl1-dev,
# libcap-dev, libmnl-dev, libkeyutils-dev (tests whose library is missing TCONF).
set -eu
prefix=${1:-/opt/ltp}
src=${2:-${XDG_CACHE_HOME:-$HOME/.cache}/syd-ltp/src}
repo=${LTP_REPO:-https://github.com/linux-test-project/ltp}
ref=${LTP_REF:-695827725f4fc14fe583043127e0335c29bbd52d}
jobs=${JOBS:-2}
nice=
command -v nice >/dev/null && nice="nice -n 10"

missing=
for t in git gcc make autoconf automake m4 pkg-config flex bison; do
	command -v $t >/dev/null || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "build-ltp: missing tools:$missing" >&2
	echo "build-ltp: apt-get install git gcc make autoconf automake m4 pkg-config flex bison" \
		"libaio-dev libnuma-dev libacl1-dev libcap-dev libmnl-dev libkeyutils-dev" >&2
	exit 1
fi

if [ ! -d "$src/.git" ]; then
	echo "build-ltp: fetching $repo at $ref into $src"
	mkdir -p "$src"
	git -C "$src" init -q
	git -C "$src" remote add origin "$repo"
fi
if [ "$(git -C "$src" rev-parse -q --verify HEAD 2>/dev/null || true)" != "$ref" ]; then
	git -C "$src" fetch -q --depth 1 origin "$ref"
	git -C "$src" checkout -q --force FETCH_HEAD
	git -C "$src" clean -qfdx
fi

cd "$src"
echo "build-ltp: configuring (prefix $prefix)"
[ -x configure ] || $nice make autotools >/dev/null
$nice ./configure --prefix="$prefix" >configure.out 2>&1 || {
	tail -n 20 configure.out >&2
	exit 1
}
echo "build-ltp: building lib, libs and testcases/kernel/syscalls with make -j$jobs"
for d in lib libs testcases/lib testcases/kernel/syscalls; do
	$nice make -j"$jobs" -C "$d" >"build-$(echo $d | tr / -).out" 2>&1 || {
		tail -n 30 "build-$(echo $d | tr / -).out" >&2
		exit 1
	}
done
echo "build-ltp: installing into $prefix"
for d in testcases/lib testcases/kernel/syscalls runtest; do
	make -C "$d" install >/dev/null
done
echo "build-ltp: done: $(ls "$prefix/testcases/bin" | wc -l) programs in $prefix/testcases/bin"
