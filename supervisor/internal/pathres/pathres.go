// Package pathres turns a (dirfd, path) pair of a sandboxed thread into the canonical
// absolute path the policy matches and an O_PATH fd of the directory that holds the
// final object, so the supervisor acts on exactly what it checked.
package pathres

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

// Flags select how the final component is treated.
type Flags uint8

const (
	// FollowLast follows a symlink in the final component (open without O_NOFOLLOW, stat, exec).
	FollowLast Flags = 1 << iota
	// AllowMissing accepts a final component that does not exist (create-type calls).
	AllowMissing
	// NoSymlinks fails with ELOOP on any symlink to be followed (RESOLVE_NO_SYMLINKS).
	NoSymlinks
	// NoMagiclinks fails with ELOOP on any /proc magic link (RESOLVE_NO_MAGICLINKS).
	NoMagiclinks
)

// maxLinks is the kernel's limit on symlinks followed in one lookup.
const maxLinks = 40

// Result is a resolved path. Close releases Dir.
type Result struct {
	Dir           int         // O_PATH fd of the directory holding the final object
	Name          string      // final component in Dir; "." when the path names Dir itself
	Path          string      // canonical absolute path, as the policy sees it
	Exists        bool        // the final component exists
	Mode          uint32      // st_mode of the final component (not followed) when Exists
	Stat          unix.Stat_t // the final object's stat when Exists (followed only for Magic)
	Magic         bool        // Name is a /proc magic link of the caller itself: open it following
	TrailingSlash bool        // the path ended in "/": the final object must be a directory
	// PidDerived is set when resolution opened something named by the caller's pid
	// (its cwd, a dirfd, /proc/self): the caller must validate the request again.
	PidDerived bool
	// FailedAt is, when resolution failed, the canonical path of the entry it
	// failed at (or below): a caller that hides entries answers for it.
	FailedAt string
}

// Close releases the directory fd.
func (r *Result) Close() {
	if r.Dir >= 0 {
		unix.Close(r.Dir)
		r.Dir = -1
	}
}

var (
	rootOnce sync.Once
	rootFD   = -1
	rootErr  error
)

// root returns a shared O_PATH fd of "/". The sandbox shares the supervisor's root
// directory: chroot(2) is not available to it.
func root() (int, error) {
	rootOnce.Do(func() {
		rootFD, rootErr = unix.Open("/", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	return rootFD, rootErr
}

// walker holds the state of one resolution.
type walker struct {
	tid        int
	flags      Flags
	pidDerived bool // opened /proc/<tid>/... on the caller's behalf
	tgid       int  // lazily read; 0 = unknown
	links      int
	at         string // the component being resolved, for Result.FailedAt
	cur        int    // O_PATH fd of the current directory (owned unless it is the shared root)
	text       []byte // canonical path of cur
}

func (w *walker) setCur(fd int, text string) {
	w.drop()
	w.cur = fd
	w.text = append(w.text[:0], text...)
}

func (w *walker) drop() {
	if w.cur >= 0 && w.cur != rootFD {
		unix.Close(w.cur)
	}
	w.cur = -1
}

func (w *walker) toRoot() error {
	fd, err := root()
	if err != nil {
		return err
	}
	w.setCur(fd, "/")
	return nil
}

func (w *walker) threadGroup() int {
	w.pidDerived = true
	if w.tgid == 0 {
		if st, err := tracee.ReadStatus(w.tid); err == nil {
			w.tgid = st.Tgid
		}
	}
	return w.tgid
}

// Resolve resolves path for thread tid relative to dirfd (AT_FDCWD or a tracee fd),
// following the kernel's rules for ".", "..", symlinks and trailing slashes. Errors are
// the errno the kernel would return (ENOENT, ENOTDIR, ELOOP, EACCES, EBADF, ...).
func Resolve(tid int, dirfd int32, path string, fl Flags) (res Result, err error) {
	res = Result{Dir: -1}
	if path == "" {
		return res, unix.ENOENT
	}
	w := walker{tid: tid, cur: -1, flags: fl}
	defer w.drop()
	defer func() {
		res.PidDerived = res.PidDerived || w.pidDerived
		if err != nil && err != unix.ENOENT && w.at != "" {
			res.FailedAt = string(w.text)
			if len(w.text) > 1 {
				res.FailedAt += "/"
			}
			res.FailedAt += w.at
		}
	}()
	if path[0] == '/' {
		if err := w.toRoot(); err != nil {
			return res, err
		}
	} else if err := w.base(dirfd); err != nil {
		return res, err
	}
	res.TrailingSlash = strings.HasSuffix(path, "/")
	if r, ok := w.fast(res, path, fl); ok {
		return r, nil
	}

	rest := path
	for {
		c, next := nextComponent(rest)
		rest = next
		if c == "" { // path was only slashes, or ended after "." / ".."
			return w.finish(res, ".", true, nil)
		}
		last := isEnd(rest)
		w.at = c
		switch c {
		case ".":
			if last {
				return w.finish(res, ".", true, nil)
			}
			continue
		case "..":
			if err := w.parent(); err != nil {
				return res, err
			}
			if last {
				return w.finish(res, ".", true, nil)
			}
			continue
		}
		follow := !last || fl&FollowLast != 0 || res.TrailingSlash
		if !last {
			fd, err := unix.Openat(w.cur, c, unix.O_PATH|unix.O_NOFOLLOW|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
			if err == nil {
				if err := w.procGate(c, fd); err != nil {
					unix.Close(fd)
					return res, err
				}
				w.descend(fd, c)
				continue
			}
			if err != unix.ENOTDIR {
				return res, err
			}
		}
		if err := w.procGate(c, -1); err != nil {
			return res, err
		}
		var st unix.Stat_t
		err := unix.Fstatat(w.cur, c, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.ENOENT && last && fl&AllowMissing != 0 {
			return w.finish(res, c, false, nil)
		}
		if err != nil {
			return res, err
		}
		if st.Mode&unix.S_IFMT != unix.S_IFLNK {
			if !last || (res.TrailingSlash && st.Mode&unix.S_IFMT != unix.S_IFDIR) {
				return res, unix.ENOTDIR
			}
			return w.finish(res, c, true, &st)
		}
		if !follow {
			return w.finish(res, c, true, &st)
		}
		spliced, done, err := w.link(&res, c, rest, last)
		if err != nil || done {
			return res, err
		}
		rest = spliced
	}
}

// fast resolves the directory part of path with one openat2 in the kernel. It only
// answers when that is certainly what the caller would get: no error (errors are
// left to the walker, which returns the kernel's errno for the caller), a directory
// outside procfs (where "self" would mean the supervisor), no magic link on the way
// and no symlink in the final component.
func (w *walker) fast(res Result, path string, fl Flags) (Result, bool) {
	dir, last := splitLast(path)
	if last == "" || last == "." || last == ".." || res.TrailingSlash {
		return res, false
	}
	// First without any symlink: then the canonical name is the lexically cleaned
	// path and procfs can only be reached by name, so neither readlink nor fstatfs
	// is needed. A symlink on the way (ELOOP) takes the general route below.
	text := ""
	if lexical := lexicalJoin(string(w.text), dir); !underProc(lexical) {
		how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS}
		if fd, err := unix.Openat2(w.cur, dir, &how); err == nil {
			if r, ok := w.fastFinish(res, fd, lexical, last, fl); ok {
				return r, true
			}
			return res, false
		} else if err != unix.ELOOP || fl&NoSymlinks != 0 {
			return res, false
		}
	}
	how := unix.OpenHow{Flags: unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_NO_MAGICLINKS}
	fd, err := unix.Openat2(w.cur, dir, &how)
	if err != nil {
		return res, false
	}
	var fs unix.Statfs_t
	if unix.Fstatfs(fd, &fs) != nil || fs.Type == unix.PROC_SUPER_MAGIC {
		unix.Close(fd)
		return res, false
	}
	text, err = FDLink(fd)
	if err != nil || !strings.HasPrefix(text, "/") || strings.HasSuffix(text, " (deleted)") {
		unix.Close(fd)
		return res, false
	}
	return w.fastFinish(res, fd, text, last, fl)
}

// fastFinish examines the final component in the directory fd (named text) and
// hands fd over to the result, or closes it and declines.
func (w *walker) fastFinish(res Result, fd int, text, last string, fl Flags) (Result, bool) {
	var st unix.Stat_t
	err := unix.Fstatat(fd, last, &st, unix.AT_SYMLINK_NOFOLLOW)
	exists := err == nil
	if (err != nil && (err != unix.ENOENT || fl&AllowMissing == 0)) ||
		(exists && st.Mode&unix.S_IFMT == unix.S_IFLNK && fl&FollowLast != 0) {
		unix.Close(fd)
		return res, false
	}
	w.setCur(fd, text)
	sp := &st
	if !exists {
		sp = nil
	}
	r, err := w.finish(res, last, exists, sp)
	return r, err == nil
}

// lexicalJoin is base/dir cleaned lexically (dir may be absolute, ".", or contain "..").
func lexicalJoin(base, dir string) string {
	if strings.HasPrefix(dir, "/") {
		return filepath.Clean(dir)
	}
	return filepath.Clean(base + "/" + dir)
}

// underProc reports whether a canonical path lies in /proc, where "self" and the
// magic links need the walker.
func underProc(p string) bool { return p == "/proc" || strings.HasPrefix(p, "/proc/") }

// splitLast splits a path without trailing slash into its directory part (for
// openat2: "." when there is none, "/" for the root) and its final component.
func splitLast(path string) (string, string) {
	i := strings.LastIndexByte(path, '/')
	switch {
	case i < 0:
		return ".", path
	case i == 0:
		return "/", path[1:]
	}
	return path[:i], path[i+1:]
}

// base sets the starting directory of a relative path: the thread's cwd or dirfd.
func (w *walker) base(dirfd int32) error {
	w.pidDerived = true
	var fd int
	var err error
	switch {
	case dirfd == unix.AT_FDCWD:
		fd, err = unix.Open("/proc/"+strconv.Itoa(w.tid)+"/cwd", unix.O_PATH|unix.O_CLOEXEC, 0)
	case dirfd >= 0:
		fd, err = openCallerFD(w.tid, dirfd)
	default:
		return unix.EBADF
	}
	if err != nil {
		return err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		unix.Close(fd)
		return unix.ENOTDIR
	}
	if st.Nlink == 0 { // a removed directory: nothing can be found or made in it
		unix.Close(fd)
		return unix.ENOENT
	}
	// Name the directory by our own fd, so the text and the fd agree even if a
	// sibling thread sharing the cwd calls chdir meanwhile. A directory deeper
	// than PATH_MAX is named by walking up (DirPath).
	text, err := DirPath(fd)
	if err != nil || !strings.HasPrefix(text, "/") {
		unix.Close(fd)
		if errors.Is(err, unix.ENAMETOOLONG) {
			return unix.ENAMETOOLONG
		}
		return unix.ENOENT
	}
	w.setCur(fd, text)
	return nil
}

func (w *walker) descend(fd int, name string) {
	text := w.text
	w.text = nil
	w.drop()
	w.cur = fd
	if len(text) > 1 {
		text = append(text, '/')
	}
	w.text = append(text, name...)
}

func (w *walker) parent() error {
	if len(w.text) == 1 { // "/" is its own parent
		return nil
	}
	fd, err := unix.Openat(w.cur, "..", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	text := w.text
	i := strings.LastIndexByte(string(text), '/')
	if i <= 0 {
		i = 1
	}
	text = text[:i]
	w.text = nil
	w.drop()
	w.cur = fd
	w.text = text
	return nil
}

// finish fills res with the final component name in the current directory and hands
// the directory fd over to it.
func (w *walker) finish(res Result, name string, exists bool, st *unix.Stat_t) (Result, error) {
	res.Name = name
	res.Exists = exists
	if st != nil {
		res.Stat = *st
		res.Mode = st.Mode
	}
	if name == "." {
		res.Path = string(w.text)
		if exists && st == nil {
			if err := unix.Fstat(w.cur, &res.Stat); err != nil {
				return res, err
			}
			res.Mode = res.Stat.Mode
		}
	} else if len(w.text) == 1 {
		res.Path = "/" + name
	} else {
		res.Path = string(w.text) + "/" + name
	}
	fd := w.cur
	if fd == rootFD {
		var err error
		if fd, err = unix.Dup(rootFD); err != nil {
			return res, err
		}
		unix.CloseOnExec(fd)
	}
	w.cur = -1
	res.Dir = fd
	return res, nil
}

// nextComponent returns the first component of p and the rest after its slashes.
func nextComponent(p string) (string, string) {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	i := strings.IndexByte(p, '/')
	if i < 0 {
		return p, ""
	}
	return p[:i], p[i+1:]
}

// isEnd reports whether only slashes remain.
func isEnd(rest string) bool {
	for i := 0; i < len(rest); i++ {
		if rest[i] != '/' {
			return false
		}
	}
	return true
}

// ResolveFD names the object behind fd of thread tid. The Result's Dir is an O_PATH
// fd of the object itself (pinned, so the name and the object agree) and Name is
// empty; Path is the kernel's name for it, which for pipes, sockets and anonymous
// inodes is not a path (e.g. "pipe:[1234]").
func ResolveFD(tid int, fd int32) (Result, error) {
	res := Result{Dir: -1, PidDerived: true}
	if fd < 0 {
		return res, unix.EBADF
	}
	ofd, err := openCallerFD(tid, fd)
	if err != nil {
		return res, err
	}
	text, err := DirPath(ofd) // readlink, or a walk up for a directory deeper than PATH_MAX
	if err == nil {
		err = unix.Fstat(ofd, &res.Stat)
	}
	if err != nil {
		unix.Close(ofd)
		return res, err
	}
	res.Dir, res.Path, res.Exists, res.Mode = ofd, text, true, res.Stat.Mode
	return res, nil
}

// HasPath reports whether Path names a filesystem object (pipes, sockets and
// anonymous inodes have no path and cannot be matched by path rules).
func (r *Result) HasPath() bool {
	// A memfd is named "/memfd:NAME (deleted)": anonymous memory, not a path in
	// any directory, so path rules do not apply to it (exec checks it under the
	// "!memfd:NAME" pseudo-path).
	return strings.HasPrefix(r.Path, "/") && !strings.HasPrefix(r.Path, "/memfd:")
}

// ProcPath is a path that reaches the final object through syd's own fd table
// ("/proc/self/fd/N"), for system calls that take no dirfd: it follows the pinned
// object, never a name that could have been swapped.
func (r *Result) ProcPath() string { return "/proc/self/fd/" + strconv.Itoa(r.Dir) }

// At returns the (dirfd, name, flags) triple for an *at(2) call on the final object
// that must not follow a symlink swapped in after resolution; for an fd result it
// uses AT_EMPTY_PATH.
func (r *Result) At() (int, string, int) {
	if r.Name == "" {
		return r.Dir, "", unix.AT_EMPTY_PATH
	}
	if r.Magic {
		return r.Dir, r.Name, 0
	}
	return r.Dir, r.Name, unix.AT_SYMLINK_NOFOLLOW
}
