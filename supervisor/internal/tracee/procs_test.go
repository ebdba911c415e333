// procs_test.go: the per-receiver handle cache reads a live process and lets go
// of it once that process is gone.
package tracee

import (
	"os"
	"os/exec"
	"testing"

	"golang.org/x/sys/unix"
)

func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}

func TestProcsFollowsTheTask(t *testing.T) {
	before := openFDs(t)
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	var p Procs
	for range 2 { // the second round uses the cached handles
		st, err := p.Status(pid)
		if err != nil || st.Tgid != pid {
			t.Fatalf("Status(%d) = %+v, %v", pid, st, err)
		}
		fd, err := p.GetFD(pid, 1, func() bool { return true })
		if err != nil {
			t.Fatalf("GetFD: %v", err)
		}
		unix.Close(fd)
	}
	if _, err := p.GetFD(pid, 999, func() bool { return true }); err != unix.EBADF {
		t.Fatalf("GetFD of a closed fd: %v, want EBADF", err)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if _, err := p.Status(pid); err == nil {
		t.Fatal("Status of a reaped process succeeded")
	}
	if _, err := p.GetFD(pid, 1, func() bool { return true }); err != unix.ESRCH {
		t.Fatalf("GetFD of a reaped process: %v, want ESRCH", err)
	}
	p.Close()
	if after := openFDs(t); after != before {
		t.Fatalf("%d fds open before, %d after Close", before, after)
	}
}

func TestProcsValidatesFreshPidfd(t *testing.T) {
	var p Procs
	defer p.Close()
	for range 2 { // a pidfd that failed validation is not kept
		if _, err := p.GetFD(os.Getpid(), 1, func() bool { return false }); err != unix.ESRCH {
			t.Fatalf("GetFD with a request no longer pending: %v, want ESRCH", err)
		}
	}
}

func TestProcsEvicts(t *testing.T) {
	before := openFDs(t)
	var p Procs
	for range 3 * procsSize {
		if _, err := p.Status(os.Getpid()); err != nil {
			t.Fatal(err)
		}
		p.Forget(os.Getpid())
	}
	self := os.Getpid()
	for i := range procsSize + 5 {
		_, _ = p.Status(self + 100000 + i) // no such threads: entries without fds
	}
	if _, err := p.Status(self); err != nil {
		t.Fatal(err)
	}
	p.Close()
	if after := openFDs(t); after != before {
		t.Fatalf("%d fds open before, %d after Close", before, after)
	}
}
