/* ns.c: entering the namespaces of unshare and making the mounts of bind+ and
 * the names of name/host and name/domain, before the Go runtime starts (the
 * plan is decided in Go: package namespaces). A user namespace must be entered
 * by a single thread, a mount namespace by a process that shares no fs_struct:
 * that is why this runs in the constructor. Every failure names the step. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "launch.h"

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif

static int ns_fail(const char *what, const char *arg)
{
	int err = errno;
	fprintf(stderr, "syd: namespaces: %s%s%s: %s\n", what, arg ? " " : "", arg ? arg : "", strerror(err));
	return err ? err : EINVAL;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* syd_ns_enter_user maps the caller's uid and gid to themselves in a new user
 * namespace, where syd holds every capability (for the mounts and names below);
 * the stub drops them for the sandbox. setgroups(2) is denied there, as the
 * kernel requires for an unprivileged gid map. */
int syd_ns_enter_user(void)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];
	if (unshare(CLONE_NEWUSER) < 0)
		return ns_fail("unshare(CLONE_NEWUSER)", NULL);
	snprintf(map, sizeof map, "%u %u 1\n", uid, uid);
	if (write_file("/proc/self/uid_map", map) < 0)
		return ns_fail("writing", "/proc/self/uid_map");
	if (write_file("/proc/self/setgroups", "deny\n") < 0 && errno != ENOENT)
		return ns_fail("writing", "/proc/self/setgroups");
	snprintf(map, sizeof map, "%u %u 1\n", gid, gid);
	if (write_file("/proc/self/gid_map", map) < 0)
		return ns_fail("writing", "/proc/self/gid_map");
	return 0;
}

/* loopback_up brings up lo in a new network namespace, where it starts down. */
static int loopback_up(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return ns_fail("socket for lo", NULL);
	struct ifreq ifr = {0};
	strcpy(ifr.ifr_name, "lo");
	int r = ioctl(s, SIOCGIFFLAGS, &ifr);
	if (r == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		r = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	int err = r < 0 ? ns_fail("bringing up", "lo") : 0;
	close(s);
	return err;
}

/* locked_flags are the flags of the mount at path that a remount in a user
 * namespace must keep (the kernel locks them). */
static unsigned long locked_flags(const char *path)
{
	struct statvfs st;
	unsigned long f = 0;
	if (statvfs(path, &st) < 0)
		return 0;
	if (st.f_flag & ST_RDONLY)
		f |= MS_RDONLY;
	if (st.f_flag & ST_NOSUID)
		f |= MS_NOSUID;
	if (st.f_flag & ST_NODEV)
		f |= MS_NODEV;
	if (st.f_flag & ST_NOEXEC)
		f |= MS_NOEXEC;
	if (st.f_flag & ST_NOATIME)
		f |= MS_NOATIME;
	if (st.f_flag & ST_NODIRATIME)
		f |= MS_NODIRATIME;
	if (st.f_flag & ST_RELATIME)
		f |= MS_RELATIME;
	return f;
}

static int do_mount(const struct syd_ns_mount *m)
{
	if (m->fstype[0]) {
		if (mount(m->fstype, m->dst, m->fstype, m->flags, m->data[0] ? m->data : NULL) < 0)
			return ns_fail("mounting", m->dst);
		return 0;
	}
	if (mount(m->src, m->dst, NULL, MS_BIND | MS_REC, NULL) < 0)
		return ns_fail("bind mounting", m->dst);
	if (m->flags && mount(NULL, m->dst, NULL, MS_REMOUNT | MS_BIND | m->flags | locked_flags(m->dst), NULL) < 0)
		return ns_fail("remounting", m->dst);
	return 0;
}

static int is_proc(const struct syd_ns_mount *m) { return strcmp(m->fstype, "proc") == 0; }

/* forward_signals is what stays of syd in the caller's pid namespace when syd
 * enters a new one (unshare/pid with unshare/mount): it waits for syd, the
 * namespace's init, passes on the signals a process sends it (those of the
 * terminal reach syd's process group directly) and exits as syd did. It keeps
 * no fd but the standard three: a pipe the sandbox closes reaches its end. */
static void forward_signals(pid_t child, sigset_t all)
{
	syscall(SYS_close_range, 3, ~0U, 0);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&all, &si);
		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			if (si.si_code <= 0)
				kill(child, sig);
			continue;
		}
		int st;
		pid_t r = waitpid(child, &st, WNOHANG);
		if (r != child)
			continue;
		if (WIFEXITED(st))
			_exit(WEXITSTATUS(st));
		sig = WTERMSIG(st);
		signal(sig, SIG_DFL);
		sigdelset(&all, sig);
		sigprocmask(SIG_SETMASK, &all, NULL);
		raise(sig);
		_exit(128 + sig);
	}
}

/* enter_pid makes syd the init of the new pid namespace: the process that
 * returns is the child, in the namespace; the caller's process stays outside
 * and forwards signals (forward_signals). Syd and its sandbox then share one
 * pid namespace and one /proc (mounted after this), so syd's numbers are the
 * sandbox's; syd's exit ends every process of the namespace. */
static int enter_pid(void)
{
	/* Blocked before the fork, so that not even a SIGCHLD of a child that
	 * exits at once is lost; the child gets its mask back. */
	sigset_t all, old;
	sigfillset(&all);
	sigdelset(&all, SIGTSTP);
	sigdelset(&all, SIGTTIN);
	sigdelset(&all, SIGTTOU);
	sigdelset(&all, SIGCONT);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid_t child = fork();
	if (child > 0)
		forward_signals(child, all);
	int err = child < 0 ? ns_fail("fork into the pid namespace", NULL) : 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (err)
		return err;
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		return ns_fail("prctl(PR_SET_PDEATHSIG)", NULL);
	return 0;
}

int syd_ns_enter(const struct syd_ns_plan *p)
{
	int err;
	if ((p->clone & CLONE_NEWUSER) && (err = syd_ns_enter_user()))
		return err;
	unsigned long rest = p->clone & ~(unsigned long)CLONE_NEWUSER;
	if (rest && unshare((int)rest) < 0)
		return ns_fail("unshare", NULL);
	/* Nothing mounted here reaches the host, nor the host's later mounts us. */
	if ((p->clone & CLONE_NEWNS) && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return ns_fail("making / private", NULL);
	if ((p->clone & CLONE_NEWNET) && (err = loopback_up()))
		return err;
	for (uint32_t i = 0; i < p->nmounts; i++)
		if (!is_proc(&p->mounts[i]) && (err = do_mount(&p->mounts[i])))
			return err;
	if (p->set_hostname && sethostname(p->hostname, strlen(p->hostname)) < 0)
		return ns_fail("sethostname", p->hostname);
	if (p->set_domainname && setdomainname(p->domainname, strlen(p->domainname)) < 0)
		return ns_fail("setdomainname", p->domainname);
	/* A proc mount shows the pid namespace of its mounter: syd mounts it
	 * once it is in the namespace it shares with the sandbox. */
	if ((p->clone & CLONE_NEWPID) && (err = enter_pid()))
		return err;
	for (uint32_t i = 0; i < p->nmounts; i++)
		if (is_proc(&p->mounts[i]) && (err = do_mount(&p->mounts[i])))
			return err;
	return 0;
}
