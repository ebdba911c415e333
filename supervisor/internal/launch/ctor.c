/* ctor.c: what a syd process does before the Go runtime starts. A syd that
 * re-executed itself into its layers enters them here, while it is one thread:
 * the namespaces of unshare (a user namespace needs a single thread, a mount
 * namespace an unshared fs_struct) with their mounts and names, then the
 * Landlock domain of sandbox/lock, which every thread the Go runtime starts
 * then shares and in which the sandbox's domains nest, so syd can still read
 * the sandbox's memory (Landlock lets a domain ptrace only its own and nested
 * domains). A re-executed syd in guard mode becomes the guard. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "launch.h"

int syd_layered;

/* enter_layers reads syd's plans from the fd SYD_ENV_LAYERS names and enters
 * them: namespaces and mounts first (Landlock refuses mounts to a domain). */
static void enter_layers(const char *fds)
{
	char *end;
	long fd = strtol(fds, &end, 10);
	if (*end || fd < 3 || fd > 1 << 20) {
		fprintf(stderr, "syd: bad %s\n", SYD_ENV_LAYERS);
		_exit(EINVAL);
	}
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	int err = 0;
	for (off_t off = 0;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			unsigned char *b = realloc(buf, cap);
			if (!b) {
				err = ENOMEM;
				break;
			}
			buf = b;
		}
		ssize_t n = pread((int)fd, buf + len, cap - len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		off += n;
	}
	close((int)fd);
	struct syd_blob nsb = {0}, lockb = {0};
	struct syd_ns_plan ns = {0};
	struct syd_lock_plan lock = {0};
	if (!err)
		err = syd_decode_layers(buf, len, &nsb, &lockb);
	if (!err && nsb.len)
		err = syd_decode_ns(nsb.data, nsb.len, &ns);
	if (!err && lockb.len)
		err = syd_decode_lock(lockb.data, lockb.len, &lock);
	if (err) {
		fprintf(stderr, "syd: reading %s: %s\n", SYD_ENV_LAYERS, strerror(err));
		_exit(err);
	}
	if (nsb.len && (err = syd_ns_enter(&ns)))
		_exit(err);
	if (lockb.len && (err = syd_landlock_enter(&lock, 0))) {
		fprintf(stderr, "syd: entering the Landlock domain of sandbox/lock: %s\n", strerror(err));
		_exit(err);
	}
	free(ns.mounts);
	free(lock.paths);
	free(lock.ports);
	free(buf);
	unsetenv(SYD_ENV_LAYERS);
	syd_layered = 1;
}

__attribute__((constructor)) static void syd_launch(void)
{
	const char *layers = getenv(SYD_ENV_LAYERS);
	if (layers)
		enter_layers(layers);
	const char *mode = getenv(SYD_ENV_MARKER);
	if (mode && strcmp(mode, SYD_MODE_GUARD) == 0)
		syd_guard_main();
	if (mode && strcmp(mode, SYD_MODE_OPENER) == 0)
		syd_opener_main();
}
