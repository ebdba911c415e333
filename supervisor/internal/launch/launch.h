/* launch.h: the guard and the stub, which run before the Go runtime starts. */
#ifndef SYD_LAUNCH_H
#define SYD_LAUNCH_H

#include <stddef.h>
#include <stdint.h>

/* The environment of a re-executed syd (handoff.EnvMarker, handoff.EnvFDs). */
#define SYD_ENV_MARKER "SYD_GO_INTERNAL_MODE"
#define SYD_ENV_FDS "SYD_GO_INTERNAL_FDS"
#define SYD_MODE_GUARD "guard"
#define SYD_MODE_OPENER "opener"
/* The opener's request (handoff.Opener*). */
#define SYD_ENV_OPENER_PATH "SYD_GO_INTERNAL_OPENER_PATH"
#define SYD_ENV_OPENER_FLAGS "SYD_GO_INTERNAL_OPENER_FLAGS"
#define SYD_ENV_OPENER_MODE "SYD_GO_INTERNAL_OPENER_MODE"
#define SYD_ENV_OPENER_UID "SYD_GO_INTERNAL_OPENER_UID"
#define SYD_ENV_OPENER_GID "SYD_GO_INTERNAL_OPENER_GID"
/* The fd of syd's layers (namespaces, its Landlock domain), when it
 * re-executes itself into them (handoff.EnvLayers). */
#define SYD_ENV_LAYERS "SYD_GO_INTERNAL_LAYERS"

/* Guard config flags (handoff.GuardConfig). */
#define SYD_GUARD_WAIT_ALL 1u
#define SYD_GUARD_DUMPABLE 2u

/* Stub config flags (handoff.StubConfig). */
#define SYD_STUB_KEEP_CAPS 1u
#define SYD_STUB_SCOPE_SIGNALS 2u
#define SYD_STUB_EXEC_ROOTS 4u
#define SYD_STUB_MDWE 8u
#define SYD_STUB_OWN_USERNS 16u
#define SYD_STUB_DENY_TSC 32u

/* A blob of the stub config: a BPF program. */
struct syd_blob {
	const unsigned char *data;
	uint32_t len;
};

/* A Landlock domain (lockdomain.Plan), decoded. Paths point into the plan. */
struct syd_lock_path {
	uint64_t access;
	const char *path;
};
struct syd_lock_port {
	uint64_t access;
	uint32_t lo, hi;
};
struct syd_lock_plan {
	uint64_t handled_fs, handled_net;
	struct syd_lock_path *paths;
	uint32_t npaths;
	struct syd_lock_port *ports;
	uint32_t nports;
};

/* The namespaces and mounts of unshare, bind+ and name (namespaces.Plan). */
struct syd_ns_mount {
	const char *src, *dst, *fstype, *data;
	unsigned long flags;
};
struct syd_ns_plan {
	unsigned long clone;
	int set_hostname, set_domainname;
	const char *hostname, *domainname;
	struct syd_ns_mount *mounts;
	uint32_t nmounts;
};

/* syd_decode_ns parses an encoded namespace plan; 0 or an errno. */
int syd_decode_ns(const unsigned char *buf, size_t len, struct syd_ns_plan *plan);

/* syd_ns_enter enters the plan's namespaces and makes its mounts and names;
 * it prints what failed. 0 or an errno. */
int syd_ns_enter(const struct syd_ns_plan *plan);

/* syd_ns_enter_user enters a new user namespace that maps the caller's uid
 * and gid to themselves (setgroups denied); it prints what failed. 0 or an
 * errno. */
int syd_ns_enter_user(void);

/* syd_decode_layers splits the frame of SYD_ENV_LAYERS into its namespace
 * and Landlock plans (either may be empty). 0 or an errno. */
int syd_decode_layers(const unsigned char *buf, size_t len, struct syd_blob *ns, struct syd_blob *lock);

/* syd_decode_lock parses an encoded plan; 0 or an errno. */
int syd_decode_lock(const unsigned char *buf, size_t len, struct syd_lock_plan *plan);

/* Landlock rights and scopes syd uses (the kernel's uapi values). */
#define SYD_LL_ACCESS_FS_EXECUTE (1ull << 0)
#define SYD_LL_ACCESS_FS_WRITE_FILE (1ull << 1)
#define SYD_LL_ACCESS_FS_READ_FILE (1ull << 2)
#define SYD_LL_ACCESS_FS_MAKE_BLOCK (1ull << 11)
#define SYD_LL_ACCESS_FS_TRUNCATE (1ull << 14)
#define SYD_LL_ACCESS_FS_IOCTL_DEV (1ull << 15)
#define SYD_LL_SCOPE_SIGNAL (1ull << 1)

/* syd_landlock_abi is the running kernel's Landlock ABI, 0 without Landlock. */
int syd_landlock_abi(void);

/* syd_landlock_enter restricts the calling thread, and what it starts, to
 * plan (a new, nested domain); no_new_privs is set first. 0 or an errno. */
int syd_landlock_enter(const struct syd_lock_plan *plan, uint64_t scoped);

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
	struct syd_blob lock; /* the sandbox's Landlock plan; empty without sandbox/lock */
};

/* syd_decode_stub parses a stub config payload of len bytes (which it keeps
 * pointers into) into cfg. It returns 0, or an errno for a malformed frame. */
int syd_decode_stub(const unsigned char *buf, size_t len, struct syd_stub_config *cfg);

/* syd_read_frame reads one length-prefixed frame from fd into a new buffer. */
int syd_read_frame(int fd, unsigned char **buf, size_t *len);

/* syd_send_fd sends len bytes of data with fd attached (SCM_RIGHTS) on sock;
 * 0, or -1 with errno set. */
int syd_send_fd(int sock, const void *data, size_t len, int fd);

/* The opener (opener.c): opens a file in a caller's user namespace. No return. */
void syd_opener_main(void) __attribute__((noreturn));

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
/* Set when syd entered its layers (namespaces, Landlock) at start. */
extern int syd_layered;
extern struct syd_stub_config syd_stub;

#endif
