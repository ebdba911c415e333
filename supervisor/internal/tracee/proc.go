// proc.go: facts about a sandboxed thread read from /proc/<tid> (tgid, umask, cwd, command line, file size limit).
package tracee

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Status holds the fields of /proc/<tid>/status the supervisor needs.
type Status struct {
	Tgid    int
	Umask   uint32
	Uid     int      // real uid
	Gid     int      // real gid
	Euid    int      // effective uid
	Egid    int      // effective gid
	Suid    int      // saved uid
	Sgid    int      // saved gid
	Fsuid   int      // file-system uid: what permission checks use
	Fsgid   int      // file-system gid
	Groups  []uint32 // supplementary groups
	CapEff  uint64   // effective capabilities
	CapPrm  uint64   // permitted capabilities
	Threads int      // threads of its process
}

// ReadStatus parses /proc/<tid>/status.
func ReadStatus(tid int) (Status, error) {
	fd, err := unix.Open("/proc/"+strconv.Itoa(tid)+"/status", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return Status{Umask: 022}, err
	}
	defer unix.Close(fd)
	return readStatusFD(fd)
}

// ReadStatusFD parses the status file open at fd, from its start. A task that is
// gone reads as ESRCH.
func ReadStatusFD(fd int) (Status, error) { return readStatusFD(fd) }

func readStatusFD(fd int) (Status, error) {
	st := Status{Umask: 022}
	var buf [4096]byte
	n, err := unix.Pread(fd, buf[:], 0)
	if err != nil {
		return st, err
	}
	if n == 0 {
		return st, unix.ESRCH
	}
	for line := range bytes.SplitSeq(buf[:n], []byte{'\n'}) {
		key, val, ok := bytes.Cut(line, []byte{':'})
		if !ok {
			continue
		}
		val = bytes.TrimSpace(val)
		switch string(key) {
		case "Tgid":
			st.Tgid, _ = strconv.Atoi(string(val))
		case "Umask":
			u, _ := strconv.ParseUint(string(val), 8, 32)
			st.Umask = uint32(u)
		case "Uid", "Gid":
			// real, effective, saved, file-system
			f := bytes.Fields(val)
			if len(f) < 4 {
				continue
			}
			if key[0] == 'U' {
				st.Uid, _ = strconv.Atoi(string(f[0]))
				st.Euid, _ = strconv.Atoi(string(f[1]))
				st.Suid, _ = strconv.Atoi(string(f[2]))
				st.Fsuid, _ = strconv.Atoi(string(f[3]))
			} else {
				st.Gid, _ = strconv.Atoi(string(f[0]))
				st.Egid, _ = strconv.Atoi(string(f[1]))
				st.Sgid, _ = strconv.Atoi(string(f[2]))
				st.Fsgid, _ = strconv.Atoi(string(f[3]))
			}
		case "Groups":
			for _, g := range bytes.Fields(val) {
				if n, err := strconv.ParseUint(string(g), 10, 32); err == nil {
					st.Groups = append(st.Groups, uint32(n))
				}
			}
		case "CapEff":
			st.CapEff, _ = strconv.ParseUint(string(val), 16, 64)
		case "CapPrm":
			st.CapPrm, _ = strconv.ParseUint(string(val), 16, 64)
		case "Threads":
			st.Threads, _ = strconv.Atoi(string(val))
		}
	}
	return st, nil
}

// Cwd returns the current directory of tid as the kernel names it.
func Cwd(tid int) string {
	s, err := os.Readlink("/proc/" + strconv.Itoa(tid) + "/cwd")
	if err != nil {
		return ""
	}
	return s
}

// Cmdline returns the command line of tid, arguments joined by spaces, at most 256 bytes.
func Cmdline(tid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(tid) + "/cmdline")
	if err != nil {
		return ""
	}
	b = bytes.TrimRight(b, "\x00")
	if len(b) > 256 {
		b = b[:256]
	}
	return string(bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
}

// pidfdThread is PIDFD_THREAD (Linux 6.9): a pidfd for one thread, not only a leader.
const pidfdThread = unix.O_EXCL

// Pidfd returns a pidfd for thread tid (for pidfd_getfd and signals). The caller must
// validate the notification afterwards: only then is the pid known not to be reused.
func Pidfd(tid int) (int, error) {
	fd, err := unix.PidfdOpen(tid, pidfdThread)
	if err == unix.EINVAL {
		st, serr := ReadStatus(tid)
		if serr != nil {
			return -1, serr
		}
		fd, err = unix.PidfdOpen(st.Tgid, 0)
	}
	return fd, err
}

// FsizeLimit is tid's soft RLIMIT_FSIZE (unix.RLIM_INFINITY when unlimited):
// prlimit where syd may read the limit, else /proc/<tid>/limits, which anyone
// may read.
func FsizeLimit(tid int) (uint64, error) {
	var lim unix.Rlimit
	if err := unix.Prlimit(tid, unix.RLIMIT_FSIZE, nil, &lim); err == nil {
		return lim.Cur, nil
	} else if err != unix.EPERM {
		return 0, err
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(tid) + "/limits")
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		rest, ok := strings.CutPrefix(line, "Max file size")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			break
		}
		if f[0] == "unlimited" {
			return unix.RLIM_INFINITY, nil
		}
		return strconv.ParseUint(f[0], 10, 64)
	}
	return 0, unix.EINVAL
}
