// procs_test.go: the per-receiver handle cache reads a live process and lets go
// of it once that process is gone.
package tracee

import (
	"os"
	"os/exec"
	"testing"
	"time"

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
	for range 3 * ProcsMax {
		if _, err := p.Status(os.Getpid()); err != nil {
			t.Fatal(err)
		}
		p.Forget(os.Getpid())
	}
	self := os.Getpid()
	for i := range ProcsMax + 5 {
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

// startSleepers starts n processes that live until killed.
func startSleepers(t *testing.T, n int) []*exec.Cmd {
	t.Helper()
	var cmds []*exec.Cmd
	for range n {
		cmd := exec.Command("sleep", "30")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	t.Cleanup(func() {
		for _, c := range cmds {
			_ = c.Process.Kill()
			_ = c.Wait()
		}
	})
	return cmds
}

func cacheBoth(t *testing.T, p *Procs, pid int) {
	t.Helper()
	if _, err := p.Status(pid); err != nil {
		t.Fatal(err)
	}
	fd, err := p.GetFD(pid, 1, func() bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(fd)
}

func TestProcsLetsGoOfExitedTasks(t *testing.T) {
	cmds := startSleepers(t, 8)
	before := openFDs(t) // os.Process holds a pidfd of its own
	var p Procs
	defer p.Close()
	for _, c := range cmds {
		cacheBoth(t, &p, c.Process.Pid)
	}
	if got := openFDs(t) - before; got != 16 {
		t.Fatalf("%d fds cached for 8 live processes, want 16", got)
	}
	for _, c := range cmds[:6] {
		_ = c.Process.Kill()
		_ = c.Wait()
		before-- // Wait released the process's own pidfd
	}
	time.Sleep(sweepEvery + 10*time.Millisecond)
	cacheBoth(t, &p, os.Getpid()) // a thread not cached yet: the sweep runs
	if got, want := p.Len(), 3; got != want {
		t.Fatalf("%d threads cached after 6 of 8 exited and one was added, want %d", got, want)
	}
	if got := openFDs(t) - before; got != 6 {
		t.Fatalf("%d fds held for 3 live threads, want 6", got)
	}
}

func TestProcsCapHolds(t *testing.T) {
	cmds := startSleepers(t, 12)
	before := openFDs(t)
	var p Procs
	p.SetSize(4)
	for range 3 {
		for _, c := range cmds {
			cacheBoth(t, &p, c.Process.Pid)
			if p.Len() > 4 {
				t.Fatalf("%d threads cached, cap 4", p.Len())
			}
		}
	}
	if got := openFDs(t) - before; got > 8 {
		t.Fatalf("%d fds held with a cap of 4 threads", got)
	}
	p.Close()
	if got := openFDs(t) - before; got != 0 {
		t.Fatalf("%d fds left after Close", got)
	}
}

func TestShrinkLowersEveryCache(t *testing.T) {
	defer procsLimit.Store(ProcsMax)
	cmds := startSleepers(t, 8)
	var p Procs
	defer p.Close()
	for _, c := range cmds {
		cacheBoth(t, &p, c.Process.Pid)
	}
	if n := Shrink(); n != ProcsMax/2 {
		t.Fatalf("Shrink() = %d", n)
	}
	for Shrink() > 2 {
	}
	cacheBoth(t, &p, cmds[0].Process.Pid)
	if p.Len() > 2 {
		t.Fatalf("%d threads cached after the limit fell to 2", p.Len())
	}
	for Shrink() > 0 {
	}
	cacheBoth(t, &p, cmds[1].Process.Pid) // one slot stays: the call's own
	if p.Len() != 1 {
		t.Fatalf("%d threads cached at limit 0, want 1", p.Len())
	}
}

// The umask cache opens a pidfd it cannot validate (no request at hand): GetFD
// must still treat it as fresh, and Pidfd must not hand it out before that.
func TestUmaskCacheAndPidfdValidation(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	pid := cmd.Process.Pid
	var p Procs
	defer p.Close()
	m1, err := p.Umask(pid)
	if err != nil {
		t.Fatal(err)
	}
	if m2, err := p.Umask(pid); err != nil || m2 != m1 {
		t.Fatalf("cached umask %o, %v; first read %o", m2, err, m1)
	}
	if _, ok := p.Pidfd(pid); ok {
		t.Fatal("Pidfd handed out a pidfd no request validated")
	}
	if _, err := p.GetFD(pid, 1, func() bool { return false }); err != unix.ESRCH {
		t.Fatalf("GetFD with a request that is gone: %v, want ESRCH", err)
	}
	fd, err := p.GetFD(pid, 1, func() bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	unix.Close(fd)
	if _, ok := p.Pidfd(pid); !ok {
		t.Fatal("Pidfd after a validated GetFD")
	}
	// A umask call anywhere makes the cached value stale: the next read is fresh
	// (the same value here), and reads while the call is in flight are not cached.
	before := umaskEpoch.Load()
	UmaskChanging(pid) // sleep is not in umask(2): the watcher ends at once
	if umaskEpoch.Load() == before {
		t.Fatal("UmaskChanging did not move the epoch")
	}
	if m3, err := p.Umask(pid); err != nil || m3 != m1 {
		t.Fatalf("umask after a change: %o, %v", m3, err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for umaskInFlight.Load() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if umaskInFlight.Load() != 0 {
		t.Fatal("the umask watcher did not end")
	}
}
