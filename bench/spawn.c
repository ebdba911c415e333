/* spawn.c: wall time of one run of a command, fork to reaped, with a time limit (bench/run). */

/*
 * usage: spawn TIMEOUT_S RESULT_FILE COMMAND [ARG...]
 *
 * Forks, puts the child in a process group of its own, resets SIGINT and
 * SIGQUIT to their defaults (a shell ignores them in background jobs), execs
 * COMMAND (looked up in PATH) and waits for it. The elapsed CLOCK_MONOTONIC
 * time from just before fork to the child's reaping is written to RESULT_FILE
 * as "<ns>\n", whatever the child's status. This is what `hyperfine -N` times:
 * the harness's own fork and exec of spawn are outside the window, so a
 * wrapper's start-up cost (e.g. `<wrapper> /bin/true`) is measured exactly.
 *
 * After TIMEOUT_S seconds, or on SIGTERM, SIGINT or SIGHUP, the child's whole
 * process group is killed (SIGKILL); so is whatever is left in the group once
 * the child has been reaped.
 *
 * Exit status: the child's exit status, 128+N if signal N killed it, 124 if
 * the time limit killed it, 126/127 if COMMAND could not be run, 2 on bad
 * usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t child_pid, timed_out;

static void on_signal(int sig)
{
	if (sig == SIGALRM)
		timed_out = 1;
	if (child_pid > 0)
		kill(-child_pid, SIGKILL);
}

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s TIMEOUT_S RESULT_FILE COMMAND [ARG...]\n", argv[0]);
		return 2;
	}
	char *end;
	long timeout = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || timeout < 1) {
		fprintf(stderr, "spawn: TIMEOUT_S must be a positive integer\n");
		return 2;
	}
	FILE *res = fopen(argv[2], "w");
	if (!res) {
		fprintf(stderr, "spawn: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old); /* until child_pid is known */

	long long t0 = now_ns();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "spawn: fork: %s\n", strerror(errno));
		return 126;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		execvp(argv[3], argv + 3);
		int e = errno;
		fprintf(stderr, "spawn: %s: %s\n", argv[3], strerror(e));
		_exit(e == ENOENT ? 127 : 126);
	}
	setpgid(pid, pid); /* no race with kill(-pid) either way */
	child_pid = pid;
	alarm((unsigned)timeout);
	sigprocmask(SIG_SETMASK, &old, NULL);

	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "spawn: waitpid: %s\n", strerror(errno));
			return 126;
		}
	}
	long long t1 = now_ns();
	alarm(0);
	kill(-pid, SIGKILL); /* stragglers the command left behind in its group */
	fprintf(res, "%lld\n", t1 - t0);
	if (fclose(res) != 0) {
		fprintf(stderr, "spawn: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	if (timed_out)
		return 124;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
