/* syd.h: the C interface of libsyd, the client library of syd's /dev/syd interface. */
/*
 * Every function builds one command of the syd(2) command language and runs
 * it with stat("/dev/syd/<command>"). Functions returning int return 0 on
 * success (syd_api returns 3) or a negated errno:
 *
 *   -ENOENT  not running under syd, or the sandbox lock keeps the caller out
 *            (lock:on; lock:exec for every process but the first one syd ran);
 *            also a query that answered false
 *   -EINVAL  an out-of-range action_t or lock_state_t (nothing is sent), or
 *            a command syd refused as malformed
 *   -EPERM   the lock refuses the command (lock:read, lock:drop)
 *   -EBUSY   a setting that can only be changed before the sandbox starts
 *   -EFAULT  a NULL string argument
 *
 * The syd_enabled_* predicates return true when the category or feature is
 * on, false otherwise (also when syd cannot be reached).
 *
 * Build and link: pkg-config --cflags --libs libsyd
 */
#ifndef LIBSYD_SYD_H
#define LIBSYD_SYD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the command API; syd_api returns it. */
#define SYD_API 3

/* What a rule or default does to a matching call (libsyd >= 3.6 numbering). */
typedef uint8_t action_t;
#define ACTION_ALLOW 0  /* permit, not logged */
#define ACTION_WARN 1   /* permit and log */
#define ACTION_FILTER 2 /* deny without logging */
#define ACTION_DENY 3   /* deny and log */
#define ACTION_PANIC 4  /* deny, log, panic the handling syd thread */
#define ACTION_STOP 5   /* deny, log, SIGSTOP the offender */
#define ACTION_ABORT 6  /* deny, log, SIGABRT the offender */
#define ACTION_KILL 7   /* deny, log, SIGKILL the offender */
#define ACTION_EXIT 8   /* log, then syd exits with the deny errno */

/*
 * The sandbox lock. <fcntl.h> under _GNU_SOURCE defines LOCK_READ (64) for
 * the obsolete flock(2) LOCK_MAND mode; include syd.h after it, and this
 * header's value wins (included before it, <fcntl.h> redefines LOCK_READ to
 * 64 with a warning, and syd_lock(64) fails with -EINVAL).
 */
typedef uint8_t lock_state_t;
#ifdef LOCK_READ
#undef LOCK_READ
#endif
#define LOCK_OFF 0  /* every process may configure the sandbox */
#define LOCK_EXEC 1 /* only the first process syd ran may */
#define LOCK_DROP 2 /* only commands that reduce privileges are accepted */
#define LOCK_READ 3 /* the state is readable (open /dev/syd), commands are refused */
#define LOCK_ON 4   /* nothing is accepted, irreversibly */

/* Returns SYD_API when syd answers (stat /dev/syd/3), or -errno. Call it first. */
int syd_api(void);

/* Returns 0 when running under syd with the interface available (lstat /dev/syd). */
int syd_check(void);

/* Makes syd exit at once with status 127, killing the sandbox. */
int syd_panic(void);

/* Restores the default policy: rules cleared, defaults restored; the lock is kept. */
int syd_reset(void);

/* Makes syd read commands, one per line, from the caller's file descriptor fd. */
int syd_load(int fd);

/* Sets the sandbox lock. */
int syd_lock(lock_state_t state);

/*
 * Makes syd run file outside the sandbox, unsandboxed, without waiting for it.
 * argv holds the arguments after the program name (argv[1], ...) and ends
 * with NULL.
 */
int syd_exec(const char *file, const char *const *argv);

/* Adds an ioctl request number to the deny list. */
int syd_ioctl_deny(uint64_t request);

/*
 * Adds (or replaces) the verified-execution rule of path: its checksum in hex
 * (8 crc32, 16 crc64, 32 md5, 40 sha1, 64/96/128 sha3) and the action taken
 * on a mismatch.
 */
int syd_force_add(const char *path, const char *hash, action_t action);

/* Removes the verified-execution rule of path. */
int syd_force_del(const char *path);

/* Removes every verified-execution rule. */
int syd_force_clr(void);

/* Sets the per-process memory limit, e.g. "1G". */
int syd_mem_max(const char *size);

/* Sets the per-process virtual memory limit, e.g. "4G". */
int syd_mem_vm_max(const char *size);

/* Sets the maximum number of tasks. */
int syd_pid_max(size_t n);

/* Sets the window, in seconds, in which crashes are counted (0 disables SegvGuard). */
int syd_segvguard_expiry(uint64_t seconds);

/* Sets for how many seconds a crashing program is refused. */
int syd_segvguard_suspension(uint64_t seconds);

/* Sets how many crashes within the window suspend a program. */
int syd_segvguard_maxcrashes(uint8_t n);

/*
 * Per category, group and feature (generated from syd's category list):
 *   bool syd_enabled_<c>(void)         query:  sandbox/<c>?
 *   int  syd_enable_<c>(void)          switch: sandbox/<c>:on
 *   int  syd_disable_<c>(void)                 sandbox/<c>:off
 *   int  syd_default_<c>(action_t)     default/<c>:<action>
 *   int  syd_<c>_add(action_t, value)  <action>/<c>+<value>  append a rule
 *   int  syd_<c>_del(action_t, value)  <action>/<c>-<value>  remove the newest equal rule
 *   int  syd_<c>_rem(action_t, value)  <action>/<c>^<value>  remove every equal rule
 * Path categories take a glob; net_bind and net_connect take an address
 * (IP[/prefix]!port[-port], an alias such as LOOPBACK!0, a UNIX socket path
 * or @abstract name), net_sendfd a UNIX socket path.
 */
/* BEGIN GENERATED functions: go generate ./bindings */

/* stat sandboxing */
bool syd_enabled_stat(void);
int syd_enable_stat(void);
int syd_disable_stat(void);
int syd_default_stat(action_t action);
int syd_stat_add(action_t action, const char *glob);
int syd_stat_del(action_t action, const char *glob);
int syd_stat_rem(action_t action, const char *glob);

/* read sandboxing */
bool syd_enabled_read(void);
int syd_enable_read(void);
int syd_disable_read(void);
int syd_default_read(action_t action);
int syd_read_add(action_t action, const char *glob);
int syd_read_del(action_t action, const char *glob);
int syd_read_rem(action_t action, const char *glob);

/* write sandboxing */
bool syd_enabled_write(void);
int syd_enable_write(void);
int syd_disable_write(void);
int syd_default_write(action_t action);
int syd_write_add(action_t action, const char *glob);
int syd_write_del(action_t action, const char *glob);
int syd_write_rem(action_t action, const char *glob);

/* exec sandboxing */
bool syd_enabled_exec(void);
int syd_enable_exec(void);
int syd_disable_exec(void);
int syd_default_exec(action_t action);
int syd_exec_add(action_t action, const char *glob);
int syd_exec_del(action_t action, const char *glob);
int syd_exec_rem(action_t action, const char *glob);

/* ioctl sandboxing */
bool syd_enabled_ioctl(void);
int syd_enable_ioctl(void);
int syd_disable_ioctl(void);
int syd_default_ioctl(action_t action);
int syd_ioctl_add(action_t action, const char *glob);
int syd_ioctl_del(action_t action, const char *glob);
int syd_ioctl_rem(action_t action, const char *glob);

/* create sandboxing */
bool syd_enabled_create(void);
int syd_enable_create(void);
int syd_disable_create(void);
int syd_default_create(action_t action);
int syd_create_add(action_t action, const char *glob);
int syd_create_del(action_t action, const char *glob);
int syd_create_rem(action_t action, const char *glob);

/* delete sandboxing */
bool syd_enabled_delete(void);
int syd_enable_delete(void);
int syd_disable_delete(void);
int syd_default_delete(action_t action);
int syd_delete_add(action_t action, const char *glob);
int syd_delete_del(action_t action, const char *glob);
int syd_delete_rem(action_t action, const char *glob);

/* rename sandboxing */
bool syd_enabled_rename(void);
int syd_enable_rename(void);
int syd_disable_rename(void);
int syd_default_rename(action_t action);
int syd_rename_add(action_t action, const char *glob);
int syd_rename_del(action_t action, const char *glob);
int syd_rename_rem(action_t action, const char *glob);

/* symlink sandboxing */
bool syd_enabled_symlink(void);
int syd_enable_symlink(void);
int syd_disable_symlink(void);
int syd_default_symlink(action_t action);
int syd_symlink_add(action_t action, const char *glob);
int syd_symlink_del(action_t action, const char *glob);
int syd_symlink_rem(action_t action, const char *glob);

/* truncate sandboxing */
bool syd_enabled_truncate(void);
int syd_enable_truncate(void);
int syd_disable_truncate(void);
int syd_default_truncate(action_t action);
int syd_truncate_add(action_t action, const char *glob);
int syd_truncate_del(action_t action, const char *glob);
int syd_truncate_rem(action_t action, const char *glob);

/* chdir sandboxing */
bool syd_enabled_chdir(void);
int syd_enable_chdir(void);
int syd_disable_chdir(void);
int syd_default_chdir(action_t action);
int syd_chdir_add(action_t action, const char *glob);
int syd_chdir_del(action_t action, const char *glob);
int syd_chdir_rem(action_t action, const char *glob);

/* readdir sandboxing */
bool syd_enabled_readdir(void);
int syd_enable_readdir(void);
int syd_disable_readdir(void);
int syd_default_readdir(action_t action);
int syd_readdir_add(action_t action, const char *glob);
int syd_readdir_del(action_t action, const char *glob);
int syd_readdir_rem(action_t action, const char *glob);

/* mkdir sandboxing */
bool syd_enabled_mkdir(void);
int syd_enable_mkdir(void);
int syd_disable_mkdir(void);
int syd_default_mkdir(action_t action);
int syd_mkdir_add(action_t action, const char *glob);
int syd_mkdir_del(action_t action, const char *glob);
int syd_mkdir_rem(action_t action, const char *glob);

/* rmdir sandboxing */
bool syd_enabled_rmdir(void);
int syd_enable_rmdir(void);
int syd_disable_rmdir(void);
int syd_default_rmdir(action_t action);
int syd_rmdir_add(action_t action, const char *glob);
int syd_rmdir_del(action_t action, const char *glob);
int syd_rmdir_rem(action_t action, const char *glob);

/* chown sandboxing */
bool syd_enabled_chown(void);
int syd_enable_chown(void);
int syd_disable_chown(void);
int syd_default_chown(action_t action);
int syd_chown_add(action_t action, const char *glob);
int syd_chown_del(action_t action, const char *glob);
int syd_chown_rem(action_t action, const char *glob);

/* chgrp sandboxing */
bool syd_enabled_chgrp(void);
int syd_enable_chgrp(void);
int syd_disable_chgrp(void);
int syd_default_chgrp(action_t action);
int syd_chgrp_add(action_t action, const char *glob);
int syd_chgrp_del(action_t action, const char *glob);
int syd_chgrp_rem(action_t action, const char *glob);

/* chmod sandboxing */
bool syd_enabled_chmod(void);
int syd_enable_chmod(void);
int syd_disable_chmod(void);
int syd_default_chmod(action_t action);
int syd_chmod_add(action_t action, const char *glob);
int syd_chmod_del(action_t action, const char *glob);
int syd_chmod_rem(action_t action, const char *glob);

/* chattr sandboxing */
bool syd_enabled_chattr(void);
int syd_enable_chattr(void);
int syd_disable_chattr(void);
int syd_default_chattr(action_t action);
int syd_chattr_add(action_t action, const char *glob);
int syd_chattr_del(action_t action, const char *glob);
int syd_chattr_rem(action_t action, const char *glob);

/* chroot sandboxing */
bool syd_enabled_chroot(void);
int syd_enable_chroot(void);
int syd_disable_chroot(void);
int syd_default_chroot(action_t action);
int syd_chroot_add(action_t action, const char *glob);
int syd_chroot_del(action_t action, const char *glob);
int syd_chroot_rem(action_t action, const char *glob);

/* utime sandboxing */
bool syd_enabled_utime(void);
int syd_enable_utime(void);
int syd_disable_utime(void);
int syd_default_utime(action_t action);
int syd_utime_add(action_t action, const char *glob);
int syd_utime_del(action_t action, const char *glob);
int syd_utime_rem(action_t action, const char *glob);

/* mkdev sandboxing */
bool syd_enabled_mkdev(void);
int syd_enable_mkdev(void);
int syd_disable_mkdev(void);
int syd_default_mkdev(action_t action);
int syd_mkdev_add(action_t action, const char *glob);
int syd_mkdev_del(action_t action, const char *glob);
int syd_mkdev_rem(action_t action, const char *glob);

/* mkfifo sandboxing */
bool syd_enabled_mkfifo(void);
int syd_enable_mkfifo(void);
int syd_disable_mkfifo(void);
int syd_default_mkfifo(action_t action);
int syd_mkfifo_add(action_t action, const char *glob);
int syd_mkfifo_del(action_t action, const char *glob);
int syd_mkfifo_rem(action_t action, const char *glob);

/* mktemp sandboxing */
bool syd_enabled_mktemp(void);
int syd_enable_mktemp(void);
int syd_disable_mktemp(void);
int syd_default_mktemp(action_t action);
int syd_mktemp_add(action_t action, const char *glob);
int syd_mktemp_del(action_t action, const char *glob);
int syd_mktemp_rem(action_t action, const char *glob);

/* net/bind sandboxing */
bool syd_enabled_net_bind(void);
int syd_enable_net_bind(void);
int syd_disable_net_bind(void);
int syd_default_net_bind(action_t action);
int syd_net_bind_add(action_t action, const char *addr);
int syd_net_bind_del(action_t action, const char *addr);
int syd_net_bind_rem(action_t action, const char *addr);

/* net/connect sandboxing */
bool syd_enabled_net_connect(void);
int syd_enable_net_connect(void);
int syd_disable_net_connect(void);
int syd_default_net_connect(action_t action);
int syd_net_connect_add(action_t action, const char *addr);
int syd_net_connect_del(action_t action, const char *addr);
int syd_net_connect_rem(action_t action, const char *addr);

/* net/sendfd sandboxing */
bool syd_enabled_net_sendfd(void);
int syd_enable_net_sendfd(void);
int syd_disable_net_sendfd(void);
int syd_default_net_sendfd(action_t action);
int syd_net_sendfd_add(action_t action, const char *addr);
int syd_net_sendfd_del(action_t action, const char *addr);
int syd_net_sendfd_rem(action_t action, const char *addr);

/* network sandboxing (net/bind, net/connect and net/sendfd) */
bool syd_enabled_net(void);
int syd_enable_net(void);
int syd_disable_net(void);
int syd_default_net(action_t action);

/* Landlock sandboxing */
bool syd_enabled_lock(void);

/* memory sandboxing */
bool syd_enabled_mem(void);
int syd_enable_mem(void);
int syd_disable_mem(void);
int syd_default_mem(action_t action);

/* PID sandboxing */
bool syd_enabled_pid(void);
int syd_enable_pid(void);
int syd_disable_pid(void);
int syd_default_pid(action_t action);

/* verified execution (force sandboxing) */
bool syd_enabled_force(void);
int syd_enable_force(void);
int syd_disable_force(void);
int syd_default_force(action_t action);

/* trusted path execution */
bool syd_enabled_tpe(void);
int syd_enable_tpe(void);
int syd_disable_tpe(void);
int syd_default_tpe(action_t action);

/* transparent file encryption (crypt sandboxing) */
bool syd_enabled_crypt(void);

/* SOCKS proxy forwarding */
bool syd_enabled_proxy(void);

/* SegvGuard */
int syd_default_segvguard(action_t action);

/* the IP block list */
int syd_default_block(action_t action);

/* END GENERATED functions */

#ifdef __cplusplus
}
#endif

#endif /* LIBSYD_SYD_H */
