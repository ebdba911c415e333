/* workload.c: the loads `make soak` runs under syd while it samples syd's fds and
 * memory from outside. Each mode checks every result and exits non-zero when any
 * call failed, so a run that only looks bounded because calls were refused fails.
 *
 *   workload spawn TOTAL PARALLEL     fork+exec /bin/true TOTAL times, PARALLEL at once
 *   workload fdpass PAIRS SECONDS     PAIRS client/server pairs passing open fds with
 *                                     SCM_RIGHTS over UNIX datagram (even pairs) and
 *                                     stream (odd pairs) sockets bound to paths
 *   workload dgramrace PAIRS SECONDS  clients sending to a path whose server keeps
 *                                     closing and binding it again, on fresh sockets:
 *                                     sends that block and fail (LTP sendmsg02's load)
 *   workload threads N SECONDS        N threads opening, creating, stating files at once
 *   workload churn N ROUNDS           N processes each opening and stating ROUNDS files
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int spawn(long total, int par)
{
	long started = 0, done = 0, bad = 0;
	int running = 0;
	while (done < total) {
		while (running < par && started < total) {
			pid_t p = fork();
			if (p < 0) {
				perror("fork");
				return 1;
			}
			if (p == 0) {
				char *argv[] = {"true", NULL};
				execv("/bin/true", argv);
				_exit(127);
			}
			started++;
			running++;
		}
		int st;
		if (wait(&st) < 0) {
			perror("wait");
			return 1;
		}
		running--;
		done++;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	printf("spawn: %ld processes, %ld failed\n", done, bad);
	return bad != 0;
}

static void sockpath(struct sockaddr_un *sa, const char *kind, int id)
{
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	snprintf(sa->sun_path, sizeof sa->sun_path, "%s%d", kind, id);
}

/* fdmsg is a one-byte message with room for one SCM_RIGHTS fd. */
struct fdmsg {
	char byte;
	struct iovec iov;
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr mh;
};

static void fdmsg_init(struct fdmsg *m)
{
	memset(m, 0, sizeof *m);
	m->byte = 'x';
	m->iov.iov_base = &m->byte;
	m->iov.iov_len = 1;
	m->mh.msg_iov = &m->iov;
	m->mh.msg_iovlen = 1;
	m->mh.msg_control = m->u.buf;
	m->mh.msg_controllen = sizeof m->u.buf;
}

static int sendfd(int s, int fd, const struct sockaddr_un *to)
{
	struct fdmsg m;
	fdmsg_init(&m);
	if (to) {
		m.mh.msg_name = (void *)to;
		m.mh.msg_namelen = sizeof *to;
	}
	struct cmsghdr *c = CMSG_FIRSTHDR(&m.mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(s, &m.mh, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

static int recvfd(int s)
{
	struct fdmsg m;
	fdmsg_init(&m);
	if (recvmsg(s, &m.mh, 0) != 1)
		return -1;
	struct cmsghdr *c = CMSG_FIRSTHDR(&m.mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

/* fdpass: the server receives fds and reads the byte each one's file starts with;
 * the client opens the file anew for every message. Exit status: failures seen. */
static int fdpass_server(int id, int stream, double until)
{
	struct sockaddr_un sa;
	sockpath(&sa, stream ? "stream" : "dgram", id);
	int s = socket(AF_UNIX, stream ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof sa) < 0 || (stream && listen(s, 4) < 0)) {
		perror("fdpass server");
		return 1;
	}
	if (stream) {
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			perror("accept");
			return 1;
		}
		close(s);
		s = c;
	}
	struct timeval tv = {1, 0};
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	long got = 0, bad = 0;
	while (now() < until + 1) {
		int fd = recvfd(s);
		if (fd < 0) {
			if (errno == EAGAIN && now() >= until)
				break;
			if (errno == EAGAIN)
				continue;
			break; /* the client is done (stream EOF) */
		}
		char c;
		if (pread(fd, &c, 1, 0) != 1 || c != 'F')
			bad++;
		close(fd);
		got++;
	}
	unlink(sa.sun_path);
	if (got == 0)
		fprintf(stderr, "fdpass server %d received nothing\n", id);
	return bad != 0 || got == 0;
}

static int fdpass_client(int id, int stream, double until)
{
	struct sockaddr_un sa;
	sockpath(&sa, stream ? "stream" : "dgram", id);
	int s = socket(AF_UNIX, stream ? SOCK_STREAM : SOCK_DGRAM, 0);
	if (s < 0)
		return 1;
	for (int i = 0; stream && connect(s, (struct sockaddr *)&sa, sizeof sa) < 0; i++) {
		if (i > 1000) {
			perror("fdpass connect");
			return 1;
		}
		usleep(2000);
	}
	long sent = 0, bad = 0;
	while (now() < until) {
		int fd = open("payload", O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			perror("open payload");
			return 1;
		}
		int r = sendfd(s, fd, stream ? NULL : &sa);
		close(fd);
		if (r < 0) {
			/* the datagram server may not be bound yet */
			if (!stream && (errno == ENOENT || errno == ECONNREFUSED) && sent == 0) {
				usleep(2000);
				continue;
			}
			if (!stream && errno == EAGAIN)
				continue;
			perror("sendmsg SCM_RIGHTS");
			bad++;
			break;
		}
		sent++;
	}
	close(s);
	return bad != 0 || sent == 0;
}

static int wait_all(const char *what, int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		int st;
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	printf("%s: %d processes, %d failed\n", what, n, bad);
	return bad != 0;
}

static int fdpass(int pairs, double seconds)
{
	int fd = open("payload", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "F", 1) != 1) {
		perror("payload");
		return 1;
	}
	close(fd);
	double until = now() + seconds;
	for (int i = 0; i < 2 * pairs; i++) {
		pid_t p = fork();
		if (p < 0) {
			perror("fork");
			return 1;
		}
		if (p == 0) {
			int id = i / 2, stream = id % 2;
			_exit(i % 2 == 0 ? fdpass_server(id, stream, until) : fdpass_client(id, stream, until));
		}
	}
	return wait_all("fdpass", 2 * pairs);
}

/* dgramrace: as LTP's sendmsg02, sends on fresh datagram sockets to a path
 * whose server never reads and keeps replacing its socket. Errors are expected
 * (ECONNREFUSED, ENOENT); a process that hangs or dies is not. */
static int dgramrace(int pairs, double seconds)
{
	double until = now() + seconds;
	for (int i = 0; i < 2 * pairs; i++) {
		pid_t p = fork();
		if (p < 0) {
			perror("fork");
			return 1;
		}
		if (p != 0)
			continue;
		struct sockaddr_un sa;
		sockpath(&sa, "race", i / 2);
		char data[] = "123456789";
		while (now() < until) {
			int s = socket(AF_UNIX, SOCK_DGRAM, 0);
			if (s < 0)
				_exit(1);
			if (i % 2 == 0) {
				unlink(sa.sun_path);
				bind(s, (struct sockaddr *)&sa, sizeof sa);
				usleep(100);
			} else {
				sendto(s, data, sizeof data, MSG_NOSIGNAL, (struct sockaddr *)&sa, sizeof sa);
			}
			close(s);
		}
		_exit(0);
	}
	return wait_all("dgramrace", 2 * pairs);
}

static double thread_until;
static long thread_bad;

static void *opener(void *arg)
{
	long id = (long)arg;
	char name[64];
	snprintf(name, sizeof name, "t%ld", id);
	while (now() < thread_until) {
		int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		struct stat st;
		if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) != 0 || stat(name, &st) != 0 || st.st_size != 1)
			__atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
		fd = open(name, O_RDONLY | O_CLOEXEC);
		char c;
		if (fd < 0 || read(fd, &c, 1) != 1 || close(fd) != 0 || unlink(name) != 0)
			__atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static int threads(int n, double seconds)
{
	pthread_t t[1024];
	if (n > 1024)
		n = 1024;
	thread_until = now() + seconds;
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, opener, (void *)i) != 0) {
			perror("pthread_create");
			return 1;
		}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("threads: %d threads, %ld failed calls\n", n, thread_bad);
	return thread_bad != 0;
}

/* churn: N processes at once, each opening, writing, stating and removing ROUNDS
 * files of its own; every call must succeed. */
static int churn(int n, int rounds)
{
	for (int i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0) {
			perror("fork");
			return 1;
		}
		if (p != 0)
			continue;
		char name[64];
		snprintf(name, sizeof name, "c%d", i);
		for (int r = 0; r < rounds; r++) {
			int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			struct stat st;
			if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) != 0 || stat(name, &st) != 0 ||
			    st.st_size != 1 || unlink(name) != 0) {
				fprintf(stderr, "churn %d round %d: %s\n", i, r, strerror(errno));
				_exit(1);
			}
		}
		_exit(0);
	}
	return wait_all("churn", n);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: workload spawn|fdpass|dgramrace|threads|churn N M\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	long a = atol(argv[2]);
	double b = atof(argv[3]);
	if (!strcmp(argv[1], "spawn"))
		return spawn(a, (int)b);
	if (!strcmp(argv[1], "fdpass"))
		return fdpass((int)a, b);
	if (!strcmp(argv[1], "dgramrace"))
		return dgramrace((int)a, b);
	if (!strcmp(argv[1], "threads"))
		return threads((int)a, b);
	if (!strcmp(argv[1], "churn"))
		return churn((int)a, (int)b);
	fprintf(stderr, "workload: unknown mode %s\n", argv[1]);
	return 2;
}
