"""syd.py: the Python client of syd's /dev/syd interface, through libsyd.so and ctypes.

Every function runs one command of the syd(2) command language inside the
sandbox. It returns True (api() returns 3) or raises OSError with the errno
syd answered: ENOENT outside syd or when the sandbox lock keeps the caller
out, EINVAL for an out-of-range action or lock state, EPERM when the lock
refuses the command. The enabled_* predicates return a bool.

libsyd.so is loaded on first use from $LIBSYD_PATH, else by the dynamic
loader's search ("libsyd.so").

    import syd
    syd.write_add(syd.ACTION_ALLOW, "/tmp/out/***")
    syd.lock(syd.LOCK_ON)
"""

import ctypes
import enum
import errno
import os

__all__ = [
    "Action", "LockState", "api", "check", "panic", "reset", "load", "lock",
    "exec", "ioctl_deny", "force_add", "force_del", "force_clr", "mem_max",
    "mem_vm_max", "pid_max", "segvguard_expiry", "segvguard_suspension",
    "segvguard_maxcrashes",
]


class Action(enum.IntEnum):
    """What a rule or default does to a matching call (libsyd's action_t)."""

    ACTION_ALLOW = 0
    ACTION_WARN = 1
    ACTION_FILTER = 2
    ACTION_DENY = 3
    ACTION_PANIC = 4
    ACTION_STOP = 5
    ACTION_ABORT = 6
    ACTION_KILL = 7
    ACTION_EXIT = 8


class LockState(enum.IntEnum):
    """The states of the sandbox lock (libsyd's lock_state_t)."""

    LOCK_OFF = 0
    LOCK_EXEC = 1
    LOCK_DROP = 2
    LOCK_READ = 3
    LOCK_ON = 4


globals().update(Action.__members__)
globals().update(LockState.__members__)
__all__ += list(Action.__members__) + list(LockState.__members__)

_c_uint8, _c_int, _c_char_p = ctypes.c_uint8, ctypes.c_int, ctypes.c_char_p

# The C signatures: name -> (restype, argtypes).
_SIGNATURES = {
    "syd_api": (_c_int, ()),
    "syd_check": (_c_int, ()),
    "syd_panic": (_c_int, ()),
    "syd_reset": (_c_int, ()),
    "syd_load": (_c_int, (_c_int,)),
    "syd_lock": (_c_int, (_c_uint8,)),
    "syd_exec": (_c_int, (_c_char_p, ctypes.POINTER(_c_char_p))),
    "syd_ioctl_deny": (_c_int, (ctypes.c_uint64,)),
    "syd_force_add": (_c_int, (_c_char_p, _c_char_p, _c_uint8)),
    "syd_force_del": (_c_int, (_c_char_p,)),
    "syd_force_clr": (_c_int, ()),
    "syd_mem_max": (_c_int, (_c_char_p,)),
    "syd_mem_vm_max": (_c_int, (_c_char_p,)),
    "syd_pid_max": (_c_int, (ctypes.c_size_t,)),
    "syd_segvguard_expiry": (_c_int, (ctypes.c_uint64,)),
    "syd_segvguard_suspension": (_c_int, (ctypes.c_uint64,)),
    "syd_segvguard_maxcrashes": (_c_int, (_c_uint8,)),
}

_LIB = None


def _lib():
    """Load libsyd.so once and declare every function's signature."""
    global _LIB
    if _LIB is None:
        lib = ctypes.CDLL(os.environ.get("LIBSYD_PATH") or "libsyd.so")
        for name, (restype, argtypes) in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        _LIB = lib
    return _LIB


def _ok(ret):
    """Turn libsyd's 0/-errno into True or an OSError."""
    if ret < 0:
        raise OSError(-ret, os.strerror(-ret))
    return True


def _enum(value):
    """Check that an action or lock state fits in a uint8_t; libsyd itself
    rejects the values that do but are out of range."""
    value = int(value)
    if not 0 <= value <= 255:
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
    return value


def _bytes(value):
    """Encode a path, glob or address for C."""
    return os.fsencode(value)


def _uint(value, bits):
    """Check that value is a non-negative integer of at most bits bits."""
    value = int(value)
    if not 0 <= value < 1 << bits:
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
    return value


def api():
    """Return the command API version, 3; raise OSError when syd does not answer."""
    ret = _lib().syd_api()
    _ok(ret)
    return ret


def check():
    """Return True when running under syd with /dev/syd available; raise OSError otherwise."""
    return _ok(_lib().syd_check())


def panic():
    """Make syd exit at once with status 127, killing the sandbox."""
    return _ok(_lib().syd_panic())


def reset():
    """Restore the default policy (the lock is kept)."""
    return _ok(_lib().syd_reset())


def load(fd):
    """Make syd read commands, one per line, from this process's file descriptor fd."""
    return _ok(_lib().syd_load(_uint(fd, 31)))


def lock(state):
    """Set the sandbox lock to a LockState."""
    return _ok(_lib().syd_lock(_enum(state)))


def exec(file, argv):
    """Make syd run file with the arguments argv (after the program name) outside the sandbox."""
    args = [_bytes(a) for a in argv] + [None]
    arr = (_c_char_p * len(args))(*args)
    return _ok(_lib().syd_exec(_bytes(file), arr))


def ioctl_deny(request):
    """Add an ioctl request number to the deny list."""
    return _ok(_lib().syd_ioctl_deny(_uint(request, 64)))


def force_add(path, hash, action):
    """Add the verified-execution rule of path: its hex checksum and the action on a mismatch."""
    return _ok(_lib().syd_force_add(_bytes(path), _bytes(hash), _enum(action)))


def force_del(path):
    """Remove the verified-execution rule of path."""
    return _ok(_lib().syd_force_del(_bytes(path)))


def force_clr():
    """Remove every verified-execution rule."""
    return _ok(_lib().syd_force_clr())


def mem_max(size):
    """Set the per-process memory limit, e.g. "1G"."""
    return _ok(_lib().syd_mem_max(_bytes(size)))


def mem_vm_max(size):
    """Set the per-process virtual memory limit, e.g. "4G"."""
    return _ok(_lib().syd_mem_vm_max(_bytes(size)))


def pid_max(n):
    """Set the maximum number of tasks."""
    return _ok(_lib().syd_pid_max(_uint(n, 64)))


def segvguard_expiry(seconds):
    """Count crashes within this many seconds (0 disables SegvGuard)."""
    return _ok(_lib().syd_segvguard_expiry(_uint(seconds, 64)))


def segvguard_suspension(seconds):
    """Refuse a crashing program for this many seconds."""
    return _ok(_lib().syd_segvguard_suspension(_uint(seconds, 64)))


def segvguard_maxcrashes(n):
    """Suspend a program after n crashes within the expiry window."""
    return _ok(_lib().syd_segvguard_maxcrashes(_uint(n, 8)))


# Per category, group and feature, generated from syd's category list:
# enabled_C(), enable_C(), disable_C(), default_C(action),
# C_add(action, glob), C_del(action, glob), C_rem(action, glob)
# (addr instead of glob for net_bind, net_connect and net_sendfd).
# BEGIN GENERATED functions: go generate ./bindings
_SIGNATURES.update({
    "syd_enabled_stat": (ctypes.c_bool, ()),
    "syd_enable_stat": (ctypes.c_int, ()),
    "syd_disable_stat": (ctypes.c_int, ()),
    "syd_default_stat": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_stat_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_stat_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_stat_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_read": (ctypes.c_bool, ()),
    "syd_enable_read": (ctypes.c_int, ()),
    "syd_disable_read": (ctypes.c_int, ()),
    "syd_default_read": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_read_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_read_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_read_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_write": (ctypes.c_bool, ()),
    "syd_enable_write": (ctypes.c_int, ()),
    "syd_disable_write": (ctypes.c_int, ()),
    "syd_default_write": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_write_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_write_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_write_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_exec": (ctypes.c_bool, ()),
    "syd_enable_exec": (ctypes.c_int, ()),
    "syd_disable_exec": (ctypes.c_int, ()),
    "syd_default_exec": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_exec_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_exec_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_exec_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_ioctl": (ctypes.c_bool, ()),
    "syd_enable_ioctl": (ctypes.c_int, ()),
    "syd_disable_ioctl": (ctypes.c_int, ()),
    "syd_default_ioctl": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_ioctl_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_ioctl_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_ioctl_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_create": (ctypes.c_bool, ()),
    "syd_enable_create": (ctypes.c_int, ()),
    "syd_disable_create": (ctypes.c_int, ()),
    "syd_default_create": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_create_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_create_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_create_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_delete": (ctypes.c_bool, ()),
    "syd_enable_delete": (ctypes.c_int, ()),
    "syd_disable_delete": (ctypes.c_int, ()),
    "syd_default_delete": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_delete_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_delete_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_delete_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_rename": (ctypes.c_bool, ()),
    "syd_enable_rename": (ctypes.c_int, ()),
    "syd_disable_rename": (ctypes.c_int, ()),
    "syd_default_rename": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_rename_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_rename_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_rename_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_symlink": (ctypes.c_bool, ()),
    "syd_enable_symlink": (ctypes.c_int, ()),
    "syd_disable_symlink": (ctypes.c_int, ()),
    "syd_default_symlink": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_symlink_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_symlink_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_symlink_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_truncate": (ctypes.c_bool, ()),
    "syd_enable_truncate": (ctypes.c_int, ()),
    "syd_disable_truncate": (ctypes.c_int, ()),
    "syd_default_truncate": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_truncate_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_truncate_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_truncate_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chdir": (ctypes.c_bool, ()),
    "syd_enable_chdir": (ctypes.c_int, ()),
    "syd_disable_chdir": (ctypes.c_int, ()),
    "syd_default_chdir": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chdir_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chdir_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chdir_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_readdir": (ctypes.c_bool, ()),
    "syd_enable_readdir": (ctypes.c_int, ()),
    "syd_disable_readdir": (ctypes.c_int, ()),
    "syd_default_readdir": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_readdir_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_readdir_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_readdir_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_mkdir": (ctypes.c_bool, ()),
    "syd_enable_mkdir": (ctypes.c_int, ()),
    "syd_disable_mkdir": (ctypes.c_int, ()),
    "syd_default_mkdir": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_mkdir_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkdir_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkdir_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_rmdir": (ctypes.c_bool, ()),
    "syd_enable_rmdir": (ctypes.c_int, ()),
    "syd_disable_rmdir": (ctypes.c_int, ()),
    "syd_default_rmdir": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_rmdir_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_rmdir_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_rmdir_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chown": (ctypes.c_bool, ()),
    "syd_enable_chown": (ctypes.c_int, ()),
    "syd_disable_chown": (ctypes.c_int, ()),
    "syd_default_chown": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chown_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chown_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chown_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chgrp": (ctypes.c_bool, ()),
    "syd_enable_chgrp": (ctypes.c_int, ()),
    "syd_disable_chgrp": (ctypes.c_int, ()),
    "syd_default_chgrp": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chgrp_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chgrp_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chgrp_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chmod": (ctypes.c_bool, ()),
    "syd_enable_chmod": (ctypes.c_int, ()),
    "syd_disable_chmod": (ctypes.c_int, ()),
    "syd_default_chmod": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chmod_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chmod_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chmod_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chattr": (ctypes.c_bool, ()),
    "syd_enable_chattr": (ctypes.c_int, ()),
    "syd_disable_chattr": (ctypes.c_int, ()),
    "syd_default_chattr": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chattr_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chattr_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chattr_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_chroot": (ctypes.c_bool, ()),
    "syd_enable_chroot": (ctypes.c_int, ()),
    "syd_disable_chroot": (ctypes.c_int, ()),
    "syd_default_chroot": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_chroot_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chroot_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_chroot_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_utime": (ctypes.c_bool, ()),
    "syd_enable_utime": (ctypes.c_int, ()),
    "syd_disable_utime": (ctypes.c_int, ()),
    "syd_default_utime": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_utime_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_utime_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_utime_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_mkdev": (ctypes.c_bool, ()),
    "syd_enable_mkdev": (ctypes.c_int, ()),
    "syd_disable_mkdev": (ctypes.c_int, ()),
    "syd_default_mkdev": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_mkdev_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkdev_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkdev_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_mkfifo": (ctypes.c_bool, ()),
    "syd_enable_mkfifo": (ctypes.c_int, ()),
    "syd_disable_mkfifo": (ctypes.c_int, ()),
    "syd_default_mkfifo": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_mkfifo_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkfifo_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mkfifo_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_mktemp": (ctypes.c_bool, ()),
    "syd_enable_mktemp": (ctypes.c_int, ()),
    "syd_disable_mktemp": (ctypes.c_int, ()),
    "syd_default_mktemp": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_mktemp_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mktemp_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_mktemp_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_net_bind": (ctypes.c_bool, ()),
    "syd_enable_net_bind": (ctypes.c_int, ()),
    "syd_disable_net_bind": (ctypes.c_int, ()),
    "syd_default_net_bind": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_net_bind_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_bind_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_bind_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_net_connect": (ctypes.c_bool, ()),
    "syd_enable_net_connect": (ctypes.c_int, ()),
    "syd_disable_net_connect": (ctypes.c_int, ()),
    "syd_default_net_connect": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_net_connect_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_connect_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_connect_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_net_sendfd": (ctypes.c_bool, ()),
    "syd_enable_net_sendfd": (ctypes.c_int, ()),
    "syd_disable_net_sendfd": (ctypes.c_int, ()),
    "syd_default_net_sendfd": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_net_sendfd_add": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_sendfd_del": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_net_sendfd_rem": (ctypes.c_int, (ctypes.c_uint8, ctypes.c_char_p)),
    "syd_enabled_net": (ctypes.c_bool, ()),
    "syd_enable_net": (ctypes.c_int, ()),
    "syd_disable_net": (ctypes.c_int, ()),
    "syd_default_net": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_enabled_lock": (ctypes.c_bool, ()),
    "syd_enabled_mem": (ctypes.c_bool, ()),
    "syd_enable_mem": (ctypes.c_int, ()),
    "syd_disable_mem": (ctypes.c_int, ()),
    "syd_default_mem": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_enabled_pid": (ctypes.c_bool, ()),
    "syd_enable_pid": (ctypes.c_int, ()),
    "syd_disable_pid": (ctypes.c_int, ()),
    "syd_default_pid": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_enabled_force": (ctypes.c_bool, ()),
    "syd_enable_force": (ctypes.c_int, ()),
    "syd_disable_force": (ctypes.c_int, ()),
    "syd_default_force": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_enabled_tpe": (ctypes.c_bool, ()),
    "syd_enable_tpe": (ctypes.c_int, ()),
    "syd_disable_tpe": (ctypes.c_int, ()),
    "syd_default_tpe": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_enabled_crypt": (ctypes.c_bool, ()),
    "syd_enabled_proxy": (ctypes.c_bool, ()),
    "syd_default_segvguard": (ctypes.c_int, (ctypes.c_uint8,)),
    "syd_default_block": (ctypes.c_int, (ctypes.c_uint8,)),
})

__all__ += [
    "enabled_stat",
    "enable_stat",
    "disable_stat",
    "default_stat",
    "stat_add",
    "stat_del",
    "stat_rem",
    "enabled_read",
    "enable_read",
    "disable_read",
    "default_read",
    "read_add",
    "read_del",
    "read_rem",
    "enabled_write",
    "enable_write",
    "disable_write",
    "default_write",
    "write_add",
    "write_del",
    "write_rem",
    "enabled_exec",
    "enable_exec",
    "disable_exec",
    "default_exec",
    "exec_add",
    "exec_del",
    "exec_rem",
    "enabled_ioctl",
    "enable_ioctl",
    "disable_ioctl",
    "default_ioctl",
    "ioctl_add",
    "ioctl_del",
    "ioctl_rem",
    "enabled_create",
    "enable_create",
    "disable_create",
    "default_create",
    "create_add",
    "create_del",
    "create_rem",
    "enabled_delete",
    "enable_delete",
    "disable_delete",
    "default_delete",
    "delete_add",
    "delete_del",
    "delete_rem",
    "enabled_rename",
    "enable_rename",
    "disable_rename",
    "default_rename",
    "rename_add",
    "rename_del",
    "rename_rem",
    "enabled_symlink",
    "enable_symlink",
    "disable_symlink",
    "default_symlink",
    "symlink_add",
    "symlink_del",
    "symlink_rem",
    "enabled_truncate",
    "enable_truncate",
    "disable_truncate",
    "default_truncate",
    "truncate_add",
    "truncate_del",
    "truncate_rem",
    "enabled_chdir",
    "enable_chdir",
    "disable_chdir",
    "default_chdir",
    "chdir_add",
    "chdir_del",
    "chdir_rem",
    "enabled_readdir",
    "enable_readdir",
    "disable_readdir",
    "default_readdir",
    "readdir_add",
    "readdir_del",
    "readdir_rem",
    "enabled_mkdir",
    "enable_mkdir",
    "disable_mkdir",
    "default_mkdir",
    "mkdir_add",
    "mkdir_del",
    "mkdir_rem",
    "enabled_rmdir",
    "enable_rmdir",
    "disable_rmdir",
    "default_rmdir",
    "rmdir_add",
    "rmdir_del",
    "rmdir_rem",
    "enabled_chown",
    "enable_chown",
    "disable_chown",
    "default_chown",
    "chown_add",
    "chown_del",
    "chown_rem",
    "enabled_chgrp",
    "enable_chgrp",
    "disable_chgrp",
    "default_chgrp",
    "chgrp_add",
    "chgrp_del",
    "chgrp_rem",
    "enabled_chmod",
    "enable_chmod",
    "disable_chmod",
    "default_chmod",
    "chmod_add",
    "chmod_del",
    "chmod_rem",
    "enabled_chattr",
    "enable_chattr",
    "disable_chattr",
    "default_chattr",
    "chattr_add",
    "chattr_del",
    "chattr_rem",
    "enabled_chroot",
    "enable_chroot",
    "disable_chroot",
    "default_chroot",
    "chroot_add",
    "chroot_del",
    "chroot_rem",
    "enabled_utime",
    "enable_utime",
    "disable_utime",
    "default_utime",
    "utime_add",
    "utime_del",
    "utime_rem",
    "enabled_mkdev",
    "enable_mkdev",
    "disable_mkdev",
    "default_mkdev",
    "mkdev_add",
    "mkdev_del",
    "mkdev_rem",
    "enabled_mkfifo",
    "enable_mkfifo",
    "disable_mkfifo",
    "default_mkfifo",
    "mkfifo_add",
    "mkfifo_del",
    "mkfifo_rem",
    "enabled_mktemp",
    "enable_mktemp",
    "disable_mktemp",
    "default_mktemp",
    "mktemp_add",
    "mktemp_del",
    "mktemp_rem",
    "enabled_net_bind",
    "enable_net_bind",
    "disable_net_bind",
    "default_net_bind",
    "net_bind_add",
    "net_bind_del",
    "net_bind_rem",
    "enabled_net_connect",
    "enable_net_connect",
    "disable_net_connect",
    "default_net_connect",
    "net_connect_add",
    "net_connect_del",
    "net_connect_rem",
    "enabled_net_sendfd",
    "enable_net_sendfd",
    "disable_net_sendfd",
    "default_net_sendfd",
    "net_sendfd_add",
    "net_sendfd_del",
    "net_sendfd_rem",
    "enabled_net",
    "enable_net",
    "disable_net",
    "default_net",
    "enabled_lock",
    "enabled_mem",
    "enable_mem",
    "disable_mem",
    "default_mem",
    "enabled_pid",
    "enable_pid",
    "disable_pid",
    "default_pid",
    "enabled_force",
    "enable_force",
    "disable_force",
    "default_force",
    "enabled_tpe",
    "enable_tpe",
    "disable_tpe",
    "default_tpe",
    "enabled_crypt",
    "enabled_proxy",
    "default_segvguard",
    "default_block",
]


def enabled_stat():
    """Return True when stat sandboxing is on."""
    return bool(_lib().syd_enabled_stat())


def enable_stat():
    """Turn stat sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_stat())


def disable_stat():
    """Turn stat sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_stat())


def default_stat(action):
    """Set the default action of stat sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_stat(_enum(action)))


def stat_add(action, glob):
    """Add a rule of stat sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_stat_add(_enum(action), _bytes(glob)))


def stat_del(action, glob):
    """Remove the newest rule of stat sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_stat_del(_enum(action), _bytes(glob)))


def stat_rem(action, glob):
    """Remove every rule of stat sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_stat_rem(_enum(action), _bytes(glob)))


def enabled_read():
    """Return True when read sandboxing is on."""
    return bool(_lib().syd_enabled_read())


def enable_read():
    """Turn read sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_read())


def disable_read():
    """Turn read sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_read())


def default_read(action):
    """Set the default action of read sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_read(_enum(action)))


def read_add(action, glob):
    """Add a rule of read sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_read_add(_enum(action), _bytes(glob)))


def read_del(action, glob):
    """Remove the newest rule of read sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_read_del(_enum(action), _bytes(glob)))


def read_rem(action, glob):
    """Remove every rule of read sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_read_rem(_enum(action), _bytes(glob)))


def enabled_write():
    """Return True when write sandboxing is on."""
    return bool(_lib().syd_enabled_write())


def enable_write():
    """Turn write sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_write())


def disable_write():
    """Turn write sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_write())


def default_write(action):
    """Set the default action of write sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_write(_enum(action)))


def write_add(action, glob):
    """Add a rule of write sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_write_add(_enum(action), _bytes(glob)))


def write_del(action, glob):
    """Remove the newest rule of write sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_write_del(_enum(action), _bytes(glob)))


def write_rem(action, glob):
    """Remove every rule of write sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_write_rem(_enum(action), _bytes(glob)))


def enabled_exec():
    """Return True when exec sandboxing is on."""
    return bool(_lib().syd_enabled_exec())


def enable_exec():
    """Turn exec sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_exec())


def disable_exec():
    """Turn exec sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_exec())


def default_exec(action):
    """Set the default action of exec sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_exec(_enum(action)))


def exec_add(action, glob):
    """Add a rule of exec sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_exec_add(_enum(action), _bytes(glob)))


def exec_del(action, glob):
    """Remove the newest rule of exec sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_exec_del(_enum(action), _bytes(glob)))


def exec_rem(action, glob):
    """Remove every rule of exec sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_exec_rem(_enum(action), _bytes(glob)))


def enabled_ioctl():
    """Return True when ioctl sandboxing is on."""
    return bool(_lib().syd_enabled_ioctl())


def enable_ioctl():
    """Turn ioctl sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_ioctl())


def disable_ioctl():
    """Turn ioctl sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_ioctl())


def default_ioctl(action):
    """Set the default action of ioctl sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_ioctl(_enum(action)))


def ioctl_add(action, glob):
    """Add a rule of ioctl sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_ioctl_add(_enum(action), _bytes(glob)))


def ioctl_del(action, glob):
    """Remove the newest rule of ioctl sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_ioctl_del(_enum(action), _bytes(glob)))


def ioctl_rem(action, glob):
    """Remove every rule of ioctl sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_ioctl_rem(_enum(action), _bytes(glob)))


def enabled_create():
    """Return True when create sandboxing is on."""
    return bool(_lib().syd_enabled_create())


def enable_create():
    """Turn create sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_create())


def disable_create():
    """Turn create sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_create())


def default_create(action):
    """Set the default action of create sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_create(_enum(action)))


def create_add(action, glob):
    """Add a rule of create sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_create_add(_enum(action), _bytes(glob)))


def create_del(action, glob):
    """Remove the newest rule of create sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_create_del(_enum(action), _bytes(glob)))


def create_rem(action, glob):
    """Remove every rule of create sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_create_rem(_enum(action), _bytes(glob)))


def enabled_delete():
    """Return True when delete sandboxing is on."""
    return bool(_lib().syd_enabled_delete())


def enable_delete():
    """Turn delete sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_delete())


def disable_delete():
    """Turn delete sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_delete())


def default_delete(action):
    """Set the default action of delete sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_delete(_enum(action)))


def delete_add(action, glob):
    """Add a rule of delete sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_delete_add(_enum(action), _bytes(glob)))


def delete_del(action, glob):
    """Remove the newest rule of delete sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_delete_del(_enum(action), _bytes(glob)))


def delete_rem(action, glob):
    """Remove every rule of delete sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_delete_rem(_enum(action), _bytes(glob)))


def enabled_rename():
    """Return True when rename sandboxing is on."""
    return bool(_lib().syd_enabled_rename())


def enable_rename():
    """Turn rename sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_rename())


def disable_rename():
    """Turn rename sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_rename())


def default_rename(action):
    """Set the default action of rename sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_rename(_enum(action)))


def rename_add(action, glob):
    """Add a rule of rename sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_rename_add(_enum(action), _bytes(glob)))


def rename_del(action, glob):
    """Remove the newest rule of rename sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_rename_del(_enum(action), _bytes(glob)))


def rename_rem(action, glob):
    """Remove every rule of rename sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_rename_rem(_enum(action), _bytes(glob)))


def enabled_symlink():
    """Return True when symlink sandboxing is on."""
    return bool(_lib().syd_enabled_symlink())


def enable_symlink():
    """Turn symlink sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_symlink())


def disable_symlink():
    """Turn symlink sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_symlink())


def default_symlink(action):
    """Set the default action of symlink sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_symlink(_enum(action)))


def symlink_add(action, glob):
    """Add a rule of symlink sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_symlink_add(_enum(action), _bytes(glob)))


def symlink_del(action, glob):
    """Remove the newest rule of symlink sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_symlink_del(_enum(action), _bytes(glob)))


def symlink_rem(action, glob):
    """Remove every rule of symlink sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_symlink_rem(_enum(action), _bytes(glob)))


def enabled_truncate():
    """Return True when truncate sandboxing is on."""
    return bool(_lib().syd_enabled_truncate())


def enable_truncate():
    """Turn truncate sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_truncate())


def disable_truncate():
    """Turn truncate sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_truncate())


def default_truncate(action):
    """Set the default action of truncate sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_truncate(_enum(action)))


def truncate_add(action, glob):
    """Add a rule of truncate sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_truncate_add(_enum(action), _bytes(glob)))


def truncate_del(action, glob):
    """Remove the newest rule of truncate sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_truncate_del(_enum(action), _bytes(glob)))


def truncate_rem(action, glob):
    """Remove every rule of truncate sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_truncate_rem(_enum(action), _bytes(glob)))


def enabled_chdir():
    """Return True when chdir sandboxing is on."""
    return bool(_lib().syd_enabled_chdir())


def enable_chdir():
    """Turn chdir sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chdir())


def disable_chdir():
    """Turn chdir sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chdir())


def default_chdir(action):
    """Set the default action of chdir sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chdir(_enum(action)))


def chdir_add(action, glob):
    """Add a rule of chdir sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chdir_add(_enum(action), _bytes(glob)))


def chdir_del(action, glob):
    """Remove the newest rule of chdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chdir_del(_enum(action), _bytes(glob)))


def chdir_rem(action, glob):
    """Remove every rule of chdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chdir_rem(_enum(action), _bytes(glob)))


def enabled_readdir():
    """Return True when readdir sandboxing is on."""
    return bool(_lib().syd_enabled_readdir())


def enable_readdir():
    """Turn readdir sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_readdir())


def disable_readdir():
    """Turn readdir sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_readdir())


def default_readdir(action):
    """Set the default action of readdir sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_readdir(_enum(action)))


def readdir_add(action, glob):
    """Add a rule of readdir sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_readdir_add(_enum(action), _bytes(glob)))


def readdir_del(action, glob):
    """Remove the newest rule of readdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_readdir_del(_enum(action), _bytes(glob)))


def readdir_rem(action, glob):
    """Remove every rule of readdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_readdir_rem(_enum(action), _bytes(glob)))


def enabled_mkdir():
    """Return True when mkdir sandboxing is on."""
    return bool(_lib().syd_enabled_mkdir())


def enable_mkdir():
    """Turn mkdir sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_mkdir())


def disable_mkdir():
    """Turn mkdir sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_mkdir())


def default_mkdir(action):
    """Set the default action of mkdir sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_mkdir(_enum(action)))


def mkdir_add(action, glob):
    """Add a rule of mkdir sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_mkdir_add(_enum(action), _bytes(glob)))


def mkdir_del(action, glob):
    """Remove the newest rule of mkdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkdir_del(_enum(action), _bytes(glob)))


def mkdir_rem(action, glob):
    """Remove every rule of mkdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkdir_rem(_enum(action), _bytes(glob)))


def enabled_rmdir():
    """Return True when rmdir sandboxing is on."""
    return bool(_lib().syd_enabled_rmdir())


def enable_rmdir():
    """Turn rmdir sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_rmdir())


def disable_rmdir():
    """Turn rmdir sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_rmdir())


def default_rmdir(action):
    """Set the default action of rmdir sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_rmdir(_enum(action)))


def rmdir_add(action, glob):
    """Add a rule of rmdir sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_rmdir_add(_enum(action), _bytes(glob)))


def rmdir_del(action, glob):
    """Remove the newest rule of rmdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_rmdir_del(_enum(action), _bytes(glob)))


def rmdir_rem(action, glob):
    """Remove every rule of rmdir sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_rmdir_rem(_enum(action), _bytes(glob)))


def enabled_chown():
    """Return True when chown sandboxing is on."""
    return bool(_lib().syd_enabled_chown())


def enable_chown():
    """Turn chown sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chown())


def disable_chown():
    """Turn chown sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chown())


def default_chown(action):
    """Set the default action of chown sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chown(_enum(action)))


def chown_add(action, glob):
    """Add a rule of chown sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chown_add(_enum(action), _bytes(glob)))


def chown_del(action, glob):
    """Remove the newest rule of chown sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chown_del(_enum(action), _bytes(glob)))


def chown_rem(action, glob):
    """Remove every rule of chown sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chown_rem(_enum(action), _bytes(glob)))


def enabled_chgrp():
    """Return True when chgrp sandboxing is on."""
    return bool(_lib().syd_enabled_chgrp())


def enable_chgrp():
    """Turn chgrp sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chgrp())


def disable_chgrp():
    """Turn chgrp sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chgrp())


def default_chgrp(action):
    """Set the default action of chgrp sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chgrp(_enum(action)))


def chgrp_add(action, glob):
    """Add a rule of chgrp sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chgrp_add(_enum(action), _bytes(glob)))


def chgrp_del(action, glob):
    """Remove the newest rule of chgrp sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chgrp_del(_enum(action), _bytes(glob)))


def chgrp_rem(action, glob):
    """Remove every rule of chgrp sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chgrp_rem(_enum(action), _bytes(glob)))


def enabled_chmod():
    """Return True when chmod sandboxing is on."""
    return bool(_lib().syd_enabled_chmod())


def enable_chmod():
    """Turn chmod sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chmod())


def disable_chmod():
    """Turn chmod sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chmod())


def default_chmod(action):
    """Set the default action of chmod sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chmod(_enum(action)))


def chmod_add(action, glob):
    """Add a rule of chmod sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chmod_add(_enum(action), _bytes(glob)))


def chmod_del(action, glob):
    """Remove the newest rule of chmod sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chmod_del(_enum(action), _bytes(glob)))


def chmod_rem(action, glob):
    """Remove every rule of chmod sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chmod_rem(_enum(action), _bytes(glob)))


def enabled_chattr():
    """Return True when chattr sandboxing is on."""
    return bool(_lib().syd_enabled_chattr())


def enable_chattr():
    """Turn chattr sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chattr())


def disable_chattr():
    """Turn chattr sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chattr())


def default_chattr(action):
    """Set the default action of chattr sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chattr(_enum(action)))


def chattr_add(action, glob):
    """Add a rule of chattr sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chattr_add(_enum(action), _bytes(glob)))


def chattr_del(action, glob):
    """Remove the newest rule of chattr sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chattr_del(_enum(action), _bytes(glob)))


def chattr_rem(action, glob):
    """Remove every rule of chattr sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chattr_rem(_enum(action), _bytes(glob)))


def enabled_chroot():
    """Return True when chroot sandboxing is on."""
    return bool(_lib().syd_enabled_chroot())


def enable_chroot():
    """Turn chroot sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_chroot())


def disable_chroot():
    """Turn chroot sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_chroot())


def default_chroot(action):
    """Set the default action of chroot sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_chroot(_enum(action)))


def chroot_add(action, glob):
    """Add a rule of chroot sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_chroot_add(_enum(action), _bytes(glob)))


def chroot_del(action, glob):
    """Remove the newest rule of chroot sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chroot_del(_enum(action), _bytes(glob)))


def chroot_rem(action, glob):
    """Remove every rule of chroot sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_chroot_rem(_enum(action), _bytes(glob)))


def enabled_utime():
    """Return True when utime sandboxing is on."""
    return bool(_lib().syd_enabled_utime())


def enable_utime():
    """Turn utime sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_utime())


def disable_utime():
    """Turn utime sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_utime())


def default_utime(action):
    """Set the default action of utime sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_utime(_enum(action)))


def utime_add(action, glob):
    """Add a rule of utime sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_utime_add(_enum(action), _bytes(glob)))


def utime_del(action, glob):
    """Remove the newest rule of utime sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_utime_del(_enum(action), _bytes(glob)))


def utime_rem(action, glob):
    """Remove every rule of utime sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_utime_rem(_enum(action), _bytes(glob)))


def enabled_mkdev():
    """Return True when mkdev sandboxing is on."""
    return bool(_lib().syd_enabled_mkdev())


def enable_mkdev():
    """Turn mkdev sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_mkdev())


def disable_mkdev():
    """Turn mkdev sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_mkdev())


def default_mkdev(action):
    """Set the default action of mkdev sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_mkdev(_enum(action)))


def mkdev_add(action, glob):
    """Add a rule of mkdev sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_mkdev_add(_enum(action), _bytes(glob)))


def mkdev_del(action, glob):
    """Remove the newest rule of mkdev sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkdev_del(_enum(action), _bytes(glob)))


def mkdev_rem(action, glob):
    """Remove every rule of mkdev sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkdev_rem(_enum(action), _bytes(glob)))


def enabled_mkfifo():
    """Return True when mkfifo sandboxing is on."""
    return bool(_lib().syd_enabled_mkfifo())


def enable_mkfifo():
    """Turn mkfifo sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_mkfifo())


def disable_mkfifo():
    """Turn mkfifo sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_mkfifo())


def default_mkfifo(action):
    """Set the default action of mkfifo sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_mkfifo(_enum(action)))


def mkfifo_add(action, glob):
    """Add a rule of mkfifo sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_mkfifo_add(_enum(action), _bytes(glob)))


def mkfifo_del(action, glob):
    """Remove the newest rule of mkfifo sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkfifo_del(_enum(action), _bytes(glob)))


def mkfifo_rem(action, glob):
    """Remove every rule of mkfifo sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mkfifo_rem(_enum(action), _bytes(glob)))


def enabled_mktemp():
    """Return True when mktemp sandboxing is on."""
    return bool(_lib().syd_enabled_mktemp())


def enable_mktemp():
    """Turn mktemp sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_mktemp())


def disable_mktemp():
    """Turn mktemp sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_mktemp())


def default_mktemp(action):
    """Set the default action of mktemp sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_mktemp(_enum(action)))


def mktemp_add(action, glob):
    """Add a rule of mktemp sandboxing: action for glob; raise OSError on failure."""
    return _ok(_lib().syd_mktemp_add(_enum(action), _bytes(glob)))


def mktemp_del(action, glob):
    """Remove the newest rule of mktemp sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mktemp_del(_enum(action), _bytes(glob)))


def mktemp_rem(action, glob):
    """Remove every rule of mktemp sandboxing equal to (action, glob); raise OSError on failure."""
    return _ok(_lib().syd_mktemp_rem(_enum(action), _bytes(glob)))


def enabled_net_bind():
    """Return True when net/bind sandboxing is on."""
    return bool(_lib().syd_enabled_net_bind())


def enable_net_bind():
    """Turn net/bind sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_net_bind())


def disable_net_bind():
    """Turn net/bind sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_net_bind())


def default_net_bind(action):
    """Set the default action of net/bind sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_net_bind(_enum(action)))


def net_bind_add(action, addr):
    """Add a rule of net/bind sandboxing: action for addr; raise OSError on failure."""
    return _ok(_lib().syd_net_bind_add(_enum(action), _bytes(addr)))


def net_bind_del(action, addr):
    """Remove the newest rule of net/bind sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_bind_del(_enum(action), _bytes(addr)))


def net_bind_rem(action, addr):
    """Remove every rule of net/bind sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_bind_rem(_enum(action), _bytes(addr)))


def enabled_net_connect():
    """Return True when net/connect sandboxing is on."""
    return bool(_lib().syd_enabled_net_connect())


def enable_net_connect():
    """Turn net/connect sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_net_connect())


def disable_net_connect():
    """Turn net/connect sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_net_connect())


def default_net_connect(action):
    """Set the default action of net/connect sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_net_connect(_enum(action)))


def net_connect_add(action, addr):
    """Add a rule of net/connect sandboxing: action for addr; raise OSError on failure."""
    return _ok(_lib().syd_net_connect_add(_enum(action), _bytes(addr)))


def net_connect_del(action, addr):
    """Remove the newest rule of net/connect sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_connect_del(_enum(action), _bytes(addr)))


def net_connect_rem(action, addr):
    """Remove every rule of net/connect sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_connect_rem(_enum(action), _bytes(addr)))


def enabled_net_sendfd():
    """Return True when net/sendfd sandboxing is on."""
    return bool(_lib().syd_enabled_net_sendfd())


def enable_net_sendfd():
    """Turn net/sendfd sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_net_sendfd())


def disable_net_sendfd():
    """Turn net/sendfd sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_net_sendfd())


def default_net_sendfd(action):
    """Set the default action of net/sendfd sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_net_sendfd(_enum(action)))


def net_sendfd_add(action, addr):
    """Add a rule of net/sendfd sandboxing: action for addr; raise OSError on failure."""
    return _ok(_lib().syd_net_sendfd_add(_enum(action), _bytes(addr)))


def net_sendfd_del(action, addr):
    """Remove the newest rule of net/sendfd sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_sendfd_del(_enum(action), _bytes(addr)))


def net_sendfd_rem(action, addr):
    """Remove every rule of net/sendfd sandboxing equal to (action, addr); raise OSError on failure."""
    return _ok(_lib().syd_net_sendfd_rem(_enum(action), _bytes(addr)))


def enabled_net():
    """Return True when network sandboxing (net/bind, net/connect and net/sendfd) is on."""
    return bool(_lib().syd_enabled_net())


def enable_net():
    """Turn network sandboxing (net/bind, net/connect and net/sendfd) on; raise OSError on failure."""
    return _ok(_lib().syd_enable_net())


def disable_net():
    """Turn network sandboxing (net/bind, net/connect and net/sendfd) off; raise OSError on failure."""
    return _ok(_lib().syd_disable_net())


def default_net(action):
    """Set the default action of network sandboxing (net/bind, net/connect and net/sendfd); raise OSError on failure."""
    return _ok(_lib().syd_default_net(_enum(action)))


def enabled_lock():
    """Return True when Landlock sandboxing is on."""
    return bool(_lib().syd_enabled_lock())


def enabled_mem():
    """Return True when memory sandboxing is on."""
    return bool(_lib().syd_enabled_mem())


def enable_mem():
    """Turn memory sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_mem())


def disable_mem():
    """Turn memory sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_mem())


def default_mem(action):
    """Set the default action of memory sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_mem(_enum(action)))


def enabled_pid():
    """Return True when PID sandboxing is on."""
    return bool(_lib().syd_enabled_pid())


def enable_pid():
    """Turn PID sandboxing on; raise OSError on failure."""
    return _ok(_lib().syd_enable_pid())


def disable_pid():
    """Turn PID sandboxing off; raise OSError on failure."""
    return _ok(_lib().syd_disable_pid())


def default_pid(action):
    """Set the default action of PID sandboxing; raise OSError on failure."""
    return _ok(_lib().syd_default_pid(_enum(action)))


def enabled_force():
    """Return True when verified execution (force sandboxing) is on."""
    return bool(_lib().syd_enabled_force())


def enable_force():
    """Turn verified execution (force sandboxing) on; raise OSError on failure."""
    return _ok(_lib().syd_enable_force())


def disable_force():
    """Turn verified execution (force sandboxing) off; raise OSError on failure."""
    return _ok(_lib().syd_disable_force())


def default_force(action):
    """Set the default action of verified execution (force sandboxing); raise OSError on failure."""
    return _ok(_lib().syd_default_force(_enum(action)))


def enabled_tpe():
    """Return True when trusted path execution is on."""
    return bool(_lib().syd_enabled_tpe())


def enable_tpe():
    """Turn trusted path execution on; raise OSError on failure."""
    return _ok(_lib().syd_enable_tpe())


def disable_tpe():
    """Turn trusted path execution off; raise OSError on failure."""
    return _ok(_lib().syd_disable_tpe())


def default_tpe(action):
    """Set the default action of trusted path execution; raise OSError on failure."""
    return _ok(_lib().syd_default_tpe(_enum(action)))


def enabled_crypt():
    """Return True when transparent file encryption (crypt sandboxing) is on."""
    return bool(_lib().syd_enabled_crypt())


def enabled_proxy():
    """Return True when SOCKS proxy forwarding is on."""
    return bool(_lib().syd_enabled_proxy())


def default_segvguard(action):
    """Set the default action of SegvGuard; raise OSError on failure."""
    return _ok(_lib().syd_default_segvguard(_enum(action)))


def default_block(action):
    """Set the default action of the IP block list; raise OSError on failure."""
    return _ok(_lib().syd_default_block(_enum(action)))

# END GENERATED functions
