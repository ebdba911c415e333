// nspid.go: pids as a process in a pid namespace of its own names them. The
// sandbox's first pid namespace (unshare/pid) numbers its processes from 1,
// while syd, in the parent namespace, sees (and acts on) other numbers: a pid
// a sandboxed process passes to prlimit or kill must be translated before syd
// looks anything up by it.
package tracee

import (
	"os"
	"strconv"
	"strings"
)

// HostPid returns the id, in syd's pid namespace, of the task the caller tid
// names nsid in its own pid namespace (a process or a thread), or 0 when there
// is none. It scans /proc: callers use it only for calls that name another
// process, which are rare.
func HostPid(tid, nsid int) int {
	ns, err := os.Readlink("/proc/" + strconv.Itoa(tid) + "/ns/pid")
	if err != nil {
		return 0
	}
	want := strconv.Itoa(nsid)
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		// Threads share their process's pid namespace: most processes are
		// ruled out by one readlink, and only the sandbox's tasks are read.
		if cur, err := os.Readlink("/proc/" + p.Name() + "/ns/pid"); err != nil || cur != ns {
			continue
		}
		tasks, _ := os.ReadDir("/proc/" + p.Name() + "/task")
		for _, t := range tasks {
			if host := nsPidMatch("/proc/"+p.Name()+"/task/"+t.Name(), want); host > 0 {
				return host
			}
		}
	}
	return 0
}

// nsPidMatch returns the task's host id when its innermost id is want.
func nsPidMatch(dir, want string) int {
	b, err := os.ReadFile(dir + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, "NSpid:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 2 || f[len(f)-1] != want {
			return 0
		}
		host, _ := strconv.Atoi(f[0])
		return host
	}
	return 0
}
