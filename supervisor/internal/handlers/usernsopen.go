// usernsopen.go: opening a user namespace's id files (uid_map, gid_map,
// setgroups, projid_map under /proc/<pid>) for a caller in a user namespace
// other than syd's. The kernel decides a write to them by the opener: the
// caller itself would be in its namespace, with its own ids and every
// capability there; syd's receiver, with the caller's identity, holds none in
// syd's namespace, and the write failed (EPERM). A single-threaded syd (the
// opener of package launch) takes the caller's ids, joins its namespace,
// opens the file and hands the fd back.
package handlers

import (
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/handoff"
)

// idMapFile reports whether path is /proc/<pid>/{uid_map,gid_map,setgroups,
// projid_map}, or the same below /proc/<pid>/task/<tid>.
func idMapFile(path string) bool {
	rest, ok := strings.CutPrefix(path, "/proc/")
	if !ok {
		return false
	}
	parts := strings.Split(rest, "/")
	if len(parts) == 4 && parts[1] == "task" && isDigits(parts[2]) {
		parts = []string{parts[0], parts[3]}
	}
	if len(parts) != 2 || !isDigits(parts[0]) {
		return false
	}
	switch parts[1] {
	case "uid_map", "gid_map", "setgroups", "projid_map":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// openInUserns opens name in dir (the pinned /proc/<pid> of an idMapFile)
// with how in the user namespace of the caller. In syd's own namespace it
// returns ok false: the caller opens as usual.
func (c *Call) openInUserns(dir int, name string, how *unix.OpenHow) (fd int, ok bool, err error) {
	nsfd, other, err := otherNS(c.Pid(), "user")
	if nsfd < 0 {
		return -1, other, err
	}
	defer unix.Close(nsfd)
	st, err := c.status()
	if err != nil {
		return -1, true, goneIfESRCH(err)
	}
	pair, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, true, err
	}
	defer unix.Close(pair[0])
	env := []string{
		handoff.EnvMarker + "=" + handoff.ModeOpener,
		handoff.EnvOpenerPath + "=" + name,
		handoff.EnvOpenerFlags + "=" + strconv.FormatUint(how.Flags&^unix.O_CLOEXEC, 10),
		handoff.EnvOpenerMode + "=" + strconv.FormatUint(how.Mode, 10),
		handoff.EnvOpenerUID + "=" + strconv.Itoa(st.Euid),
		handoff.EnvOpenerGID + "=" + strconv.Itoa(st.Egid),
	}
	none := ^uintptr(0)
	pid, err := syscall.ForkExec("/proc/self/exe", []string{os.Args[0]}, &syscall.ProcAttr{
		Env: env, Files: []uintptr{none, none, 2, uintptr(nsfd), uintptr(pair[1]), uintptr(dir)},
	})
	unix.Close(pair[1])
	if err != nil {
		return -1, true, err
	}
	var b [1]byte
	if _, fd, err = handoff.RecvFD(pair[0], b[:]); err != nil {
		fd = -1
	}
	var ws unix.WaitStatus
	for {
		if _, err := unix.Wait4(pid, &ws, 0, nil); err != unix.EINTR {
			break
		}
	}
	if fd < 0 {
		if ws.Exited() && ws.ExitStatus() != 0 {
			return -1, true, unix.Errno(ws.ExitStatus())
		}
		return -1, true, unix.EACCES
	}
	return fd, true, nil
}
