#!/bin/sh
# test-unpriv.sh: when run as root, run the sandbox test suites again as an
# unprivileged user (setpriv --reuid=UID --regid=UID --clear-groups), as users run syd.
set -eu
uid=${1:-65534}
if [ "$(id -u)" != 0 ]; then
	echo "test-unpriv: running as uid $(id -u) already; the main test run was unprivileged"
	exit 0
fi
command -v setpriv >/dev/null || { echo "test-unpriv: setpriv (util-linux) is missing" >&2; exit 1; }
dir=$(mktemp -d /tmp/syd-unpriv.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
go test -c -o "$dir/testscripts.test" ./testscripts
mkdir "$dir/work" "$dir/scripts"
chmod 1777 "$dir/work"
cp testscripts/*.txtar "$dir/scripts/"
chmod -R a+rX "$dir/scripts"
echo "test-unpriv: testscripts as uid $uid"
cd "$dir/scripts"
setpriv --reuid="$uid" --regid="$uid" --clear-groups \
	env HOME="$dir/work" TMPDIR="$dir/work" "$dir/testscripts.test" -test.count=1
