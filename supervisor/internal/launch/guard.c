/* guard.c: the reaper between the supervisor and the sandbox. A child subreaper
 * that forks the stub, hands the supervisor the stub's pidfd, reports the exec
 * child's wait status, and kills every sandboxed process when the supervisor
 * dies, so nothing runs unsupervised. It runs in a cgo constructor, before the
 * Go runtime starts: a re-executed syd in guard mode costs an exec and no more. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"

/* The signals the guard takes: SIGUSR1 is its parent-death signal (the
 * supervisor is gone), SIGCHLD wakes it to reap; terminal signals must not
 * kill it (the sandbox gets its own copy from the terminal). */
static const int terminal_signals[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};

static sigset_t start_mask; /* restored in the stub */

/* parent_of reads the ppid field of /proc/<pid>/stat, after the parenthesised
 * comm, which may itself hold spaces and parentheses. */
static pid_t parent_of(const char *pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	int ppid = 0;
	char state;
	if (!p || sscanf(p + 1, " %c %d", &state, &ppid) != 2)
		return 0;
	return ppid;
}

struct proc {
	pid_t pid, ppid;
};

/* descendants lists the processes whose parent chain reaches root into *out. */
static size_t descendants(pid_t root, pid_t **out)
{
	struct proc *all = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir("/proc");
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		pid_t ppid = parent_of(e->d_name);
		if (ppid <= 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			struct proc *a = realloc(all, cap * sizeof *a);
			if (!a)
				break;
			all = a;
		}
		all[n++] = (struct proc){atoi(e->d_name), ppid};
	}
	closedir(d);
	/* Breadth first from root: the queue is the output itself. */
	pid_t *q = malloc((n + 1) * sizeof *q);
	size_t len = 0;
	if (q) {
		pid_t cur = root;
		for (size_t head = 0;;) {
			for (size_t i = 0; i < n; i++)
				if (all[i].ppid == cur && len < n)
					q[len++] = all[i].pid;
			if (head == len)
				break;
			cur = q[head++];
		}
	}
	free(all);
	*out = q;
	return len;
}

/* kill_descendants SIGKILLs every process below the guard and reaps them. As a
 * child subreaper the guard inherits orphans, so the whole sandbox stays in its
 * subtree; the walk repeats until nothing is left, which also catches forks
 * that raced a kill. */
static void kill_descendants(void)
{
	pid_t self = getpid();
	for (int round = 0; round < 1000; round++) {
		pid_t *victims = NULL;
		size_t n;
		if (self == 1) {
			/* The init of the sandbox's pid namespace (unshare/pid): every
			 * process of the namespace is the sandbox's, and /proc (the
			 * host's) numbers them differently. kill(-1) reaches them all. */
			n = kill(-1, SIGKILL) == 0;
		} else {
			n = descendants(self, &victims);
			for (size_t i = 0; i < n; i++)
				kill(victims[i], SIGKILL);
			free(victims);
		}
		if (n == 0)
			break;
		for (;;) {
			pid_t p = waitpid(-1, NULL, WNOHANG | __WALL);
			if (p < 0 && errno == EINTR)
				continue;
			if (p <= 0)
				break;
		}
	}
}

int syd_send_fd(int sock, const void *data, size_t len, int fd)
{
	struct iovec iov = {(void *)data, len};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof u);
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	ssize_t r;
	do
		r = sendmsg(sock, &msg, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	return r == (ssize_t)len ? 0 : -1;
}

/* send_pidfd hands the supervisor the stub's pid and a pidfd of it (for
 * pidfd_getfd; a pid alone could be reused). */
static int send_pidfd(int ctl, pid_t pid, int pidfd)
{
	unsigned char pidb[4] = {pid, pid >> 8, pid >> 16, pid >> 24};
	return syd_send_fd(ctl, pidb, sizeof pidb, pidfd);
}

static int write_all(int fd, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n > 0) {
		ssize_t r = write(fd, b, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

/* control_fds parses SYD_ENV_FDS: "CTL,STUB". */
static int control_fds(int *ctl, int *stub)
{
	const char *s = getenv(SYD_ENV_FDS);
	char *end;
	if (!s)
		return -1;
	long a = strtol(s, &end, 10);
	if (*end != ',')
		return -1;
	long b = strtol(end + 1, &end, 10);
	if (*end || a < 3 || b < 3 || a == b || a > 1 << 20 || b > 1 << 20)
		return -1;
	*ctl = (int)a;
	*stub = (int)b;
	return 0;
}

void syd_guard_main(void)
{
	int ctl, stubfd;
	if (control_fds(&ctl, &stubfd) < 0 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		_exit(127);
	/* The sandboxed command must not inherit the control sockets. */
	if (fcntl(ctl, F_SETFD, FD_CLOEXEC) < 0 || fcntl(stubfd, F_SETFD, FD_CLOEXEC) < 0)
		_exit(127);

	unsigned char *frame;
	size_t len;
	if (syd_read_frame(ctl, &frame, &len) || len != 4)
		_exit(127);
	uint32_t flags = frame[0] | frame[1] << 8 | frame[2] << 16 | (uint32_t)frame[3] << 24;
	free(frame);
	/* Nothing in the sandbox may attach to the guard or open its /proc files. */
	int dumpable = flags & SYD_GUARD_DUMPABLE;
	if (!dumpable && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		_exit(127);

	/* Signals are taken with sigwaitinfo: blocked from here on, and unblocked
	 * again in the stub. Terminal signals that were ignored when we started
	 * stay ignored (the sandbox inherits the disposition syd was started with);
	 * the others are waited for and dropped. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	for (size_t i = 0; i < sizeof terminal_signals / sizeof *terminal_signals; i++) {
		struct sigaction old;
		if (sigaction(terminal_signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaddset(&set, terminal_signals[i]);
	}
	signal(SIGCHLD, SIG_DFL);
	if (sigprocmask(SIG_BLOCK, &set, &start_mask) < 0)
		_exit(127);
	/* The supervisor may have died before SIGUSR1 was blocked: then it was
	 * delivered and killed us, or it is pending now; either way nothing is lost. */

	pid_t self = getpid();
	pid_t stub = fork();
	if (stub < 0)
		_exit(127);
	if (stub == 0) {
		close(ctl);
		/* The stub dies with the guard. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 || getppid() != self)
			_exit(127);
		/* The supervisor reads the stub's memory (its exec arguments) before
		 * the exec resets the flag: the stub must be dumpable. */
		if (!dumpable && prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0)
			_exit(127);
		if (sigprocmask(SIG_SETMASK, &start_mask, NULL) < 0)
			_exit(127);
		syd_stub_main(stubfd);
		return; /* a plugin's stub: the Go runtime starts */
	}
	close(stubfd);
	int pidfd = (int)syscall(SYS_pidfd_open, stub, 0);
	if (pidfd < 0 || send_pidfd(ctl, stub, pidfd) < 0) {
		kill_descendants();
		_exit(127);
	}
	close(pidfd);

	int wait_all = flags & SYD_GUARD_WAIT_ALL;
	int32_t status = -1;
	for (int done = 0; !done;) {
		for (;;) {
			int ws;
			pid_t p = waitpid(-1, &ws, WNOHANG | __WALL);
			if (p < 0 && errno == EINTR)
				continue;
			if (p < 0) { /* ECHILD: nothing left */
				done = 1;
				break;
			}
			if (p == 0)
				break;
			if (p == stub) {
				status = ws;
				if (!wait_all) {
					done = 1;
					break;
				}
			}
		}
		if (done)
			break;
		int sig = sigwaitinfo(&set, NULL);
		if (sig == SIGUSR1) {
			kill_descendants();
			_exit(1);
		}
	}
	kill_descendants();
	unsigned char sb[4] = {status, status >> 8, status >> 16, (uint32_t)status >> 24};
	write_all(ctl, sb, sizeof sb);
	_exit(0);
}
