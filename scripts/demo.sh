#!/bin/sh
# demo.sh: run a real shell under syd with write sandboxing: one allowed write, one
# denied write, and the JSON line syd logs for the denial.
set -u
syd=$(realpath "${1:-./syd}")
dir=$(mktemp -d /tmp/syd-demo.XXXXXX)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/allowed" "$dir/denied"
cd "$dir" || exit 1
set -- -m sandbox/all:off -m sandbox/write,create,truncate:on \
	-m "allow/write,create,truncate+$dir/allowed/***" \
	-- sh -c 'echo hello > allowed/file && echo "allowed write: ok"; echo secret > denied/file || echo "denied write: refused"'
echo "\$ cd $dir"
echo "\$ syd $*"
"$syd" "$@"
echo "syd exit status: $?"
echo "\$ cat allowed/file"
cat allowed/file
echo "\$ ls -A denied/   (nothing was created)"
ls -A denied/
