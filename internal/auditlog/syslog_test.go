package auditlog

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// fakeSyslog listens where DialSyslog looks (SyslogPaths points at a socket in
// a temporary directory for the test).
func fakeSyslog(t *testing.T) *net.UnixConn {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log")
	c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	old := SyslogPaths
	SyslogPaths = []string{filepath.Join(t.TempDir(), "none"), path}
	t.Cleanup(func() { SyslogPaths = old })
	return c
}

func recvAll(t *testing.T, c *net.UnixConn, wait time.Duration) []string {
	t.Helper()
	var out []string
	buf := make([]byte, 65536)
	for {
		_ = c.SetReadDeadline(time.Now().Add(wait))
		n, err := c.Read(buf)
		if err != nil {
			return out
		}
		out = append(out, string(buf[:n]))
	}
}

func TestSyslogCopy(t *testing.T) {
	daemon := fakeSyslog(t)
	s := DialSyslog()
	if s == nil {
		t.Fatal("DialSyslog found no daemon")
	}
	rec := &recorder{}
	log, closeFn := Open(Config{Out: rec, Level: slog.LevelDebug, Syslog: s})
	log.Debug("debug only")
	log.Info("info only")
	log.Log(t.Context(), LevelNotice, "notice only")
	log.Warn("access", "ctx", "access", "path", "/tmp/x")
	log.Error("config", "err", "bad")
	log.Log(t.Context(), LevelCrit, "crit")
	log.Log(t.Context(), LevelAlert, "alert")
	log.Log(t.Context(), LevelEmerg, "emerg")
	closeFn()

	lines := rec.lines()
	if len(lines) != 8 {
		t.Fatalf("log has %d lines, want all 8", len(lines))
	}
	got := recvAll(t, daemon, 200*time.Millisecond)
	// LOG_USER is 8 (1<<3); severities emerg 0 .. warning 4.
	want := []struct {
		pri  int
		line string
	}{{12, lines[3]}, {11, lines[4]}, {10, lines[5]}, {9, lines[6]}, {8, lines[7]}}
	if len(got) != len(want) {
		t.Fatalf("syslog got %d messages, want %d (warn and above): %q", len(got), len(want), got)
	}
	tag := fmt.Sprintf(" syd[%d]: ", os.Getpid())
	for i, w := range want {
		pri := "<" + strconv.Itoa(w.pri) + ">"
		if !strings.HasPrefix(got[i], pri) {
			t.Errorf("message %d: %q, want priority %s", i, got[i], pri)
		}
		_, msg, ok := strings.Cut(got[i], tag)
		if !ok {
			t.Errorf("message %d: %q has no %q", i, got[i], tag)
		}
		if msg != w.line {
			t.Errorf("message %d: %q, want the log line %q", i, msg, w.line)
		}
	}
	if s.Dropped() != 0 {
		t.Errorf("dropped %d", s.Dropped())
	}
}

// The copy follows SYD_LOG too, and gets the JSON form when the log itself is
// in the terminal form; with no log output at all the copy still goes.
func TestSyslogCopyLevelAndForm(t *testing.T) {
	daemon := fakeSyslog(t)
	log, closeFn := Open(Config{Out: &recorder{}, Level: slog.LevelError, TTY: true, Syslog: DialSyslog()})
	log.Warn("below SYD_LOG")
	log.Error("config", "err", "bad")
	closeFn()
	got := recvAll(t, daemon, 200*time.Millisecond)
	if len(got) != 1 || !strings.HasPrefix(got[0], "<11>") || !strings.Contains(got[0], `: {"time":"`) ||
		!strings.HasSuffix(got[0], `"level":"error","msg":"config","err":"bad"}`+"\n") {
		t.Fatalf("syslog got %q", got)
	}

	log, closeFn = Open(Config{Level: slog.LevelWarn, Syslog: DialSyslog()})
	if !log.Enabled(t.Context(), slog.LevelWarn) || log.Enabled(t.Context(), slog.LevelInfo) {
		t.Fatal("syslog-only log: wrong levels enabled")
	}
	log.Warn("only syslog")
	closeFn()
	if got := recvAll(t, daemon, 200*time.Millisecond); len(got) != 1 || !strings.Contains(got[0], `"msg":"only syslog"`) {
		t.Fatalf("syslog-only got %q", got)
	}
}

func TestSyslogNoDaemon(t *testing.T) {
	old := SyslogPaths
	defer func() { SyslogPaths = old }()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o666); err != nil {
		t.Fatal(err)
	}
	SyslogPaths = []string{filepath.Join(dir, "missing"), filepath.Join(dir, "file"), dir}
	if s := DialSyslog(); s != nil {
		t.Fatal("DialSyslog connected to nothing")
	}
}

// A daemon that does not read must not slow the log down: the copy is
// dropped and counted, and Close returns after its bounded wait.
func TestSyslogNeverBlocks(t *testing.T) {
	fakeSyslog(t) // never read
	s := DialSyslog()
	rec := &recorder{}
	log, closeFn := Open(Config{Out: rec, Level: slog.LevelWarn, Syslog: s})
	const n = 20000
	start := time.Now()
	for i := range n {
		log.Warn("access", "i", i, "pad", strings.Repeat("x", 200))
	}
	if !returns(closeFn, 10*time.Second) {
		t.Fatal("Close hangs on a stuck syslog daemon")
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Fatalf("logging took %v with a stuck daemon", d)
	}
	if len(rec.lines()) != n {
		t.Fatalf("log lost lines: %d of %d", len(rec.lines()), n)
	}
	if s.Dropped() == 0 {
		t.Fatal("nothing dropped although the daemon never reads")
	}
}

// The connection is close-on-exec: a child (the sandboxed command, under syd)
// does not inherit it.
func TestSyslogCloseOnExec(t *testing.T) {
	daemon := fakeSyslog(t)
	s := DialSyslog()
	if s == nil {
		t.Fatal("no connection")
	}
	defer s.Close()
	// Our end of the connection is a socket connected to the daemon's path.
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	found := 0
	for _, e := range ents {
		fd, _ := strconv.Atoi(e.Name())
		sa, err := unix.Getpeername(fd)
		if err != nil {
			continue
		}
		if un, ok := sa.(*unix.SockaddrUnix); ok && un.Name == daemon.LocalAddr().String() {
			found++
			flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
			if err != nil || flags&unix.FD_CLOEXEC == 0 {
				t.Errorf("syslog fd %d is not close-on-exec (flags %#x, %v)", fd, flags, err)
			}
		}
	}
	if found != 1 {
		t.Fatalf("found %d fds connected to the daemon, want 1", found)
	}
	out, err := exec.Command("sh", "-c", "ls -l /proc/self/fd").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if strings.Contains(string(out), "socket:") {
		t.Fatalf("the child inherited a socket:\n%s", out)
	}
}
