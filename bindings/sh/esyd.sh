# esyd.sh: defines the shell function esyd, which configures syd from inside the sandbox through /dev/syd.
# shellcheck shell=sh
#
# Load it with `eval "$(syd --sh)"` outside the sandbox or `. /dev/syd.sh`
# inside it, then run `esyd help`. It works unchanged in POSIX sh (dash),
# bash and zsh. Every subcommand is one `[ -c "/dev/syd/<command>" ]` test
# run by the shell itself: esyd never forks to talk to syd, because under
# lock:exec only the first process syd ran may (a subshell or a pipeline
# element is locked out). Its status is 0 when syd accepted the command or
# the query is true, 1 otherwise; usage errors print `esyd: ...` on stderr
# and return 1. Helper variables and functions are named _esyd_*.

# _esyd_do CMD SUBCOMMAND: stat /dev/syd/CMD; SUBCOMMAND takes no arguments.
_esyd_do() {
	if [ $# -ne 2 ]; then
		printf 'esyd: %s takes no arguments\n' "$2" >&2
		return 1
	fi
	[ -c "/dev/syd/$1" ]
}

# _esyd_one KEY SUBCOMMAND VALUE: stat /dev/syd/KEY:VALUE.
_esyd_one() {
	if [ $# -ne 3 ]; then
		printf 'esyd: %s takes exactly one extra argument\n' "$2" >&2
		return 1
	fi
	[ -c "/dev/syd/$1:$3" ]
}

# _esyd_rule LIST OP SUBCOMMAND GLOB...: stat /dev/syd/LIST OP GLOB for each
# GLOB; fails when any of them fails.
_esyd_rule() {
	_esyd_l=$1 _esyd_o=$2 _esyd_s=$3
	shift 3
	if [ $# -eq 0 ]; then
		printf 'esyd: %s takes one or more globs\n' "$_esyd_s" >&2
		return 1
	fi
	_esyd_r=0
	for _esyd_g in "$@"; do
		[ -c "/dev/syd/$_esyd_l$_esyd_o$_esyd_g" ] || _esyd_r=1
	done
	return "$_esyd_r"
}

# _esyd_net SUBCOMMAND [--bind|--connect|--sendfd] ADDR...: network rules.
# Paludis's esandbox spellings are accepted: inet:, inet6: and unix: are
# stripped, unix-abstract:NAME becomes @NAME, --send means --sendfd.
_esyd_net() {
	case $1 in
	allow_net) _esyd_l=allow _esyd_o=+ ;;
	disallow_net) _esyd_l=allow _esyd_o=- ;;
	deny_net) _esyd_l=deny _esyd_o=+ ;;
	nodeny_net) _esyd_l=deny _esyd_o=- ;;
	addfilter_net) _esyd_l=filter _esyd_o=+ ;;
	rmfilter_net) _esyd_l=filter _esyd_o=- ;;
	esac
	_esyd_s=$1
	shift
	_esyd_k=bind
	case ${1-} in
	--bind) shift ;;
	--connect) _esyd_k=connect; shift ;;
	--sendfd | --send) _esyd_k=sendfd; shift ;;
	-*)
		printf 'esyd: %s: unknown option %s (want --bind, --connect or --sendfd)\n' "$_esyd_s" "$1" >&2
		return 1
		;;
	esac
	if [ $# -eq 0 ]; then
		printf 'esyd: %s takes [--bind|--connect|--sendfd] and one or more addresses\n' "$_esyd_s" >&2
		return 1
	fi
	_esyd_r=0
	for _esyd_a in "$@"; do
		case $_esyd_a in
		inet:*) _esyd_a=${_esyd_a#inet:} ;;
		inet6:*) _esyd_a=${_esyd_a#inet6:} ;;
		unix:*) _esyd_a=${_esyd_a#unix:} ;;
		unix-abstract:*) _esyd_a=@${_esyd_a#unix-abstract:} ;;
		esac
		[ -c "/dev/syd/$_esyd_l/net/$_esyd_k$_esyd_o$_esyd_a" ] || _esyd_r=1
	done
	return "$_esyd_r"
}

# _esyd_info [JQ-ARG...]: read /dev/syd with the shell's own read loop (an
# open by this process, never a subshell) and print it, through jq when it
# is installed.
_esyd_info() {
	if ! [ -c /dev/syd ]; then
		echo 'esyd: info: /dev/syd is not available (not under syd, or locked)' >&2
		return 1
	fi
	_esyd_j=
	_esyd_readstate </dev/syd || return 1
	if command -v jq >/dev/null 2>&1; then
		[ $# -gt 0 ] || set -- .
		printf '%s\n' "$_esyd_j" | jq "$@"
	else
		printf '%s\n' "$_esyd_j"
	fi
}

_esyd_readstate() {
	while IFS= read -r _esyd_line || [ -n "$_esyd_line" ]; do
		_esyd_j="$_esyd_j$_esyd_line"
	done
}

# _esyd_exec PROGRAM [ARG...]: syd runs the command outside the sandbox; the
# words are joined with the unit separator (0x1f, written literally below).
_esyd_exec() {
	if [ $# -eq 0 ]; then
		echo 'esyd: exec takes a program and its arguments' >&2
		return 1
	fi
	_esyd_us=''
	_esyd_x='cmd/exec!'"$1"
	shift
	for _esyd_a in "$@"; do
		_esyd_x="$_esyd_x$_esyd_us$_esyd_a"
	done
	[ -c "/dev/syd/$_esyd_x" ]
}

_esyd_help() {
	printf '%s\n' \
		'Usage: esyd SUBCOMMAND [ARG...]' \
		'  api                   print the API version (3)' \
		'  check                 true when running under syd with /dev/syd available' \
		'  info [JQ-ARG...]      print the sandbox state (JSON; through jq if installed)' \
		'  stat                  make syd print its state on its own stderr' \
		'  reset                 restore the default policy (the lock is kept)' \
		'  panic                 make syd exit at once (status 127)' \
		'  load FD               make syd read commands from file descriptor FD' \
		'  lock | unlock | exec_lock | read_lock | drop_lock' \
		'                        lock:on | lock:off | lock:exec | lock:read | lock:drop' \
		'  exec PROGRAM [ARG...] run a command outside the sandbox' \
		'  mem_max SIZE | vm_max SIZE | pid_max N' \
		'  enabled | enable | disable   write sandboxing (also enabled_path, ...)' \
		'  allow | disallow | deny | nodeny | addfilter | rmfilter GLOB...' \
		'                        write rules (allow/write+GLOB, allow/write-GLOB, ...)' \
		'  allow_net | disallow_net | deny_net | nodeny_net | addfilter_net | rmfilter_net' \
		'        [--bind|--connect|--sendfd] ADDR...   network rules (default --bind)'
	# BEGIN GENERATED help: go generate ./bindings
	printf '%s\n' \
		'  enabled_X (query) for X in:' \
		'      stat read write exec ioctl create delete rename symlink truncate chdir' \
		'      readdir mkdir rmdir chown chgrp chmod chattr chroot utime mkdev mkfifo' \
		'      mktemp net_bind net_connect net_sendfd net all lock mem pid force tpe' \
		'      crypt proxy' \
		'  enable_X, disable_X for X in:' \
		'      stat read write exec ioctl create delete rename symlink truncate chdir' \
		'      readdir mkdir rmdir chown chgrp chmod chattr chroot utime mkdev mkfifo' \
		'      mktemp net_bind net_connect net_sendfd net all mem pid force tpe' \
		'  allow_X, disallow_X, deny_X, nodeny_X, addfilter_X, rmfilter_X GLOB... for X in:' \
		'      stat read write exec ioctl create delete rename symlink truncate chdir' \
		'      readdir mkdir rmdir chown chgrp chmod chattr chroot utime mkdev mkfifo' \
		'      mktemp all'
	# END GENERATED help
}

esyd() {
	if [ $# -eq 0 ]; then
		_esyd_help >&2
		return 1
	fi
	case $1 in
	api)
		if [ $# -ne 1 ]; then
			echo 'esyd: api takes no arguments' >&2
			return 1
		fi
		echo 3
		;;
	check)
		if [ $# -ne 1 ]; then
			echo 'esyd: check takes no arguments' >&2
			return 1
		fi
		[ -c /dev/syd ]
		;;
	stat) _esyd_do 'stat' "$@" ;;
	reset) _esyd_do 'reset' "$@" ;;
	panic) _esyd_do 'panic' "$@" ;;
	lock) _esyd_do 'lock:on' "$@" ;;
	unlock) _esyd_do 'lock:off' "$@" ;;
	exec_lock) _esyd_do 'lock:exec' "$@" ;;
	read_lock) _esyd_do 'lock:read' "$@" ;;
	drop_lock) _esyd_do 'lock:drop' "$@" ;;
	load)
		if [ $# -ne 2 ]; then
			echo 'esyd: load takes exactly one extra argument (a file descriptor)' >&2
			return 1
		fi
		[ -c "/dev/syd/load/$2" ]
		;;
	info | dump) shift; _esyd_info "$@" ;;
	exec) shift; _esyd_exec "$@" ;;
	mem_max) _esyd_one 'mem/max' "$@" ;;
	vm_max) _esyd_one 'mem/vm_max' "$@" ;;
	pid_max) _esyd_one 'pid/max' "$@" ;;
	enabled | enabled_path) _esyd_do 'sandbox/write?' "$@" ;;
	enable | enable_path) _esyd_do 'sandbox/write:on' "$@" ;;
	disable | disable_path) _esyd_do 'sandbox/write:off' "$@" ;;
	allow) _esyd_rule 'allow/write' '+' "$@" ;;
	disallow) _esyd_rule 'allow/write' '-' "$@" ;;
	deny) _esyd_rule 'deny/write' '+' "$@" ;;
	nodeny) _esyd_rule 'deny/write' '-' "$@" ;;
	addfilter) _esyd_rule 'filter/write' '+' "$@" ;;
	rmfilter) _esyd_rule 'filter/write' '-' "$@" ;;
	allow_net | disallow_net | deny_net | nodeny_net | addfilter_net | rmfilter_net) _esyd_net "$@" ;;
	help) _esyd_help ;;
	# BEGIN GENERATED subcommands: go generate ./bindings
	enabled_stat) _esyd_do 'sandbox/stat?' "$@" ;;
	enable_stat) _esyd_do 'sandbox/stat:on' "$@" ;;
	disable_stat) _esyd_do 'sandbox/stat:off' "$@" ;;
	allow_stat) _esyd_rule 'allow/stat' '+' "$@" ;;
	disallow_stat) _esyd_rule 'allow/stat' '-' "$@" ;;
	deny_stat) _esyd_rule 'deny/stat' '+' "$@" ;;
	nodeny_stat) _esyd_rule 'deny/stat' '-' "$@" ;;
	addfilter_stat) _esyd_rule 'filter/stat' '+' "$@" ;;
	rmfilter_stat) _esyd_rule 'filter/stat' '-' "$@" ;;
	enabled_read) _esyd_do 'sandbox/read?' "$@" ;;
	enable_read) _esyd_do 'sandbox/read:on' "$@" ;;
	disable_read) _esyd_do 'sandbox/read:off' "$@" ;;
	allow_read) _esyd_rule 'allow/read' '+' "$@" ;;
	disallow_read) _esyd_rule 'allow/read' '-' "$@" ;;
	deny_read) _esyd_rule 'deny/read' '+' "$@" ;;
	nodeny_read) _esyd_rule 'deny/read' '-' "$@" ;;
	addfilter_read) _esyd_rule 'filter/read' '+' "$@" ;;
	rmfilter_read) _esyd_rule 'filter/read' '-' "$@" ;;
	enabled_write) _esyd_do 'sandbox/write?' "$@" ;;
	enable_write) _esyd_do 'sandbox/write:on' "$@" ;;
	disable_write) _esyd_do 'sandbox/write:off' "$@" ;;
	allow_write) _esyd_rule 'allow/write' '+' "$@" ;;
	disallow_write) _esyd_rule 'allow/write' '-' "$@" ;;
	deny_write) _esyd_rule 'deny/write' '+' "$@" ;;
	nodeny_write) _esyd_rule 'deny/write' '-' "$@" ;;
	addfilter_write) _esyd_rule 'filter/write' '+' "$@" ;;
	rmfilter_write) _esyd_rule 'filter/write' '-' "$@" ;;
	enabled_exec) _esyd_do 'sandbox/exec?' "$@" ;;
	enable_exec) _esyd_do 'sandbox/exec:on' "$@" ;;
	disable_exec) _esyd_do 'sandbox/exec:off' "$@" ;;
	allow_exec) _esyd_rule 'allow/exec' '+' "$@" ;;
	disallow_exec) _esyd_rule 'allow/exec' '-' "$@" ;;
	deny_exec) _esyd_rule 'deny/exec' '+' "$@" ;;
	nodeny_exec) _esyd_rule 'deny/exec' '-' "$@" ;;
	addfilter_exec) _esyd_rule 'filter/exec' '+' "$@" ;;
	rmfilter_exec) _esyd_rule 'filter/exec' '-' "$@" ;;
	enabled_ioctl) _esyd_do 'sandbox/ioctl?' "$@" ;;
	enable_ioctl) _esyd_do 'sandbox/ioctl:on' "$@" ;;
	disable_ioctl) _esyd_do 'sandbox/ioctl:off' "$@" ;;
	allow_ioctl) _esyd_rule 'allow/ioctl' '+' "$@" ;;
	disallow_ioctl) _esyd_rule 'allow/ioctl' '-' "$@" ;;
	deny_ioctl) _esyd_rule 'deny/ioctl' '+' "$@" ;;
	nodeny_ioctl) _esyd_rule 'deny/ioctl' '-' "$@" ;;
	addfilter_ioctl) _esyd_rule 'filter/ioctl' '+' "$@" ;;
	rmfilter_ioctl) _esyd_rule 'filter/ioctl' '-' "$@" ;;
	enabled_create) _esyd_do 'sandbox/create?' "$@" ;;
	enable_create) _esyd_do 'sandbox/create:on' "$@" ;;
	disable_create) _esyd_do 'sandbox/create:off' "$@" ;;
	allow_create) _esyd_rule 'allow/create' '+' "$@" ;;
	disallow_create) _esyd_rule 'allow/create' '-' "$@" ;;
	deny_create) _esyd_rule 'deny/create' '+' "$@" ;;
	nodeny_create) _esyd_rule 'deny/create' '-' "$@" ;;
	addfilter_create) _esyd_rule 'filter/create' '+' "$@" ;;
	rmfilter_create) _esyd_rule 'filter/create' '-' "$@" ;;
	enabled_delete) _esyd_do 'sandbox/delete?' "$@" ;;
	enable_delete) _esyd_do 'sandbox/delete:on' "$@" ;;
	disable_delete) _esyd_do 'sandbox/delete:off' "$@" ;;
	allow_delete) _esyd_rule 'allow/delete' '+' "$@" ;;
	disallow_delete) _esyd_rule 'allow/delete' '-' "$@" ;;
	deny_delete) _esyd_rule 'deny/delete' '+' "$@" ;;
	nodeny_delete) _esyd_rule 'deny/delete' '-' "$@" ;;
	addfilter_delete) _esyd_rule 'filter/delete' '+' "$@" ;;
	rmfilter_delete) _esyd_rule 'filter/delete' '-' "$@" ;;
	enabled_rename) _esyd_do 'sandbox/rename?' "$@" ;;
	enable_rename) _esyd_do 'sandbox/rename:on' "$@" ;;
	disable_rename) _esyd_do 'sandbox/rename:off' "$@" ;;
	allow_rename) _esyd_rule 'allow/rename' '+' "$@" ;;
	disallow_rename) _esyd_rule 'allow/rename' '-' "$@" ;;
	deny_rename) _esyd_rule 'deny/rename' '+' "$@" ;;
	nodeny_rename) _esyd_rule 'deny/rename' '-' "$@" ;;
	addfilter_rename) _esyd_rule 'filter/rename' '+' "$@" ;;
	rmfilter_rename) _esyd_rule 'filter/rename' '-' "$@" ;;
	enabled_symlink) _esyd_do 'sandbox/symlink?' "$@" ;;
	enable_symlink) _esyd_do 'sandbox/symlink:on' "$@" ;;
	disable_symlink) _esyd_do 'sandbox/symlink:off' "$@" ;;
	allow_symlink) _esyd_rule 'allow/symlink' '+' "$@" ;;
	disallow_symlink) _esyd_rule 'allow/symlink' '-' "$@" ;;
	deny_symlink) _esyd_rule 'deny/symlink' '+' "$@" ;;
	nodeny_symlink) _esyd_rule 'deny/symlink' '-' "$@" ;;
	addfilter_symlink) _esyd_rule 'filter/symlink' '+' "$@" ;;
	rmfilter_symlink) _esyd_rule 'filter/symlink' '-' "$@" ;;
	enabled_truncate) _esyd_do 'sandbox/truncate?' "$@" ;;
	enable_truncate) _esyd_do 'sandbox/truncate:on' "$@" ;;
	disable_truncate) _esyd_do 'sandbox/truncate:off' "$@" ;;
	allow_truncate) _esyd_rule 'allow/truncate' '+' "$@" ;;
	disallow_truncate) _esyd_rule 'allow/truncate' '-' "$@" ;;
	deny_truncate) _esyd_rule 'deny/truncate' '+' "$@" ;;
	nodeny_truncate) _esyd_rule 'deny/truncate' '-' "$@" ;;
	addfilter_truncate) _esyd_rule 'filter/truncate' '+' "$@" ;;
	rmfilter_truncate) _esyd_rule 'filter/truncate' '-' "$@" ;;
	enabled_chdir) _esyd_do 'sandbox/chdir?' "$@" ;;
	enable_chdir) _esyd_do 'sandbox/chdir:on' "$@" ;;
	disable_chdir) _esyd_do 'sandbox/chdir:off' "$@" ;;
	allow_chdir) _esyd_rule 'allow/chdir' '+' "$@" ;;
	disallow_chdir) _esyd_rule 'allow/chdir' '-' "$@" ;;
	deny_chdir) _esyd_rule 'deny/chdir' '+' "$@" ;;
	nodeny_chdir) _esyd_rule 'deny/chdir' '-' "$@" ;;
	addfilter_chdir) _esyd_rule 'filter/chdir' '+' "$@" ;;
	rmfilter_chdir) _esyd_rule 'filter/chdir' '-' "$@" ;;
	enabled_readdir) _esyd_do 'sandbox/readdir?' "$@" ;;
	enable_readdir) _esyd_do 'sandbox/readdir:on' "$@" ;;
	disable_readdir) _esyd_do 'sandbox/readdir:off' "$@" ;;
	allow_readdir) _esyd_rule 'allow/readdir' '+' "$@" ;;
	disallow_readdir) _esyd_rule 'allow/readdir' '-' "$@" ;;
	deny_readdir) _esyd_rule 'deny/readdir' '+' "$@" ;;
	nodeny_readdir) _esyd_rule 'deny/readdir' '-' "$@" ;;
	addfilter_readdir) _esyd_rule 'filter/readdir' '+' "$@" ;;
	rmfilter_readdir) _esyd_rule 'filter/readdir' '-' "$@" ;;
	enabled_mkdir) _esyd_do 'sandbox/mkdir?' "$@" ;;
	enable_mkdir) _esyd_do 'sandbox/mkdir:on' "$@" ;;
	disable_mkdir) _esyd_do 'sandbox/mkdir:off' "$@" ;;
	allow_mkdir) _esyd_rule 'allow/mkdir' '+' "$@" ;;
	disallow_mkdir) _esyd_rule 'allow/mkdir' '-' "$@" ;;
	deny_mkdir) _esyd_rule 'deny/mkdir' '+' "$@" ;;
	nodeny_mkdir) _esyd_rule 'deny/mkdir' '-' "$@" ;;
	addfilter_mkdir) _esyd_rule 'filter/mkdir' '+' "$@" ;;
	rmfilter_mkdir) _esyd_rule 'filter/mkdir' '-' "$@" ;;
	enabled_rmdir) _esyd_do 'sandbox/rmdir?' "$@" ;;
	enable_rmdir) _esyd_do 'sandbox/rmdir:on' "$@" ;;
	disable_rmdir) _esyd_do 'sandbox/rmdir:off' "$@" ;;
	allow_rmdir) _esyd_rule 'allow/rmdir' '+' "$@" ;;
	disallow_rmdir) _esyd_rule 'allow/rmdir' '-' "$@" ;;
	deny_rmdir) _esyd_rule 'deny/rmdir' '+' "$@" ;;
	nodeny_rmdir) _esyd_rule 'deny/rmdir' '-' "$@" ;;
	addfilter_rmdir) _esyd_rule 'filter/rmdir' '+' "$@" ;;
	rmfilter_rmdir) _esyd_rule 'filter/rmdir' '-' "$@" ;;
	enabled_chown) _esyd_do 'sandbox/chown?' "$@" ;;
	enable_chown) _esyd_do 'sandbox/chown:on' "$@" ;;
	disable_chown) _esyd_do 'sandbox/chown:off' "$@" ;;
	allow_chown) _esyd_rule 'allow/chown' '+' "$@" ;;
	disallow_chown) _esyd_rule 'allow/chown' '-' "$@" ;;
	deny_chown) _esyd_rule 'deny/chown' '+' "$@" ;;
	nodeny_chown) _esyd_rule 'deny/chown' '-' "$@" ;;
	addfilter_chown) _esyd_rule 'filter/chown' '+' "$@" ;;
	rmfilter_chown) _esyd_rule 'filter/chown' '-' "$@" ;;
	enabled_chgrp) _esyd_do 'sandbox/chgrp?' "$@" ;;
	enable_chgrp) _esyd_do 'sandbox/chgrp:on' "$@" ;;
	disable_chgrp) _esyd_do 'sandbox/chgrp:off' "$@" ;;
	allow_chgrp) _esyd_rule 'allow/chgrp' '+' "$@" ;;
	disallow_chgrp) _esyd_rule 'allow/chgrp' '-' "$@" ;;
	deny_chgrp) _esyd_rule 'deny/chgrp' '+' "$@" ;;
	nodeny_chgrp) _esyd_rule 'deny/chgrp' '-' "$@" ;;
	addfilter_chgrp) _esyd_rule 'filter/chgrp' '+' "$@" ;;
	rmfilter_chgrp) _esyd_rule 'filter/chgrp' '-' "$@" ;;
	enabled_chmod) _esyd_do 'sandbox/chmod?' "$@" ;;
	enable_chmod) _esyd_do 'sandbox/chmod:on' "$@" ;;
	disable_chmod) _esyd_do 'sandbox/chmod:off' "$@" ;;
	allow_chmod) _esyd_rule 'allow/chmod' '+' "$@" ;;
	disallow_chmod) _esyd_rule 'allow/chmod' '-' "$@" ;;
	deny_chmod) _esyd_rule 'deny/chmod' '+' "$@" ;;
	nodeny_chmod) _esyd_rule 'deny/chmod' '-' "$@" ;;
	addfilter_chmod) _esyd_rule 'filter/chmod' '+' "$@" ;;
	rmfilter_chmod) _esyd_rule 'filter/chmod' '-' "$@" ;;
	enabled_chattr) _esyd_do 'sandbox/chattr?' "$@" ;;
	enable_chattr) _esyd_do 'sandbox/chattr:on' "$@" ;;
	disable_chattr) _esyd_do 'sandbox/chattr:off' "$@" ;;
	allow_chattr) _esyd_rule 'allow/chattr' '+' "$@" ;;
	disallow_chattr) _esyd_rule 'allow/chattr' '-' "$@" ;;
	deny_chattr) _esyd_rule 'deny/chattr' '+' "$@" ;;
	nodeny_chattr) _esyd_rule 'deny/chattr' '-' "$@" ;;
	addfilter_chattr) _esyd_rule 'filter/chattr' '+' "$@" ;;
	rmfilter_chattr) _esyd_rule 'filter/chattr' '-' "$@" ;;
	enabled_chroot) _esyd_do 'sandbox/chroot?' "$@" ;;
	enable_chroot) _esyd_do 'sandbox/chroot:on' "$@" ;;
	disable_chroot) _esyd_do 'sandbox/chroot:off' "$@" ;;
	allow_chroot) _esyd_rule 'allow/chroot' '+' "$@" ;;
	disallow_chroot) _esyd_rule 'allow/chroot' '-' "$@" ;;
	deny_chroot) _esyd_rule 'deny/chroot' '+' "$@" ;;
	nodeny_chroot) _esyd_rule 'deny/chroot' '-' "$@" ;;
	addfilter_chroot) _esyd_rule 'filter/chroot' '+' "$@" ;;
	rmfilter_chroot) _esyd_rule 'filter/chroot' '-' "$@" ;;
	enabled_utime) _esyd_do 'sandbox/utime?' "$@" ;;
	enable_utime) _esyd_do 'sandbox/utime:on' "$@" ;;
	disable_utime) _esyd_do 'sandbox/utime:off' "$@" ;;
	allow_utime) _esyd_rule 'allow/utime' '+' "$@" ;;
	disallow_utime) _esyd_rule 'allow/utime' '-' "$@" ;;
	deny_utime) _esyd_rule 'deny/utime' '+' "$@" ;;
	nodeny_utime) _esyd_rule 'deny/utime' '-' "$@" ;;
	addfilter_utime) _esyd_rule 'filter/utime' '+' "$@" ;;
	rmfilter_utime) _esyd_rule 'filter/utime' '-' "$@" ;;
	enabled_mkdev) _esyd_do 'sandbox/mkdev?' "$@" ;;
	enable_mkdev) _esyd_do 'sandbox/mkdev:on' "$@" ;;
	disable_mkdev) _esyd_do 'sandbox/mkdev:off' "$@" ;;
	allow_mkdev) _esyd_rule 'allow/mkdev' '+' "$@" ;;
	disallow_mkdev) _esyd_rule 'allow/mkdev' '-' "$@" ;;
	deny_mkdev) _esyd_rule 'deny/mkdev' '+' "$@" ;;
	nodeny_mkdev) _esyd_rule 'deny/mkdev' '-' "$@" ;;
	addfilter_mkdev) _esyd_rule 'filter/mkdev' '+' "$@" ;;
	rmfilter_mkdev) _esyd_rule 'filter/mkdev' '-' "$@" ;;
	enabled_mkfifo) _esyd_do 'sandbox/mkfifo?' "$@" ;;
	enable_mkfifo) _esyd_do 'sandbox/mkfifo:on' "$@" ;;
	disable_mkfifo) _esyd_do 'sandbox/mkfifo:off' "$@" ;;
	allow_mkfifo) _esyd_rule 'allow/mkfifo' '+' "$@" ;;
	disallow_mkfifo) _esyd_rule 'allow/mkfifo' '-' "$@" ;;
	deny_mkfifo) _esyd_rule 'deny/mkfifo' '+' "$@" ;;
	nodeny_mkfifo) _esyd_rule 'deny/mkfifo' '-' "$@" ;;
	addfilter_mkfifo) _esyd_rule 'filter/mkfifo' '+' "$@" ;;
	rmfilter_mkfifo) _esyd_rule 'filter/mkfifo' '-' "$@" ;;
	enabled_mktemp) _esyd_do 'sandbox/mktemp?' "$@" ;;
	enable_mktemp) _esyd_do 'sandbox/mktemp:on' "$@" ;;
	disable_mktemp) _esyd_do 'sandbox/mktemp:off' "$@" ;;
	allow_mktemp) _esyd_rule 'allow/mktemp' '+' "$@" ;;
	disallow_mktemp) _esyd_rule 'allow/mktemp' '-' "$@" ;;
	deny_mktemp) _esyd_rule 'deny/mktemp' '+' "$@" ;;
	nodeny_mktemp) _esyd_rule 'deny/mktemp' '-' "$@" ;;
	addfilter_mktemp) _esyd_rule 'filter/mktemp' '+' "$@" ;;
	rmfilter_mktemp) _esyd_rule 'filter/mktemp' '-' "$@" ;;
	enabled_net_bind) _esyd_do 'sandbox/net/bind?' "$@" ;;
	enable_net_bind) _esyd_do 'sandbox/net/bind:on' "$@" ;;
	disable_net_bind) _esyd_do 'sandbox/net/bind:off' "$@" ;;
	enabled_net_connect) _esyd_do 'sandbox/net/connect?' "$@" ;;
	enable_net_connect) _esyd_do 'sandbox/net/connect:on' "$@" ;;
	disable_net_connect) _esyd_do 'sandbox/net/connect:off' "$@" ;;
	enabled_net_sendfd) _esyd_do 'sandbox/net/sendfd?' "$@" ;;
	enable_net_sendfd) _esyd_do 'sandbox/net/sendfd:on' "$@" ;;
	disable_net_sendfd) _esyd_do 'sandbox/net/sendfd:off' "$@" ;;
	enabled_net) _esyd_do 'sandbox/net?' "$@" ;;
	enable_net) _esyd_do 'sandbox/net:on' "$@" ;;
	disable_net) _esyd_do 'sandbox/net:off' "$@" ;;
	enabled_all) _esyd_do 'sandbox/all?' "$@" ;;
	enable_all) _esyd_do 'sandbox/all:on' "$@" ;;
	disable_all) _esyd_do 'sandbox/all:off' "$@" ;;
	allow_all) _esyd_rule 'allow/all' '+' "$@" ;;
	disallow_all) _esyd_rule 'allow/all' '-' "$@" ;;
	deny_all) _esyd_rule 'deny/all' '+' "$@" ;;
	nodeny_all) _esyd_rule 'deny/all' '-' "$@" ;;
	addfilter_all) _esyd_rule 'filter/all' '+' "$@" ;;
	rmfilter_all) _esyd_rule 'filter/all' '-' "$@" ;;
	enabled_lock) _esyd_do 'sandbox/lock?' "$@" ;;
	enabled_mem) _esyd_do 'sandbox/mem?' "$@" ;;
	enable_mem) _esyd_do 'sandbox/mem:on' "$@" ;;
	disable_mem) _esyd_do 'sandbox/mem:off' "$@" ;;
	enabled_pid) _esyd_do 'sandbox/pid?' "$@" ;;
	enable_pid) _esyd_do 'sandbox/pid:on' "$@" ;;
	disable_pid) _esyd_do 'sandbox/pid:off' "$@" ;;
	enabled_force) _esyd_do 'sandbox/force?' "$@" ;;
	enable_force) _esyd_do 'sandbox/force:on' "$@" ;;
	disable_force) _esyd_do 'sandbox/force:off' "$@" ;;
	enabled_tpe) _esyd_do 'sandbox/tpe?' "$@" ;;
	enable_tpe) _esyd_do 'sandbox/tpe:on' "$@" ;;
	disable_tpe) _esyd_do 'sandbox/tpe:off' "$@" ;;
	enabled_crypt) _esyd_do 'sandbox/crypt?' "$@" ;;
	enabled_proxy) _esyd_do 'sandbox/proxy?' "$@" ;;
	# END GENERATED subcommands
	*)
		printf 'esyd: unknown subcommand %s\n' "$1" >&2
		_esyd_help >&2
		return 1
		;;
	esac
}
