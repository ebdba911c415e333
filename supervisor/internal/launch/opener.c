/* opener.c: a single-threaded syd that opens a file inside a caller's user
 * namespace (setns into a user namespace is refused to a multi-threaded
 * process, as syd is) and hands the fd back. The kernel judges some files by
 * their opener: a user namespace's uid_map, gid_map and setgroups are written
 * as the caller would write them only when the opener is in the caller's
 * namespace with the caller's ids, as the caller itself would be.
 *
 * fd 3: the caller's user namespace; fd 4: the socket to syd; fd 5: the
 * directory syd resolved and checked (/proc/<pid>, pinned). The environment
 * names the file in it, the open flags and mode, and the ids to take
 * (SYD_ENV_OPENER_*). Exit status 0: an fd was sent; otherwise the errno. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "launch.h"

static long env_num(const char *name, int *err)
{
	const char *v = getenv(name);
	char *end;
	if (!v || !*v) {
		*err = EINVAL;
		return 0;
	}
	long n = strtol(v, &end, 10);
	if (*end)
		*err = EINVAL;
	return n;
}

void syd_opener_main(void)
{
	int err = 0;
	const char *path = getenv(SYD_ENV_OPENER_PATH);
	long flags = env_num(SYD_ENV_OPENER_FLAGS, &err);
	long mode = env_num(SYD_ENV_OPENER_MODE, &err);
	long uid = env_num(SYD_ENV_OPENER_UID, &err);
	long gid = env_num(SYD_ENV_OPENER_GID, &err);
	if (!path || err)
		_exit(EINVAL);
	/* The caller's ids first: the owner of the namespace may enter it. */
	if (getegid() != (gid_t)gid && (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0))
		_exit(errno);
	if (geteuid() != (uid_t)uid && setresuid(uid, uid, uid) < 0)
		_exit(errno);
	if (setns(3, CLONE_NEWUSER) < 0)
		_exit(errno);
	if (strchr(path, '/'))
		_exit(EINVAL);
	int fd = openat(5, path, (int)flags | O_CLOEXEC | O_NOFOLLOW, (mode_t)mode);
	if (fd < 0)
		_exit(errno);
	_exit(syd_send_fd(4, "", 1, fd) ? errno : 0);
}
