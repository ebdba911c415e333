// open.go: open, openat, creat and openat2, emulated in the supervisor: resolve the
// path, check it, open it with openat2 and inject the fd with ADDFD|SEND.
package handlers

import (
	"strings"

	"golang.org/x/sys/unix"

	"syd/magic"
	"syd/sandbox"
	"syd/supervisor/internal/pathres"
	"syd/supervisor/internal/tracee"
	"syd/supervisor/internal/unotify"
)

// Kernel constants of fs/open.c.
const (
	validOpenFlags = unix.O_RDONLY | unix.O_WRONLY | unix.O_RDWR | unix.O_CREAT | unix.O_EXCL |
		unix.O_NOCTTY | unix.O_TRUNC | unix.O_APPEND | unix.O_NONBLOCK | unix.O_DSYNC | unix.O_SYNC |
		unix.O_ASYNC | unix.O_DIRECT | unix.O_LARGEFILE | unix.O_DIRECTORY | unix.O_NOFOLLOW |
		unix.O_NOATIME | unix.O_CLOEXEC | unix.O_PATH | unix.O_TMPFILE
	oPathFlags    = unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_PATH | unix.O_CLOEXEC
	sIALLUGO      = 07777
	openHowSize0  = 24   // OPEN_HOW_SIZE_VER0
	resolveCached = 0x20 // RESOLVE_CACHED (Linux 5.12), missing from x/sys
	// resolveSupported are the openat2 resolve flags the resolver honours.
	resolveSupported = unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS | resolveCached
	// resolveValid are every resolve flag the kernel knows.
	resolveValid = resolveSupported | unix.RESOLVE_BENEATH | unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_XDEV
	// openValid is the kernel's VALID_OPEN_FLAGS (O_SYNC includes O_DSYNC,
	// O_TMPFILE includes O_DIRECTORY).
	openValid = unix.O_ACCMODE | unix.O_CREAT | unix.O_EXCL | unix.O_NOCTTY | unix.O_TRUNC |
		unix.O_APPEND | unix.O_NONBLOCK | unix.O_SYNC | unix.O_ASYNC | unix.O_DIRECT |
		unix.O_LARGEFILE | unix.O_NOFOLLOW | unix.O_NOATIME | unix.O_CLOEXEC | unix.O_PATH | unix.O_TMPFILE
	// opathValid are the flags O_PATH may be combined with.
	opathValid = unix.O_PATH | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
)

// openHowValid applies build_open_flags()'s strict openat2 checks, which the
// kernel makes before it looks at the path: unknown flags, a mode without
// O_CREAT or O_TMPFILE or beyond 07777, O_PATH with other flags, and
// contradictory resolve flags are EINVAL.
func openHowValid(how *unix.OpenHow) bool {
	switch {
	case how.Flags&^uint64(openValid) != 0, how.Resolve&^uint64(resolveValid) != 0, how.Mode&^0o7777 != 0:
		return false
	case !willCreate(how.Flags) && how.Mode != 0:
		return false
	case how.Flags&unix.O_PATH != 0 && how.Flags&^uint64(opathValid) != 0:
		return false
	case how.Resolve&(unix.RESOLVE_BENEATH|unix.RESOLVE_IN_ROOT) == unix.RESOLVE_BENEATH|unix.RESOLVE_IN_ROOT:
		return false
	}
	return true
}

func init() {
	// Every open is intercepted: read, readdir, write, create, truncate and mktemp
	// are all decided on the path, which only the supervisor can see safely.
	openCats := cats(sandbox.CatRead, sandbox.CatReaddir, sandbox.CatWrite, sandbox.CatCreate,
		sandbox.CatTruncate, sandbox.CatMktemp, sandbox.CatStat)
	register(unix.SYS_OPEN, "open", sysOpen, openCats)
	register(unix.SYS_OPENAT, "openat", sysOpenat, openCats)
	register(unix.SYS_CREAT, "creat", sysCreat, openCats)
	register(unix.SYS_OPENAT2, "openat2", sysOpenat2, openCats)
}

// openReq is one open request in the kernel's terms.
type openReq struct {
	dirfd   int32
	path    uint64
	flags   uint64
	mode    uint64
	resolve uint64
	wasPath bool // an O_PATH open rewritten to O_RDONLY
}

func sysOpen(c *Call) (int64, error) {
	return c.open(legacyOpen(unix.AT_FDCWD, c.Arg(0), c.Arg(1), c.Arg(2)))
}

func sysOpenat(c *Call) (int64, error) {
	return c.open(legacyOpen(int32(c.Arg(0)), c.Arg(1), c.Arg(2), c.Arg(3)))
}

func sysCreat(c *Call) (int64, error) {
	return c.open(legacyOpen(unix.AT_FDCWD, c.Arg(0), unix.O_CREAT|unix.O_WRONLY|unix.O_TRUNC, c.Arg(1)))
}

// legacyOpen applies build_open_how(): open(2) and openat(2) silently drop unknown
// flags, O_PATH drops everything but its own flags, and a mode without a create
// flag is ignored.
func legacyOpen(dirfd int32, path, flags, mode uint64) openReq {
	f := uint64(uint32(flags)) & validOpenFlags
	if f&unix.O_PATH != 0 {
		f &= oPathFlags
	}
	m := mode & sIALLUGO
	if !willCreate(f) {
		m = 0
	}
	return openReq{dirfd: dirfd, path: path, flags: f, mode: m}
}

func willCreate(flags uint64) bool {
	return flags&unix.O_CREAT != 0 || flags&unix.O_TMPFILE == unix.O_TMPFILE
}

// sysOpenat2 reads struct open_how from the caller with the kernel's extensible-struct
// rules: smaller than version 0 is EINVAL, larger than a page is E2BIG, and a larger
// struct must have zeroes beyond the part we know.
func sysOpenat2(c *Call) (int64, error) {
	size := c.Arg(3)
	if size < openHowSize0 {
		return 0, unix.EINVAL
	}
	if size > 4096 {
		return 0, unix.E2BIG
	}
	var how unix.OpenHow
	if err := tracee.ReadStruct(c.Pid(), c.Arg(2), &how); err != nil {
		return 0, unix.EFAULT
	}
	if size > openHowSize0 {
		tail := make([]byte, size-openHowSize0)
		if err := tracee.Read(c.Pid(), c.Arg(2)+openHowSize0, tail); err != nil {
			return 0, unix.EFAULT
		}
		for _, b := range tail {
			if b != 0 {
				return 0, unix.E2BIG
			}
		}
	}
	if !c.Valid() {
		return 0, errGone
	}
	if !openHowValid(&how) {
		return 0, unix.EINVAL
	}
	if how.Resolve&^resolveSupported != 0 {
		// RESOLVE_BENEATH, RESOLVE_IN_ROOT and RESOLVE_NO_XDEV are not emulated yet.
		// ENOSYS makes callers fall back to openat(2), which is fully supervised.
		return 0, unix.ENOSYS
	}
	if how.Resolve&resolveCached != 0 {
		// Allowed by the API: "could not be completed from the cache", retry without.
		return 0, unix.EAGAIN
	}
	return c.open(openReq{dirfd: int32(c.Arg(0)), path: c.Arg(1), flags: how.Flags, mode: how.Mode, resolve: how.Resolve})
}

// openCaps lists the categories an open needs (spec 05 §2): read for a readable
// access mode (and O_PATH, which Syd treats as a read), readdir instead of read when
// the object is a directory, write for a writable access mode, create when O_CREAT
// makes a new file, truncate when O_TRUNC meets an existing regular file, and mktemp
// for O_TMPFILE (checked on the directory).
func openCaps(flags uint64, r *pathres.Result, caps []sandbox.Category) []sandbox.Category {
	if flags&unix.O_TMPFILE == unix.O_TMPFILE {
		return append(caps, sandbox.CatMktemp)
	}
	acc := flags & unix.O_ACCMODE
	if flags&unix.O_PATH != 0 || acc == unix.O_RDONLY || acc == unix.O_RDWR {
		if r.Exists && r.Mode&unix.S_IFMT == unix.S_IFDIR {
			caps = append(caps, sandbox.CatReaddir)
		} else {
			caps = append(caps, sandbox.CatRead)
		}
	}
	if flags&unix.O_PATH != 0 {
		return caps
	}
	if acc != unix.O_RDONLY {
		caps = append(caps, sandbox.CatWrite)
	}
	if flags&unix.O_CREAT != 0 && !r.Exists {
		caps = append(caps, sandbox.CatCreate)
	}
	if flags&unix.O_TRUNC != 0 && r.Exists && r.Mode&unix.S_IFMT == unix.S_IFREG {
		caps = append(caps, sandbox.CatTruncate)
	}
	return caps
}

func (c *Call) open(o openReq) (int64, error) {
	// Validated below: once for /dev/syd, once after resolution otherwise (the
	// most frequent call pays one NOTIF_ID_VALID, not two). An error answered
	// before that can only reach a caller that is gone.
	path, err := c.readPathUnchecked(o.path)
	if err != nil {
		return 0, err
	}
	if kind, name, err := c.magicPath(o.dirfd, path); err != nil {
		return 0, err
	} else if kind != magic.None {
		if kind == magic.Command {
			return 0, unix.ENOENT // only stat talks to syd; /dev/syd/<cmd> is no file
		}
		return c.magicOpen(kind, name, o.flags)
	}
	fl := pathres.Flags(0)
	switch {
	case o.flags&unix.O_TMPFILE == unix.O_TMPFILE:
		fl = pathres.FollowLast // names a directory that must exist
	case o.flags&unix.O_CREAT != 0:
		fl = pathres.AllowMissing
		if o.flags&(unix.O_EXCL|unix.O_NOFOLLOW) == 0 {
			fl |= pathres.FollowLast // O_CREAT through a dangling symlink creates its target
		}
	case o.flags&unix.O_NOFOLLOW == 0:
		fl = pathres.FollowLast
	}

	// A symlink swapped in after resolution makes our O_NOFOLLOW open fail with
	// ELOOP; resolve again a few times before giving up like the kernel would.
	for attempt := 0; ; attempt++ {
		res, err := pathres.Resolve(c.Pid(), o.dirfd, path, fl|resolveFlags(o.resolve))
		if err != nil {
			return 0, c.hiddenFailure(&res, err)
		}
		val, retry, err := c.openResolved(o, &res)
		res.Close()
		if retry && attempt < 3 {
			continue
		}
		return val, err
	}
}

func resolveFlags(resolve uint64) pathres.Flags {
	var f pathres.Flags
	if resolve&unix.RESOLVE_NO_SYMLINKS != 0 {
		f |= pathres.NoSymlinks
	}
	if resolve&unix.RESOLVE_NO_MAGICLINKS != 0 {
		f |= pathres.NoMagiclinks
	}
	return f
}

// openResolved checks and opens one resolution; retry reports a symlink swapped in
// between resolution and open.
func (c *Call) openResolved(o openReq, res *pathres.Result) (val int64, retry bool, err error) {
	// Covers the path read from the caller's memory and anything resolution
	// opened by its pid (cwd, dirfd, /proc/self).
	if !c.Valid() {
		return 0, false, errGone
	}
	if !res.Exists && willCreate(o.flags) {
		if err := c.safeNew(res.Name); err != nil {
			return 0, false, err
		}
	}
	var capBuf [5]sandbox.Category
	caps := openCaps(o.flags, res, capBuf[:0])
	// Objects without a path (the caller's own namespaces, pipes and sockets
	// reopened through /proc/self) are not subject to path rules.
	if err := c.accessObject(res, caps...); err != nil {
		return 0, false, err
	}
	if repl, ok := c.Policy.Masked(c.rulePath(res.Path)); ok {
		return c.openMasked(o, repl)
	}
	if o.flags&unix.O_ACCMODE != unix.O_RDONLY && o.flags&unix.O_PATH == 0 && c.Policy.AppendOnly(c.rulePath(res.Path)) {
		// Append-only (spec 05 §4.8): writers append, nobody truncates.
		if o.flags&unix.O_TRUNC != 0 && res.Exists {
			return 0, false, unix.EPERM
		}
		o.flags |= unix.O_APPEND
	}

	if c.crypted(o, res) {
		return c.openCrypted(o, res)
	}
	if o.flags&unix.O_PATH != 0 {
		var continued bool
		if o, continued = c.rewriteOPath(o, res); continued {
			return 0, false, errContinue
		}
	}
	how := unix.OpenHow{Flags: o.flags | unix.O_CLOEXEC | unix.O_NOCTTY, Mode: o.mode}
	if willCreate(o.flags) {
		// The supervisor's umask is 0; apply the caller's, as the kernel would.
		umask, err := c.callerUmask()
		if err != nil {
			return 0, false, err
		}
		how.Mode &^= uint64(umask)
	}
	name := res.Name
	if res.Magic {
		// Reopen the caller's own object through /proc/<pid>/fd/N and friends.
		how.Flags &^= unix.O_NOFOLLOW
	} else {
		how.Flags |= unix.O_NOFOLLOW
		how.Resolve = unix.RESOLVE_NO_MAGICLINKS
		if res.TrailingSlash && name != "." {
			name += "/"
		}
	}
	fd, err := -1, error(unix.EACCES)
	joined := false // opened in the caller's network or user namespace
	switch {
	case netSysctl(res.Path):
		fd, joined, err = openInNetns(c.Pid(), res.Path, &how)
	case idMapFile(res.Path):
		fd, joined, err = c.openInUserns(res.Dir, name, &how)
	}
	switch {
	case joined:
	case c.as != nil && strings.HasPrefix(res.Path, "/proc/"):
		c.withoutBorrowed(func() { fd, err = unix.Openat2(res.Dir, name, &how) })
	default:
		fd, err = unix.Openat2(res.Dir, name, &how)
	}
	if err != nil {
		swapped := err == unix.ELOOP && o.flags&unix.O_NOFOLLOW == 0 && !res.Magic &&
			res.Mode&unix.S_IFMT != unix.S_IFLNK
		if err == unix.EACCES && o.wasPath {
			// O_PATH needs no read permission; the O_RDONLY stand-in did.
			return 0, false, errContinue
		}
		return 0, swapped, err
	}
	if res.Magic && !sameObject(fd, res.Path) {
		// The caller's fd table changed under us: refuse rather than open something unchecked.
		unix.Close(fd)
		return 0, false, unix.EACCES
	}
	if res.Magic && c.Env.Crypt != nil {
		c.Env.Crypt.Adopt(fd) // a reopen of a plaintext copy is one more of its descriptions
	}
	return 0, false, c.inject(fd, o.flags, quietClose(o.flags, res))
}

// quietClose reports whether syd's copy of an opened file may outlive the
// caller's close by the moment syd needs to close it: a read-only open (no
// create, no truncation) of an existing regular file or directory, whose last
// close releases nothing a process waits for (no writer for ETXTBSY, no FIFO
// end, no device release; an flock of the description is released a few
// microseconds later), while no sandboxed process may watch it (watched: an
// inotify or fanotify watch would see the caller's next event before the
// IN_CLOSE_NOWRITE of this open). Elsewhere the fd is installed first and the
// call answered after syd's close (inject without send).
func quietClose(flags uint64, res *pathres.Result) bool {
	mode := res.Mode & unix.S_IFMT
	return flags&(unix.O_ACCMODE|unix.O_CREAT|unix.O_TRUNC|unix.O_TMPFILE) == unix.O_RDONLY &&
		res.Exists && !res.Magic && (mode == unix.S_IFREG || mode == unix.S_IFDIR) && !watched.Load()
}

// inject completes an open with syd's fd, which it closes. No NOTIF_ID_VALID
// first: ADDFD itself fails with ENOENT for a request that is no longer pending,
// so the fd can only reach the caller we checked. Unless send, the fd is
// installed first and the call answered after syd's close, so that the
// caller's own close is the last one of the file (unotify.AddFD). With send
// (quietClose) both happen in one step (unotify.AddFDSendClose), which spares
// the caller a second wake-up (a quarter of an emulated open O_RDONLY), and
// syd closes its copy right after: the caller may run on while syd still holds
// the file, and LTP's inotify01 would see the IN_CLOSE_NOWRITE of a read-only
// open after the IN_OPEN of the next.
func (c *Call) inject(fd int, flags uint64, send bool) error {
	cloexec := flags&unix.O_CLOEXEC != 0
	var newfd int
	var err error
	if send {
		newfd, err = unotify.AddFDSendClose(c.Listener, c.Req.ID, fd, cloexec)
	} else {
		newfd, err = unotify.AddFD(c.Listener, c.Req.ID, fd, cloexec)
		unix.Close(fd)
	}
	switch {
	case err == unix.ENOENT:
		return errGone // the caller is gone or was interrupted
	case err == unix.EMFILE:
		c.callerFull = true // the caller's fd table is full: its answer
		return err
	case err != nil:
		return err // the request is still pending: answer it
	}
	if !send {
		_ = unotify.Reply(c.Listener, c.Req.ID, int64(newfd), 0)
	}
	c.replied = true
	return nil
}

// rewriteOPath turns an O_PATH open into something the supervisor can inject: the
// kernel refuses to pass O_PATH files with ADDFD, so (as Syd does) a regular file or
// directory is opened O_RDONLY instead, with O_NONBLOCK so nothing can block. Objects
// whose O_RDONLY open would differ (symlinks with O_NOFOLLOW, FIFOs, sockets,
// devices, whose open runs a driver) are continued after the check: an O_PATH fd gives
// no data, and every use of it (fstat, fchdir, openat, reopening through
// /proc/self/fd) is resolved to its path and checked again. trace/allow_unsafe_open
// continues every O_PATH open.
func (c *Call) rewriteOPath(o openReq, res *pathres.Result) (openReq, bool) {
	mode := res.Mode & unix.S_IFMT
	if c.Policy.Has(sandbox.FlagAllowUnsafeOpen) || !res.Exists || (mode != unix.S_IFREG && mode != unix.S_IFDIR) {
		return o, true
	}
	o.flags = o.flags&(unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC) | unix.O_RDONLY | unix.O_NONBLOCK
	o.wasPath = true
	return o, false
}

// openMasked opens the mask's replacement (by default /dev/null) instead of the path,
// so the caller sees no content and its writes vanish. Creation flags do not apply
// to the replacement.
func (c *Call) openMasked(o openReq, repl string) (int64, bool, error) {
	if repl == "" {
		repl = "/dev/null"
	}
	how := unix.OpenHow{Flags: o.flags&^(unix.O_CREAT|unix.O_EXCL|unix.O_TRUNC|unix.O_TMPFILE|unix.O_DIRECTORY) | unix.O_CLOEXEC | unix.O_NOCTTY}
	fd, err := unix.Openat2(unix.AT_FDCWD, repl, &how)
	if err != nil {
		return 0, false, err
	}
	return 0, false, c.inject(fd, o.flags, false)
}

// sameObject reports whether our fd is still what the magic link named when we checked it.
func sameObject(fd int, want string) bool {
	got, err := pathres.FDLink(fd)
	return err == nil && got == want
}
