// reap.go: find and kill every descendant of the guard by walking /proc.
package guard

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// killDescendants SIGKILLs every process below the guard and reaps them. As a child
// subreaper the guard inherits orphans, so the whole sandbox stays in its subtree;
// the walk repeats until nothing is left, which also catches forks that raced a kill.
func killDescendants() {
	self := os.Getpid()
	for round := 0; round < 1000; round++ {
		victims := descendants(self)
		if len(victims) == 0 {
			break
		}
		for _, pid := range victims {
			_ = unix.Kill(pid, unix.SIGKILL)
		}
		for {
			var ws unix.WaitStatus
			pid, err := unix.Wait4(-1, &ws, unix.WNOHANG, nil)
			if err == unix.EINTR {
				continue
			}
			if err != nil || pid <= 0 {
				break
			}
		}
	}
}

// descendants lists the processes whose parent chain reaches root.
func descendants(root int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid := parentOf(pid); ppid > 0 {
			children[ppid] = append(children[ppid], pid)
		}
	}
	var out []int
	queue := []int{root}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// parentOf reads the ppid field of /proc/<pid>/stat (after the parenthesised comm,
// which may itself contain spaces and parentheses).
func parentOf(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(string(f[1]))
	return ppid
}
