#!/bin/sh
# install.sh: installs libsyd.so, syd.h and libsyd.pc below a prefix (run by `make install` and by the tests).
#
# Usage: libsyd/install.sh LIBSYD.SO PREFIX [DESTDIR]
# LIBDIR and INCLUDEDIR default to PREFIX/lib and PREFIX/include.
set -eu
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: $0 LIBSYD.SO PREFIX [DESTDIR]" >&2
	exit 2
fi
lib=$1
prefix=$2
destdir=${3-}
here=$(dirname "$0")
libdir=${LIBDIR:-$prefix/lib}
includedir=${INCLUDEDIR:-$prefix/include}
# The libsyd API this library implements (function set of libsyd 3.6, lock numbering of 3.11+).
version=3.6.0
install -d "$destdir$libdir/pkgconfig" "$destdir$includedir"
install -m 0755 "$lib" "$destdir$libdir/libsyd.so"
install -m 0644 "$here/syd.h" "$destdir$includedir/syd.h"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@LIBDIR@|$libdir|g" -e "s|@INCLUDEDIR@|$includedir|g" \
	-e "s|@VERSION@|$version|g" -e '/^# libsyd.pc.in/d' \
	"$here/libsyd.pc.in" >"$destdir$libdir/pkgconfig/libsyd.pc"
