package pandora

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fakeSyd writes a shell script that stands in for syd: it records its
// arguments and environment in $PANDORA_TEST_OUT, writes a few lines to
// SYD_LOG_FD and runs body.
func fakeSyd(t *testing.T, body string) (bin, out string) {
	t.Helper()
	dir := t.TempDir()
	bin, out = filepath.Join(dir, "fake-syd"), filepath.Join(dir, "out")
	script := `#!/bin/sh
for a in "$@"; do printf 'arg=%s\n' "$a"; done > "$PANDORA_TEST_OUT"
printf 'fd=%s nosyslog=%s log=%s tty=%s\n' "$SYD_LOG_FD" "${SYD_NO_SYSLOG-unset}" "${SYD_LOG-unset}" "${SYD_FORCE_TTY-unset}" >> "$PANDORA_TEST_OUT"
echo 'junk line' >&"$SYD_LOG_FD"
echo '{"ctx":"access","cap":"read","act":"warn","path":"/etc/hosts","pid":1}' >&"$SYD_LOG_FD"
` + body + "\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PANDORA_TEST_OUT", out)
	return bin, out
}

func TestRun(t *testing.T) {
	bin, out := fakeSyd(t, "exit 3")
	t.Setenv("SYD_LOG", "error")
	t.Setenv("SYD_LOG_FD", "2")
	t.Setenv("SYD_FORCE_TTY", "1")
	var got []Record
	res, err := Run(RunConfig{Syd: bin, SydOpts: []string{"-mallow/read+/x", "-p", "off"}, Command: []string{"cmd", "a b", "--"}}, func(r Record) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	if !res.Started || res.Status != 3 || res.TimedOut || res.Skipped != 1 {
		t.Errorf("result %+v", res)
	}
	if len(got) != 1 || got[0].Path != "/etc/hosts" {
		t.Errorf("records %+v", got)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	want := []string{"arg=-x", "arg=-mallow/read+/x", "arg=-p", "arg=off", "arg=--", "arg=cmd", "arg=a b", "arg=--",
		"fd=3 nosyslog=1 log=warn tty=unset"}
	if !slices.Equal(lines, want) {
		t.Errorf("syd saw\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	// The caller's SYD_NO_SYSLOG is kept.
	t.Setenv("SYD_NO_SYSLOG", "")
	t.Setenv("SYD_LOG", "info")
	if _, err := Run(RunConfig{Syd: bin, Command: []string{"x"}}, func(Record) {}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "nosyslog= log=info tty=unset") {
		t.Errorf("env: %s", data)
	}
}

func TestRunTimeout(t *testing.T) {
	bin, _ := fakeSyd(t, "exec sleep 30")
	start := time.Now()
	n := 0
	res, err := Run(RunConfig{Syd: bin, Command: []string{"x"}, Timeout: 300 * time.Millisecond}, func(Record) { n++ })
	if err != nil {
		t.Fatal(err)
	}
	if !res.TimedOut || res.Status != 128+9 || n != 1 {
		t.Errorf("result %+v, %d records", res, n)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestRunNoSyd(t *testing.T) {
	res, err := Run(RunConfig{Syd: "/nonexistent/syd", Command: []string{"true"}}, func(Record) {})
	if err == nil || res.Started {
		t.Errorf("got %+v, %v", res, err)
	}
}
