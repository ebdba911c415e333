// links.go: following symlinks for a sandboxed thread, including /proc/self,
// /proc/thread-self and the /proc magic links (cwd, root, exe, fd/N, ...).
package pathres

import (
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// link handles the symlink c in the current directory. It either returns the new
// remaining path to walk (the link target spliced before rest), or finishes res
// (done) when c is a final magic link that must be opened through /proc.
func (w *walker) link(res *Result, c, rest string, last bool) (string, bool, error) {
	w.links++
	if w.links > maxLinks || w.flags&NoSymlinks != 0 {
		return "", false, unix.ELOOP
	}
	dir := string(w.text)

	// /proc/self and /proc/thread-self name the *caller*: in the supervisor they
	// would name the supervisor.
	if dir == "/proc" && (c == "self" || c == "thread-self") {
		tgid := w.threadGroup()
		if tgid == 0 {
			return "", false, unix.ENOENT
		}
		target := strconv.Itoa(tgid)
		if c == "thread-self" {
			target += "/task/" + strconv.Itoa(w.tid)
		}
		return splice(target, rest), false, nil
	}

	if owner, ok := magicOwner(dir, c); ok {
		if w.flags&NoMagiclinks != 0 {
			return "", false, unix.ELOOP
		}
		if !w.ownPid(owner) {
			// Another process's fds, cwd, root or exe: refused, as Syd does by default.
			return "", false, unix.EACCES
		}
		return w.magic(res, c, rest, last)
	}

	buf := make([]byte, unix.PathMax)
	n, err := unix.Readlinkat(w.cur, c, buf)
	if err != nil {
		return "", false, err
	}
	if n == 0 {
		return "", false, unix.ENOENT
	}
	target := string(buf[:n])
	if target[0] == '/' {
		if err := w.toRoot(); err != nil {
			return "", false, err
		}
	}
	return splice(target, rest), false, nil
}

// magic follows a magic link of the caller's own /proc entries. The supervisor opens
// it through /proc/<pid>/..., which reaches the same object the caller would.
func (w *walker) magic(res *Result, c, rest string, last bool) (string, bool, error) {
	buf := make([]byte, unix.PathMax)
	target := ""
	n, err := unix.Readlinkat(w.cur, c, buf)
	switch {
	case err == nil:
		target = string(buf[:n])
	case err != unix.ENAMETOOLONG:
		return "", false, err
	}
	// ENAMETOOLONG: a directory deeper than PATH_MAX (the cwd of a deep process),
	// named through an fd of it below.
	if last && !res.TrailingSlash {
		// Final: the caller opens the object itself (a file, pipe, socket, ...).
		var st unix.Stat_t
		if err := unix.Fstatat(w.cur, c, &st, 0); err != nil {
			return "", false, err
		}
		if target == "" {
			if target, err = w.longMagic(c); err != nil {
				return "", false, err
			}
		}
		res.Magic = true
		*res, err = w.finish(*res, c, true, &st)
		if err == nil {
			res.Path = target
		}
		return "", true, err
	}
	// Intermediate (e.g. /proc/self/cwd/x): continue from the object it points to.
	fd, err := unix.Openat(w.cur, c, unix.O_PATH|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", false, err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR || (target != "" && !strings.HasPrefix(target, "/")) {
		unix.Close(fd)
		return "", false, unix.ENOTDIR
	}
	// Name it by our fd, so text and fd agree (walking up when it is deeper than PATH_MAX).
	text, err := DirPath(fd)
	if err != nil {
		unix.Close(fd)
		return "", false, err
	}
	w.setCur(fd, text)
	return rest, false, nil
}

// longMagic names the directory behind the magic link c, which the kernel cannot
// name because its path is PATH_MAX bytes or longer.
func (w *walker) longMagic(c string) (string, error) {
	fd, err := unix.Openat(w.cur, c, unix.O_PATH|unix.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer unix.Close(fd)
	return DirPath(fd)
}

// ownPid reports whether pid is the calling thread or its thread group.
func (w *walker) ownPid(pid int) bool {
	return pid == w.tid || pid == w.threadGroup()
}

// magicOwner reports whether dir/c is a /proc magic link and returns the pid that owns it.
// Magic links live at /proc/<pid>/{cwd,root,exe} and /proc/<pid>/{fd,map_files,ns}/<x>,
// and the same below /proc/<pid>/task/<tid>.
func magicOwner(dir, c string) (int, bool) {
	rest, ok := strings.CutPrefix(dir, "/proc/")
	if !ok {
		return 0, false
	}
	pidText, rest, _ := strings.Cut(rest, "/")
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return 0, false
	}
	if t, ok := strings.CutPrefix(rest, "task/"); ok {
		tidText, r, _ := strings.Cut(t, "/")
		tid, err := strconv.Atoi(tidText)
		if err != nil || tid <= 0 {
			return 0, false
		}
		rest = r
		// A thread's own entries belong to its process for our purposes.
		_ = tid
	}
	switch rest {
	case "":
		return pid, c == "cwd" || c == "root" || c == "exe"
	case "fd", "map_files", "ns":
		return pid, true
	}
	return 0, false
}

// splice puts a link target before the rest of the path being walked.
func splice(target, rest string) string {
	if isEnd(rest) {
		return target
	}
	return target + "/" + rest
}
