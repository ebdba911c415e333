/* stub.c: the child side of syd, forked by the guard. It reads its config,
 * enters the sandbox's Landlock domain, drops capabilities, loads the seccomp
 * filters, hands the listener to the supervisor and execs the sandboxed
 * command. It reads top to bottom. From the filter on, any intercepted call of
 * its own would wait for a supervisor that does not have the listener yet: it
 * makes only raw read, write, close and execve calls. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "launch.h"

#ifndef PR_SET_MDWE
#define PR_SET_MDWE 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1
#endif

int syd_plugin_child;
struct syd_stub_config syd_stub;
static int ctl = -1;

static void write_i32(int32_t v)
{
	unsigned char b[4] = {v, v >> 8, v >> 16, (uint32_t)v >> 24};
	ssize_t r;
	do
		r = write(ctl, b, sizeof b);
	while (r < 0 && errno == EINTR);
}

void syd_stub_fail(int err)
{
	write_i32(-err);
	_exit(127);
}

void syd_stub_close_ctl(void)
{
	close(ctl);
	ctl = -1;
}

/* enter_domain puts the stub, and everything it starts, in a Landlock domain
 * that restricts nothing but its reach outside: ptrace, /proc/<pid>/mem and
 * process_vm_* of processes outside the domain are refused by Landlock's ptrace
 * rule, signals to them by the signal scope (the supervisor asks for it only
 * where the kernel has it). A domain needs a handled right: creating block
 * devices, allowed everywhere beneath the root, changes nothing. Without
 * Landlock nothing happens (the supervisor knows). */
static int enter_domain(int scope)
{
	if (syd_landlock_abi() == 0)
		return 0;
	struct syd_lock_path root = {SYD_LL_ACCESS_FS_MAKE_BLOCK, "/"};
	struct syd_lock_plan plan = {.handled_fs = SYD_LL_ACCESS_FS_MAKE_BLOCK, .paths = &root, .npaths = 1};
	return syd_landlock_enter(&plan, scope ? SYD_LL_SCOPE_SIGNAL : 0);
}

/* restrict_exec allows execution only beneath roots (lockexec.Roots), for the
 * stub and everything it starts; every other access stays unrestricted by this
 * layer. It closes the window between syd's exec check and the kernel's exec
 * that no user-space check can close. Best effort: without Landlock nothing
 * happens. */
static int restrict_exec(const char *const *roots, uint32_t n)
{
	if (syd_landlock_abi() == 0)
		return 0;
	struct syd_lock_plan plan = {.handled_fs = SYD_LL_ACCESS_FS_EXECUTE, .npaths = n};
	if (!(plan.paths = calloc((size_t)n + 1, sizeof *plan.paths)))
		return ENOMEM;
	for (uint32_t i = 0; i < n; i++)
		plan.paths[i] = (struct syd_lock_path){SYD_LL_ACCESS_FS_EXECUTE, roots[i]};
	int err = syd_landlock_enter(&plan, 0);
	free(plan.paths);
	return err;
}

/* restrict_policy enters the domain of sandbox/lock (lockdomain.Decide),
 * nested in syd's own: the sandbox gets exactly what the lists allow. */
static int restrict_policy(struct syd_blob lock)
{
	struct syd_lock_plan plan;
	int err = syd_decode_lock(lock.data, lock.len, &plan);
	if (!err)
		err = syd_landlock_enter(&plan, 0);
	free(plan.paths);
	free(plan.ports);
	return err;
}

/* drop_capabilities leaves the stub, and what it executes, without any
 * capability: the bounding set is emptied (a root program regains nothing at
 * exec), the ambient, inheritable, permitted and effective sets are cleared.
 * Without CAP_SETPCAP the bounding set cannot be emptied, but then the stub
 * holds no capability to lose either. */
static int drop_capabilities(void)
{
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return errno;
	for (int c = 0; c < 64; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break; /* past the last capability */
			if (errno != EPERM)
				return errno;
		}
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &hdr, data) < 0)
		return errno;
	return 0;
}

/* install loads one BPF program (struct sock_filter records in native byte
 * order, as filter.ExportBPF wrote them) and returns its listener or -errno. */
static int install(struct syd_blob prog, unsigned flags)
{
	if (prog.len == 0 || prog.len % sizeof(struct sock_filter) || prog.len / sizeof(struct sock_filter) > 0xffff)
		return -EINVAL;
	struct sock_fprog fprog = {
		.len = (unsigned short)(prog.len / sizeof(struct sock_filter)),
		.filter = (struct sock_filter *)prog.data,
	};
	long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog);
	return r < 0 ? -errno : (int)r;
}

void syd_stub_confine(void)
{
	const struct syd_stub_config *c = &syd_stub;
	/* pid/max without a cgroup: RLIMIT_NPROC (which syd sets before the ack)
	 * counts tasks per user namespace, so the sandbox gets one of its own. */
	int err;
	if ((c->flags & SYD_STUB_OWN_USERNS) && (err = syd_ns_enter_user()))
		syd_stub_fail(err);
	/* The sandbox's reach ends at its Landlock domain (syd and the guard are
	 * outside it), and it holds no capability unless the policy keeps them. */
	if (enter_domain(c->flags & SYD_STUB_SCOPE_SIGNALS))
		syd_stub_fail(EPERM);
	if (!(c->flags & SYD_STUB_KEEP_CAPS) && drop_capabilities())
		syd_stub_fail(EPERM);
	if ((c->flags & SYD_STUB_EXEC_ROOTS) && restrict_exec(c->exec_roots, c->nexec_roots))
		syd_stub_fail(EPERM);
	if (c->lock.len && (err = restrict_policy(c->lock)))
		syd_stub_fail(err);
	/* trace/deny_tsc: rdtsc faults (SIGSEGV); the static layer keeps it so. */
	if ((c->flags & SYD_STUB_DENY_TSC) && prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) < 0)
		syd_stub_fail(errno);
	/* W^X: no mapping gains execute permission (kept across exec and fork).
	 * A kernel before 6.3 lacks it; the static layer still refuses W|X. */
	if ((c->flags & SYD_STUB_MDWE) && prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) < 0 && errno != EINVAL)
		syd_stub_fail(errno);

	/* The static layers first, then the notify filter, for every thread (a
	 * plugin's stub runs the Go runtime's). */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		syd_stub_fail(errno);
	for (uint32_t i = 0; i < c->nstatic; i++) {
		int r = install(c->statics[i], SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_TSYNC_ESRCH);
		if (r < 0)
			syd_stub_fail(-r);
	}
	int listener = install(c->bpf, c->load_flags);
	if (listener < 0)
		syd_stub_fail(-listener);
	write_i32(listener);

	unsigned char ack;
	ssize_t n;
	do
		n = read(ctl, &ack, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(127); /* the supervisor went away */
	close(listener);
}

void syd_stub_main(int fd)
{
	ctl = fd; /* close-on-exec: a successful exec closes it, which syd reads as success */
	unsigned char *frame;
	size_t len;
	if (syd_read_frame(ctl, &frame, &len))
		_exit(127);
	int err = syd_decode_stub(frame, len, &syd_stub);
	if (err)
		syd_stub_fail(err);

	/* A plugin is loaded before the filter, like Syd loads it in the parent:
	 * its constructors and dependencies are not sandboxed, its syd_main is.
	 * The Go runtime loads it (purego) and calls syd_stub_confine. */
	if (syd_stub.plugin[0]) {
		syd_plugin_child = 1;
		return;
	}
	syd_stub_confine();
	execve(syd_stub.path, syd_stub.argv, syd_stub.envp);
	write_i32(errno);
	_exit(127);
}
