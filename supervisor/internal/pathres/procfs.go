// procfs.go: the process boundary in /proc (spec 06 §4). Entering or naming a
// /proc/<pid> directory is decided on the task that directory belongs to: a
// directory fd of /proc/<pid> stays bound to the task it was opened for, so the
// owner read through it (its "status") is the owner of everything opened below
// it, whatever happens to the number meanwhile. A directory the caller may not
// see does not exist: ENOENT, as for a process that is gone.
package pathres

import (
	"strconv"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

// ProcVisible decides whether a caller in thread group caller may see the /proc
// directory of a task in thread group owner (another than its own; its own is
// always visible). nil: every directory is visible. Set once at start, before
// any resolution.
var ProcVisible func(caller, owner int) bool

// procPid parses a /proc child name: a pid, or 0.
func procPid(name string) int {
	if name == "" || name[0] < '1' || name[0] > '9' {
		return 0
	}
	n, err := strconv.Atoi(name)
	if err != nil {
		return 0
	}
	return n
}

// procGate answers for entering or naming name in the current directory: ENOENT
// when that is the root of a procfs (/proc, or any other mount of one), name is a
// pid and its task is not for the caller to see. bound, when >= 0, is an fd of
// the directory itself (bound to its task); otherwise the task is looked up by
// number.
func (w *walker) procGate(name string, bound int) error {
	if ProcVisible == nil {
		return nil
	}
	pid := procPid(name)
	if pid == 0 || pid == w.tid || !w.atProcRoot() {
		return nil
	}
	tgid := w.threadGroup()
	if pid == tgid {
		return nil
	}
	var st tracee.Status
	var err error
	if bound >= 0 {
		st, err = statusAt(bound)
	} else {
		st, err = tracee.ReadStatus(pid)
	}
	if err != nil {
		return unix.ENOENT // gone already
	}
	if st.Tgid == tgid || ProcVisible(tgid, st.Tgid) {
		return nil
	}
	return unix.ENOENT
}

// procRootIno is the inode number of a procfs root (PROC_ROOT_INO).
const procRootIno = 1

// atProcRoot reports whether the current directory is the root of a procfs.
func (w *walker) atProcRoot() bool { return string(w.text) == "/proc" || IsProcRoot(w.cur) }

// IsProcRoot reports whether fd is the root directory of a procfs.
func IsProcRoot(fd int) bool {
	var fs unix.Statfs_t
	var st unix.Stat_t
	return unix.Fstatfs(fd, &fs) == nil && fs.Type == unix.PROC_SUPER_MAGIC &&
		unix.Fstat(fd, &st) == nil && st.Ino == procRootIno
}

// statusAt reads the status file of the /proc/<pid> directory open at dirfd.
func statusAt(dirfd int) (tracee.Status, error) {
	fd, err := unix.Openat(dirfd, "status", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return tracee.Status{}, err
	}
	defer unix.Close(fd)
	return tracee.ReadStatusFD(fd)
}
