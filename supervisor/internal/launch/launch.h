/* launch.h: the guard and the stub, which run before the Go runtime starts. */
#ifndef SYD_LAUNCH_H
#define SYD_LAUNCH_H

#include <stddef.h>
#include <stdint.h>

/* The environment of a re-executed syd (handoff.EnvMarker, handoff.EnvFDs). */
#define SYD_ENV_MARKER "SYD_GO_INTERNAL_MODE"
#define SYD_ENV_FDS "SYD_GO_INTERNAL_FDS"
#define SYD_MODE_GUARD "guard"

/* Guard config flags (handoff.GuardConfig). */
#define SYD_GUARD_WAIT_ALL 1u
#define SYD_GUARD_DUMPABLE 2u

/* Stub config flags (handoff.StubConfig). */
#define SYD_STUB_KEEP_CAPS 1u
#define SYD_STUB_SCOPE_SIGNALS 2u
#define SYD_STUB_EXEC_ROOTS 4u

/* A blob of the stub config: a BPF program. */
struct syd_blob {
	const unsigned char *data;
	uint32_t len;
};

/* The stub config, decoded from its frame. Strings point into the frame. */
struct syd_stub_config {
	uint32_t flags;
	uint32_t load_flags; /* seccomp flags of the notify filter */
	const char *path;
	char **argv; /* NULL-terminated */
	char **envp; /* NULL-terminated */
	struct syd_blob *statics;
	uint32_t nstatic;
	struct syd_blob bpf;
	const char **exec_roots;
	uint32_t nexec_roots;
	const char *plugin; /* "" when there is none */
};

/* syd_decode_stub parses a stub config payload of len bytes (which it keeps
 * pointers into) into cfg. It returns 0, or an errno for a malformed frame. */
int syd_decode_stub(const unsigned char *buf, size_t len, struct syd_stub_config *cfg);

/* syd_read_frame reads one length-prefixed frame from fd into a new buffer. */
int syd_read_frame(int fd, unsigned char **buf, size_t *len);

/* The guard: never returns in the guard; returns in a plugin's stub child. */
void syd_guard_main(void);

/* The stub, in the guard's child. ctl is its control socket to the supervisor.
 * It returns only for a plugin, with syd_plugin_child set: the Go runtime
 * starts, loads the plugin and calls syd_stub_confine. */
void syd_stub_main(int ctl);

/* syd_stub_confine enters the sandbox's Landlock domain, drops capabilities,
 * confines execution, loads the seccomp filters and hands the listener to the
 * supervisor. It exits the process on failure, after reporting the errno. */
void syd_stub_confine(void);

/* syd_stub_fail reports -errno to the supervisor and exits with 127. */
void syd_stub_fail(int err) __attribute__((noreturn));

/* syd_stub_close_ctl closes the control socket: syd reads that as "started". */
void syd_stub_close_ctl(void);

/* Set in a plugin's stub child, with its config. */
extern int syd_plugin_child;
extern struct syd_stub_config syd_stub;

#endif
