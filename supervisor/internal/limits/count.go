package limits

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"

	"syd/supervisor/internal/tracee"
)

// Counter returns how many tasks the sandbox has now, as the mechanism that
// enforces pid/max counts them: the cgroup's pids.current, or the tasks in
// the sandbox's own user namespace (that of stub, the first sandboxed
// process, whose RLIMIT_NPROC the kernel counts there). Call it after Apply.
// nil without pid/max.
func (p Plan) Counter(stub int) (func() (uint64, error), error) {
	if p.Tasks == 0 {
		return nil, nil
	}
	if p.Cgroup != nil {
		f, err := os.Open(filepath.Join(p.Cgroup.dir, "pids.current"))
		if err != nil {
			return nil, err
		}
		return func() (uint64, error) {
			var buf [32]byte
			n, err := f.ReadAt(buf[:], 0)
			if n == 0 && err != nil {
				return 0, err
			}
			return strconv.ParseUint(string(bytes.TrimSpace(buf[:n])), 10, 64)
		}, nil
	}
	var ns unix.Stat_t
	if err := unix.Stat("/proc/"+strconv.Itoa(stub)+"/ns/user", &ns); err != nil {
		return nil, err
	}
	return func() (uint64, error) { return tasksInUserNS(ns.Dev, ns.Ino) }, nil
}

// tasksInUserNS counts the threads of every process in the user namespace
// (dev, ino): a walk of /proc, as the kernel keeps the count to itself.
func tasksInUserNS(dev uint64, ino uint64) (uint64, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return 0, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return 0, err
	}
	var total uint64
	for _, name := range names {
		if name[0] < '1' || name[0] > '9' {
			continue
		}
		var st unix.Stat_t
		if unix.Stat("/proc/"+name+"/ns/user", &st) != nil || st.Dev != dev || st.Ino != ino {
			continue
		}
		pid, _ := strconv.Atoi(name)
		status, err := tracee.ReadStatus(pid)
		if err != nil || status.Threads < 1 {
			continue // gone
		}
		total += uint64(status.Threads)
	}
	return total, nil
}
