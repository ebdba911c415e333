package auditlog

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

var ttyTime = time.Date(2026, 11, 23, 18, 49, 32, 0, time.UTC)

// ttyLine formats one record as the tty handler writes it (at 18:49:32 UTC).
func ttyLine(t *testing.T, h slog.Handler, level slog.Level, msg string, attrs ...slog.Attr) {
	t.Helper()
	r := slog.NewRecord(ttyTime, level, msg, 0)
	r.AddAttrs(attrs...)
	if err := h.Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}

// access is a record as logAccess (supervisor/internal/handlers) writes it.
func access(act, cap, sys, key, obj, cmd, tip string) []slog.Attr {
	return []slog.Attr{
		slog.Int("syd", 17880), slog.String("ctx", "access"), slog.String("cap", cap),
		slog.String("act", act), slog.String("sys", sys), slog.String(key, obj),
		slog.Int("pid", 17883), slog.Int("uid", 1000), slog.String("cmd", cmd),
		slog.String("cwd", "/tmp/x"), slog.String("tip", "configure `"+tip+"'"),
	}
}

func TestTTYGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		level slog.Level
		msg   string
		attrs []slog.Attr
		want  string
	}{{
		name: "path", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "write", "openat", "path", "/tmp/x/file", "sh -c echo x > /tmp/x/file", "allow/write+/tmp/x/file"),
		want:  `syd: 18:49:32 warn deny write /tmp/x/file (openat) pid 17883 "sh -c echo x > /tmp/x/file" — tip: syd -m 'allow/write+/tmp/x/file' or esyd allow_write '/tmp/x/file'`,
	}, {
		name: "addr", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "net/connect", "connect", "addr", "104.20.23.154!80", "curl example.com", "allow/net/connect+104.20.23.154!80"),
		want:  `syd: 18:49:32 warn deny net/connect 104.20.23.154!80 (connect) pid 17883 "curl example.com" — tip: syd -m 'allow/net/connect+104.20.23.154!80' or esyd allow_net --connect '104.20.23.154!80'`,
	}, {
		name: "unix", level: slog.LevelWarn, msg: "access",
		attrs: access("warn", "net/bind", "bind", "unix", "@ctl", "srv", "allow/net/bind+@ctl"),
		want:  `syd: 18:49:32 warn warn net/bind @ctl (bind) pid 17883 "srv" — tip: syd -m 'allow/net/bind+@ctl' or esyd allow_net --bind '@ctl'`,
	}, {
		name: "trace tip", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "exec", "execve", "path", "/tmp/x/a.out", "sh", "trace/allow_unsafe_nopie:1"),
		want:  `syd: 18:49:32 warn deny exec /tmp/x/a.out (execve) pid 17883 "sh" — tip: syd -m 'trace/allow_unsafe_nopie:1'`,
	}, {
		name: "not access", level: slog.LevelError, msg: "config",
		attrs: []slog.Attr{slog.String("ctx", "config"), slog.String("cmd", `-m "allow/foo+/x"`), slog.String("err", "invalid argument")},
		want:  `syd: 18:49:32 error config ctx=config cmd="-m \"allow/foo+/x\"" err="invalid argument"`,
	}, {
		name: "several categories, quote in path", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "read", "openat", "path", "/tmp/it's here", "cat", "allow/read,stat+/tmp/it's here"),
		want:  `syd: 18:49:32 warn deny read "/tmp/it's here" (openat) pid 17883 "cat" — tip: syd -m 'allow/read,stat+/tmp/it'\''s here' or esyd allow_read '/tmp/it'\''s here' && esyd allow_stat '/tmp/it'\''s here'`,
	}, {
		name: "control characters stay escaped", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "write", "openat", "path", "/tmp/a\nb", "sh -c 'touch \"a\nb\"'", "allow/write+/tmp/a\nb"),
		want:  `syd: 18:49:32 warn deny write "/tmp/a\nb" (openat) pid 17883 "sh -c 'touch \"a\nb\"'" — tip: "allow/write+/tmp/a\nb"`,
	}, {
		name: "note and extras", level: slog.LevelWarn, msg: "access",
		attrs: append(access("kill", "tpe", "execve", "path", "/tmp/x/run", strings.Repeat("y", 100), "sandbox/tpe:off (not root-owned)"), slog.Int("ipv", 4)),
		want:  `syd: 18:49:32 warn kill tpe /tmp/x/run (execve) pid 17883 "` + strings.Repeat("y", 79) + `…" ipv=4 — tip: syd -m 'sandbox/tpe:off' (not root-owned)`,
	}, {
		name: "two settings", level: slog.LevelWarn, msg: "access",
		attrs: access("deny", "exec", "execve", "path", "/x", "sh", "trace/allow_unsafe_nopie:1 and trace/allow_unsafe_stack:1 (or a readable file)"),
		want:  `syd: 18:49:32 warn deny exec /x (execve) pid 17883 "sh" — tip: syd -m 'trace/allow_unsafe_nopie:1' -m 'trace/allow_unsafe_stack:1' (or a readable file)`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			h := NewTTYHandler(rec, &TTYOptions{Location: time.UTC})
			ttyLine(t, h, tc.level, tc.msg, tc.attrs...)
			got := rec.lines()
			if len(got) != 1 || got[0] != tc.want+"\n" {
				t.Fatalf("got  %q\nwant %q", got, tc.want+"\n")
			}
		})
	}
}

func TestTTYAttrsAndGroups(t *testing.T) {
	rec := &recorder{}
	var h slog.Handler = NewTTYHandler(rec, &TTYOptions{Location: time.UTC})
	h = h.WithAttrs([]slog.Attr{slog.String("id", "brave_cerf")}).WithGroup("g")
	ttyLine(t, h, LevelNotice, "started", slog.Duration("took", 1500*time.Millisecond),
		slog.Any("err", errors.New("no such file")), slog.Group("sub", slog.Bool("ok", true)), slog.String("empty", ""))
	// ctx=access under a group is not an access record.
	ttyLine(t, h, slog.LevelWarn, "access", slog.String("ctx", "access"))
	want := []string{
		`syd: 18:49:32 notice started id=brave_cerf g.took=1.5s g.err="no such file" g.sub.ok=true g.empty=""` + "\n",
		`syd: 18:49:32 warn access id=brave_cerf g.ctx=access` + "\n",
	}
	if got := rec.lines(); strings.Join(got, "") != strings.Join(want, "") {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestTTYLevel(t *testing.T) {
	h := NewTTYHandler(&recorder{}, &TTYOptions{Level: slog.LevelWarn})
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), LevelEmerg) {
		t.Fatal("wrong levels enabled")
	}
}

func TestTip(t *testing.T) {
	for tip, want := range map[string]string{
		"configure `allow/exec+/usr/bin/true'":     `syd -m 'allow/exec+/usr/bin/true' or esyd allow_exec '/usr/bin/true'`,
		"configure `allow/net/sendfd+/run/s.sock'": `syd -m 'allow/net/sendfd+/run/s.sock' or esyd allow_net --sendfd '/run/s.sock'`,
		"configure `allow/write+/tmp/\\*\\*\\*'":   `syd -m 'allow/write+/tmp/\*\*\*' or esyd allow_write '/tmp/\*\*\*'`,
		"configure `force+/usr/bin/my prog:HASH'":  `syd -m 'force+/usr/bin/my prog:HASH'`,
		"allow/stat+/x":                            `syd -m 'allow/stat+/x' or esyd allow_stat '/x'`,
		"configure `allow/lock/read+/x'":           `syd -m 'allow/lock/read+/x' or esyd allow_lock_read '/x'`,
		"configure `trace/allow_unsafe_memfd:1'":   `syd -m 'trace/allow_unsafe_memfd:1'`,
		"configure `'":                             `""`,
		"configure `allow/write+/tmp/\x1b[31mred'": `"allow/write+/tmp/\x1b[31mred"`,
	} {
		if got := Tip(tip); got != want {
			t.Errorf("Tip(%q)\n got  %s\n want %s", tip, got, want)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(int(f.Fd())) || IsTerminal(-1) {
		t.Fatal("a file is a terminal")
	}
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer master.Close()
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skip(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skip(err)
	}
	slave, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer slave.Close()
	if !IsTerminal(int(slave.Fd())) {
		t.Fatal("a pty is not a terminal")
	}
}
