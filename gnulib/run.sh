#!/bin/bash
# gnulib/run.sh: build gnulib's test suite for the modules in gnulib/modules.txt
# (Debian's gnulib package, gnulib-tool --create-testdir --single-configure) and
# run `./configure && make && make check` twice: natively and under
# `syd -p paludis` (the whole package-style build, not only the tests), then
# compare the results test by test (NAME RESULT, from automake's .trs files).
#
#   gnulib/run.sh [-s SYD] [-w WORKDIR] [-e EXPECTED] [-n NATIVE_RESULTS] [-j JOBS] [-k]
#
#   -s SYD      the syd binary (default ./syd)
#   -w DIR      work directory (default: a new /var/tmp/syd-gnulib.XXXXXX); the syd
#               build directory inside it is allowed the way Paludis allows its
#               build directory: -m allow/all+DIR/***
#   -e FILE     tests that may pass natively and fail under syd, with reasons
#               (default gnulib/expected-failures.txt)
#   -n FILE     use this `NAME RESULT` file as the native column instead of building twice
#   -j JOBS     make -j (default 2)
#   -k          keep the work directory
#   -C          compare only: reuse the results already in WORKDIR (-w)
#
# Exit status: 0 when every test that passes natively passes under syd (or is
# listed in EXPECTED), 1 on a regression or when the build under syd fails,
# 2 on usage or set-up errors. No gnulib code is kept in this repository.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
syd=$repo/syd
work=
expected=$here/expected-failures.txt
native_file=
jobs=2
keep=0
compare_only=0
while getopts "s:w:e:n:j:kC" o; do
	case $o in
	s) syd=$OPTARG ;;
	w) work=$OPTARG ;;
	e) expected=$OPTARG ;;
	n) native_file=$OPTARG ;;
	j) jobs=$OPTARG ;;
	k) keep=1 ;;
	C) compare_only=1 ;;
	*) sed -n '2,24s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
syd=$(realpath "$syd") || exit 2
[ -x "$syd" ] || { echo "gnulib: no syd binary at $syd (make build)" >&2; exit 2; }
command -v gnulib-tool >/dev/null || {
	echo "gnulib: gnulib-tool is missing: apt-get install gnulib autoconf automake make gcc" >&2
	exit 2
}
if [ -z "$work" ]; then
	work=$(mktemp -d /var/tmp/syd-gnulib.XXXXXX) || exit 2
	[ $keep = 1 ] || trap 'rm -rf "$work"' EXIT
else
	mkdir -p "$work" || exit 2
fi
work=$(realpath "$work")
# configure refuses to run as root unless told (the mknod tests).
export FORCE_UNSAFE_CONFIGURE=1
export MAKEFLAGS=
nice=
command -v nice >/dev/null && nice="nice -n 10"

if [ $compare_only = 1 ]; then
	[ -n "$native_file" ] || native_file=$work/native.txt
	rc=0
	keep=1
else

modules=$(sed 's/#.*//' "$here/modules.txt")
echo "gnulib: creating the test directory ($(echo $modules | wc -w) modules) in $work/src"
rm -rf "$work/src" "$work/native" "$work/syd"
gnulib-tool --create-testdir --dir="$work/src" --single-configure $modules >"$work/gnulib-tool.log" 2>&1 || {
	echo "gnulib: gnulib-tool failed, see $work/gnulib-tool.log" >&2
	exit 2
}

build='./configure -q && make -j'$jobs' -s && make -j'$jobs' -k check'

# results DIR: NAME RESULT for every test of DIR/gltests, sorted.
results() {
	(cd "$1/gltests" && find . -name '*.trs' | sort | while read -r f; do
		n=${f#./}
		printf '%s %s\n' "${n%.trs}" "$(sed -n 's/^:test-result: //p' "$f" | head -n1)"
	done)
}

secs() { date +%s; }

if [ -z "$native_file" ]; then
	cp -a "$work/src" "$work/native"
	echo "gnulib: native build and check"
	t0=$(secs)
	(cd "$work/native" && $nice sh -c "$build") >"$work/native.log" 2>&1
	echo "gnulib: native: exit $?, $(($(secs) - t0))s"
	results "$work/native" >"$work/native.txt"
	native_file=$work/native.txt
fi

cp -a "$work/src" "$work/syd"
echo "gnulib: build and check under syd -p paludis"
t0=$(secs)
(cd "$work/syd" && $nice "$syd" -p paludis -m "allow/all+$work/syd/***" -- sh -c "$build") \
	>"$work/syd.log" 2>&1
rc=$?
echo "gnulib: syd: exit $rc, $(($(secs) - t0))s (log: $work/syd.log)"
results "$work/syd" >"$work/syd.txt"
fi

# Compare: NAME NATIVE SYD, regressions are PASS -> anything else.
awk -v expf="$expected" -v nf="$native_file" -v table="$work/table.txt" '
	BEGIN {
		while ((getline l < expf) > 0) {
			if (l ~ /^[ \t]*(#|$)/) continue
			split(l, a, /[ \t]+/); r = l; sub(/^[^ \t]+[ \t]*/, "", r); xf[a[1]] = r
		}
		while ((getline l < nf) > 0) { split(l, a, /[ \t]+/); nat[a[1]] = a[2] }
		printf "%-44s %-6s %-6s\n", "test", "native", "syd" > table
	}
	{
		n = $1; s = $2; seen[n] = 1
		v = (n in nat) ? nat[n] : "-"
		printf "%-44s %-6s %-6s\n", n, v, s > table
		cnt["syd " s]++
		if (v == "PASS" && s != "PASS") {
			if (n in xf) { nexp++; print "  expected: " n " " v " -> " s ": " xf[n] }
			else { nreg++; reg = reg "  " n " " v " -> " s "\n" }
		} else if (v != s) {
			print "  differs:  " n " " v " -> " s
		}
		if ((n in xf) && s == "PASS") fixed = fixed " " n
	}
	END {
		for (n in nat) { cnt["native " nat[n]]++; if (!(n in seen)) { nmiss++; miss = miss " " n } }
		printf "gnulib: %d tests under syd: PASS %d, SKIP %d, FAIL %d, XFAIL %d, ERROR %d\n", NR,
			cnt["syd PASS"], cnt["syd SKIP"], cnt["syd FAIL"], cnt["syd XFAIL"], cnt["syd ERROR"]
		printf "gnulib: native:               PASS %d, SKIP %d, FAIL %d, XFAIL %d, ERROR %d\n",
			cnt["native PASS"], cnt["native SKIP"], cnt["native FAIL"], cnt["native XFAIL"], cnt["native ERROR"]
		if (nmiss) printf "gnulib: %d tests have no result under syd:%s\n", nmiss, miss
		if (fixed != "") printf "gnulib: listed as expected failures but passing now:%s\n", fixed
		printf "gnulib: passing natively but not under syd: %d expected, %d unexpected\n", nexp, nreg + nmiss
		if (nreg) printf "REGRESSIONS:\n%s", reg
		exit (nreg + nmiss) ? 1 : 0
	}' "$work/syd.txt"
status=$?
echo "gnulib: table: $work/table.txt"
if [ $status != 0 ]; then
	# Denials are the first thing to read when something regressed: the most
	# frequent (category, path or address) pairs.
	echo "gnulib: denials under syd (count category target):"
	grep -h '"ctx":"access"' "$work/syd.log" |
		sed -n 's/.*"cap":"\([^"]*\)".*"\(path\|addr\)":"\([^"]*\)".*/\1 \3/p' |
		sort | uniq -c | sort -rn | head -n 15
fi
if [ $status != 0 ] && [ $keep = 0 ]; then
	trap - EXIT
	echo "gnulib: work directory kept for inspection: $work"
fi
exit $status
