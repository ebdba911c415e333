/* micro.c: per-operation cost of the path and exec calls a sandbox intercepts (bench/run). */

/*
 * usage: micro DIR N_CALLS N_EXEC [PHASE...]
 *
 * Phases (default: all, in this order):
 *   stat       stat(DIR/ro)
 *   open-ro    open(DIR/ro, O_RDONLY|O_CLOEXEC) + close
 *   open-wr    open(DIR/wr, O_WRONLY|O_CLOEXEC) + close of an existing file
 *              (the call a write sandbox has to check, and syd emulates)
 *   create     open(DIR/new, O_CREAT|O_WRONLY|O_TRUNC|O_CLOEXEC) + close + unlink
 *   fork-exec  fork + exec /bin/true + waitpid
 *   open-16    open-ro in 16 processes at once, N_CALLS in all: the wall time
 *              per open, so a supervisor that scales shows less than open-ro
 * The file phases run N_CALLS times, fork-exec N_EXEC times, each after an
 * untimed warm-up of 1/20 of its count (at least one). DIR must be writable;
 * the inputs DIR/ro and DIR/wr are made here (untimed) and left in place.
 *
 * Output: one line per phase, "<phase> <mean ns per operation>".
 * Exit status: 0 on success, 1 if any call fails, 2 on bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path_ro[4096], path_wr[4096], path_new[4096];

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void die(const char *phase, const char *what)
{
	fprintf(stderr, "micro: %s: %s: %s\n", phase, what, strerror(errno));
	exit(1);
}

static void op_stat(void)
{
	struct stat st;
	if (stat(path_ro, &st) != 0)
		die("stat", path_ro);
}

static void op_open_ro(void)
{
	int fd = open(path_ro, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die("open-ro", path_ro);
	close(fd);
}

static void op_open_wr(void)
{
	int fd = open(path_wr, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("open-wr", path_wr);
	close(fd);
}

static void op_create(void)
{
	int fd = open(path_new, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("create", path_new);
	close(fd);
	if (unlink(path_new) != 0)
		die("create", "unlink");
}

static void op_fork_exec(void)
{
	int status;
	pid_t pid = fork();
	if (pid < 0)
		die("fork-exec", "fork");
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("fork-exec", "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "micro: fork-exec: /bin/true exited with status %d\n", status);
		exit(1);
	}
}

/* open16: one operation of open-16 is a whole round of 16 processes doing
 * n/16 opens each; run() divides by n. */
#define OPENERS 16
static long open16_per;
static void op_open16(void)
{
	pid_t pids[OPENERS];
	for (int i = 0; i < OPENERS; i++) {
		if ((pids[i] = fork()) < 0)
			die("open-16", "fork");
		if (pids[i] == 0) {
			for (long j = 0; j < open16_per; j++)
				op_open_ro();
			_exit(0);
		}
	}
	for (int i = 0; i < OPENERS; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) < 0)
			die("open-16", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "micro: open-16: an opener failed\n");
			exit(1);
		}
	}
}

static const struct phase {
	const char *name;
	void (*op)(void);
	int exec; /* 1: counted by N_EXEC rather than N_CALLS; 2: open-16 */
} phases[] = {
	{"stat", op_stat, 0},
	{"open-ro", op_open_ro, 0},
	{"open-wr", op_open_wr, 0},
	{"create", op_create, 0},
	{"fork-exec", op_fork_exec, 1},
	{"open-16", op_open16, 2},
};
#define NPHASES (sizeof(phases) / sizeof(phases[0]))

static const struct phase *find_phase(const char *name)
{
	for (size_t i = 0; i < NPHASES; i++)
		if (strcmp(phases[i].name, name) == 0)
			return &phases[i];
	return NULL;
}

static long parse_count(const char *s)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || n < 1)
		return -1;
	return n;
}

static void run(const struct phase *p, long n)
{
	if (p->exec == 2) {
		/* One round of OPENERS processes, each n/OPENERS opens, after a warm-up round. */
		open16_per = n / OPENERS > 0 ? n / OPENERS : 1;
		long saved = open16_per;
		open16_per = saved / 20 > 0 ? saved / 20 : 1;
		p->op();
		open16_per = saved;
		long long t0 = now_ns();
		p->op();
		long long t1 = now_ns();
		printf("%s %.0f\n", p->name, (double)(t1 - t0) / (double)(open16_per * OPENERS));
		fflush(stdout);
		return;
	}
	long warm = n / 20 > 0 ? n / 20 : 1;
	for (long i = 0; i < warm; i++)
		p->op();
	long long t0 = now_ns();
	for (long i = 0; i < n; i++)
		p->op();
	long long t1 = now_ns();
	printf("%s %.0f\n", p->name, (double)(t1 - t0) / (double)n);
	fflush(stdout);
}

static void make_file(const char *path, size_t size)
{
	static char buf[4096];
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die("setup", path);
	memset(buf, 'x', sizeof(buf));
	if (size > sizeof(buf))
		size = sizeof(buf);
	if (write(fd, buf, size) != (ssize_t)size)
		die("setup", "write");
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s DIR N_CALLS N_EXEC [PHASE...]\n"
				"phases: stat open-ro open-wr create fork-exec open-16\n",
			argv[0]);
		return 2;
	}
	long n_calls = parse_count(argv[2]), n_exec = parse_count(argv[3]);
	if (n_calls < 0 || n_exec < 0) {
		fprintf(stderr, "micro: counts must be positive integers\n");
		return 2;
	}
	const struct phase *todo[64];
	size_t ntodo = 0;
	if (argc == 4) {
		for (size_t i = 0; i < NPHASES; i++)
			todo[ntodo++] = &phases[i];
	} else {
		for (int i = 4; i < argc; i++) {
			if (ntodo == sizeof(todo) / sizeof(todo[0])) {
				fprintf(stderr, "micro: too many phases\n");
				return 2;
			}
			if (!(todo[ntodo++] = find_phase(argv[i]))) {
				fprintf(stderr, "micro: unknown phase '%s'\n", argv[i]);
				return 2;
			}
		}
	}
	snprintf(path_ro, sizeof(path_ro), "%s/ro", argv[1]);
	snprintf(path_wr, sizeof(path_wr), "%s/wr", argv[1]);
	if (snprintf(path_new, sizeof(path_new), "%s/new", argv[1]) >= (int)sizeof(path_new)) {
		fprintf(stderr, "micro: DIR too long\n");
		return 2;
	}
	make_file(path_ro, 4096);
	make_file(path_wr, 0);
	unlink(path_new);

	for (size_t i = 0; i < ntodo; i++)
		run(todo[i], todo[i]->exec == 1 ? n_exec : n_calls);
	return 0;
}
