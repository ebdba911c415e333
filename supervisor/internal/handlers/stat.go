// stat.go: the stat family (stat, lstat, fstat, newfstatat, statx), emulated: the
// supervisor resolves and checks the path, stats the pinned object and writes the
// struct into the caller's buffer, so the answer is about exactly what was checked.
package handlers

import (
	"unsafe"

	"golang.org/x/sys/unix"

	"syd/magic"
	"syd/sandbox"
	"syd/supervisor/internal/pathres"
)

func init() {
	statCats := cats(sandbox.CatStat)
	register(unix.SYS_STAT, "stat", sysStat, statCats)
	register(unix.SYS_LSTAT, "lstat", sysLstat, statCats)
	register(unix.SYS_FSTAT, "fstat", sysFstat, statCats)
	register(unix.SYS_NEWFSTATAT, "newfstatat", sysNewfstatat, statCats)
	register(unix.SYS_STATX, "statx", sysStatx, statCats)
}

func sysStat(c *Call) (int64, error)  { return c.statPath(-1, 0, 1, pathres.FollowLast, false) }
func sysLstat(c *Call) (int64, error) { return c.statPath(-1, 0, 1, 0, false) }

func sysFstat(c *Call) (int64, error) {
	res, err := c.resolveFD(c.argFD(0))
	if err != nil {
		return 0, err
	}
	defer res.Close()
	return c.statResult(&res, c.Arg(1))
}

func sysNewfstatat(c *Call) (int64, error) {
	flags := c.Arg(3)
	if flags&^uint64(unix.AT_SYMLINK_NOFOLLOW|unix.AT_NO_AUTOMOUNT|unix.AT_EMPTY_PATH) != 0 {
		return 0, unix.EINVAL
	}
	fl := pathres.FollowLast
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	return c.statPath(0, 1, 2, fl, flags&unix.AT_EMPTY_PATH != 0)
}

// statPath resolves the path argument, checks stat and writes struct stat to bufIdx.
// A /dev/syd path runs a magic command instead.
func (c *Call) statPath(dirfdIdx, pathIdx, bufIdx int, fl pathres.Flags, emptyPath bool) (int64, error) {
	dirfd := int32(unix.AT_FDCWD)
	if dirfdIdx >= 0 {
		dirfd = c.argFD(dirfdIdx)
	}
	// Validated once, before the answer is written (writeMem): nothing on the
	// way has an effect, except /dev/syd commands and logged or refused
	// decisions, which validate first (enforce).
	path, err := c.readPathUnchecked(c.Arg(pathIdx))
	if err != nil {
		return 0, err
	}
	kind, cmd, err := c.magicPath(dirfd, path)
	if err != nil {
		return 0, err
	}
	if kind == magic.File {
		st, err := c.magicFileStat(cmd)
		if err != nil {
			return 0, err
		}
		return 0, c.writeMem(c.Arg(bufIdx), statRaw(st))
	}
	if kind == magic.Probe || kind == magic.Command {
		buf := c.Arg(bufIdx)
		return c.magicStat(kind, cmd, func(st *unix.Stat_t) error {
			if buf == 0 {
				return nil // Syd 3.3x stats with a NULL buffer
			}
			return c.writeMem(buf, statRaw(st))
		})
	}
	res, err := c.resolveRead(dirfd, path, fl, emptyPath)
	if err != nil {
		return 0, err
	}
	c.closeAfterReply(&res)
	return c.statResult(&res, c.Arg(bufIdx))
}

// statRaw is the kernel's struct stat layout of st.
func statRaw(st *unix.Stat_t) []byte {
	// unix.Stat_t is the kernel's struct stat for this architecture.
	return unsafe.Slice((*byte)(unsafe.Pointer(st)), unsafe.Sizeof(*st))
}

func (c *Call) statResult(res *pathres.Result, buf uint64) (int64, error) {
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if err := c.accessObject(res, sandbox.CatStat); err != nil {
		return 0, err
	}
	st := &res.Stat
	if repl, ok := c.Policy.Masked(c.rulePath(res.Path)); ok {
		// A masked path is its replacement for every stat (spec 05 §4.7).
		if repl == "" {
			repl = "/dev/null"
		}
		var ms unix.Stat_t
		if err := unix.Stat(repl, &ms); err != nil {
			return 0, err
		}
		st = &ms
	}
	if c.Env.Crypt != nil {
		c.Env.Crypt.Stat(st, res.HasPath() && c.Policy.Crypted(c.rulePath(res.Path)))
	}
	if err := c.writeMem(buf, statRaw(st)); err != nil {
		return 0, err
	}
	return 0, nil
}

func sysStatx(c *Call) (int64, error) {
	flags := c.Arg(2)
	const valid = unix.AT_SYMLINK_NOFOLLOW | unix.AT_NO_AUTOMOUNT | unix.AT_EMPTY_PATH | atStatxSyncType
	if flags&^uint64(valid) != 0 || flags&atStatxSyncType == atStatxSyncType {
		return 0, unix.EINVAL
	}
	mask := uint32(c.Arg(3))
	if mask&unix.STATX__RESERVED != 0 {
		return 0, unix.EINVAL
	}
	fl := pathres.FollowLast
	if flags&unix.AT_SYMLINK_NOFOLLOW != 0 {
		fl = 0
	}
	emptyPath := flags&unix.AT_EMPTY_PATH != 0
	var res pathres.Result
	var err error
	if emptyPath && c.Arg(1) == 0 { // Linux 6.11: a NULL path with AT_EMPTY_PATH
		if c.argFD(0) == unix.AT_FDCWD {
			res, err = c.resolveCwd()
		} else {
			res, err = c.resolveFD(c.argFD(0))
		}
	} else {
		path, rerr := c.readPathUnchecked(c.Arg(1)) // validated as in statPath
		if rerr != nil {
			return 0, rerr
		}
		kind, cmd, merr := c.magicPath(c.argFD(0), path)
		if merr != nil {
			return 0, merr
		}
		if kind == magic.File {
			stx, err := c.magicFileStatx(cmd, int(mask))
			if err != nil {
				return 0, err
			}
			return 0, c.writeMem(c.Arg(4), unsafe.Slice((*byte)(unsafe.Pointer(stx)), unsafe.Sizeof(*stx)))
		}
		if kind == magic.Probe || kind == magic.Command {
			return c.magicStat(kind, cmd, func(*unix.Stat_t) error {
				var stx unix.Statx_t
				if err := unix.Statx(unix.AT_FDCWD, "/dev/null", 0, int(mask), &stx); err != nil {
					return unix.EIO
				}
				// stx is the kernel's struct statx.
				return c.writeMem(c.Arg(4), unsafe.Slice((*byte)(unsafe.Pointer(&stx)), unsafe.Sizeof(stx)))
			})
		}
		res, err = c.resolveRead(c.argFD(0), path, fl, emptyPath)
	}
	if err != nil {
		return 0, err
	}
	c.closeAfterReply(&res)
	if !res.Exists {
		return 0, unix.ENOENT
	}
	if err := c.accessObject(&res, sandbox.CatStat); err != nil {
		return 0, err
	}
	dirfd, name, atFlags := res.At()
	var stx unix.Statx_t
	if err := unix.Statx(dirfd, name, atFlags|int(flags&(unix.AT_NO_AUTOMOUNT|atStatxSyncType)), int(mask), &stx); err != nil {
		return 0, err
	}
	if c.Env.Crypt != nil {
		c.Env.Crypt.Statx(&stx, int(mask), res.HasPath() && c.Policy.Crypted(c.rulePath(res.Path)))
	}
	// stx is the kernel's struct statx.
	b := unsafe.Slice((*byte)(unsafe.Pointer(&stx)), unsafe.Sizeof(stx))
	if err := c.writeMem(c.Arg(4), b); err != nil {
		return 0, err
	}
	return 0, nil
}

// atStatxSyncType is AT_STATX_SYNC_TYPE (FORCE_SYNC|DONT_SYNC), missing from x/sys.
const atStatxSyncType = unix.AT_STATX_FORCE_SYNC | unix.AT_STATX_DONT_SYNC
