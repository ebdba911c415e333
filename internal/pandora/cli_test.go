package pandora

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseArgs(t *testing.T) {
	c, err := parseArgs([]string{"profile", "-b", "/bin/syd", "-s", "-mlock:exec", "-s-pfoo", "-o-", "-l0", "-t", "1.5", "-T", "2", "--", "sh", "-c", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if c.mode != "profile" || c.bin != "/bin/syd" || !slices.Equal(c.sydOpts, []string{"-mlock:exec", "-pfoo"}) || c.output != "-" ||
		c.depth != 0 || c.timeout != 1500*time.Millisecond || c.threads != 2 || !slices.Equal(c.command, []string{"sh", "-c", "x"}) {
		t.Errorf("parsed %+v", c)
	}
	c, err = parseArgs([]string{"profile", "true", "-o", "x"}) // the command starts at the first non-option
	if err != nil || !slices.Equal(c.command, []string{"true", "-o", "x"}) || c.output != DefaultOutput || c.depth != 3 || c.bin != "syd" {
		t.Errorf("parsed %+v, %v", c, err)
	}
	c, err = parseArgs([]string{"inspect", "-i", "log", "-o", "p.syd-3"})
	if err != nil || c.input != "log" || c.output != "p.syd-3" || len(c.command) != 0 {
		t.Errorf("parsed %+v, %v", c, err)
	}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"profile", "-h"}, {"inspect", "--help"}} {
		if _, err := parseArgs(args); !errors.Is(err, errHelp) {
			t.Errorf("%q: %v", args, err)
		}
	}
	if _, err := parseArgs([]string{"-V"}); !errors.Is(err, errVersion) {
		t.Errorf("-V: %v", err)
	}
	for _, args := range [][]string{
		{}, {"bogus"}, {"profile"}, {"profile", "--"}, {"profile", "-Z", "--", "true"}, {"profile", "-i", "x", "--", "true"},
		{"inspect", "-b", "syd"}, {"inspect", "extra"}, {"profile", "-l", "-1", "--", "true"}, {"profile", "-l", "x", "--", "true"},
		{"profile", "-t", "0", "--", "true"}, {"profile", "-t", "soon", "--", "true"}, {"profile", "-T", "0", "--", "true"},
		{"profile", "-o"}, {"profile", "-o", "", "--", "true"}, {"profile", "--output", "x", "--", "true"},
	} {
		if _, err := parseArgs(args); err == nil || errors.Is(err, errHelp) || errors.Is(err, errVersion) {
			t.Errorf("%q: accepted", args)
		}
	}
}

func TestCmdInspect(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "log"), filepath.Join(dir, "p.syd-3")
	log := "junk\n" + sampleRecord + "\n"
	if err := os.WriteFile(in, []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := Cmd([]string{"inspect", "-i", in, "-o", out, "-l", "0"}); st != 0 {
		t.Fatalf("status %d", st)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\nallow/write+/tmp/x/file\n") || !strings.Contains(string(data), "# Input: "+in+"\n") {
		t.Errorf("profile:\n%s", data)
	}
	if st := Cmd([]string{"inspect", "-i", filepath.Join(dir, "missing"), "-o", out}); st != 1 {
		t.Errorf("missing input: status %d", st)
	}
	if st := Cmd([]string{"inspect", "-i", in, "-o", filepath.Join(dir, "no", "such", "dir.syd-3")}); st != 1 {
		t.Errorf("unwritable output: status %d", st)
	}
	if st := Cmd([]string{"inspect", "-x"}); st != 2 {
		t.Errorf("bad option: status %d", st)
	}
}

func TestSummary(t *testing.T) {
	var b bytes.Buffer
	summary(&b, Stats{Accesses: 10, Warn: 8, Other: 2, Skipped: 3},
		Written{Rules: map[string]int{"read": 4, "net/connect": 1}, Force: 2, Unhashed: 1, Suggestions: 1}, "-")
	for _, want := range []string{"10 access records read: 8 warn", "2 other", "3 other lines skipped",
		"5 allow rules (read 4, net/connect 1)", "2 force rules", "1 executables not hashed", "1 hardening suggestions", "written to stdout"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
}
