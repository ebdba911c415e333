/* landlock.c: entering a Landlock domain from a plan: syd's own at start (ctor.c),
 * the sandbox's in the stub. The plans are decided in Go (package lockdomain);
 * this file only makes the system calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "launch.h"

/* The uapi's structures, defined here: the build host's headers may predate
 * the fields syd uses. */
struct ll_ruleset_attr {
	uint64_t handled_access_fs, handled_access_net, scoped;
};
struct ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));
struct ll_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};
#define LL_CREATE_RULESET_VERSION (1u << 0)
#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2

/* The rights a rule on a file that is not a directory may hold. */
#define LL_FILE_RIGHTS (SYD_LL_ACCESS_FS_EXECUTE | SYD_LL_ACCESS_FS_WRITE_FILE | SYD_LL_ACCESS_FS_READ_FILE | \
			SYD_LL_ACCESS_FS_TRUNCATE | SYD_LL_ACCESS_FS_IOCTL_DEV)

int syd_landlock_abi(void)
{
	long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
	return v < 0 ? 0 : (int)v;
}

/* add_path allows access beneath path. A path that does not exist gets no
 * rule (a profile lists directories a system may lack): it allows nothing. */
static int add_path(int rs, const struct syd_lock_path *p)
{
	int fd = open(p->path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	struct stat st;
	uint64_t access = p->access;
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		access &= LL_FILE_RIGHTS;
	int err = 0;
	struct ll_path_beneath_attr pb = {.allowed_access = access, .parent_fd = fd};
	if (access && syscall(SYS_landlock_add_rule, rs, LL_RULE_PATH_BENEATH, &pb, 0) < 0)
		err = errno;
	close(fd);
	return err;
}

int syd_landlock_enter(const struct syd_lock_plan *plan, uint64_t scoped)
{
	struct ll_ruleset_attr attr = {plan->handled_fs, plan->handled_net, scoped};
	int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (rs < 0)
		return errno;
	int err = 0;
	for (uint32_t i = 0; i < plan->npaths && !err; i++)
		err = add_path(rs, &plan->paths[i]);
	for (uint32_t i = 0; i < plan->nports && !err; i++)
		for (uint32_t port = plan->ports[i].lo; port <= plan->ports[i].hi && !err; port++) {
			struct ll_net_port_attr np = {plan->ports[i].access, port};
			if (syscall(SYS_landlock_add_rule, rs, LL_RULE_NET_PORT, &np, 0) < 0)
				err = errno;
		}
	if (!err && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		err = errno;
	if (!err && syscall(SYS_landlock_restrict_self, rs, 0) < 0)
		err = errno;
	close(rs);
	return err;
}
